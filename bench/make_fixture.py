#!/usr/bin/env python3
"""Writes the HTML packet that bench/compare.sh prints with headless Chromium.

It reads a plan as JSON on stdin (from `homeward plan ... --json`) and writes a page with
the same content as the PDF packet for that plan: title, the patient/procedure/date table,
the red "Call 911" and amber "Call the spine office" boxes, each phase with its dates and
lists, physical therapy, return to work (with the work note), normal / not normal, the
factor sections, follow-up visits, a questions area with ruled lines, the teach-back
checklist and the sources in small type. It is a fair fixture, not a copy of the packet's
layout: about the same text and boxes, in a system sans-serif at 12.5pt on Letter.

The packet's timeline picture and wallet card are not drawn here.

Usage (what compare.sh runs):
    homeward plan --procedure lumbar-fusion ... --json | python3 bench/make_fixture.py \\
        --patient-name "..." --surgeon "..." --clinic-phone "..." \\
        --after-hours-phone "..." --printed-on YYYY-MM-DD [--out FILE | --out -]

Without --out it rewrites bench/fixture/packet.html. Standard library only.
"""

import argparse
import datetime
import html
import json
import sys
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TEACH_BACK = [
    "When to call 911, and when to call the office",
    "The lifting limit, and what to avoid in the first weeks",
    "When they may drive again, and no driving on opioid pain medicine",
    "The date of the first follow-up visit",
    "When physical therapy starts",
    "When they may go back to work",
]

CSS = """
@page {
  size: Letter;
  margin: 0.75in 0.75in 0.9in 0.75in;
  @bottom-center {
    content: "Page " counter(page) " of " counter(pages) "   |   " FOOTER;
    font: 9pt sans-serif;
    color: #606060;
  }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: sans-serif; font-size: 12.5pt; line-height: 1.35; color: #1a1a1a; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 2pt 0; }
.sub { font-size: 13.5pt; margin: 0 0 8pt 0; }
h2 { font-size: 16.5pt; margin: 15pt 0 4pt 0; break-after: avoid; }
h3 { font-size: 13.5pt; margin: 6pt 0 2pt 0; break-after: avoid; }
p { margin: 0 0 4pt 0; }
ul { margin: 0 0 4pt 0; padding-left: 1.2em; }
li { margin: 0 0 2pt 0; }
table.cover { width: 100%; border-collapse: separate; border-spacing: 0 3pt; margin-bottom: 10pt; }
table.cover td { background: #eef2f7; padding: 4pt 6pt; width: 50%; vertical-align: top; }
table.cover td + td { border-left: 12pt solid #fff; }
.label { color: #606060; font-size: 10pt; margin-right: 6pt; }
.value { font-weight: bold; }
.warn { border: 2.5pt solid; margin: 0 0 10pt 0; break-inside: avoid; }
.warn .bar { padding: 4pt 7pt; font-size: 13.5pt; font-weight: bold; }
.warn ul, .warn p { margin: 6pt 7pt; font-weight: bold; }
.warn.red { border-color: #b00020; background: #fdecee; }
.warn.red .bar { background: #b00020; color: #fff; }
.warn.amber { border-color: #f5a623; background: #fff4dc; }
.warn.amber .bar { background: #f5a623; color: #1a1a1a; }
.dates { font-weight: bold; }
.note { border: 1pt dashed #606060; padding: 8pt; margin: 8pt 0; break-inside: avoid; }
.note p { margin: 0 0 4pt 0; }
.checks { list-style: none; padding-left: 0; }
.checks li::before { content: ""; display: inline-block; width: 0.9em; height: 0.9em;
  border: 1pt solid #1a1a1a; margin-right: 0.6em; vertical-align: -0.1em; }
.ruled { height: 2.2em; border-bottom: 0.6pt solid #606060; }
.sign { margin: 8pt 0; }
.sources p { font-size: 9pt; margin: 0 0 2pt 0; }
"""


def esc(s):
    return html.escape(str(s), quote=True)


def day(iso):
    return datetime.date.fromisoformat(iso)


def long_date(iso):
    d = day(iso)
    return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"


def fmt_kg(kg):
    return f"{kg:.0f}" if float(kg).is_integer() else f"{kg:.1f}"


def bullets(lines, cls=None):
    attr = f' class="{cls}"' if cls else ""
    items = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return f"<ul{attr}>{items}</ul>\n"


def texts(lines):
    return [line["text"] for line in lines]


def phase_on(plan, d):
    for ph in plan["phases"]:
        if d >= ph["start_day"] and (ph["end_day"] is None or d <= ph["end_day"]):
            return ph
    return None


def cover(plan, a):
    p = plan["procedure"]
    none = "Ask your nurse"
    rows = [
        ("Patient", a.patient_name),
        ("Procedure", p["name"]),
        ("Levels", f'{plan["levels"]} {p["levels_noun"]}'),
        ("Procedure date", long_date(plan["surgery_date"])),
        ("Date you went home", long_date(plan["discharge_date"])),
        ("Your doctor", a.surgeon or none),
        ("Spine office phone", a.clinic_phone or none),
        ("After hours", a.after_hours_phone or none),
    ]
    cells = [f'<td><span class="label">{esc(k)}</span><span class="value">{esc(v)}</span></td>'
             for k, v in rows]
    trs = "".join(f"<tr>{''.join(cells[i:i + 2])}</tr>" for i in range(0, len(cells), 2))
    return (f"<h1>Your plan for going home</h1>\n"
            f'<p class="sub">After your {esc(p["patient_name"].lower())}</p>\n'
            f'<table class="cover">{trs}</table>\n')


def warning_boxes(plan, a):
    signs = lambda u: [w["text"] for w in plan["warning_signs"] if w["urgency"] == u]
    out = ('<div class="warn red"><div class="bar">Call 911 right away if:</div>'
           + bullets(signs("emergency")) + "</div>\n")
    after = ""
    if a.clinic_phone:
        after += f"<p>Call {esc(a.clinic_phone)}.</p>"
    if a.after_hours_phone:
        after += f"<p>At night or on weekends, call {esc(a.after_hours_phone)}.</p>"
    out += ('<div class="warn amber"><div class="bar">Call us now, day or night, if:</div>'
            + bullets(signs("urgent")) + after + "</div>\n")
    out += ('<div class="warn"><div class="bar">Call the spine office in office hours if:</div>'
            + bullets(signs("call_office")) + "</div>\n")
    return out


def phase_dates(ph):
    if ph["end_date"]:
        return f'{long_date(ph["start_date"])} to {long_date(ph["end_date"])}'
    return f'From {long_date(ph["start_date"])} on'


def phases(plan):
    out = ""
    for i, ph in enumerate(plan["phases"], 1):
        out += f'<h2>Phase {i}: {esc(ph["name"])}</h2>\n<p class="dates">{esc(phase_dates(ph))}</p>\n'
        for title, key in [("Your goals", "goals"), ("You can", "allowed"), ("Do not", "restrictions")]:
            if ph[key]:
                out += f"<h3>{title}</h3>\n" + bullets(texts(ph[key]))
    return out


def therapy(plan):
    return ("<h2>Physical therapy</h2>\n"
            f'<p class="dates">Physical therapy starts on {esc(long_date(plan["pt_start"]["date"]))}.</p>\n'
            "<p>Therapy will work on:</p>\n" + bullets(texts(plan["pt_focus"])))


def work(plan, a):
    out = "<h2>Going back to work</h2>\n"
    rtw = plan.get("return_to_work")
    if not rtw:
        out += "<p>When you can go back depends on how hard your job is:</p>\n"
        return out + bullets(f'{r["job_name"]}: {long_date(r["date"])}'
                             for r in plan["return_to_work_by_job"])
    job = rtw["job_name"].lower()
    when = long_date(rtw["date"])
    out += f'<p class="dates">You may go back to {esc(job)} on {esc(when)}.</p>\n'
    ph = phase_on(plan, rtw["day"])
    limit = None
    if ph and ph["lifting_limit_lb"] is not None and ph["end_date"]:
        limit = (ph["lifting_limit_lb"], fmt_kg(ph["lifting_limit_kg"]), long_date(ph["end_date"]))
        out += (f"<p>At work, do not lift more than {limit[0]} pounds (about {limit[1]} kg) "
                f"until {esc(limit[2])}.</p>\n")
    note = ['<p><b>Work note (you can cut this out and give it to your employer)</b></p>',
            f'<p>{esc(a.patient_name)} had a spine procedure on {esc(long_date(plan["surgery_date"]))}.</p>',
            f"<p>They may return to {esc(job)} on {esc(when)}.</p>"]
    if limit:
        note.append(f"<p>Lifting limit at work until {esc(limit[2])}: {limit[0]} pounds ({limit[1]} kg).</p>")
    if a.surgeon:
        note.append(f"<p>{esc(a.surgeon)}</p>")
    note.append('<p class="sign">Signed: ______________________   Date: ____________</p>')
    return out + '<div class="note">' + "".join(note) + "</div>\n"


def normal(plan):
    # What is not normal is in the three boxes of warning_boxes, by urgency, as in the packet.
    return "<h2>What is normal</h2>\n" + bullets(texts(plan["normal"]))


def sections(plan):
    out = ""
    for sec in plan["sections"]:
        out += f'<h2>{esc(sec["title"])}</h2>\n<p><b>Why this matters for you:</b></p>\n'
        out += "".join(f"<p>{esc(t)}</p>\n" for t in texts(sec["why"]))
        out += bullets(texts(sec["lines"]))
    return out


def visits(plan):
    rows = [f'{long_date(v["date"])}: {v["purpose"]}' for v in plan["follow_ups"]]
    return "<h2>Your follow-up visits</h2>\n" + bullets(rows, "checks")


def questions():
    return ("<h2>Questions for your care team</h2>\n"
            + "".join('<div class="ruled"></div>' for _ in range(6)) + "\n")


def teach_back():
    return ("<h2>Nurse check: teach-back</h2>\n"
            "<p>The patient or family said back, in their own words:</p>\n"
            + bullets(TEACH_BACK, "checks")
            + '<p class="sign">Nurse: ______________________________   Date: ____________</p>\n'
            + '<p class="sign">Patient or family: ____________________   Date: ____________</p>\n')


def sources(plan):
    rows = "".join(f'<p>[{esc(s["id"])}] {esc(s["citation"])}</p>\n' for s in plan["sources"])
    return f'<div class="sources"><h2>Where these numbers come from</h2>\n{rows}</div>\n'


def page(plan, a):
    footer = f'Protocol {plan["protocol_version"]}   |   Printed {long_date(a.printed_on)}'
    body = (cover(plan, a) + warning_boxes(plan, a) + phases(plan) + therapy(plan)
            + work(plan, a) + normal(plan) + sections(plan) + visits(plan) + questions()
            + teach_back() + sources(plan))
    title = f'Your plan for going home: {plan["procedure"]["patient_name"]}'
    return ("<!DOCTYPE html>\n"
            f'<html lang="{esc(plan["language"])}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{esc(title)}</title>\n"
            f"<style>{CSS.replace('FOOTER', json.dumps(footer))}</style>\n"
            f"</head>\n<body>\n{body}</body>\n</html>\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--patient-name", default="Maria Gonzalez-Nunez")
    ap.add_argument("--surgeon", default="Dr. Ana Rivera")
    ap.add_argument("--clinic-phone", default="(555) 201-3300")
    ap.add_argument("--after-hours-phone", default="(555) 201-3399")
    ap.add_argument("--printed-on", default="2026-12-04", help="YYYY-MM-DD, for the footer")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "fixture" / "packet.html"),
                    help="where to write the page; - for stdout")
    a = ap.parse_args()
    plan = json.load(sys.stdin)
    text = page(plan, a)
    if a.out == "-":
        sys.stdout.write(text)
    else:
        out = Path(a.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build crates/pdf/icons/icons.toml: the pictograms of the printed discharge packet.

    python3 scripts/icons.py <lucide-git-dir>           write icons.toml and LICENSE-lucide.txt
    python3 scripts/icons.py --check <lucide-git-dir>   contact sheet + numeric check, writes nothing in the repo
    python3 scripts/icons.py --check --all <dir>        also convert and check every icon in the checkout (minutes)

<lucide-git-dir> is a (bare) git directory of github.com/lucide-icons/lucide; the icons are read from
its HEAD with `git show`. Every SVG element Lucide uses becomes subpaths made only of absolute
`M x y`, `L x y`, `C x1 y1 x2 y2 x y` and `Z`, in the icon's 24x24 box (y down), numbers rounded to 3
decimals. The icons are strokes: width 2, round caps, round joins, no fill.

--check writes /tmp/icons-check.svg (for each icon: the original SVG, the converted paths, the two
overlaid, and the converted icon at 18 pt) and renders it to /tmp/icons-check.png with rsvg-convert,
inkscape or ImageMagick if one is there, else with the small rasteriser in icons_lib/raster.py
(ICONS_BUILTIN_RASTER=1 forces it). It also samples each icon both ways (the SVG read directly, with
quadratics and arcs evaluated as such, and the converted cubics) and fails if the two drawings are
further apart than TOLERANCE anywhere (with --all for every icon in the Lucide checkout), or if
icons.toml is stale.

This file holds the icon selection, the project-drawn icons, Lucide access, output writing and the
check; the SVG conversion is in icons_lib/svgpath.py, the independent sampler in icons_lib/sample.py
and the contact sheet in icons_lib/raster.py. Standard library only.
"""

import os
import re
import subprocess
import sys
import tomllib

from icons_lib.raster import contact_sheet, render_builtin, render_external
from icons_lib.sample import distance, sample_converted, sample_original
from icons_lib.svgpath import convert_path, convert_svg, subpath_str

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "crates", "pdf", "icons")
TOML_PATH = os.path.join(OUT_DIR, "icons.toml")
LICENSE_PATH = os.path.join(OUT_DIR, "LICENSE-lucide.txt")
CHECK_SVG = "/tmp/icons-check.svg"
CHECK_PNG = "/tmp/icons-check.png"
TOLERANCE = 0.01  # icon units (1/24 of the icon's width)

# name -> "lucide:<icon>" or "project"
ICONS = [
    ("walking", "lucide:footprints"),  # Lucide has no walking person (person-standing stands still)
    ("lifting", "lucide:weight"),
    ("bending", "project"),
    ("driving", "lucide:car"),
    ("shower", "lucide:shower-head"),
    ("incision", "lucide:bandage"),
    ("brace", "project"),
    ("collar", "project"),
    ("emergency", "lucide:siren"),
    ("phone", "lucide:phone"),
    ("office", "lucide:building"),
    ("calendar", "lucide:calendar-days"),
    ("pill", "lucide:pill"),
    ("ban", "lucide:ban"),
    ("therapy", "lucide:dumbbell"),
    ("work", "lucide:briefcase"),
]

# Project-drawn icons, in Lucide's style: 24x24, stroke 2, round caps and joins, no fill.
# Each string is an SVG path `d`, converted like Lucide's.
PROJECT = {
    # Side view, facing left, bent forward at the waist: head low, back arched, arm hanging,
    # legs straight.
    "bending": [
        "M6 14.5a2 2 0 1 1-4 0a2 2 0 1 1 4 0z", # head
        "M6 11.5C9 7 14 6 17 8",                # arched back, neck to hip
        "M8.5 10l.5 8",                         # arm hanging down
        "M17 8l-2 13",                          # front leg
        "M17 8l2.5 13",                         # back leg
    ],
    # Front view of a torso (neck, shoulders, waist, hips) with a wide back brace round the waist.
    "brace": [
        "M10 2v1c0 1.5-2 2-3.5 2.5S4 7 4 8.5 5 10 5.5 10",           # neck, left shoulder and flank
        "M14 2v1c0 1.5 2 2 3.5 2.5S20 7 20 8.5 19 10 18.5 10",       # neck, right shoulder and flank
        "M6 10h12a2 2 0 0 1 2 2v4a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-4a2 2 0 0 1 2-2z",  # the brace
        "M9 10v8",                                                   # its stays
        "M15 10v8",
        "M5 18c-.5 1.5-1 2.5-1 4",                                   # hips below the brace
        "M19 18c.5 1.5 1 2.5 1 4",
    ],
    # A head on a neck collar, shoulders below.
    "collar": [
        "M16 6a4 4 0 1 1-8 0a4 4 0 1 1 8 0z",     # head
        "M6 11c4 2 8 2 12 0v5c-4 2-8 2-12 0z",   # collar band
        "M2 22a10 5 0 0 1 4-4",                  # left shoulder
        "M22 22a10 5 0 0 0-4-4",                 # right shoulder
    ],
}


# ---------------------------------------------------------------------------------------------
# Lucide access


def git(gitdir, *args):
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], check=True,
                          capture_output=True, text=True).stdout


def lucide_svg(gitdir, name):
    return git(gitdir, "show", f"HEAD:icons/{name}.svg")


def build(gitdir):
    """[(name, source, [path strings], original svg or None)]"""
    out = []
    for name, source in ICONS:
        if source == "project":
            subs = [sp for d in PROJECT[name] for sp in convert_path(d)]
            svg = None
        else:
            svg = lucide_svg(gitdir, source.split(":", 1)[1])
            subs = convert_svg(svg)
        out.append((name, source, [subpath_str(sp) for sp in subs], svg))
    return out


def toml_text(sha, icons):
    lines = [f"# Generated by scripts/icons.py from Lucide {sha} (ISC, see LICENSE-lucide.txt) "
             "and project-drawn icons (same licence as the project). Do not edit by hand.",
             "# 24x24 box, y down. Draw as strokes: width 2, round caps, round joins, no fill.",
             "# Each string is one subpath of absolute M, L, C and Z commands."]
    for name, source, paths, _ in icons:
        lines += ["", f"[{name}]", f'source = "{source}"', "paths = ["]
        lines += [f'  "{p}",' for p in paths]
        lines.append("]")
    return "\n".join(lines) + "\n"


def license_text(gitdir):
    names = ", ".join(f"{n} ({s.split(':', 1)[1]})" for n, s in ICONS if s != "project")
    return (f"The icons {names} in icons.toml are converted from Lucide "
            f"(https://lucide.dev), under the licence below.\n\n" + git(gitdir, "show", "HEAD:LICENSE"))



def check(gitdir, sha, sweep_all=False):
    ok = True
    icons = build(gitdir)

    # 1. The committed file is what this script makes now.
    try:
        with open(TOML_PATH, encoding="utf-8") as f:
            current = f.read()
        if current != toml_text(sha, icons):
            print(f"STALE: {TOML_PATH} differs from what the script makes; run it without --check")
            ok = False
        data = tomllib.loads(current)
        if list(data) != [n for n, _ in ICONS]:
            print("BAD: icons.toml tables are not exactly", [n for n, _ in ICONS])
            ok = False
        for n, tbl in data.items():
            for p in tbl["paths"]:
                if not re.fullmatch(r"M -?[\d.]+ -?[\d.]+( (L( -?[\d.]+){2}|C( -?[\d.]+){6}|Z))+", p):
                    print(f"BAD: {n}: path is not M/L/C/Z only: {p[:60]}")
                    ok = False
    except FileNotFoundError:
        print(f"MISSING: {TOML_PATH}")
        ok = False

    # 2. Converted vs directly sampled, for the chosen icons (and with --all every icon in the checkout).
    worst = (0.0, None)
    for name, source, paths, svg in icons:
        orig = sample_original(svg, PROJECT.get(name))
        dist = distance(orig, sample_converted(paths))
        print(f"  {name:10} {source:22} {len(paths):3} subpaths  max deviation {dist:.4f}")
        if dist > TOLERANCE:
            print(f"BAD: {name} deviates by {dist:.4f}")
            ok = False
    names = [] if not sweep_all else [p[len("icons/"):-4] for p in git(gitdir, "ls-tree", "--name-only", "HEAD", "icons/").split()
             if p.endswith(".svg")]
    proc = subprocess.run(["git", f"--git-dir={gitdir}", "cat-file", "--batch"],
                          input="".join(f"HEAD:icons/{n}.svg\n" for n in names).encode(),
                          capture_output=True, check=True).stdout
    pos, bad_all = 0, 0
    for n in names:
        header_end = proc.index(b"\n", pos)
        size = int(proc[pos:header_end].split()[2])
        svg = proc[header_end + 1:header_end + 1 + size].decode("utf-8")
        pos = header_end + 1 + size + 1
        try:
            orig = sample_original(svg, None)
            dist = distance(orig, sample_converted([subpath_str(sp) for sp in convert_svg(svg)]))
        except Exception as e:  # noqa: BLE001
            print(f"BAD: lucide {n}: {e}")
            bad_all += 1
            continue
        if dist > worst[0]:
            worst = (dist, n)
        if dist > TOLERANCE:
            print(f"BAD: lucide {n} deviates by {dist:.4f}")
            bad_all += 1
    if sweep_all:
        print(f"  all {len(names)} Lucide icons converted; largest deviation {worst[0]:.4f} ({worst[1]}); "
              f"{bad_all} bad")
    ok = ok and bad_all == 0

    # 3. Contact sheet.
    sheet, _w, _h = contact_sheet(icons, PROJECT)
    with open(CHECK_SVG, "w", encoding="utf-8") as f:
        f.write(sheet)
    tool = None if os.environ.get("ICONS_BUILTIN_RASTER") else render_external(CHECK_SVG, CHECK_PNG)
    if tool is None:
        render_builtin(icons, CHECK_PNG, PROJECT)
        tool = "built-in rasteriser"
    print(f"  contact sheet {CHECK_SVG}, rendered to {CHECK_PNG} with {tool}")
    print("  columns: original, converted, overlay (original pink, converted thin black), converted at 18 pt")
    print("check passed" if ok else "check FAILED")
    return 0 if ok else 1


def main(argv):
    args = [a for a in argv if a not in ("--check", "--all")]
    if len(args) != 1:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    gitdir = args[0]
    sha = git(gitdir, "rev-parse", "HEAD").strip()
    if "--check" in argv:
        return check(gitdir, sha, "--all" in argv)
    icons = build(gitdir)
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(TOML_PATH, "w", encoding="utf-8") as f:
        f.write(toml_text(sha, icons))
    with open(LICENSE_PATH, "w", encoding="utf-8") as f:
        f.write(license_text(gitdir))
    print(f"wrote {TOML_PATH} ({len(icons)} icons, Lucide {sha[:12]}) and {LICENSE_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Reads an iCalendar file with the `icalendar` package and prints what it holds as JSON:
the calendar's name and each event's summary, description, language, start and end (an
all-day event's dates; a timed one fails). Usage: ics_read.py FILE.ics"""
import datetime
import json
import sys

from icalendar import Calendar

with open(sys.argv[1], "rb") as f:
    cal = Calendar.from_ical(f.read())
events = []
for ev in cal.walk("VEVENT"):
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    for d in (start, end):
        if isinstance(d, datetime.datetime) or not isinstance(d, datetime.date):
            sys.exit(f"not an all-day event: {ev.get('SUMMARY')} starts {d!r}")
    events.append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "description": str(ev["DESCRIPTION"]),
        "language": ev["SUMMARY"].params.get("LANGUAGE"),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "stamp": ev.decoded("DTSTAMP").isoformat(),
    })
print(json.dumps({
    "version": str(cal["VERSION"]),
    "name": str(cal.get("X-WR-CALNAME", "")),
    "events": events,
}, ensure_ascii=False))

#!/usr/bin/env python3
"""Prints, for every procedure and job level (one level, no risk factors), the day back at
work and the full-duty day, each with the lifting limit in force that day, as a Markdown
table. A clinical lead checks with it that no work date contradicts a lifting limit.

Usage: python3 scripts/work-table.py [path/to/homeward] [extra plan flags...]
"""
import json
import subprocess
import sys

def limit_on(plan, day):
    for ph in plan["phases"]:
        if day >= ph["start_day"] and (ph["end_day"] is None or day <= ph["end_day"]):
            return ph["lifting_limit_lb"]
    return None


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/homeward"
    extra = sys.argv[2:]
    print("| procedure | job | back at work (limit that day) | full duty (limit that day) | waits for |")
    print("|---|---|---|---|---|")
    listed = subprocess.run([binary, "procedures", "--json"], check=True,
                            capture_output=True, text=True).stdout
    for proc in [p["id"] for p in json.loads(listed)]:
        out = subprocess.run([binary, "plan", "--procedure", proc, "--levels", "1",
                              "--surgery-date", "2026-12-01", "--json", *extra],
                             check=True, capture_output=True, text=True).stdout
        plan = json.loads(out)
        for w in plan["return_to_work_by_job"]:
            full = w["full_duty"]
            back_limit = limit_on(plan, w["day"])
            full_limit = limit_on(plan, full["day"])
            back = f"day {w['day']} {w['date']} ({back_limit or 'no'} lb limit)"
            if w["light_duty"]:
                back += ", light duty"
            print(f"| {proc} | {w['job']} | {back} | day {full['day']} {full['date']} "
                  f"({full_limit or 'no'} lb limit) | {full.get('gate') or ''} |")


if __name__ == "__main__":
    main()

"""Writes an operating list of N patients for bench/batch.sh: CSV (default), or with
--flags the same patients as `homeward packet` flags, one base64 NUL-separated argument
list per line. Every procedure, both languages, the common factors and every job."""
import base64
import sys

PROCEDURES = [("microdiscectomy", 1), ("laminectomy", 1), ("acdf", 1), ("lumbar-fusion", 2),
              ("mis-lumbar-fusion", 1), ("alif", 1), ("lateral-fusion", 1),
              ("fibrin-disc-repair", 1)]
FACTORS = ["", "nicotine", "nicotine;diabetes", "opioids", "age-65-plus;blood-thinners"]
JOBS = ["sedentary", "light", "medium", "heavy", "very-heavy"]


def rows(n):
    for i in range(n):
        procedure, levels = PROCEDURES[i % len(PROCEDURES)]
        yield {
            "name": f"Patient {i:04}",
            "dob": f"19{50 + i % 40}-0{1 + i % 9}-{1 + i % 28:02}",
            "mrn": f"MRN-{i:06}",
            "procedure": procedure,
            "levels": str(levels),
            "factors": FACTORS[i % len(FACTORS)],
            "job": JOBS[i % len(JOBS)],
            "surgery_date": "2026-12-07",
            "discharge_date": "2026-12-08",
            "surgeon": "Dr. Ana Rivera",
            "language": "es" if i % 4 == 0 else "en",
        }


def main():
    n = int(sys.argv[1])
    if "--flags" in sys.argv:
        for r in rows(n):
            args = ["--patient-name", r["name"], "--dob", r["dob"], "--mrn", r["mrn"],
                    "--procedure", r["procedure"], "--levels", r["levels"], "--job", r["job"],
                    "--surgery-date", r["surgery_date"], "--discharge-date", r["discharge_date"],
                    "--surgeon", r["surgeon"], "--language", r["language"]]
            for f in filter(None, r["factors"].split(";")):
                args += ["--factor", f]
            print(base64.b64encode("\0".join(args).encode() + b"\0").decode())
        return
    cols = list(next(rows(1)).keys())
    print(",".join(cols))
    for r in rows(n):
        print(",".join(r[c] for c in cols))


main()

#!/usr/bin/env bash
# Homeward's PDF packet against headless Chromium printing the same packet as HTML.
#
# What it measures: the whole process, start to exit, on each side:
#   homeward: `homeward packet ... --out X.pdf` (load the protocol, plan, lay out, render,
#             write the file);
#   chromium: `chromium --headless ... --print-to-pdf=X.pdf file://bench/fixture/packet.html`
#             with a fresh --user-data-dir every run (a cold profile, as a one-off print is).
# Both print the same plan: the HTML page is generated from `homeward plan ... --json` for
# the same flags (bench/make_fixture.py), so both packets hold the same text.
#
# It prints the median wall time of RUNS runs each (default 20), their ratio, the size of
# the PDFs and the peak memory: max RSS as /usr/bin/time -f %M reports it. That is the
# largest single process, so for Chromium, which runs several, the total is higher.
# Runs alternate between the two sides, after one untimed warm-up run each; every run goes
# through the same /usr/bin/time and `timeout 120` wrappers on both sides.
#
# Run from anywhere in the repository:
#     bash bench/compare.sh            # 20 runs each
#     RUNS=10 bash bench/compare.sh
#
# It builds the release CLI and installs Debian's chromium and time with apt-get if they
# are missing (with sudo when not root). It rewrites bench/fixture/packet.html.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-20}
HOMEWARD="$ROOT/target/release/homeward"
FIXTURE="$ROOT/bench/fixture/packet.html"

# The packet both sides print.
PLAN_FLAGS=(--procedure lumbar-fusion --levels 2 --smoker --diabetes --job heavy
            --surgery-date 2026-12-01 --discharge-date 2026-12-04)
WHO_FLAGS=(--patient-name "Maria Gonzalez-Nunez" --surgeon "Dr. Ana Rivera"
           --clinic-phone "(555) 201-3300" --after-hours-phone "(555) 201-3399"
           --printed-on 2026-12-04)

die() { echo "compare.sh: $*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$RUNS'"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# --- setup -------------------------------------------------------------------------------
missing=()
for pkg in chromium time; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]} ..." >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
command -v python3 >/dev/null || die "python3 is needed to make the HTML fixture"

(cd "$ROOT" && cargo build --release -p homeward-cli)

"$HOMEWARD" plan "${PLAN_FLAGS[@]}" --json |
  python3 "$ROOT/bench/make_fixture.py" "${WHO_FLAGS[@]}" --out "$FIXTURE"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- one run -----------------------------------------------------------------------------
# run_side SIDE: runs that side once, writing $WORK/SIDE.pdf, and appends the wall time (ms)
# and max RSS (KB) to $WORK/SIDE.ms and $WORK/SIDE.kb. Fails if no PDF was written.
run_side() {
  local side=$1 out="$WORK/$1.pdf" profile="" rc=0 t0 t1
  rm -f "$out"
  local cmd
  case $side in
    homeward)
      cmd=("$HOMEWARD" packet "${PLAN_FLAGS[@]}" "${WHO_FLAGS[@]}" --out "$out")
      ;;
    chromium)
      profile=$(mktemp -d)
      cmd=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
           --disable-background-networking --disable-component-update --disable-sync
           "--user-data-dir=$profile" --no-pdf-header-footer "--print-to-pdf=$out"
           "file://$FIXTURE")
      ;;
  esac
  t0=$EPOCHREALTIME
  /usr/bin/time -f %M -o "$WORK/rss" timeout 120 "${cmd[@]}" >"$WORK/$side.log" 2>&1 || rc=$?
  t1=$EPOCHREALTIME
  if [[ -n $profile ]]; then rm -rf "$profile"; fi
  if ((rc != 0)) || [[ ! -s $out ]] || [[ $(head -c 5 "$out") != "%PDF-" ]]; then
    echo "compare.sh: $side did not write a PDF (exit status $rc); its output:" >&2
    tail -n 20 "$WORK/$side.log" >&2
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$WORK/$side.ms"
  tail -n 1 "$WORK/rss" >>"$WORK/$side.kb"
}

# --- measure -----------------------------------------------------------------------------
echo "warm-up, then $RUNS runs each ..." >&2
run_side homeward
run_side chromium
rm -f "$WORK"/*.ms "$WORK"/*.kb
for ((i = 1; i <= RUNS; i++)); do
  run_side homeward
  run_side chromium
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { sort -n "$1" | tail -n 1; }

hw_ms=$(median "$WORK/homeward.ms");  cr_ms=$(median "$WORK/chromium.ms")
hw_kb=$(maxof "$WORK/homeward.kb");   cr_kb=$(maxof "$WORK/chromium.kb")
hw_size=$(stat -c %s "$WORK/homeward.pdf"); cr_size=$(stat -c %s "$WORK/chromium.pdf")

# --- report ------------------------------------------------------------------------------
echo
echo "Packet: lumbar fusion, 2 levels, smoker + diabetes, heavy job, Letter; $RUNS runs each"
echo "homeward: $("$HOMEWARD" --version 2>/dev/null || echo homeward)   chromium: $(chromium --version 2>/dev/null | head -n 1)"
echo "machine: $(nproc) CPUs"
echo
awk -v hm="$hw_ms" -v cm="$cr_ms" -v hs="$hw_size" -v cs="$cr_size" -v hk="$hw_kb" -v ck="$cr_kb" 'BEGIN {
  f = "%-28s %14s %14s\n"
  printf f, "", "homeward", "chromium"
  printf f, "median wall time (ms)", sprintf("%.1f", hm), sprintf("%.1f", cm)
  printf f, "ratio (chromium / homeward)", "1.0x", sprintf("%.1fx", cm / hm)
  printf f, "PDF size (KB)", sprintf("%.1f", hs / 1024), sprintf("%.1f", cs / 1024)
  printf f, "peak RSS, max of runs (MB)", sprintf("%.1f", hk / 1024), sprintf("%.1f", ck / 1024)
}'

#!/usr/bin/env bash
# An operating list at once: `homeward batch` against what a clinic would do without it,
# one `homeward packet` process per patient.
#
# What it measures (wall time, on this machine, release build):
#   batch:      `homeward batch list.csv --out-dir DIR` for N patients (default 1000): read
#               and check every row, then plan, lay out, draw and write each packet, the
#               drawing spread over every core;
#   one by one: `homeward packet ...` for M of the same patients (default 100), one process
#               after another, as a script looping over the list would;
# and reports packets per second for each and their ratio. The list mixes every procedure,
# both languages, factors and jobs (as bench/make_list.py writes it); peak memory is the
# batch's max RSS (/usr/bin/time -f %M).
#
#     bash bench/batch.sh              # 1000 patients; 100 one by one
#     N=200 M=50 bash bench/batch.sh
#
# It builds the release CLI; it uses a database of its own in a temporary folder.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000}
M=${M:-100}
HOMEWARD="$ROOT/target/release/homeward"

die() { echo "batch.sh: $*" >&2; exit 1; }
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number, not '$N'"
[[ $M =~ ^[1-9][0-9]*$ ]] || die "M must be a positive whole number, not '$M'"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed (Debian package: time)"

(cd "$ROOT" && cargo build --release -p homeward-cli)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOMEWARD_DB="$WORK/homeward.db"
"$HOMEWARD" settings set clinic-phone "(555) 201-3300" >/dev/null
python3 "$ROOT/bench/make_list.py" "$N" >"$WORK/list.csv"

now() { echo "$EPOCHREALTIME"; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }

# --- batch -------------------------------------------------------------------------------
t0=$(now)
/usr/bin/time -f %M -o "$WORK/rss" "$HOMEWARD" batch "$WORK/list.csv" --out-dir "$WORK/batch" \
  --printed-on 2026-12-05 >"$WORK/batch.log"
t1=$(now)
batch_ms=$(ms "$t0" "$t1")
made=$(find "$WORK/batch" -name '*.pdf' | wc -l)
((made == N)) || die "batch wrote $made packets, not $N"

# --- one process per packet --------------------------------------------------------------
# The same rows, as flags: python writes one NUL-separated argument list per line.
python3 "$ROOT/bench/make_list.py" "$M" --flags >"$WORK/flags"
mkdir -p "$WORK/single"
t0=$(now)
i=0
while IFS= read -r line; do
  i=$((i + 1))
  mapfile -d '' -t args < <(printf '%s' "$line" | base64 -d)
  "$HOMEWARD" packet "${args[@]}" --printed-on 2026-12-05 --out "$WORK/single/$i.pdf" >/dev/null
done <"$WORK/flags"
t1=$(now)
single_ms=$(ms "$t0" "$t1")

# --- report ------------------------------------------------------------------------------
echo
echo "OR list: $N patients (every procedure, English and Spanish); $(nproc) CPUs; $("$HOMEWARD" --version)"
awk -v n="$N" -v bm="$batch_ms" -v m="$M" -v sm="$single_ms" -v kb="$(tail -n 1 "$WORK/rss")" 'BEGIN {
  f = "%-34s %12s %16s\n"
  printf f, "", "batch", "one by one"
  printf f, "packets", n, m
  printf f, "wall time (s)", sprintf("%.2f", bm / 1000), sprintf("%.2f", sm / 1000)
  printf f, "packets per second", sprintf("%.0f", n / (bm / 1000)), sprintf("%.0f", m / (sm / 1000))
  printf f, "ratio", sprintf("%.1fx", (n / bm) / (m / sm)), "1.0x"
  printf f, "peak RSS (MB)", sprintf("%.0f", kb / 1024), ""
}'

#!/usr/bin/env bash
# Sets up whatever is missing, then runs every check CI runs: formatting, lints, and all
# tests (unit, scenario, property, registry, reading level, CLI end to end). Ends with one
# line totalling the tests: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
cargo test --workspace --locked 2>&1 | tee "$log" || status=$?

# Sample packets rendered to PNG pages in artifacts/packets/, for a person to look at.
if [ "$status" -eq 0 ]; then
  bash scripts/render-samples.sh
fi

# Sum every test binary's "test result:" line into the closing line.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"

#!/usr/bin/env bash
# Sets up whatever is missing, then runs every check CI runs: formatting, lints, type and
# accessibility checks of the UI, and all tests — Rust (unit, scenario, property, registry,
# reading level, storage, CLI end to end), the UI's unit tests (Vitest), and the end-to-end
# tests through the real window under Xvfb (which also build the .deb). Ends with one line
# totalling the tests: "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/ui-deps.sh
bash scripts/test-tools.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

# The UI: types and Svelte's accessibility warnings (as errors), then its unit tests.
(cd ui && npm run --silent check)
(cd ui && NO_COLOR=1 npm test 2>&1) | tee -a "$log" || status=$?
# The app's binary embeds ui/dist, so it must exist before cargo compiles the shell.
(cd ui && npm run --silent build)

cargo fmt --all --check
cargo clippy --workspace --all-targets --all-features --locked -- -D warnings
cargo test --workspace --locked 2>&1 | tee -a "$log" || status=$?

if [ "$status" -eq 0 ]; then
  # Sample packets rendered to PNG pages in artifacts/packets/, for a person to look at.
  bash scripts/render-samples.sh
  bash scripts/e2e.sh 2>&1 | tee -a "$log" || status=$?
fi

# Sum every Rust test binary's "test result:" line and Vitest's "Tests" line.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     /^ *Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"

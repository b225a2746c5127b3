#!/usr/bin/env bash
# Sets up whatever is missing, builds Homeward and runs the main job. Until the desktop
# app lands, that is the `homeward` CLI printing a sample plan; any arguments replace the
# sample (e.g. `bash scripts/run.sh procedures`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked -p homeward-cli
if [ $# -eq 0 ]; then
  set -- plan --procedure lumbar-fusion --levels 2 --smoker --diabetes --job heavy --surgery-date 2026-12-01
fi
exec ./target/release/homeward "$@"

#!/usr/bin/env bash
# Sets up whatever is missing, builds the Homeward desktop app and starts it. With no
# display (no DISPLAY or WAYLAND_DISPLAY) it says so in one line and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found (DISPLAY and WAYLAND_DISPLAY are unset): start Homeward from a desktop session" >&2
  exit 1
fi
bash scripts/setup.sh
bash scripts/build-app.sh
exec ./target/release/homeward-desktop "$@"

#!/usr/bin/env bash
# The desktop app's speed, as a nurse meets it: launch to interactive form, form change to
# preview, packet preview, idle memory, .deb size. Builds the release app and its .deb first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-app.sh --deb
driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
[ -x "$driver" ] || cargo install tauri-driver --version 2.1.0 --locked
cargo build --release --locked --example speed
HOMEWARD_APP="$PWD/target/release/homeward-desktop" TAURI_DRIVER="$driver" \
  xvfb-run -a -s "-screen 0 1280x1024x24" ./target/release/examples/speed

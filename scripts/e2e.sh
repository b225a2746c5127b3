#!/usr/bin/env bash
# End-to-end tests through the real window: builds the release app and its .deb (the
# packaging check), installs tauri-driver if missing, and runs tests/e2e under Xvfb.
# Screenshots land in artifacts/e2e/<test>/. Extra arguments go to the test binary.
set -euo pipefail
cd "$(dirname "$0")/.."
TAURI_DRIVER_VERSION=2.1.0

bash scripts/build-app.sh --deb
if ! "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" --help >/dev/null 2>&1; then
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi
export HOMEWARD_APP="$PWD/target/release/homeward-desktop"
# One window at a time: the machine has 2 cores, and windows would steal each other's focus.
xvfb-run -a -s "-screen 0 1280x1024x24" \
  cargo test --locked --features e2e --test e2e -- --test-threads=1 "$@"

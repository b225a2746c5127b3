#!/usr/bin/env bash
# Builds the desktop app: the UI (ui/dist) and the self-contained release binary
# target/release/homeward-desktop. With `--deb`, also the Debian package in
# target/release/bundle/deb/. Offline once the npm and cargo caches are filled.
#
# The Tauri CLI is pinned and fetched by npx (a prebuilt binary from npm); it is kept out of
# ui/package.json because the registry here serves only the Linux build, so a lockfile that
# names the other platforms' binaries would fail `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."
TAURI_CLI_VERSION=2.12.5

bash scripts/ui-deps.sh
bundle=(--no-bundle)
if [ "${1:-}" = "--deb" ]; then bundle=(--bundles deb); fi
# `tauri build` runs the UI build (beforeBuildCommand) and compiles with custom-protocol, so
# the binary carries ui/dist inside it.
npx -y "@tauri-apps/cli@${TAURI_CLI_VERSION}" build "${bundle[@]}" --features custom-protocol --ci -- --locked

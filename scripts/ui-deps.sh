#!/usr/bin/env bash
# Installs the UI's npm packages exactly as locked, only when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/../ui"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

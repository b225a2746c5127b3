#!/usr/bin/env bash
# Installs the independent checkers the tests run on Homeward's exports, exactly as pinned:
# FHIR.js (npm, tests/tools/package-lock.json) and fhir.resources and icalendar (PyPI,
# tests/tools/requirements.txt, into tests/tools/.venv). Only when missing or stale.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --silent
fi
if [ ! -x .venv/bin/python ] || [ requirements.txt -nt .venv/.installed ]; then
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  touch .venv/.installed
fi

#!/usr/bin/env bash
# Installs the independent checkers the tests run on Homeward's exports, exactly as pinned:
# fhir.resources and icalendar (PyPI, tests/tools/requirements.txt, into tests/tools/.venv).
# FHIR.js comes with the UI's npm packages (scripts/ui-deps.sh). Only when missing or stale.
set -euo pipefail
bash "$(dirname "$0")/ui-deps.sh"
cd "$(dirname "$0")/../tests/tools"
if [ ! -x .venv/bin/python ] || [ requirements.txt -nt .venv/.installed ]; then
  rm -rf .venv
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  touch .venv/.installed
fi

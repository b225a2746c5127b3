#!/usr/bin/env bash
# Installs whatever this machine is missing to build, run and test Homeward, and nothing
# else. Safe to run again: each step checks first. Debian/Ubuntu (apt-get); uses sudo when
# not root.
set -euo pipefail

# Debian packages the project needs:
# - building the desktop app (Tauri 2 on WebKitGTK 4.1): compilers, pkg-config, the -dev libs;
# - checking PDFs in tests: poppler-utils, qpdf; the icon contact sheet (scripts/icons.py):
#   librsvg2-bin;
# - driving the real window in tests: Xvfb (a display without a screen), xauth,
#   WebKitWebDriver (webkit2gtk-driver), xdotool (answers the native save dialog).
APT_PACKAGES=(
  build-essential pkg-config curl wget file libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  poppler-utils qpdf librsvg2-bin
  xvfb xauth webkit2gtk-driver xdotool
)
# Node.js and npm build the UI; take the distribution's only when there is none at all.
command -v node >/dev/null 2>&1 || APT_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
# Python 3 with venv runs the tests' independent FHIR and iCalendar checkers
# (scripts/test-tools.sh); Debian splits venv into its own package.
command -v python3 >/dev/null 2>&1 || APT_PACKAGES+=(python3)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || APT_PACKAGES+=(python3-venv)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  # Debian 13 and Ubuntu 24.04 package rustup; older releases' rustc is too old for edition 2024.
  echo "setup: no Rust toolchain found; installing rustup from the distribution"
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustup
  rustup default stable
fi

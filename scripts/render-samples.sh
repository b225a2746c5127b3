#!/usr/bin/env bash
# Renders sample packets (Letter and A4, normal and large print) to PDF and to PNG pages in
# artifacts/packets/, for a person to look at. CI runs it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packets
rm -rf "$out"
mkdir -p "$out"
cargo build --quiet --locked -p homeward-cli
bin=target/debug/homeward
common=(--surgery-date 2026-12-01 --printed-on 2026-12-03
        --surgeon "Dr. Ana Rivera" --clinic-name "Riverside Spine Center"
        --clinic-phone "(555) 201-3300" --after-hours-phone "(555) 201-3399")
render() {
  local name=$1; shift
  "$bin" packet "$@" "${common[@]}" --out "$out/$name.pdf" >/dev/null
  pdftoppm -png -r 60 "$out/$name.pdf" "$out/$name"
}
render fusion-letter --discharge-date 2026-12-03 --procedure lumbar-fusion --levels 2 --smoker --diabetes --job heavy --patient-name "Maria Gonzalez-Núñez"
render fusion-a4-large --discharge-date 2026-12-03 --procedure lumbar-fusion --levels 2 --smoker --diabetes --job heavy --patient-name "Maria Gonzalez-Núñez" --paper a4 --large-print
render acdf-letter-large --discharge-date 2026-12-02 --procedure acdf --levels 3 --obesity --opioids --age-65-plus --patient-name "Robert Okonkwo-Lindqvist" --large-print
render fibrin-a4 --discharge-date 2026-12-01 --procedure fibrin-disc-repair --job sedentary --patient-name "Sam Lee" --paper a4
echo "sample packets: $(ls "$out"/*.png | wc -l) pages rendered in $out/"

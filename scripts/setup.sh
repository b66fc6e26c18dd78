#!/usr/bin/env bash
# Set-up for a fresh machine with Go installed: Debian packages that the
# tests drive or check against, then the Go modules. newsim itself reads no
# Debian data at run time (the GeoNames city names are embedded). Safe to
# run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages:
#   libgeonames-common             source of the embedded city names (go generate ./analysis/entity;
#                                  TestEmbeddedGeoNamesIsCurrent compares the embedded copy with it)
#   chromium, chromium-driver      headless browser for the web page's end-to-end test
#   fonts-noto-core, fonts-dejavu-core  fonts with Arabic glyphs for the screenshots
packages=(libgeonames-common chromium chromium-driver fonts-noto-core fonts-dejavu-core)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: no apt-get here; newsim runs without ${missing[*]} (the tests that need them skip)" >&2
  fi
fi

go mod download

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
#   prometheus                     promtool, which checks a real /metrics scrape (scripts/test.sh)
#   curl                           fetches from the server scripts/test.sh starts
#   python3-sklearn, time          the scikit-learn yardstick scripts/bench-score.sh times newsim against
#   postgresql                     the PostgreSQL server binaries the store tests start on loopback
#                                  (internal/pgtest; newsim itself needs no server: SQLite is the default)
#   dict-freedict-*                pivot dictionaries X↔English (analysis/pivot; GPL, read at run time, never committed)
packages=(libgeonames-common chromium chromium-driver fonts-noto-core fonts-dejavu-core prometheus curl python3-sklearn time postgresql)
for d in ara-eng deu-eng spa-eng fra-eng ita-eng pol-eng tur-eng eng-ara eng-spa eng-fra eng-ita eng-pol eng-rus eng-tur; do
  packages+=("dict-freedict-$d")
done

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

# Checking tools at pinned versions (scripts/versions.sh): staticcheck from
# the Go module proxy; Redocly's OpenAPI linter from npm (fetched into npm's
# cache here so that scripts/test.sh does not wait for it).
source scripts/versions.sh
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
if ! "$gobin/staticcheck" -version 2>/dev/null | grep -qF "(${STATICCHECK_VERSION#v})"; then
  echo "setup: installing staticcheck $STATICCHECK_VERSION" >&2
  go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION"
fi
if command -v npx >/dev/null 2>&1; then
  npx --yes "@redocly/cli@$REDOCLY_VERSION" --version >/dev/null 2>&1 ||
    echo "setup: could not fetch @redocly/cli@$REDOCLY_VERSION from npm" >&2
else
  echo "setup: no npx (Node.js 20.19 or later with npm): the OpenAPI lint of scripts/test.sh cannot run" >&2
fi

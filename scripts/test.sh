#!/usr/bin/env bash
# The test command: set-up, build, vet, staticcheck, the API checks, then
# every test of the module (go test runs last: its closing lines are what
# CI reads).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/versions.sh
export CGO_ENABLED=0
# Tests that read the labelled dev data (../shared/data) fail instead of
# skipping when it is missing (.ci/run sets this always; here it is set
# when the data directory is there).
if [ -z "${NEWSIM_REQUIRE_DEV:-}" ] && [ -d ../shared/data ]; then
  export NEWSIM_REQUIRE_DEV=1
fi

go build -o /dev/null ./cmd/newsim
go vet ./...
gobin=$(go env GOBIN)
[ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
"$gobin/staticcheck" ./...

# The API contract and the metrics, checked by independent tools on what a
# real server serves: Redocly's linter (recommended rules, no ignore file)
# on /v1/openapi.json and promtool on a /metrics scrape after a compare and
# a stories list. Any error or warning fails.
api_check() {
  local dir pid base
  dir=$(mktemp -d)
  go build -o "$dir/newsim" ./cmd/newsim
  "$dir/newsim" serve --addr 127.0.0.1:0 --store "$dir/news.db" --token api-check >"$dir/serve.out" 2>"$dir/serve.err" &
  pid=$!
  for _ in $(seq 600); do
    grep -q 'serving on' "$dir/serve.out" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  base=$(sed -n 's#.*serving on \(http://[^/]*\)/.*#\1#p' "$dir/serve.out")
  if [ -z "$base" ]; then
    echo "api check: newsim serve did not start:" >&2
    cat "$dir/serve.err" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  local ok=0
  curl -fsS -m 60 "$base/v1/openapi.json" -o "$dir/openapi.json" &&
    curl -fsS -m 60 -X POST "$base/v1/compare" -H 'Content-Type: application/json' -H 'Authorization: Bearer api-check' \
      -d '{"a":{"title":"Gantz meets Blinken","text":"Israeli defence minister Benny Gantz met Antony Blinken in Washington on Thursday."},"b":{"text":"Antony Blinken received Benny Gantz at the State Department on Thursday.","lang":"en"}}' -o /dev/null &&
    curl -fsS -m 60 "$base/v1/stories" -o /dev/null &&
    curl -fsS -m 60 "$base/metrics" -o "$dir/metrics.txt" || ok=1
  kill "$pid" && wait "$pid" || true
  [ "$ok" -eq 0 ] || { echo "api check: a request to the server failed" >&2; return 1; }

  printf 'extends:\n  - recommended\n' >"$dir/redocly.yaml"
  (cd "$dir" && npx --yes "@redocly/cli@$REDOCLY_VERSION" lint --format=json openapi.json >lint.json 2>lint.err) || true
  if ! node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const p of r.problems) console.error(`openapi.json: ${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map(l => l.pointer).join(", ")}`);
    const t = r.totals;
    console.error(`redocly lint of /v1/openapi.json: ${t.errors} errors, ${t.warnings} warnings, ${t.ignored} ignored`);
    process.exit(t.errors + t.warnings + t.ignored === 0 ? 0 : 1);' "$dir/lint.json"; then
    cat "$dir/lint.err" >&2
    return 1
  fi
  local out
  if ! out=$(promtool check metrics <"$dir/metrics.txt" 2>&1) || [ -n "$out" ]; then
    echo "promtool check metrics on /metrics:" >&2
    echo "$out" >&2
    return 1
  fi
  echo "promtool check metrics on /metrics: no problems ($(grep -vc '^#' "$dir/metrics.txt") samples)" >&2
  rm -rf "$dir"
}
api_check

go test -timeout 45m ./...

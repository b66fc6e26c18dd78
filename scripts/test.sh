#!/usr/bin/env bash
# The test command: set-up, then vet and every test of the module.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CGO_ENABLED=0
go build -o /dev/null ./cmd/newsim
go vet ./...
go test -timeout 45m ./...

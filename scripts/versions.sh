# Pinned versions of the checking tools scripts/setup.sh installs and
# scripts/test.sh runs (sourced by both).
STATICCHECK_VERSION=v0.8.2 # honnef.co/go/tools (staticcheck 2026.2.2), via the Go module proxy
REDOCLY_VERSION=2.77.0     # npm @redocly/cli, the OpenAPI linter (needs Node.js ≥ 20.19)

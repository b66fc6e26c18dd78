// Package devdata decides what a test does when the labelled SemEval-2022
// dev data (../shared/data beside the repository) is missing: skip on a
// developer's machine without it, fail where NEWSIM_REQUIRE_DEV=1 says it
// must be there (scripts/test.sh sets it, so CI never passes an accuracy
// guard by skipping it). Only tests import it.
package devdata

import (
	"os"
	"testing"
)

// EnvRequire is the environment variable that makes missing dev data an
// error: set to 1 in scripts/test.sh.
const EnvRequire = "NEWSIM_REQUIRE_DEV"

// Required reports whether missing dev data fails the tests.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// Missing ends the test because the dev data is missing: tb.Fatalf when
// Required, else tb.Skipf, with the message format, args.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if Required() {
		tb.Fatalf(format+" ("+EnvRequire+"=1: the dev data must be there)", args...)
	}
	tb.Skipf(format, args...)
}

package devdata

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMissingFailsWhenRequired runs a test that calls Missing in a child
// process, once with NEWSIM_REQUIRE_DEV=1 (it must fail, naming the
// variable) and once without (it must skip).
func TestMissingFailsWhenRequired(t *testing.T) {
	if os.Getenv("DEVDATA_CHILD") == "1" {
		Missing(t, "dev data not found at %s", "/nowhere")
		return
	}
	for _, tc := range []struct {
		require  string
		wantFail bool
		want     string
	}{
		{"1", true, "--- FAIL"},
		{"", false, "--- SKIP"},
		{"0", false, "--- SKIP"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestMissingFailsWhenRequired$", "-test.v")
		cmd.Env = append(os.Environ(), "DEVDATA_CHILD=1", EnvRequire+"="+tc.require)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.wantFail || !strings.Contains(string(out), tc.want) || !strings.Contains(string(out), "/nowhere") {
			t.Errorf("%s=%q: err %v, output:\n%s", EnvRequire, tc.require, err, out)
		}
		if tc.wantFail && !strings.Contains(string(out), EnvRequire) {
			t.Errorf("the failure does not name %s:\n%s", EnvRequire, out)
		}
	}
}

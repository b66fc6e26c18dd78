package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestSameScoresWithoutInstalledGeoNames runs `newsim compare --json` on
// the seed pair twice in child processes: once as the machine is, and once
// in a private mount namespace where /usr/share/locale (where Debian's
// libgeonames-common puts its catalogues) is an empty directory, as on a
// machine without the package. The answers, every score and every piece of
// evidence (Washington, Gaza and Tel Aviv are GeoNames cities), must be
// byte for byte the same. It needs root and unshare(1), as CI has; it
// skips where the namespace cannot be made.
func TestSameScoresWithoutInstalledGeoNames(t *testing.T) {
	if os.Getenv("NEWSIM_REPRO_CHILD") == "1" {
		if _, err := os.Stat("/usr/share/locale/en/LC_MESSAGES/geonames.mo"); err == nil && os.Getenv("NEWSIM_REPRO_HIDDEN") == "1" {
			t.Fatal("the GeoNames catalogue is still visible in the hidden namespace")
		}
		var out bytes.Buffer
		if code := run(append([]string{"compare", "--json"}, seedPaths...), &out, os.Stderr); code != 0 {
			t.Fatalf("compare: exit %d", code)
		}
		os.Stdout.WriteString("<<<" + out.String() + ">>>")
		return
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil || os.Geteuid() != 0 {
		t.Skipf("needs root and unshare(1) to hide /usr/share/locale (root: %v, unshare: %v)", os.Geteuid() == 0, err)
	}
	self := []string{os.Args[0], "-test.run", "^TestSameScoresWithoutInstalledGeoNames$", "-test.count=1"}
	child := func(hidden bool) string {
		t.Helper()
		var cmd *exec.Cmd
		if hidden {
			script := `mount --bind "$0" /usr/share/locale && exec "$@"`
			cmd = exec.Command(unshare, append([]string{"--mount", "--propagation", "private", "sh", "-c", script, t.TempDir()}, self...)...)
		} else {
			cmd = exec.Command(self[0], self[1:]...)
		}
		h := "0"
		if hidden {
			h = "1"
		}
		cmd.Env = append(os.Environ(), "NEWSIM_REPRO_CHILD=1", "NEWSIM_REPRO_HIDDEN="+h)
		out, err := cmd.CombinedOutput()
		if err != nil {
			if hidden && !strings.Contains(string(out), "<<<") && !strings.Contains(string(out), "--- FAIL") {
				t.Skipf("cannot make a mount namespace here (%v): %s", err, out)
			}
			t.Fatalf("child (hidden %v): %v\n%s", hidden, err, out)
		}
		s := string(out)
		i, j := strings.Index(s, "<<<"), strings.LastIndex(s, ">>>")
		if i < 0 || j < i {
			t.Fatalf("child (hidden %v) printed no answer:\n%s", hidden, s)
		}
		return s[i+3 : j]
	}
	with, without := child(false), child(true)
	if !strings.Contains(with, "واشنطن") {
		t.Fatalf("the seed pair's answer lacks Washington:\n%.400s", with)
	}
	if with != without {
		t.Errorf("compare --json on the seed pair differs without /usr/share/locale:\nwith:    %.300s\nwithout: %.300s", with, without)
	}
}

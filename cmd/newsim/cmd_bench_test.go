package main

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestBenchReportsWallAndCPU checks that `bench` reports, besides the
// one-goroutine stages, the whole batch on every core with its wall time,
// CPU time and their ratio, counting every pair scored. Before, it printed
// throughput on one goroutine only, so an idle core went unseen.
func TestBenchReportsWallAndCPU(t *testing.T) {
	code, stdout, stderr := runCode("bench", "--pairs", devSubset(t, 6), "--seconds", "0.02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "| wall s | CPU s | CPU/wall |") {
		t.Errorf("no wall and CPU columns:\n%s", stdout)
	}
	num := `[0-9]+\.[0-9]+`
	cpu := num
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		cpu = "n/a"
	}
	batch := regexp.MustCompile(`\| batch: [^|]+ \| [0-9]+ \| [0-9]+ pairs/s \| [0-9]+ µs \| [^|]+ \| ` + num + ` \| ` + cpu + ` \| ` + cpu + ` \|`)
	if !batch.MatchString(stdout) {
		t.Errorf("no batch row with wall, CPU and CPU/wall:\n%s", stdout)
	}
	if code, _, stderr := runCode("bench", "--pairs", devSubset(t, 1), "--seconds", "0"); code != 2 || !strings.Contains(stderr, "--seconds must be positive") {
		t.Errorf("--seconds 0: exit %d, stderr %q; want a usage error", code, stderr)
	}
}

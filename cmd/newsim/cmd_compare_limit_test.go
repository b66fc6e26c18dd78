package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis"
)

// A body over analysis.MaxTextBytes is compared on its first
// MaxTextBytes, and both the report and --json say so.
func TestCompareSaysWhenABodyWasTruncated(t *testing.T) {
	seed, err := os.ReadFile(seedPaths[0])
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(seed), "\n")
	long := filepath.Join(t.TempDir(), "long.txt")
	text := title + "\n" + strings.Repeat(body+"\n", analysis.MaxTextBytes/len(body)+2)
	if err := os.WriteFile(long, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var r struct{ Notes []string }
	out := runOK(t, "compare", "--json", long, seedPaths[1])
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("the limit is %d", analysis.MaxTextBytes)
	if len(r.Notes) != 1 || !strings.HasPrefix(r.Notes[0], "a: text truncated") || !strings.Contains(r.Notes[0], want) {
		t.Errorf("--json notes %q, want one saying a's text was truncated (%s)", r.Notes, want)
	}
	if human := runOK(t, "compare", long, seedPaths[1]); !strings.Contains(human, "Note: a: text truncated") {
		t.Errorf("report does not say the text was truncated:\n%.600s", human)
	}
	if out := runOK(t, "compare", "--json", seedPaths[0], seedPaths[1]); strings.Contains(out, "notes") {
		t.Errorf("notes on a pair that was not truncated:\n%.300s", out)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/semeval"
)

// TestScoreGoesOnAfterTooLongLine checks that a line over the pairs
// reader's limit is reported with its number and the limit, and the rest
// of the batch is scored. Before, it ended the batch with "bufio.Scanner:
// token too long" and nothing scored.
func TestScoreGoesOnAfterTooLongLine(t *testing.T) {
	good := devSubset(t, 2)
	data, _ := os.ReadFile(good)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	long := `{"pair_id": "long", "text1": "` + strings.Repeat("x", semeval.MaxLine) + `", "text2": "y"}`
	in := filepath.Join(t.TempDir(), "long.jsonl")
	os.WriteFile(in, []byte(lines[0]+"\n"+long+"\n"+lines[1]+"\n"), 0o644)
	outPath := filepath.Join(t.TempDir(), "scores.jsonl")
	code, _, stderr := runCode("score", "--pairs", in, "--out", outPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "long.jsonl:2: too large: line of 16777262 bytes, and the limit for one line is 16777216 bytes") {
		t.Errorf("stderr does not report line 2 with the limit: %q", stderr)
	}
	if strings.Contains(stderr, "bufio") || strings.Contains(stderr, "token") {
		t.Errorf("Go-internal message: %q", stderr)
	}
	out, _ := os.ReadFile(outPath)
	if n := strings.Count(string(out), "\n"); n != 2 {
		t.Errorf("%d pairs scored, want 2: %s", n, out)
	}
}

// TestScoreRefusesMalformedModel checks that `score --model` with a
// damaged model file fails with the file and the problem named, before
// any pair is read. Before, a child index out of range panicked in
// Trees.Compile.
func TestScoreRefusesMalformedModel(t *testing.T) {
	m, err := compare.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	m.Dims["overall"].Trees.Trees[0].Left[0] = 1000
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "bad.json.gz")
	os.WriteFile(modelPath, buf.Bytes(), 0o644)
	pairs := filepath.Join(dir, "pairs.jsonl")
	os.WriteFile(pairs, []byte(`{"pair_id": "1", "text1": "a", "text2": "b"}`+"\n"), 0o644)
	code, stdout, stderr := runCode("score", "--model", modelPath, "--pairs", pairs)
	want := "newsim score: " + modelPath + ": model: dimension overall: tree 0: node 0: left child 1000 out of range"
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
	}
}

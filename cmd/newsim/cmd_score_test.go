package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis"
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

// TestScoreInParallelKeepsFileOrder checks that `score`, which analyses,
// represents and scores pairs on every core, writes exactly the lines of
// scoring each pair alone, in file order, and that a pair whose article
// cannot be analysed (a language newsim does not support) is named on stderr and left out while
// the pairs after it are still scored.
func TestScoreInParallelKeepsFileOrder(t *testing.T) {
	data, _ := os.ReadFile(devSubset(t, 30))
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	bad := `{"pair_id": "klingon_1", "lang1": "tlh", "lang2": "en", "text1": "Heghlu.meH QaQ jajvam.", "text2": "Some text here."}`
	lines = append(lines[:10], append([]string{bad}, lines[10:]...)...)
	in := filepath.Join(t.TempDir(), "pairs.jsonl")
	os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644)

	code, stdout, stderr := runCode("score", "--pairs", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "pair klingon_1, first article") || !strings.Contains(stderr, "scored 30 pairs, skipped 1") {
		t.Errorf("stderr does not name the empty pair and the count: %q", stderr)
	}

	pairs, _, err := semeval.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	an := analysis.New()
	var want bytes.Buffer
	for _, p := range pairs {
		a, errA := an.Analyze(p.A)
		b, errB := an.Analyze(p.B)
		if errA != nil || errB != nil {
			continue
		}
		line, _ := json.Marshal(scoreLine{p.ID, c.Score(c.Profile(a), c.Profile(b))})
		want.Write(line)
		want.WriteByte('\n')
	}
	if stdout != want.String() {
		t.Errorf("parallel score differs from scoring one pair at a time in file order:\ngot  %.300s\nwant %.300s", stdout, want.String())
	}
}

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/internal/devdata"
)

// runCode runs a newsim command line and returns its exit status and output.
func runCode(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCompareSeedPairJSON(t *testing.T) {
	out := runOK(t, append([]string{"compare", "--json"}, seedPaths...)...)
	var r struct {
		Scores   map[string]float64 `json:"scores"`
		Evidence struct {
			Entities []struct {
				Name     string   `json:"name"`
				Variants []string `json:"variants"`
				In       string   `json:"in"`
			} `json:"entities"`
		} `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("compare --json is not one JSON object: %v\n%s", err, out)
	}
	for _, d := range []string{"overall", "geography", "entities", "time", "narrative", "style", "tone"} {
		v, ok := r.Scores[d]
		if !ok || v < 1 || v > 4 {
			t.Errorf("scores.%s = %v (present %v), want 1..4", d, v, ok)
		}
	}
	if r.Scores["overall"] > 1.5 {
		t.Errorf("seed pair Overall %.2f, want ≤ 1.5", r.Scores["overall"])
	}
	shared := 0
	for _, e := range r.Evidence.Entities {
		if e.In == "both" && len(e.Variants) > 1 {
			shared++
		}
	}
	if shared < 4 {
		t.Errorf("%d shared entities with variants, want ≥ 4: %+v", shared, r.Evidence.Entities)
	}
	human := runOK(t, append([]string{"compare"}, seedPaths...)...)
	for _, want := range []string{"Overall", "the same story", "Entities:", "غانتس", "جانتس", "Only in B:", "Framing"} {
		if !strings.Contains(human, want) {
			t.Errorf("report lacks %q:\n%s", want, human)
		}
	}
}

// TestCompareBadInput checks that each kind of bad input gets a clear
// error naming the input, and the right exit status, never a panic.
func TestCompareBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // 100 MB, sparse
		t.Fatal(err)
	}
	f.Close()
	seed := seedPaths[0]
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"empty file", []string{"compare", write("empty.txt", nil), seed}, 1, "empty.txt"},
		{"binary file", []string{"compare", write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")), seed}, 1, "photo.txt"},
		{"invalid UTF-8", []string{"compare", write("latin1.txt", []byte("Caf\xe9 cr\xe8me br\xfbl\xe9e\nLe chef a dit: tr\xe8s bien.\n")), seed}, 1, "latin1.txt"},
		{"huge file", []string{"compare", huge, seed}, 1, "huge.txt"},
		{"HTML with no article", []string{"compare", write("menu.html", []byte("<html><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>")), seed}, 1, "menu.html"},
		{"unknown language", []string{"compare", write("greek.txt", []byte("Τίτλος\nΗ κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία της χώρας.\n")), seed}, 1, "greek.txt"},
		{"missing path", []string{"compare", filepath.Join(dir, "nope.txt"), seed}, 1, "nope.txt"},
		{"one article", []string{"compare", seed}, 2, "want two articles"},
		{"unknown flag", []string{"compare", "--frobnicate", seed, seed}, 2, "frobnicate"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCode(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}

// devSubset writes the first n dev pairs to a file, or skips.
func devSubset(t *testing.T, n int) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(src)
	if err != nil {
		devdata.Missing(t, "dev data not found at %s", src)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var b bytes.Buffer
	for i := 0; i < n && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "pairs.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestScoreSkipsBrokenLine checks that a broken line is reported with its
// line number and the rest of the batch is still scored.
func TestScoreSkipsBrokenLine(t *testing.T) {
	good := devSubset(t, 3)
	data, _ := os.ReadFile(good)
	lines := strings.SplitAfter(strings.TrimSpace(string(data)), "\n")
	broken := lines[0] + "{\"pair_id\": \"cut\", \"text1\": \"trunc\n" + lines[1] + "\n" + lines[2] + "\n"
	in := filepath.Join(t.TempDir(), "broken.jsonl")
	os.WriteFile(in, []byte(broken), 0o644)
	outPath := filepath.Join(t.TempDir(), "scores.jsonl")
	code, _, stderr := runCode("score", "--pairs", in, "--out", outPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "broken.jsonl:2") {
		t.Errorf("stderr does not name line 2: %q", stderr)
	}
	out, _ := os.ReadFile(outPath)
	var n int
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var s map[string]any
		if err := json.Unmarshal([]byte(l), &s); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		for _, k := range []string{"pair_id", "overall", "geography", "entities", "time", "narrative", "style", "tone"} {
			if _, ok := s[k]; !ok {
				t.Errorf("output line lacks %q: %s", k, l)
			}
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d lines scored, want 3", n)
	}
}

// TestTrainReproducible trains twice on the same pairs and checks the
// model files are byte for byte the same, and that the model is usable.
func TestTrainReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two models")
	}
	pairs := devSubset(t, 120)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json.gz"), filepath.Join(dir, "b.json.gz")
	runOK(t, "train", "--pairs", pairs, "--out", a)
	runOK(t, "train", "--pairs", pairs, "--out", b)
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) || len(da) == 0 {
		t.Fatalf("two trainings on the same data differ (%d and %d bytes)", len(da), len(db))
	}
	out := runOK(t, append([]string{"compare", "--json", "--model", a}, seedPaths...)...)
	if !strings.Contains(out, `"overall"`) {
		t.Errorf("compare with the trained model: %s", out)
	}
}

func TestEvalPrintsTable(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-validation")
	}
	pairs := devSubset(t, 150)
	out := runOK(t, "eval", "--pairs", pairs, "--folds", "3")
	for _, want := range []string{"| en |", "| all |", "baseline r", "3-fold"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

// TestCompareWarnsOnModelOfOtherData: a --model file learned with other
// data than this build analyses with (here: another GeoNames gazetteer) is
// used, with a warning on stderr naming the file and the data set; the
// embedded model gives no warning.
func TestCompareWarnsOnModelOfOtherData(t *testing.T) {
	m, err := compare.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	m.Data = map[string]string{"geonames": "sha256:0123"}
	path := filepath.Join(t.TempDir(), "other.json.gz")
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCode(append([]string{"compare", "--model", path}, seedPaths...)...)
	if code != 0 || !strings.Contains(stdout, "Overall") {
		t.Fatalf("compare --model %s: exit %d\n%s%s", path, code, stdout, stderr)
	}
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, path) || !strings.Contains(stderr, "geonames: model sha256:0123") {
		t.Errorf("stderr lacks the warning naming %s and the GeoNames data: %q", path, stderr)
	}
	if _, _, stderr := runCode(append([]string{"compare"}, seedPaths...)...); stderr != "" {
		t.Errorf("embedded model: stderr %q, want nothing", stderr)
	}
}

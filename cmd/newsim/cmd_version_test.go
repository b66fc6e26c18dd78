package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/version"
)

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func versionJSON(t *testing.T, args ...string) version.Info {
	t.Helper()
	code, stdout, stderr := runCode(append([]string{"version", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("version --json %q: exit %d: %s", args, code, stderr)
	}
	var in version.Info
	if err := json.Unmarshal([]byte(stdout), &in); err != nil {
		t.Fatalf("version --json: %v\n%s", err, stdout)
	}
	return in
}

// The embedded model is described by the SHA-256 of the shipped file and
// the dev pairs it was trained on; --version prints what version prints.
func TestVersionDescribesEmbeddedModel(t *testing.T) {
	in := versionJSON(t)
	if in.Module != version.Module || in.Version == "" || !strings.HasPrefix(in.Go, "go") {
		t.Errorf("build: %+v", in)
	}
	if want := fileSHA256(t, filepath.Join("..", "..", "compare", "model.json.gz")); in.Model.SHA256 != want || in.Model.Source != "embedded" {
		t.Errorf("model %s %s, want embedded %s", in.Model.Source, in.Model.SHA256, want)
	}
	if in.Model.Pairs == 0 || in.Model.Training == nil || in.Model.Training.File != "semeval2022_dev.jsonl" {
		t.Fatalf("training data of the shipped model: %d pairs, %+v", in.Model.Pairs, in.Model.Training)
	}
	if len(in.Model.Data) == 0 {
		t.Errorf("the analysis data the shipped model was learned with is not reported: %+v", in.Model)
	}
	if dev := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl"); fileExists(dev) {
		if want := fileSHA256(t, dev); in.Model.Training.SHA256 != want {
			t.Errorf("training data sha256 %s, the dev pairs file's is %s", in.Model.Training.SHA256, want)
		}
	}
	_, text, _ := runCode("version")
	_, flagText, _ := runCode("--version")
	if text != flagText || !strings.Contains(text, in.Model.SHA256) || !strings.Contains(text, "semeval2022_dev.jsonl") {
		t.Errorf("version:\n%s--version:\n%s", text, flagText)
	}
	if code, _, stderr := runCode("version", "extra"); code != 2 {
		t.Errorf("version with an argument: exit %d (%s), want 2", code, stderr)
	}
	if code, _, stderr := runCode("version", "--model", filepath.Join(t.TempDir(), "none.json.gz")); code != 1 || !strings.Contains(stderr, "none.json.gz") {
		t.Errorf("version --model of a missing file: exit %d, stderr %q", code, stderr)
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// `newsim train` records the pairs file in the model; a model written
// before it did (no "data") still loads and says so.
func TestVersionRecordsTrainingData(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	dev := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(dev)
	if err != nil {
		t.Skipf("dev data not available: %v", err)
	}
	defer f.Close()
	dir := t.TempDir()
	var small bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for n := 0; n < 60 && sc.Scan(); n++ {
		small.Write(sc.Bytes())
		small.WriteByte('\n')
	}
	pairs := filepath.Join(dir, "first60.jsonl")
	if err := os.WriteFile(pairs, small.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.json.gz")
	if code, stdout, stderr := runCode("train", "--pairs", pairs, "--out", out); code != 0 {
		t.Fatalf("train: exit %d\n%s%s", code, stdout, stderr)
	}
	in := versionJSON(t, "--model", out)
	d := in.Model.Training
	if in.Model.Source != out || in.Model.SHA256 != fileSHA256(t, out) || in.Model.Pairs != 60 {
		t.Errorf("model %+v, want %s with sha256 %s, 60 pairs", in.Model, out, fileSHA256(t, out))
	}
	if d == nil || d.File != "first60.jsonl" || d.SHA256 != fileSHA256(t, pairs) || d.Bytes != int64(small.Len()) {
		t.Errorf("training data %+v, want first60.jsonl, sha256 %s, %d bytes", d, fileSHA256(t, pairs), small.Len())
	}

	// The same model without the "training" field, as models were written before.
	m, err := compare.LoadModel(out)
	if err != nil {
		t.Fatal(err)
	}
	m.Training = nil
	var old bytes.Buffer
	if err := m.Encode(&old); err != nil {
		t.Fatal(err)
	}
	oldPath := filepath.Join(dir, "old.json.gz")
	if err := os.WriteFile(oldPath, old.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if in := versionJSON(t, "--model", oldPath); in.Model.Training != nil || in.Model.Pairs != 60 {
		t.Errorf("old model: %+v", in.Model)
	}
	if _, text, _ := runCode("version", "--model", oldPath); !strings.Contains(text, "not recorded") {
		t.Errorf("old model's version text does not say the data is not recorded:\n%s", text)
	}
}

// A binary built from a commit reports that commit (runtime/debug build
// info), and its /healthz reports the same version object as `newsim
// version --json`. The tree is copied into a new repository with one
// commit so that the build is stamped wherever the test runs (a git
// worktree's .git file is not stamped by go build).
func TestVersionRevisionOfBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	files, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	src := filepath.Join(t.TempDir(), "newsim")
	for _, name := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", src, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %q: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "version test")
	head := git("rev-parse", "HEAD")
	bin := filepath.Join(t.TempDir(), "newsim")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/newsim")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var in version.Info
	if err := json.Unmarshal(out, &in); err != nil {
		t.Fatal(err)
	}
	if in.Revision != head || in.Modified || in.Time == "" {
		t.Errorf("revision %q (modified %v, time %q), want %s, unmodified", in.Revision, in.Modified, in.Time, head)
	}
	if text, _ := exec.Command(bin, "--version").Output(); !strings.Contains(string(text), head) {
		t.Errorf("--version does not name the revision %s:\n%s", head, text)
	}

	srv := exec.Command(bin, "serve", "--no-store", "--addr", "127.0.0.1:0")
	srv.Env = append(os.Environ(), "NEWSIM_TOKEN=")
	stdout, _ := srv.StdoutPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Process.Kill(); srv.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "serving on ") {
		t.Fatalf("no start line: %q %v", line, err)
	}
	base := strings.TrimSuffix(strings.Fields(strings.SplitN(line, "serving on ", 2)[1])[0], "/")
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var health struct {
		Version json.RawMessage `json:"version"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&health); err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	json.Compact(&a, health.Version)
	json.Compact(&b, out)
	if a.String() != b.String() {
		t.Errorf("/healthz version\n%s\nnewsim version --json\n%s", a.String(), b.String())
	}
}

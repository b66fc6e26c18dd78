package layers

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/newsim/newsim"

// stages ranks newsim's packages in data-flow order: a package may import
// packages of its own or an earlier stage only. A package is ranked by its
// longest matching prefix (below the module path); a package missing from
// the table fails the test, so that a new package is placed on purpose.
var stages = []struct {
	name     string
	packages []string
}{
	{"read", []string{"article", "semeval"}},
	{"analyse", []string{"analysis"}},
	{"represent", []string{"represent"}},
	{"compare", []string{"compare", "model", "dedup"}},
	{"store and stories", []string{"store", "story"}},
	{"ingest pipeline", []string{"ingest"}},
	{"stream transport", []string{"stream"}},
	{"build information", []string{"version"}},
	{"serve", []string{"server", "web"}},
	{"offline evaluation and training", []string{"eval"}},
	{"commands", []string{"cmd"}},
	{"checks and test support (internal/…: layers, devdata, pgtest, natstest)", []string{"internal"}},
}

// servingPath are the packages a running server or ingest executes: none
// of them may depend on evaluation code, even indirectly.
var servingPath = []string{"article", "analysis", "represent", "compare", "store", "story", "ingest", "stream", "server", "web"}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func rank(path string) (int, bool) {
	rel, ok := strings.CutPrefix(path, module+"/")
	if !ok {
		return 0, false
	}
	best, bestLen := -1, -1
	for i, s := range stages {
		for _, p := range s.packages {
			if (rel == p || strings.HasPrefix(rel, p+"/")) && len(p) > bestLen {
				best, bestLen = i, len(p)
			}
		}
	}
	return best, best >= 0
}

// list returns the module's packages with their (non-test) imports and
// dependencies, from go list -deps -json.
func list(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", module+"/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	return pkgs
}

// TestNoImportAgainstTheDataFlow fails when a package imports a package
// of a later stage (for example store importing eval, or story importing
// server).
func TestNoImportAgainstTheDataFlow(t *testing.T) {
	for _, p := range list(t) {
		r, ok := rank(p.ImportPath)
		if !ok {
			t.Errorf("package %s has no stage: add it to the stages table", p.ImportPath)
			continue
		}
		for _, imp := range p.Imports {
			ri, ok := rank(imp)
			if !ok || ri <= r {
				continue
			}
			t.Errorf("%s (stage %q) imports %s of a later stage (%q)", p.ImportPath, stages[r].name, imp, stages[ri].name)
		}
	}
}

// TestServingPathImportsNoEvaluation fails when a serving package depends,
// directly or through others, on package eval.
func TestServingPathImportsNoEvaluation(t *testing.T) {
	serving := map[string]bool{}
	for _, s := range servingPath {
		serving[s] = true
	}
	checked := 0
	for _, p := range list(t) {
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		if !serving[strings.Split(rel, "/")[0]] {
			continue
		}
		checked++
		for _, d := range p.Deps {
			if d == module+"/eval" || strings.HasPrefix(d, module+"/eval/") || strings.HasPrefix(d, module+"/cmd/") {
				t.Errorf("%s depends on %s: the serving path must not carry evaluation or command code", p.ImportPath, d)
			}
		}
	}
	if checked < len(servingPath) {
		t.Errorf("checked %d serving packages, want at least %d", checked, len(servingPath))
	}
}

func TestRankTable(t *testing.T) {
	for _, tc := range []struct {
		path string
		want string
	}{
		{module + "/analysis/entity", "analyse"},
		{module + "/story", "store and stories"},
		{module + "/eval", "offline evaluation and training"},
		{module + "/cmd/newsim", "commands"},
	} {
		r, ok := rank(tc.path)
		if !ok || stages[r].name != tc.want {
			t.Errorf("%s: stage %d (%v), want %q", tc.path, r, ok, tc.want)
		}
	}
	if _, ok := rank("github.com/other/eval"); ok {
		t.Error("a package outside the module has a stage")
	}
}

package article

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/internal/devdata"
)

// seedDir is the repository's seed pair.
var seedDir = filepath.Join("..", "testdata", "seeds")

func TestSeedPair(t *testing.T) {
	tests := []struct {
		file      string
		wantTitle string
		// wantParagraphs is the number of non-empty lines of the file
		// after the title, less the furniture lines.
		wantParagraphs int
		keep           []string // paragraphs that must survive
	}{
		{"000_7d9c6d418026c8b1.txt",
			`واشنطن و"تل أبيب" تبحثان في تعزيز الشراكة الأمنية بينهما`, 11, nil},
		{"001_5f58f892265ec782.txt",
			"وزير الدفاع الإسرائيلي يلتقي مسؤولين أمريكيين كبار لبحث التهديدات الإقليمية", 16,
			[]string{"دعم أمريكي ثابت"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			arts, err := ReadFile(filepath.Join(seedDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles", len(arts))
			}
			a := arts[0]
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if a.ID != strings.TrimSuffix(tt.file, ".txt") {
				t.Errorf("ID = %q", a.ID)
			}
			paras := strings.Split(a.Text, "\n\n")
			if len(paras) != tt.wantParagraphs {
				t.Errorf("%d paragraphs, want %d", len(paras), tt.wantParagraphs)
			}
			for _, p := range paras {
				if p == "62" {
					t.Errorf("the stray line %q survived", p)
				}
				if strings.TrimSpace(p) != p || p == "" {
					t.Errorf("paragraph %q is not trimmed", p)
				}
			}
			for _, k := range tt.keep {
				found := false
				for _, p := range paras {
					found = found || p == k
				}
				if !found {
					t.Errorf("paragraph %q was dropped", k)
				}
			}
			if strings.Contains(a.Text, a.Title) {
				t.Errorf("body repeats the title")
			}
		})
	}
}

// TestDevDataLines reads the SemEval dev pairs (JSON Lines of pairs, not
// articles) with Lines and checks every line arrives, in order, as valid
// JSON with its pair_id. Skipped when the data is not present.
func TestDevDataLines(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(path)
	if err != nil {
		devdata.Missing(t, "dev data not present: %v", err)
	}
	defer f.Close()
	want := countLines(t, path)
	got, last := 0, 0
	err = Lines(path, f, func(line int, text []byte, err error) error {
		if err != nil {
			t.Errorf("line %d: %v", line, err)
			return nil
		}
		if line != last+1 {
			t.Errorf("line %d follows line %d", line, last)
		}
		last = line
		var p struct {
			PairID string `json:"pair_id"`
		}
		if err := json.Unmarshal(text, &p); err != nil || p.PairID == "" {
			t.Errorf("line %d: no pair_id (%v)", line, err)
		}
		got++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Lines gave %d lines, the file has %d", got, want)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	n := 0
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}

package represent

import (
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/pivot"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/semeval"
)

// TestEnglishPivotIsItsOwnVectors: English needs no dictionary; without
// names its pivot layer is its ordinary vectors.
func TestEnglishPivotIsItsOwnVectors(t *testing.T) {
	d, err := analysis.New().Analyze(articleOf("en", "Ministers meet", "The defence minister met the secretary of state on Thursday. They discussed the ceasefire and humanitarian aid."))
	if err != nil {
		t.Fatal(err)
	}
	p := NewProfile(d, nil)
	if p.PivotLayer().Coverage != 1 || p.PivotLayer().Body.Dot(p.Body) < 0.999 || len(p.PivotLayer().Sentences) != len(p.Sentences) {
		t.Errorf("English pivot layer: coverage %.2f, cosine with the body %.3f", p.PivotLayer().Coverage, p.PivotLayer().Body.Dot(p.Body))
	}
}

// TestNamesMeetAcrossScripts: the words of names become cross-script
// keys in the pivot layer, so that an English and an Arabic sentence
// naming the same people share terms; Arabic words with a dictionary
// entry become English terms.
func TestNamesMeetAcrossScripts(t *testing.T) {
	if _, err := pivot.For("ar"); errors.Is(err, pivot.ErrNoDictionary) {
		t.Skipf("%v (scripts/setup.sh installs the dictionaries)", err)
	}
	an := analysis.New()
	en, err := an.Analyze(articleOf("en", "Blinken meets Gantz", "US Secretary of State Antony Blinken met Israeli Defence Minister Benny Gantz in Washington. Blinken stressed the importance of security."))
	if err != nil {
		t.Fatal(err)
	}
	ar, err := an.Analyze(articleOf("ar", "بلينكن يلتقي غانتس", "التقى وزير الخارجية الأميركي أنتوني بلينكن وزير الدفاع الإسرائيلي بيني غانتس في واشنطن. وأكد بلينكن أهمية الأمن."))
	if err != nil {
		t.Fatal(err)
	}
	pe, pa := NewProfile(en, nil), NewProfile(ar, nil)
	for _, term := range []string{"x:blnkn", "x:knts", "minist"} {
		h := Hash(term)
		if !slices.Contains(pe.PivotLayer().Body.IDs, h) || !slices.Contains(pa.PivotLayer().Body.IDs, h) {
			t.Errorf("%s is not a pivot term of both articles", term)
		}
	}
	if surface, piv := pe.Body.Dot(pa.Body), pe.PivotLayer().Body.Dot(pa.PivotLayer().Body); piv < 0.3 || surface > 0.05 {
		t.Errorf("body cosine %.3f as written, %.3f in the pivot layer; want ≈ 0 and ≥ 0.3", surface, piv)
	}
}

// TestPivotBringsTranslationsTogether reads the cross-language dev pairs
// (one side machine-translated from the other language's article of a
// labelled pair) and checks that, for pairs people call the same story
// (Overall ≤ 1.5), the pivot layers' body cosine is well above (1.4 times)
// the cosine of the bodies as written, per direction (measured: 1.6–2.0
// times).
func TestPivotBringsTranslationsTogether(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev_xling.jsonl")
	if _, err := os.Stat(path); err != nil {
		devdata.Missing(t, "cross-language pairs not found at %s", path)
	}
	for _, l := range []string{"es", "it", "fr"} {
		if _, err := pivot.For(l); errors.Is(err, pivot.ErrNoDictionary) {
			t.Skipf("%v (scripts/setup.sh installs the dictionaries)", err)
		}
	}
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	an := analysis.New()
	type sums struct {
		n              int
		pivot, surface float64
	}
	by := map[string]*sums{}
	for _, p := range pairs {
		if p.Gold == nil || p.Gold.Overall > 1.5 {
			continue
		}
		a, err1 := an.Analyze(p.A)
		b, err2 := an.Analyze(p.B)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", p.ID, err1, err2)
		}
		pa, pb := NewProfile(a, nil), NewProfile(b, nil)
		dir := a.Lang + "-" + b.Lang
		s := by[dir]
		if s == nil {
			s = &sums{}
			by[dir] = s
		}
		s.n++
		s.pivot += pa.PivotLayer().Body.Dot(pb.PivotLayer().Body)
		s.surface += pa.Body.Dot(pb.Body)
	}
	if len(by) == 0 {
		t.Fatal("no same-story pairs read")
	}
	for dir, s := range by {
		pv, sf := s.pivot/float64(s.n), s.surface/float64(s.n)
		t.Logf("%s: %d same-story pairs, mean body cosine %.3f as written, %.3f in the pivot layer", dir, s.n, sf, pv)
		if pv < 1.4*sf {
			t.Errorf("%s: pivot cosine %.3f is not 1.4 times the surface cosine %.3f", dir, pv, sf)
		}
	}
}

// TestPivotCoverage reports the share of content-word tokens the
// dictionaries translate on the first articles of a quarter of the dev pairs, per
// language, and fails if a language with installed dictionaries reaches
// less than a quarter.
func TestPivotCoverage(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		devdata.Missing(t, "dev pairs not found at %s", path)
	}
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	an := analysis.New()
	var docs []*analysis.Doc
	for i, p := range pairs {
		if i%4 != 0 {
			continue // a quarter of the pairs is plenty for a share
		}
		if d, err := an.Analyze(p.A); err == nil {
			docs = append(docs, d)
		}
	}
	tr, tok := PivotCoverage(docs)
	for l, n := range tok {
		if _, err := pivot.For(l); err != nil {
			t.Logf("%s: %v", l, err)
			continue
		}
		share := float64(tr[l]) / float64(n)
		t.Logf("%s: %.1f%% of %d content-word tokens translated", l, 100*share, n)
		if share < 0.25 {
			t.Errorf("%s: only %.1f%% of the content words translated", l, 100*share)
		}
	}
}

func articleOf(lang, title, text string) article.Article {
	return article.Article{Lang: lang, Title: title, Text: text}
}

// BenchmarkPivot builds the pivot layer of dev articles (profiles made
// beforehand), the cost NewProfile adds per article for it; compare its
// articles/cpu-s with BenchmarkAnalyze's in package analysis.
func BenchmarkPivot(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		devdata.Missing(b, "dev pairs not found at %s", path)
	}
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	an := analysis.New()
	var profs []*Profile
	for i, p := range pairs {
		if i%5 != 0 {
			continue
		}
		if d, err := an.Analyze(p.A); err == nil {
			profs = append(profs, NewProfile(d, nil))
		}
	}
	b.ResetTimer()
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for i := 0; i < b.N; i++ {
		NewPivot(profs[i%len(profs)], nil)
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()) * time.Nanosecond
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
}

// TestHashIsFNV1a: Hash (written without allocating) gives the FNV-1a
// values the shipped model's term IDs were made with.
func TestHashIsFNV1a(t *testing.T) {
	for _, s := range []string{"", "govern", "x:blnkn", "بلينكن", "2021-06-03"} {
		h := fnv.New64a()
		h.Write([]byte(s))
		if Hash(s) != h.Sum64() || HashBytes([]byte(s)) != h.Sum64() {
			t.Errorf("Hash(%q) = %x, FNV-1a %x", s, Hash(s), h.Sum64())
		}
	}
}

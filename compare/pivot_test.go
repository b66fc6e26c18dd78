package compare_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/pivot"
	"github.com/newsim/newsim/article"
)

// TestCrossLanguageWithoutDictionary: a language with no pivot dictionary
// (Persian) against English still gets seven scores, with a note saying
// what the comparison is limited to.
func TestCrossLanguageWithoutDictionary(t *testing.T) {
	c := defaultComparer(t)
	en := analyseFile(t, xling.gantzEN)
	fa, err := analysis.New().Analyze(article.Article{Lang: "fa", Title: "دیدار گانتس و بلینکن در واشنگتن",
		Text: "بنی گانتس، وزیر دفاع اسرائیل، روز پنجشنبه در واشنگتن با آنتونی بلینکن، وزیر خارجه آمریکا، دیدار کرد. دو طرف درباره غزه و ایران گفتگو کردند."})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Articles(en, fa)
	want := "no fa→en dictionary: cross-language signals limited to names, places, numbers"
	found := false
	for _, n := range r.Notes {
		found = found || n == want
	}
	if !found {
		t.Errorf("notes %q lack %q", r.Notes, want)
	}
	for i, v := range r.Scores.Values() {
		if math.IsNaN(v) || v < 1 || v > 4 {
			t.Errorf("score %d = %v", i, v)
		}
	}
	if same := c.Articles(en, en); len(same.Notes) != 0 {
		t.Errorf("a same-language pair has notes: %q", same.Notes)
	}
}

// TestCrossLanguageEvidence: the English report against an Arabic seed
// aligns sentences across the languages and lists the pivot terms each
// aligned pair shares (names by their cross-script key, words by their
// English translation).
func TestCrossLanguageEvidence(t *testing.T) {
	if _, err := pivot.For("ar"); errors.Is(err, pivot.ErrNoDictionary) {
		t.Skipf("%v (scripts/setup.sh installs the dictionaries)", err)
	}
	c := defaultComparer(t)
	r := c.Articles(analyseFile(t, xling.gantzEN), analyseFile(t, seeds[1]))
	if len(r.Evidence.Aligned) == 0 {
		t.Fatalf("no sentences aligned across languages (signals %v)", r.Evidence.Signals)
	}
	all := map[string]bool{}
	for _, a := range r.Evidence.Aligned {
		if len(a.PivotTerms) == 0 {
			t.Errorf("aligned pair A%d–B%d lists no pivot terms", a.A, a.B)
		}
		for _, p := range a.PivotTerms {
			all[p] = true
		}
		t.Logf("%.2f %v\n  %s\n  %s", a.Similarity, a.PivotTerms, a.TextA, a.TextB)
	}
	var names int
	for p := range all {
		if strings.HasPrefix(p, "x:") {
			names++
		}
	}
	if names == 0 || len(all) == names {
		t.Errorf("pivot terms %v: want both names (x:…) and translated words", all)
	}
}

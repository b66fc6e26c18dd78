package analysis

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsim/newsim/article"
)

// cancelAfter is a context whose Err turns to Canceled after n calls: it
// stops AnalyzeContext at a chosen stage, deterministically.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n == 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

// A cancelled context stops analysis at the next stage: the stages after
// it are not run (the error names the stage it stopped before).
func TestAnalyzeContextStopsBetweenStages(t *testing.T) {
	a := article.Article{Title: "Flooding in Bavaria", Lang: "en",
		Text: "Heavy rain caused the Danube to burst its banks in Passau on Thursday. Thousands were evacuated."}
	stages := []string{"the title", "the body", "entities", "dates", "framing"}
	for k, stage := range stages {
		d, err := New().AnalyzeContext(&cancelAfter{Context: context.Background(), n: k}, a)
		if !errors.Is(err, context.Canceled) || d != nil || !strings.Contains(err.Error(), "stopped before "+stage) {
			t.Errorf("cancelled after %d checks: %v, want stopped before %s", k, err, stage)
		}
	}
	if _, err := New().AnalyzeContext(&cancelAfter{Context: context.Background(), n: len(stages)}, a); err != nil {
		t.Errorf("never cancelled: %v", err)
	}
}

// Bodies over MaxTextBytes and titles over MaxTitleBytes are cut before
// analysis, at a line break near the end or a rune boundary, and the Doc
// says how long they were; shorter ones are left alone.
func TestAnalyzeCutsOverlongBodiesAndTitles(t *testing.T) {
	para := strings.Repeat("Der Bürgermeister von München sprach über die Überschwemmung. ", 40) + "\n"
	long := strings.Repeat(para, MaxTextBytes/len(para)+3)
	noBreaks := strings.Repeat("ü", MaxTextBytes) // 2 bytes a rune: the cap falls inside one
	for _, tc := range []struct {
		name          string
		title, text   string
		cutTitle, cut int
		endsAtBreak   bool
	}{
		{"short article", "Flut in Bayern", para, 0, 0, false},
		{"body at the cap", "Flut", strings.Repeat("a", MaxTextBytes), 0, 0, false},
		{"long body", "Flut", long, 0, len(long), true},
		{"long body without line breaks", "Flut", noBreaks, 0, len(noBreaks), false},
		{"title without line breaks", strings.Repeat("Flut ", MaxTitleBytes), para, 5 * MaxTitleBytes, 0, false},
	} {
		d, err := New().Analyze(article.Article{Title: tc.title, Text: tc.text, Lang: "de"})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got Truncation
		if d.Truncated != nil {
			got = *d.Truncated
		}
		if got != (Truncation{TitleBytes: tc.cutTitle, TextBytes: tc.cut}) {
			t.Errorf("%s: Truncated %+v, want title %d text %d", tc.name, got, tc.cutTitle, tc.cut)
		}
		text := d.Article.Text
		if len(text) > MaxTextBytes || len(d.Article.Title) > MaxTitleBytes || !utf8.ValidString(text) {
			t.Errorf("%s: analysed %d bytes of text, %d of title (valid UTF-8 %v)", tc.name, len(text), len(d.Article.Title), utf8.ValidString(text))
		}
		if tc.cut == 0 && text != tc.text {
			t.Errorf("%s: a body under the cap was changed", tc.name)
		}
		if tc.endsAtBreak && (len(text) < MaxTextBytes-MaxTextBytes/8 || !strings.HasPrefix(tc.text[len(text):], "\n")) {
			t.Errorf("%s: cut at %d, not at a line break near the cap", tc.name, len(text))
		}
	}
}

// BenchmarkAnalyzeHugeBody is the cost of analysing a 31 MB body, which
// the readers accept (article.MaxArticleBytes): with the cap only
// MaxTextBytes of it are analysed. Run it with
//
//	go test ./analysis -run '^$' -bench HugeBody -benchmem
func BenchmarkAnalyzeHugeBody(b *testing.B) {
	para := strings.Repeat("Der Bürgermeister von München sprach am Dienstag über die Überschwemmung in Passau. ", 20) + "\n"
	text := strings.Repeat(para, 31<<20/len(para))
	a := article.Article{Title: "Flut", Text: text, Lang: "de"}
	an := New()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := an.Analyze(a); err != nil {
			b.Fatal(err)
		}
	}
}

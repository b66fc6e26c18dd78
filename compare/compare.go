// Package compare is newsim's compare stage: it rates two analysed
// articles on the seven SemEval-2022 Task 8 dimensions and gathers the
// evidence for the rating (shared and missing entities, places and dates,
// aligned sentences, facts one side alone reports, framing words).
package compare

import (
	"fmt"
	"sync"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/pivot"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
)

// Comparer scores article pairs with a Model. It is safe for concurrent use.
type Comparer struct {
	m     *Model
	once  sync.Once
	diffs []string
}

// New returns a Comparer that uses m.
func New(m *Model) *Comparer { return &Comparer{m: m} }

// Default returns a Comparer with the model embedded in the binary.
func Default() (*Comparer, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return New(m), nil
}

// Model returns the comparer's model.
func (c *Comparer) Model() *Model { return c.m }

// Profile represents an analysed article for comparison with the model's
// background statistics. Build it once per article and reuse it for every
// pair the article is in.
func (c *Comparer) Profile(d *analysis.Doc) *represent.Profile {
	return represent.NewProfile(d, c.m.Stats)
}

// Score rates the pair without gathering evidence; it is the fast path for
// batches and clustering.
func (c *Comparer) Score(a, b *represent.Profile) semeval.Scores {
	return c.m.Predict(Features(a, b), pairLang(a.Doc, b.Doc))
}

// ScoreSurface scores the pair as newsim did before the pivot layer: the
// term signals on the articles' own vectors and the same-language
// regressions (Model.Dims) for every pair. For evaluation: the reference
// the cross-language figures are set beside.
func (c *Comparer) ScoreSurface(a, b *represent.Profile) semeval.Scores {
	f, _ := signalsOn(a, b, false)
	return predictWith(c.m.Dims, design(f, pairLang(a.Doc, b.Doc), c.m.Langs, c.m.Interacted))
}

// Result is the outcome of comparing two articles.
type Result struct {
	Scores   semeval.Scores `json:"scores"`
	Evidence Evidence       `json:"evidence"`
	// Notes are remarks on what was rated, such as a body cut to its
	// first analysis.MaxTextBytes before analysis, or, across languages,
	// a language without a pivot dictionary or installed dictionaries that
	// differ from those the model was trained with; absent when none.
	Notes []string `json:"notes,omitempty"`
}

// truncationNotes says, for each of the pair's articles that was cut
// before analysis, how much of it was analysed.
func truncationNotes(a, b *analysis.Doc) []string {
	var notes []string
	for _, x := range []struct {
		side string
		d    *analysis.Doc
	}{{"a", a}, {"b", b}} {
		if x.d == nil || x.d.Truncated == nil {
			continue
		}
		if n := x.d.Truncated.TitleBytes; n > 0 {
			notes = append(notes, fmt.Sprintf("%s: title truncated: only its first %d bytes (of %d) were analysed", x.side, len(x.d.Article.Title), n))
		}
		if n := x.d.Truncated.TextBytes; n > 0 {
			notes = append(notes, fmt.Sprintf("%s: text truncated: only its first %d bytes (of %d; the limit is %d) were analysed", x.side, len(x.d.Article.Text), n, analysis.MaxTextBytes))
		}
	}
	return notes
}

// Compare rates the pair and gathers the evidence.
func (c *Comparer) Compare(a, b *represent.Profile) *Result {
	f, m := signals(a, b)
	r := &Result{Scores: c.m.Predict(f, pairLang(a.Doc, b.Doc))}
	r.Evidence = gather(a, b, f, m)
	r.Notes = append(truncationNotes(a.Doc, b.Doc), c.Notes(a.Doc.Lang, b.Doc.Lang)...)
	return r
}

// Notes returns what limits the comparison of an article in language la
// with one in lb (nil for a same-language pair): a missing pivot
// dictionary ("no ar→en dictionary: cross-language signals limited to
// names, places, numbers") and any difference between the dictionaries
// installed and those the model was trained with (computed once).
func (c *Comparer) Notes(la, lb string) []string {
	if la == lb {
		return nil
	}
	var out []string
	for _, l := range []string{la, lb} {
		if n := pivot.Note(l); n != "" {
			out = append(out, n)
		}
	}
	c.once.Do(func() { c.diffs = c.m.Differences() })
	for _, d := range c.diffs {
		out = append(out, d+": cross-language scores may differ from the evaluated ones")
	}
	return out
}

// Articles is Compare for two analysed documents: it represents both
// (Profile) and compares them. Use Profile and Compare when an article is
// in several pairs.
func (c *Comparer) Articles(a, b *analysis.Doc) *Result {
	return c.Compare(c.Profile(a), c.Profile(b))
}

// Summary gives the seven scores of s on one line.
func Summary(s semeval.Scores) string {
	return fmt.Sprintf("overall %.2f  geography %.2f  entities %.2f  time %.2f  narrative %.2f  style %.2f  tone %.2f",
		s.Overall, s.Geography, s.Entities, s.Time, s.Narrative, s.Style, s.Tone)
}

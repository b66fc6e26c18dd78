package compare

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/semeval"
)

// Verdict turns an Overall score into words.
func Verdict(overall float64) string {
	switch {
	case overall <= 1.5:
		return "the same story"
	case overall <= 2.5:
		return "closely related stories"
	case overall <= 3.25:
		return "loosely related"
	default:
		return "different stories"
	}
}

// WriteReport writes r as a short report a person can take in: the
// scores, then the evidence (entities, places, dates, aligned sentences,
// facts one side alone has, framing).
func WriteReport(w io.Writer, a, b *analysis.Doc, r *Result) error {
	ew := &errWriter{w: w}
	ew.printf("A: %s [%s, %d words]\nB: %s [%s, %d words]\n\n", oneLine(a.Article.Title, 90), a.Lang, a.Words, oneLine(b.Article.Title, 90), b.Lang, b.Words)
	for _, n := range r.Notes {
		ew.printf("Note: %s\n", n)
	}
	if len(r.Notes) > 0 {
		ew.printf("\n")
	}
	ew.printf("Overall %.2f: %s   (1 = very similar … 4 = very dissimilar)\n", r.Scores.Overall, Verdict(r.Scores.Overall))
	v := r.Scores.Values()
	for i, d := range semeval.Dimensions {
		if i == 0 {
			continue
		}
		ew.printf("  %-10s %.2f %s\n", d, v[i], bar(v[i]))
	}
	section := func(title string, es []EntityEvidence) {
		if len(es) == 0 {
			return
		}
		ew.printf("\n%s:\n", title)
		for _, e := range es {
			side := map[string]string{"both": "both", "a": "A only", "b": "B only"}[e.In]
			ew.printf("  %-7s %s", side, e.Name)
			if len(e.Roles) > 0 {
				ew.printf(" — %s", strings.Join(e.Roles, ", "))
			}
			if len(e.Variants) > 1 || (len(e.Variants) == 1 && e.Variants[0] != e.Name) {
				ew.printf("  (%s)", strings.Join(e.Variants, ", "))
			}
			ew.printf("\n")
		}
	}
	section("Entities", r.Evidence.Entities)
	section("Places", r.Evidence.Places)
	d := r.Evidence.Dates
	if len(d.A)+len(d.B) > 0 {
		ew.printf("\nDates:\n  A: %s\n  B: %s\n", list(d.A), list(d.B))
		if len(d.Shared) > 0 {
			ew.printf("  shared: %s\n", list(d.Shared))
		}
	}
	if len(r.Evidence.Aligned) > 0 {
		ew.printf("\nSentences that say the same thing (%d):\n", len(r.Evidence.Aligned))
		for _, p := range r.Evidence.Aligned {
			ew.printf("  %.2f  A%d: %s\n        B%d: %s\n", p.Similarity, p.A+1, oneLine(p.TextA, 110), p.B+1, oneLine(p.TextB, 110))
			if len(p.PivotTerms) > 0 {
				ew.printf("        pivot terms: %s\n", strings.Join(p.PivotTerms, ", "))
			}
		}
	}
	facts := func(side string, fs []Fact) {
		if len(fs) == 0 {
			return
		}
		ew.printf("\nOnly in %s:\n", side)
		for _, f := range fs {
			ew.printf("  %s%d: %s\n", side, f.Sentence+1, oneLine(f.Text, 120))
		}
	}
	facts("A", r.Evidence.OnlyA)
	facts("B", r.Evidence.OnlyB)
	if f := r.Evidence.Framing; len(f.A)+len(f.B) > 0 {
		ew.printf("\nFraming (words one side uses and the other does not):\n  A: %s\n  B: %s\n", list(f.A), list(f.B))
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

func bar(v float64) string {
	n := int((4-v)/3*20 + 0.5)
	return "[" + strings.Repeat("#", n) + strings.Repeat(".", 20-n) + "]"
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "—"
	}
	return strings.Join(xs, "; ")
}

// oneLine folds white space and cuts s to at most max runes.
func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

package compare

import (
	"github.com/newsim/newsim/analysis"
)

// contrastFraming lists the framing phrases (analysis.Doc.Framing) each
// side has and the other lacks, as written, in the order they occur.
func contrastFraming(a, b *analysis.Doc) FramingEvidence {
	return FramingEvidence{A: onlyIn(a, b), B: onlyIn(b, a)}
}

func onlyIn(x, y *analysis.Doc) []string {
	keys := make(map[string]bool, len(y.Framing))
	for _, p := range y.Framing {
		keys[p.Key] = true
	}
	var out []string
	for _, p := range x.Framing {
		if !keys[p.Key] {
			out = append(out, p.Text)
		}
	}
	return out
}

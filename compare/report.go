package compare

import (
	"fmt"
	"io"

	"github.com/newsim/newsim/analysis"
)

// WriteReport writes r as a short human-readable report on a and b.
func WriteReport(w io.Writer, a, b *analysis.Doc, r *Result) error {
	_, err := fmt.Fprintln(w, Summary(r.Scores))
	return err
}

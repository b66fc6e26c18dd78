package story

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/represent"
)

// benchAssign measures Assign through st over the distinct dev articles
// (about 2,500): the first half fills the window (all articles share one
// day, so every story is in the window: about 1,000 stories), then
// articles of the second half are assigned, cycling (a repeat is a
// retitled copy, so later rounds also measure joining). Storing the article
// (add) is not timed.
func benchAssign(b *testing.B, st Store, add func(*analysis.Doc) int64) {
	c := testComparer(b)
	docs := uniqueDocs(devExamples(b, 0))
	profs := make([]*represent.Profile, len(docs))
	for i, d := range docs {
		profs[i] = c.Profile(d)
	}
	cl := NewClusterer(c, st, Options{Now: func() time.Time { return t0 }})
	ctx := context.Background()
	half := len(docs) / 2
	for i := 0; i < half; i++ {
		if _, err := cl.Assign(ctx, add(docs[i]), docs[i], profs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := half + i%(len(docs)-half)
		b.StopTimer()
		d := docs[k]
		if round := i / (len(docs) - half); round > 0 {
			c := *d // a repeat: a new copy with its own content hash
			c.Article.Title = fmt.Sprintf("%s (%d)", c.Article.Title, round)
			d = &c
		}
		id := add(d)
		b.StartTimer()
		if _, err := cl.Assign(ctx, id, d, profs[k]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

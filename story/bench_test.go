package story

import (
	"context"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/represent"
)

// benchAssign measures Assign through st over the distinct dev articles:
// the first half fills the window (all articles share one day, so every
// story is in the window), then the second half is timed, cycling.
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
		if _, err := cl.Assign(ctx, add(docs[k]), docs[k], profs[k]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAssignMemory is Assign alone (the clustering's own cost), with
// the in-memory test store.
func BenchmarkAssignMemory(b *testing.B) {
	st := newMemStore()
	benchAssign(b, st, func(d *analysis.Doc) int64 { return st.add(d, t0) })
}

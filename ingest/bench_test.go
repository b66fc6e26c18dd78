package ingest_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/internal/pgtest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// BenchmarkCommit measures the serialised part of ingest — Commit: store
// the row, signature and bands, find near-duplicates, assign the story —
// per article, in groups of 16, on SQLite and on PostgreSQL (a throwaway
// local server). Analysis is done beforehand and not timed. This is the
// part one store's write lock serialises across all workers, so 1 s
// divided by it bounds one store's ingest rate.
//
//	go test ./ingest -run '^$' -bench Commit -benchtime 1x
func BenchmarkCommit(b *testing.B) {
	arts := devArticles(b, 1000)
	c, err := compare.Default()
	if err != nil {
		b.Fatal(err)
	}
	p0 := ingest.New(nil, c, story.Options{})
	var analysed []ingest.Analyzed
	for _, a := range arts {
		if x, err := p0.Analyze(a); err == nil {
			analysed = append(analysed, x)
		}
	}
	pg := pgtest.Start(b)
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			for range b.N {
				path := filepath.Join(b.TempDir(), "bench.db")
				if backend == "postgres" {
					path = pgtest.NewDatabase(b, pg.URL("postgres"))
				}
				db, err := store.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				p := ingest.New(db, c, story.Options{})
				start := time.Now()
				for i := 0; i < len(analysed); i += 16 {
					if _, err := p.Commit(context.Background(), analysed[i:min(i+16, len(analysed))]); err != nil {
						b.Fatal(err)
					}
				}
				ms := float64(time.Since(start).Microseconds()) / 1000 / float64(len(analysed))
				b.ReportMetric(ms, "ms/article")
				b.Logf("%s: %d articles committed, %.2f ms per article (%.0f articles/s through one write lock)", backend, len(analysed), ms, 1000/ms)
				db.Close()
			}
		})
	}
}

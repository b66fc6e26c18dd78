package story_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

func openStore(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "newsim.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkAssign is Assign through the SQLite store (the store's own
// article insert is not timed: articles are inserted unclustered first).
func BenchmarkAssign(b *testing.B) {
	db := openStore(b)
	ctx := context.Background()
	story.BenchAssign(b, db, func(d *analysis.Doc) int64 {
		r, err := db.Put(ctx, d, nil)
		if err != nil {
			b.Fatal(err)
		}
		return r.ID
	})
}

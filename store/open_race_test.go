package store

import (
	"path/filepath"
	"sync"
	"testing"
)

// Several processes may open a new store at the same moment (two ingests
// started together): every Open succeeds, none fails with "database is
// locked" while another creates the file, sets WAL mode or migrates.
func TestConcurrentOpensOfANewStore(t *testing.T) {
	if onPostgres() {
		t.Skip("SQLite files")
	}
	for round := range 20 {
		path := filepath.Join(t.TempDir(), "new.db")
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := Open(path)
				if err == nil {
					_, err = db.Stats(ctx)
					db.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, opener %d: %v", round, i, err)
			}
		}
	}
}

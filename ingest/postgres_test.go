package ingest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/internal/pgtest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// Two writers (two connections, as two worker processes would have) store
// the two seed articles — one event — at the same moment into one
// PostgreSQL store. The first holds its transaction open after assigning
// its article, for up to two seconds or until the second has assigned
// too. Were writers not serialised, the second would not see the first's
// uncommitted story and would open a second story for the same event; the
// store's write lock makes it wait, see the committed story and join it.
func TestRacingWritersOpenOneStory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	srv := pgtest.Start(t)
	url := pgtest.NewDatabase(t, srv.URL("postgres"))
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	open := func() (*store.DB, *ingest.Pipeline) {
		db, err := store.Open(url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, ingest.New(db, c, story.Options{})
	}
	db, first := open()
	_, second := open()
	seed := seeds(t)

	secondAssigned := make(chan struct{})
	firstAssigned := make(chan struct{})
	first.AfterAssign = func(int64) {
		close(firstAssigned)
		select {
		case <-secondAssigned: // only possible without the write lock
		case <-time.After(2 * time.Second):
		}
	}
	second.AfterAssign = func(int64) { close(secondAssigned) }
	var wg sync.WaitGroup
	res := make([]int64, 2)
	for i, p := range []*ingest.Pipeline{first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i == 1 {
				<-firstAssigned // the first is inside its transaction
			}
			r, err := p.Batch(context.Background(), seed[i:i+1])
			if err != nil {
				t.Error(err)
				return
			}
			res[i] = r[0].Story
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if res[0] != res[1] {
		t.Errorf("the racing writers put one event's articles into stories %d and %d", res[0], res[1])
	}
	if st, err := db.Stats(context.Background()); err != nil || st.Stories != 1 || st.Articles != 2 {
		t.Errorf("store: %+v, %v; want 2 articles in 1 story", st, err)
	}
}

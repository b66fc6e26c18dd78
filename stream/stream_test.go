package stream_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/internal/natstest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
	"github.com/newsim/newsim/stream"
)

func seed(t *testing.T, name string) article.Article {
	t.Helper()
	arts, err := article.ReadFile(filepath.Join("..", "testdata", "seeds", name))
	if err != nil {
		t.Fatal(err)
	}
	arts[0].Lang = "ar"
	return arts[0]
}

// A worker stores the good articles, reports the bad records on
// newsim.rejected with their reason, and acknowledges everything: nothing
// is left to be delivered again. An article published twice is dropped by
// JetStream.
func TestWorkerStoresRejectsAndAcks(t *testing.T) {
	ns := natstest.Start(t)
	nc, js, err := stream.Connect(ns.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := stream.Ensure(ctx, js); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var rejected []stream.Rejected
	sub, err := nc.Subscribe(stream.RejectedSubject, func(m *nats.Msg) {
		var r stream.Rejected
		json.Unmarshal(m.Data, &r)
		mu.Lock()
		rejected = append(rejected, r)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	var events []story.Event
	esub, err := nc.Subscribe(stream.StoriesSubject+".>", func(m *nats.Msg) {
		var e story.Event
		json.Unmarshal(m.Data, &e)
		mu.Lock()
		if m.Subject == stream.StoriesSubject+"."+e.Kind {
			events = append(events, e)
		}
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer esub.Unsubscribe()
	nc.Flush()

	a, b := seed(t, "000_7d9c6d418026c8b1.txt"), seed(t, "001_5f58f892265ec782.txt")
	for _, x := range []article.Article{a, b} {
		if dup, err := stream.Publish(ctx, js, x); err != nil || dup {
			t.Fatalf("publish %s: duplicate %v, %v", x.ID, dup, err)
		}
	}
	if dup, err := stream.Publish(ctx, js, a); err != nil || !dup {
		t.Errorf("publishing %s again: duplicate %v, %v; want JetStream to drop it", a.ID, dup, err)
	}
	if _, err := js.Publish(ctx, stream.Subject, []byte(`{"title": "broken`)); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Publish(ctx, js, article.Article{ID: "no-lang", Title: "A title", Text: "Some text.", Lang: "sw"}); err != nil {
		t.Fatal(err)
	}

	db, err := store.Open(filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		done <- stream.Work(ctx, nc, js, ingest.New(db, c, story.Options{}), stream.WorkOptions{Batch: 8, AckWait: 2 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		st, _ := db.Stats(ctx)
		mu.Lock()
		nrej := len(rejected)
		mu.Unlock()
		cons, err := js.Consumer(ctx, stream.StreamName, stream.Consumer)
		mu.Lock()
		nev := len(events)
		mu.Unlock()
		if err == nil && st.Articles == 2 && nrej == 2 && nev == 2 {
			info, err := cons.Info(ctx)
			if err == nil && info.NumPending == 0 && info.NumAckPending == 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 2 minutes: %d articles stored, %d rejected reports, %d story events", st.Articles, nrej, nev)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	reasons := rejected[0].Reason + "\n" + rejected[1].Reason
	for _, want := range []string{"malformed JSON", "not supported"} {
		if !strings.Contains(reasons, want) {
			t.Errorf("rejected reasons %q lack %q", reasons, want)
		}
	}
	for _, r := range rejected {
		if r.Sequence == 0 || r.Subject != stream.Subject {
			t.Errorf("rejected report %+v does not name its message", r)
		}
	}
	// The story events, on their subjects: the first seed created the
	// story, the second grew it.
	if events[0].Kind != story.Created || events[1].Kind != story.Grew || events[0].Story != events[1].Story || events[1].Size != 2 {
		t.Errorf("story events %+v, want created then grew, one story", events)
	}
	// Stored articles are in one story (the seeds report one event).
	if st, _ := db.Stats(context.Background()); st.Stories != 1 {
		t.Errorf("%d stories, want 1", st.Stories)
	}
}

package server

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/newsim/newsim/internal/natstest"
	"github.com/newsim/newsim/stream"
)

// A server with a Publisher (newsim serve --nats) answers POST
// /v1/articles with 202 and puts the articles on the NATS stream for the
// workers, storing nothing itself; an article posted twice is counted as a
// duplicate and queued once.
func TestIngestPublishesToNATS(t *testing.T) {
	ns := natstest.Start(t)
	nc, js, err := stream.Connect(ns.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx := context.Background()
	st, err := stream.Ensure(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	_, ts := newTestServer(t, Config{Publisher: stream.Publisher{JS: js}, Token: "tok"})
	arts := envArticles(t)[:2]
	for i, want := range []Accepted{{Accepted: 2}, {Duplicates: 2}} {
		got := do(t, ts, "POST", "/v1/articles", "application/json", mustJSON(t, arts), "Authorization", "Bearer tok")
		var a Accepted
		if got.Status != 202 || json.Unmarshal(got.Body, &a) != nil || a != want {
			t.Fatalf("post %d: %d %s; want 202 %+v", i, got.Status, got.Body, want)
		}
		checkAgainstDoc(t, "POST", "/v1/articles", "application/json", mustJSON(t, arts), got)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 2 {
		t.Errorf("%d messages on the stream, want 2", info.State.Msgs)
	}
	// Still a write: without the token nothing is queued.
	if got := do(t, ts, "POST", "/v1/articles", "application/json", mustJSON(t, arts[:1])); got.Status != 401 {
		t.Errorf("post without the token: %d", got.Status)
	}
	// Reads need a store, which this server has not.
	if got := do(t, ts, "GET", "/v1/stories", "", nil); got.Status != 503 {
		t.Errorf("stories without a store: %d", got.Status)
	}
}

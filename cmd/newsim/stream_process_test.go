package main

// The scale-out test of issue 9: articles published to NATS JetStream and
// ingested by worker processes into PostgreSQL, one worker killed with -9
// mid-stream and replaced, end with exactly the articles of a clean SQLite
// ingest of the same file, each once, in stories that agree with it.

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsim/newsim/internal/natstest"
	"github.com/newsim/newsim/internal/pgtest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/stream"
)

func startWorker(t *testing.T, natsURL, storeURL string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	newsim, _ := ingBinaries(t)
	cmd := exec.Command(newsim, "worker", "--nats", natsURL, "--store", storeURL, "--workers", "1", "--batch", "16", "--ack-wait", "5s")
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &errb
}

func testWorkersKilledAndReplaced(t *testing.T) {
	const n = 1000
	input := ingGenerate(t, n)
	pg := pgtest.Start(t)
	pgURL := pgtest.NewDatabase(t, pg.URL("postgres"))
	ns := natstest.Start(t)

	// The reference: a clean single-process SQLite ingest.
	refPath := t.TempDir() + "/ref.db"
	out, errOut, code := ingRun(t, "ingest", "--json", "--store", refPath, input)
	if code != 0 {
		t.Fatalf("reference ingest: exit %d: %s", code, errOut)
	}
	want := ingSummary(t, out).Stored

	out, errOut, code = ingRun(t, "publish", "--json", "--nats", ns.URL(), input)
	if code != 0 {
		t.Fatalf("publish: exit %d: %s", code, errOut)
	}
	var pub publishSummary
	if err := json.Unmarshal([]byte(out), &pub); err != nil || pub.Read != n || pub.Published != want {
		t.Fatalf("publish summary %s (%v); want %d read, %d published", out, err, n, want)
	}

	db, err := store.Open(pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := func() int { return ingCount(t, db, "SELECT COUNT(*) FROM articles") }

	w1, e1 := startWorker(t, ns.URL(), pgURL)
	w2, e2 := startWorker(t, ns.URL(), pgURL)
	defer func() {
		for _, w := range []*exec.Cmd{w1, w2} {
			w.Process.Kill()
		}
	}()
	deadline := time.Now().Add(10 * time.Minute)
	for stored() < want/5 {
		if time.Now().After(deadline) {
			t.Fatalf("workers stored %d of %d in 10 minutes\n%s\n%s", stored(), want, e1, e2)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := w1.Process.Kill(); err != nil { // SIGKILL, mid-batch
		t.Fatal(err)
	}
	w1.Wait()
	atKill := stored()
	w3, e3 := startWorker(t, ns.URL(), pgURL)
	defer w3.Process.Kill()

	// Wait until every message is acknowledged and the store holds them all.
	nc, js, err := stream.Connect(ns.URL(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	ctx := context.Background()
	for {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 minutes %d of %d stored\n%s\n%s\n%s", stored(), want, e1, e2, e3)
		}
		var info *jetstream.ConsumerInfo
		if c, err := js.Consumer(ctx, stream.StreamName, stream.Consumer); err == nil {
			info, _ = c.Info(ctx)
		}
		if info != nil && info.NumPending == 0 && info.NumAckPending == 0 && stored() >= want {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	for _, w := range []*exec.Cmd{w2, w3} {
		w.Process.Signal(syscall.SIGTERM)
		w.Wait()
	}
	t.Logf("killed a worker at %d stored; %d of %d at the end", atKill, stored(), want)

	if got := ingCount(t, db, "SELECT COUNT(DISTINCT ext_id) FROM articles"); got != want || stored() != want {
		t.Errorf("%d articles (%d distinct), want %d, each once", stored(), got, want)
	}
	ref, err := store.Open(refPath)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	a, b := groupings(t, ref), groupings(t, db)
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Errorf("article %s is missing from PostgreSQL", k)
		}
	}
	f1 := pairwiseF1(a, b)
	t.Logf("pairwise F1 of the workers' stories against the SQLite ingest: %.3f", f1)
	if f1 < 0.95 {
		t.Errorf("pairwise F1 %.3f < 0.95", f1)
	}
	for _, q := range []string{
		"SELECT COUNT(*) FROM articles WHERE story_id IS NULL OR story_id NOT IN (SELECT id FROM stories)",
		"SELECT COUNT(*) FROM stories s WHERE size != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)",
	} {
		if k := ingCount(t, db, q); k != 0 {
			t.Errorf("%s = %d, want 0", q, k)
		}
	}
	if !strings.Contains(e3.String(), "worker") {
		t.Errorf("the replacement worker logged nothing:\n%s", e3)
	}
}

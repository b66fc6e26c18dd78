package main

// Process tests of the store commands on PostgreSQL (--store postgres://…),
// run inside TestStoreProcesses against a server started by the test.

import (
	"database/sql"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/newsim/newsim/internal/pgtest"
	"github.com/newsim/newsim/store"
)

// groupings returns ext_id → story id of every article in the store.
func groupings(t testing.TB, db *store.DB) map[string]int64 {
	t.Helper()
	rows, err := db.SQL().Query("SELECT ext_id, story_id FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var ext string
		var s sql.NullInt64
		if err := rows.Scan(&ext, &s); err != nil {
			t.Fatal(err)
		}
		if !s.Valid {
			t.Errorf("article %s has no story", ext)
		}
		out[ext] = s.Int64
	}
	return out
}

// pairwiseF1 compares two groupings of the same items: a pair of items is
// "same story" in a grouping when both are in one story; F1 of b's
// same-story pairs against a's. 1 when both put every item alone.
func pairwiseF1(a, b map[string]int64) float64 {
	byStory := map[int64][]string{}
	for k, s := range a {
		byStory[s] = append(byStory[s], k)
	}
	tp, inA, inB := 0, 0, 0
	for _, ks := range byStory {
		inA += len(ks) * (len(ks) - 1) / 2
	}
	byStoryB := map[int64][]string{}
	for k, s := range b {
		byStoryB[s] = append(byStoryB[s], k)
	}
	for _, ks := range byStoryB {
		inB += len(ks) * (len(ks) - 1) / 2
		for i := range ks {
			for j := i + 1; j < len(ks); j++ {
				if sa, ok := a[ks[i]]; ok && sa == a[ks[j]] {
					tp++
				}
			}
		}
	}
	if inA+inB == 0 {
		return 1
	}
	return 2 * float64(tp) / float64(inA+inB)
}

// Ingest into PostgreSQL stores what ingest into SQLite stores, grouped
// into the same stories; a second, concurrent ingest of the same input
// stores nothing twice.
func testIngestPostgres(t *testing.T) {
	newsim, _ := ingBinaries(t)
	srv := pgtest.Start(t)
	url := pgtest.NewDatabase(t, srv.URL("postgres"))
	const n = 200
	input := ingGenerate(t, n, "--dup-every", "7")
	sqlitePath := filepath.Join(t.TempDir(), "ref.db")
	out, errOut, code := ingRun(t, "ingest", "--json", "--store", sqlitePath, input)
	if code != 0 {
		t.Fatalf("sqlite ingest: exit %d: %s", code, errOut)
	}
	want := ingSummary(t, out).Stored // light copies of earlier articles may be exact duplicates
	if want < n*9/10 {
		t.Fatalf("SQLite stored %d of %d articles", want, n)
	}
	var wg sync.WaitGroup
	sums := make([]ingestSummary, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(newsim, "ingest", "--json", "--store", url, input)
			var o, e strings.Builder
			cmd.Stdout, cmd.Stderr = &o, &e
			if err := cmd.Run(); err != nil {
				t.Errorf("postgres ingest %d: %v\n%s", i, err, e.String())
				return
			}
			if err := json.Unmarshal([]byte(o.String()), &sums[i]); err != nil {
				t.Errorf("summary %q: %v", o.String(), err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i, s := range sums {
		if s.Read != n || s.Stored+s.Duplicates != n {
			t.Errorf("PostgreSQL ingest %d: %+v; want %d read, each stored or a duplicate", i, s.Summary, n)
		}
	}
	if got := sums[0].Stored + sums[1].Stored; got != want {
		t.Errorf("the two PostgreSQL ingests stored %d articles together, SQLite %d (%+v, %+v)", got, want, sums[0].Summary, sums[1].Summary)
	}
	ref, err := store.Open(sqlitePath)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	pg, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	a, b := groupings(t, ref), groupings(t, pg)
	if len(a) != want || len(b) != want {
		t.Fatalf("%d articles in SQLite, %d in PostgreSQL, want %d each", len(a), len(b), want)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			t.Errorf("article %s is in SQLite, not in PostgreSQL", k)
		}
	}
	f1 := pairwiseF1(a, b)
	t.Logf("%d articles; pairwise F1 of the PostgreSQL stories against SQLite's: %.3f", want, f1)
	if f1 < 0.95 {
		t.Errorf("pairwise F1 %.3f < 0.95: the PostgreSQL stories differ from SQLite's", f1)
	}
	for _, q := range []string{
		"SELECT COUNT(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)",
		"SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)",
		"SELECT COUNT(*) FROM stories s WHERE size != (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)",
	} {
		var k int
		if err := pg.SQL().QueryRow(q).Scan(&k); err != nil || k != 0 {
			t.Errorf("%s = %d, %v; want 0", q, k, err)
		}
	}
	out, errOut, code = ingRun(t, "dupes", "--json", "--store", url)
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Errorf("dupes on PostgreSQL: exit %d %s %s", code, out, errOut)
	}
	out, _, code = ingRun(t, "stories", "--json", "--store", url, "--limit", "3")
	if code != 0 || !strings.Contains(out, `"external_id"`) {
		t.Errorf("stories on PostgreSQL: exit %d\n%s", code, out)
	}
}

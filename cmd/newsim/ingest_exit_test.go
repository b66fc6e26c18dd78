package main

// Process tests of ingest's exit status, summary and store upkeep (issue
// 10 items 5 and 11), run inside TestStoreProcesses.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/newsim/newsim/store"
)

// Nothing stored and something rejected is a failure (exit 1), whatever
// the reason of the rejection; the reason names the input.
func testIngestNothingStoredExits1(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seed := filepath.Join("..", "..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt")
	for _, tc := range []struct {
		name  string
		args  []string
		names string // what stderr must name
	}{
		{"missing file", []string{filepath.Join(dir, "missing.txt")}, "missing.txt"},
		{"binary file", []string{write("image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...))}, "image.txt"},
		{"empty file", []string{write("empty.txt", nil)}, "empty.txt"},
		{"file over the size limit", []string{write("huge.txt", bytes.Repeat([]byte("word "), (32<<20)/5+1000))}, "huge.txt"},
		{"unknown --lang", []string{"--lang", "xx", seed}, "xx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dbPath := filepath.Join(t.TempDir(), "none.db")
			out, errOut, code := ingRun(t, append([]string{"ingest", "--json", "--store", dbPath}, tc.args...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1 (nothing stored, something rejected)\nstderr: %s", code, errOut)
			}
			if !strings.Contains(errOut, tc.names) || !strings.Contains(errOut, "nothing stored") {
				t.Errorf("stderr should name %q and say nothing was stored:\n%s", tc.names, errOut)
			}
			if s := ingSummary(t, out); s.Stored != 0 || s.Rejected != 1 {
				t.Errorf("summary %+v, want 1 rejected, 0 stored", s)
			}
		})
	}
}

// Two ingest processes writing disjoint inputs into one store at the same
// time: each summary counts only its own articles and their stories.
func testConcurrentSummaries(t *testing.T) {
	newsim, _ := ingBinaries(t)
	const n = 240
	input := ingGenerate(t, n)
	b, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSpace(string(b)), "\n")
	if len(lines) != n {
		t.Fatalf("%d lines generated, want %d", len(lines), n)
	}
	dir := t.TempDir()
	halves := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")}
	os.WriteFile(halves[0], []byte(strings.Join(lines[:n/2], "")), 0o644)
	os.WriteFile(halves[1], []byte(strings.Join(lines[n/2:], "")+"\n"), 0o644)
	dbPath := filepath.Join(dir, "shared.db")
	var wg sync.WaitGroup
	sums := make([]ingestSummary, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(newsim, "ingest", "--json", "--workers", "1", "--store", dbPath, halves[i])
			var o, e strings.Builder
			cmd.Stdout, cmd.Stderr = &o, &e
			if err := cmd.Run(); err != nil {
				t.Errorf("process %d: %v\n%s", i, err, e.String())
				return
			}
			if err := json.Unmarshal([]byte(o.String()), &sums[i]); err != nil {
				t.Errorf("process %d summary %q: %v", i, o.String(), err)
			}
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stories := ingCount(t, db, "SELECT COUNT(*) FROM stories")
	for i, s := range sums {
		if s.Read != n/2 || s.Stored != n/2 || s.Duplicates != 0 {
			t.Errorf("process %d: %+v; want %d read and stored", i, s.Summary, n/2)
		}
		// Before the fix each process counted the stories of every
		// article stored since it started, the other's included.
		if s.Stories < 1 || s.Stories > s.Stored || s.Stories > stories {
			t.Errorf("process %d reports %d stories for its %d articles (the store holds %d stories)", i, s.Stories, s.Stored, stories)
		}
	}
	if got := ingCount(t, db, "SELECT COUNT(*) FROM articles"); got != n {
		t.Errorf("%d articles, want %d", got, n)
	}
	ingCheckComplete(t, db)
}

// After an ingest the write-ahead log is checkpointed and truncated, even
// while another connection (here the test's) keeps the store open, which
// stops SQLite from removing the log when the ingest closes it.
func testIngestTruncatesWAL(t *testing.T) {
	input := ingGenerate(t, 120)
	dbPath := filepath.Join(t.TempDir(), "wal.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Stats(t.Context()); err != nil { // the connection is open and idle
		t.Fatal(err)
	}
	out, errOut, code := ingRun(t, "ingest", "--json", "--store", dbPath, input)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if s := ingSummary(t, out); s.Stored != 120 {
		t.Fatalf("summary %+v", s.Summary)
	}
	st, err := os.Stat(dbPath + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != 0 {
		t.Errorf("WAL holds %d bytes after ingest, want 0 (checkpointed and truncated)", st.Size())
	}
	if got := ingCount(t, db, "SELECT COUNT(*) FROM articles"); got != 120 {
		t.Errorf("%d articles readable after the checkpoint, want 120", got)
	}
}

// --workers is capped at maxWorkersPerCore per core: more only costs memory.
func testWorkersCapped(t *testing.T) {
	seed := filepath.Join("..", "..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt")
	limit := maxWorkersPerCore * runtime.NumCPU()
	for _, w := range []int{0, limit + 1, 100000} {
		_, errOut, code := ingRun(t, "ingest", "--workers", fmt.Sprint(w), "--store", filepath.Join(t.TempDir(), "w.db"), seed)
		if code != 2 || !strings.Contains(errOut, fmt.Sprintf("want 1 to %d", limit)) {
			t.Errorf("--workers %d: exit %d, stderr %q; want 2 and the allowed range", w, code, errOut)
		}
	}
	if _, errOut, code := ingRun(t, "ingest", "--workers", fmt.Sprint(limit), "--store", filepath.Join(t.TempDir(), "w.db"), seed); code != 0 {
		t.Errorf("--workers %d: exit %d: %s", limit, code, errOut)
	}
}

package main

// Tests of the store commands with real processes and a real SQLite file:
// the newsim binary is built into a temporary directory and run.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsim/newsim/dedup"
	"github.com/newsim/newsim/internal/devdata"
	"github.com/newsim/newsim/store"
)

// ingBin holds the binaries built for TestStoreProcesses.
var ingBin struct{ newsim, loadgen string }

// ingBinaries returns the paths of the newsim and newsim-loadgen binaries
// built by TestStoreProcesses.
func ingBinaries(t testing.TB) (newsim, loadgen string) {
	t.Helper()
	if ingBin.newsim == "" {
		t.Fatal("run inside TestStoreProcesses")
	}
	return ingBin.newsim, ingBin.loadgen
}

// TestStoreProcesses builds newsim and newsim-loadgen into a temporary
// directory once and runs the process tests of ingest, dupes and prune
// against real SQLite files.
func TestStoreProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	for _, b := range [][2]string{{"newsim", "."}, {"newsim-loadgen", "../newsim-loadgen"}} {
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, b[0]), b[1]).CombinedOutput()
		if err != nil {
			t.Fatalf("go build %s: %v\n%s", b[1], err, out)
		}
	}
	ingBin.newsim, ingBin.loadgen = filepath.Join(dir, "newsim"), filepath.Join(dir, "newsim-loadgen")
	defer func() { ingBin.newsim, ingBin.loadgen = "", "" }()
	for _, tc := range []struct {
		name string
		run  func(*testing.T)
	}{
		{"kill -9 midway loses nothing and the next run resumes", testIngestKilledMidway},
		{"two concurrent ingests share one store", testConcurrentIngests},
		{"a store of a newer schema is refused", testNewerStoreIsRefused},
		{"ingesting twice keeps one copy", testIngestTwiceKeepsOneCopy},
		{"bad records are reported and skipped", testIngestReportsBadRecords},
		{"prune is one transaction", testPruneIsOneTransaction},
		{"dupes lists near-duplicate groups", testDupesCommand},
		{"dupes and prune do not create a missing store", testMissingStore},
		{"nothing stored and something rejected exits 1", testIngestNothingStoredExits1},
		{"concurrent ingests each count their own stories", testConcurrentSummaries},
		{"ingest truncates the WAL", testIngestTruncatesWAL},
		{"--workers is capped", testWorkersCapped},
		{"ingest into PostgreSQL matches SQLite", testIngestPostgres},
		{"NATS workers into PostgreSQL, one killed and replaced, servers restarted, match SQLite", testWorkersKilledAndReplaced},
		{"watch prints story events", testWatchPrintsEvents},
	} {
		t.Run(tc.name, tc.run)
	}
}

// ingDevPairs is the dev pairs file, or a skip.
func ingDevPairs(t testing.TB) string {
	p := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(p); err != nil {
		devdata.Missing(t, "dev data not available: %v", err)
	}
	return p
}

// ingGenerate writes n perturbed dev articles as JSON Lines and returns the
// file's path.
func ingGenerate(t testing.TB, n int, extra ...string) string {
	_, loadgen := ingBinaries(t)
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	args := append([]string{"--pairs", ingDevPairs(t), "-n", strconv.Itoa(n), "--max-sentences", "4", "--dup-every", "0"}, extra...)
	cmd := exec.Command(loadgen, args...)
	var errb strings.Builder
	cmd.Stdout, cmd.Stderr = f, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("loadgen: %v\n%s", err, errb.String())
	}
	return path
}

// ingRun runs newsim and returns stdout, stderr and the exit status.
func ingRun(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	newsim, _ := ingBinaries(t)
	cmd := exec.Command(newsim, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func ingSummary(t testing.TB, stdout string) ingestSummary {
	t.Helper()
	var s ingestSummary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("summary %q: %v", stdout, err)
	}
	return s
}

func ingCount(t testing.TB, db *store.DB, q string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// ingCheckComplete checks that the store is intact and that every article
// in it is whole: analysis readable, story assigned, all its bands.
func ingCheckComplete(t *testing.T, db *store.DB) {
	t.Helper()
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, q string }{
		{"articles without a story", "SELECT COUNT(*) FROM articles WHERE story_id IS NULL"},
		{"articles in a missing story", "SELECT COUNT(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)"},
		{"articles with too few bands", fmt.Sprintf("SELECT COUNT(*) FROM articles a WHERE sig IS NOT NULL AND (SELECT COUNT(*) FROM bands b WHERE b.article_id = a.id) != %d", dedup.Bands)},
		{"bands of missing articles", "SELECT COUNT(*) FROM bands WHERE article_id NOT IN (SELECT id FROM articles)"},
		{"stories without members", "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)"},
	} {
		if n := ingCount(t, db, c.q); n != 0 {
			t.Errorf("%s: %d", c.what, n)
		}
	}
}

func testIngestKilledMidway(t *testing.T) {
	newsim, _ := ingBinaries(t)
	const n = 1200
	input := ingGenerate(t, n)
	dbPath := filepath.Join(t.TempDir(), "kill.db")

	cmd := exec.Command(newsim, "ingest", "-v", "--store", dbPath, input)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := map[int64]string{} // id → name:line, from "stored" lines
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if f[0] == "stored" {
			id, _ := strconv.ParseInt(f[1], 10, 64)
			reported[id] = f[2]
		}
		if len(reported) == 150 {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL
				t.Fatal(err)
			}
			break
		}
	}
	for sc.Scan() { // lines written before the kill landed
		if f := strings.Split(sc.Text(), "\t"); f[0] == "stored" {
			id, _ := strconv.ParseInt(f[1], 10, 64)
			reported[id] = f[2]
		}
	}
	err = cmd.Wait()
	if len(reported) < 150 {
		t.Fatalf("ingest ended (%v) after reporting %d articles, before the kill", err, len(reported))
	}

	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ingCheckComplete(t, db)
	stored := ingCount(t, db, "SELECT COUNT(*) FROM articles")
	if stored >= n {
		t.Fatalf("all %d articles stored before the kill: the test did not interrupt anything", stored)
	}
	for id, where := range reported {
		info, doc, err := db.Article(context.Background(), id)
		if err != nil {
			t.Errorf("article %d (%s) was reported stored: %v", id, where, err)
			continue
		}
		if info.Story == 0 || doc.Article.Text == "" || len(doc.Sentences) == 0 {
			t.Errorf("article %d (%s) is incomplete: %+v", id, where, info)
		}
	}
	t.Logf("killed after %d reported, %d in the store", len(reported), stored)

	out, errOut, code := ingRun(t, "ingest", "--json", "--store", dbPath, input)
	if code != 0 {
		t.Fatalf("resumed ingest: exit %d\n%s", code, errOut)
	}
	sum := ingSummary(t, out)
	if sum.Read != n || sum.Duplicates != stored || sum.Stored != n-stored || sum.Rejected != 0 {
		t.Errorf("resumed ingest summary %+v; want %d read, %d already stored, %d stored", sum, n, stored, n-stored)
	}
	if got := ingCount(t, db, "SELECT COUNT(DISTINCT ext_id) FROM articles"); got != n {
		t.Errorf("%d distinct articles after resuming, want %d", got, n)
	}
	if got := ingCount(t, db, "SELECT COUNT(*) FROM articles"); got != n {
		t.Errorf("%d articles after resuming, want %d", got, n)
	}
	ingCheckComplete(t, db)
}

func testConcurrentIngests(t *testing.T) {
	newsim, _ := ingBinaries(t)
	const n = 300
	input := ingGenerate(t, n)
	dbPath := filepath.Join(t.TempDir(), "two.db")
	var wg sync.WaitGroup
	outs := make([]string, 2)
	errs := make([]string, 2)
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(newsim, "ingest", "--json", "--store", dbPath, input)
			var o, e strings.Builder
			cmd.Stdout, cmd.Stderr = &o, &e
			if err := cmd.Run(); err != nil {
				codes[i] = -1
				if ee, ok := err.(*exec.ExitError); ok {
					codes[i] = ee.ExitCode()
				}
			}
			outs[i], errs[i] = o.String(), e.String()
		}()
	}
	wg.Wait()
	total := 0
	for i := range 2 {
		if codes[i] != 0 {
			t.Fatalf("process %d: exit %d\n%s", i, codes[i], errs[i])
		}
		s := ingSummary(t, outs[i])
		if s.Stored+s.Duplicates != n {
			t.Errorf("process %d: %+v; stored + duplicates should be %d", i, s, n)
		}
		total += s.Stored
	}
	if total != n {
		t.Errorf("the two processes stored %d articles together, want %d", total, n)
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ingCheckComplete(t, db)
	if got := ingCount(t, db, "SELECT COUNT(*) FROM articles"); got != n {
		t.Errorf("%d articles, want %d", got, n)
	}
	if got := ingCount(t, db, "SELECT COUNT(DISTINCT ext_id) FROM articles"); got != n {
		t.Errorf("%d distinct articles, want %d", got, n)
	}
}

func testNewerStoreIsRefused(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "future.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	seed := filepath.Join("..", "..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt")
	for _, args := range [][]string{
		{"ingest", "--store", dbPath, seed},
		{"dupes", "--store", dbPath},
		{"prune", "--store", dbPath, "--before", "2020-01-01"},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, errOut, code := ingRun(t, args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			want := fmt.Sprintf("schema version %d, this newsim reads up to %d", store.SchemaVersion+1, store.SchemaVersion)
			if !strings.Contains(errOut, "newer newsim") || !strings.Contains(errOut, want) || !strings.Contains(errOut, dbPath) {
				t.Errorf("stderr %q should name the file and say it was written by a newer newsim (%s)", errOut, want)
			}
		})
	}
	raw, err := store.Open(dbPath) // still refused: nothing was downgraded
	if err == nil {
		raw.Close()
		t.Error("the newer store was changed to an older schema")
	}
}

func testIngestTwiceKeepsOneCopy(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "seeds.db")
	seeds := filepath.Join("..", "..", "testdata", "seeds")
	// A copy of one seed with its lines re-wrapped: same content.
	b, err := os.ReadFile(filepath.Join(seeds, "000_7d9c6d418026c8b1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 2)
	copyPath := filepath.Join(dir, "copy.txt")
	os.WriteFile(copyPath, []byte(lines[0]+"\n"+strings.Join(strings.Fields(lines[1]), "  ")+"\n"), 0o644)

	out, errOut, code := ingRun(t, "ingest", "--json", "--store", dbPath, seeds)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if s := ingSummary(t, out); s.Stored != 2 || s.Read != 2 {
		t.Errorf("first ingest %+v, want 2 read and stored", s)
	}
	out, errOut, code = ingRun(t, "ingest", "--json", "--store", dbPath, seeds, copyPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if s := ingSummary(t, out); s.Stored != 0 || s.Duplicates != 3 {
		t.Errorf("second ingest %+v, want 0 stored and 3 duplicates", s)
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := ingCount(t, db, "SELECT COUNT(*) FROM articles"); got != 2 {
		t.Errorf("%d articles, want 2", got)
	}
	ingCheckComplete(t, db)
}

func testIngestReportsBadRecords(t *testing.T) {
	input := ingGenerate(t, 40, "--bad-every", "10")
	dbPath := filepath.Join(t.TempDir(), "bad.db")
	out, errOut, code := ingRun(t, "ingest", "--json", "--store", dbPath, input, filepath.Join(t.TempDir(), "missing.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s := ingSummary(t, out)
	if s.Read != 41 || s.Rejected != 5 || s.Stored != 36 {
		t.Errorf("summary %+v, want 41 read, 5 rejected (4 broken lines, 1 missing file), 36 stored", s)
	}
	for _, line := range []int{10, 20, 30, 40} {
		if want := fmt.Sprintf("%s:%d: malformed JSON", input, line); !strings.Contains(errOut, want) {
			t.Errorf("stderr does not report %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(errOut, "missing.jsonl") {
		t.Errorf("stderr does not name the missing file:\n%s", errOut)
	}
}

func testPruneIsOneTransaction(t *testing.T) {
	newsim, _ := ingBinaries(t)
	// 300 articles over three days from 2024-01-01.
	input := ingGenerate(t, 300, "--per-day", "100")
	dbPath := filepath.Join(t.TempDir(), "prune.db")
	if _, errOut, code := ingRun(t, "ingest", "--store", dbPath, input); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	type state struct{ articles, bands, stories int }
	observe := func() state {
		var s state
		if err := db.SQL().QueryRow(`SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM bands), (SELECT COUNT(*) FROM stories)`).Scan(&s.articles, &s.bands, &s.stories); err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := observe()
	if before.articles != 300 {
		t.Fatalf("%d articles ingested, want 300", before.articles)
	}
	cut := "2024-01-03"
	cmd := exec.Command(newsim, "prune", "--json", "--store", dbPath, "--before", cut)
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	finished := make(chan error, 1)
	go func() { finished <- cmd.Wait() }()
	// Watch the store while prune runs: a reader sees the state before or
	// the state after, nothing in between.
	seen := map[state]bool{}
	var werr error
watch:
	for {
		select {
		case werr = <-finished:
			break watch
		default:
			seen[observe()] = true
			time.Sleep(time.Millisecond)
		}
	}
	if werr != nil {
		t.Fatalf("prune: %v\n%s", werr, e.String())
	}
	after := observe()
	for s := range seen {
		if s != before && s != after {
			t.Errorf("a reader saw a half-pruned store: %+v (before %+v, after %+v)", s, before, after)
		}
	}
	var res struct{ Articles, Stories int }
	if err := json.Unmarshal([]byte(o.String()), &res); err != nil {
		t.Fatalf("prune output %q: %v", o.String(), err)
	}
	if res.Articles != 200 || after.articles != 100 {
		t.Errorf("prune removed %d articles, %d left; want 200 removed, 100 left", res.Articles, after.articles)
	}
	if res.Stories != before.stories-after.stories {
		t.Errorf("prune reports %d stories removed, the store lost %d", res.Stories, before.stories-after.stories)
	}
	if n := ingCount(t, db, "SELECT COUNT(*) FROM articles WHERE date < "+strconv.FormatInt(time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC).UnixNano(), 10)); n != 0 {
		t.Errorf("%d articles dated before %s left", n, cut)
	}
	ingCheckComplete(t, db)
	t.Logf("before %+v, after %+v, %d states observed", before, after, len(seen))
}

func testDupesCommand(t *testing.T) {
	// Every 5th article is a light copy of an earlier one.
	input := ingGenerate(t, 60, "--dup-every", "5")
	dbPath := filepath.Join(t.TempDir(), "dupes.db")
	out, errOut, code := ingRun(t, "ingest", "--json", "--store", dbPath, input)
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	sum := ingSummary(t, out)
	out, errOut, code = ingRun(t, "dupes", "--json", "--store", dbPath)
	if code != 0 {
		t.Fatalf("dupes: exit %d: %s", code, errOut)
	}
	var groups []store.DupGroup
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatalf("dupes --json: %v\n%s", err, out)
	}
	inGroups := 0
	for _, g := range groups {
		inGroups += len(g.Articles)
		for _, a := range g.Articles {
			if a.DupGroup != g.ID {
				t.Errorf("article %d listed in group %d but carries group %d", a.ID, g.ID, a.DupGroup)
			}
		}
	}
	// 12 copies; each joins its original's group (copies of copies too).
	if len(groups) == 0 || inGroups-len(groups) != sum.NearDuplicates || sum.NearDuplicates < 10 {
		t.Errorf("%d groups holding %d articles; ingest reported %d near-duplicates (12 generated)", len(groups), inGroups, sum.NearDuplicates)
	}
	table, _, code := ingRun(t, "dupes", "--store", dbPath)
	if code != 0 || !strings.Contains(table, fmt.Sprintf("group %d", groups[0].ID)) {
		t.Errorf("dupes table (exit %d):\n%s", code, table)
	}
}

func testMissingStore(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere.db")
	for _, args := range [][]string{{"dupes", "--store", missing}, {"prune", "--store", missing, "--before", "30d"}} {
		_, errOut, code := ingRun(t, args...)
		if code != 1 || !strings.Contains(errOut, "no store at "+missing) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and \"no store at %s\"", args[0], code, errOut, missing)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("%s was created", missing)
	}
}

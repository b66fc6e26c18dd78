package main

// The store commands: ingest, dupes, prune (issue 3).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// storeFlag adds --store to fs; an empty --store is a usage error (see
// storePathFlag).
func storeFlag(fs *flag.FlagSet) *string {
	p := new(storePathFlag)
	fs.Var(p, "store", "store: an SQLite file, or a PostgreSQL database as postgres://USER@HOST/DB (default $"+store.EnvStore+", else $XDG_DATA_HOME/newsim/newsim.db or ~/.local/share/newsim/newsim.db)")
	return (*string)(p)
}

// openStore opens the store at path, or at store.DefaultPath() when path
// is "".
func openStore(path string) (*store.DB, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	return store.Open(path)
}

// openStoreToRead opens an existing store for dupes and prune: a missing
// file is an error rather than a new empty store (a PostgreSQL URL is
// opened as it is).
func openStoreToRead(path string) (*store.DB, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if store.IsURL(path) {
		return store.Open(path)
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s (newsim ingest creates it; --store chooses another)", path)
		}
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return store.Open(path)
}

// ingestSummary is what `newsim ingest` did: the pipeline's counts, time,
// memory and store size.
type ingestSummary struct {
	ingest.Summary
	Seconds    float64 `json:"seconds"`
	PeakRSS    int64   `json:"peak_rss_bytes,omitempty"` // peak resident memory of the process (Linux VmHWM)
	StoreBytes int64   `json:"store_bytes"`              // store file plus its WAL (PostgreSQL: the database), at the end
}

// maxWorkersPerCore caps --workers: analysis is CPU-bound, so more
// goroutines than a few per core only add memory (each holds articles in
// flight).
const maxWorkersPerCore = 4

// workersFlag adds --workers (analysis goroutines) to fs.
func workersFlag(fs *flag.FlagSet) *int {
	return fs.Int("workers", runtime.GOMAXPROCS(0), fmt.Sprintf("analysis goroutines (1 to %d: %d per core)", maxWorkersPerCore*runtime.NumCPU(), maxWorkersPerCore))
}

// checkWorkers refuses a --workers value outside 1 … maxWorkersPerCore per core.
func checkWorkers(n int) error {
	if max := maxWorkersPerCore * runtime.NumCPU(); n < 1 || n > max {
		return usageError{fmt.Sprintf("--workers %d: want 1 to %d (%d per core on %d cores; analysis is CPU-bound)",
			n, max, maxWorkersPerCore, runtime.NumCPU())}
	}
	return nil
}

func runIngest(args []string, stdout, stderr io.Writer) error {
	fs := flags("ingest", stderr)
	storePath := storeFlag(fs)
	lang := fs.String("lang", "", "language of every article (ISO 639-1); identified per article when empty")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	verbose := fs.Bool("v", false, "print one line per record: stored, duplicate or rejected")
	workers := workersFlag(fs)
	modelPath := fs.String("model", "", "model file for story clustering (default: the embedded model)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file (for diagnosis)")
	memProfile := fs.String("memprofile", "", "write a heap profile to this file at the end (for diagnosis)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"name at least one FILE, DIR or - (standard input)"}
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		defer func() {
			f, err := os.Create(*memProfile)
			if err != nil {
				fmt.Fprintf(stderr, "memprofile: %v\n", err)
				return
			}
			defer f.Close()
			if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
				fmt.Fprintf(stderr, "memprofile: %v\n", err)
			}
		}()
	}
	db, err := openStore(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	pipe := ingest.New(db, c, story.Options{})
	ctx := context.Background()
	start := time.Now()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions64(countRecords(fs.Args()),
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("ingest"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
	}
	var stored, dups, bad int
	events := func(e ingest.Event) {
		switch e.Kind {
		case ingest.Stored:
			stored++
			if *verbose {
				fmt.Fprintf(out, "stored\t%d\t%s\tstory %d\tdup_group %d\n", e.Result.ID, e.Where, e.Result.Story, e.Result.DupGroup)
			}
		case ingest.Duplicate:
			dups++
			if *verbose {
				fmt.Fprintf(out, "duplicate\t%d\t%s\n", e.Result.ID, e.Where)
			}
		case ingest.Rejected:
			bad++
			if bar != nil {
				bar.Clear()
			}
			msg := e.Where + ": " + e.Err.Error()
			var ae *article.Error
			if errors.As(e.Err, &ae) {
				msg = e.Err.Error() // already names the input and line
			}
			fmt.Fprintf(stderr, "skipped: %s\n", msg)
			if *verbose {
				fmt.Fprintf(out, "rejected\t%s\t%s\n", e.Where, msg)
			}
		}
		if *verbose {
			out.Flush() // a "stored" line is printed only once committed, and at once
		}
		if bar != nil {
			bar.Describe(fmt.Sprintf("stored %d, dup %d, bad %d", stored, dups, bad))
			bar.Add(1)
		}
	}
	src := func(emit func(ingest.Record) error) error {
		return article.Walk(fs.Args(), os.Stdin, func(rec article.Record) error {
			r := ingest.Record{Where: rec.Name, Article: rec.Article, Err: rec.Err}
			if rec.Line > 0 {
				r.Where = rec.Name + ":" + strconv.Itoa(rec.Line)
			}
			if *lang != "" {
				r.Article.Lang = *lang
			}
			return emit(r)
		})
	}
	var sum ingestSummary
	var runErr error
	sum.Summary, runErr = pipe.Stream(ctx, src, ingest.Options{Workers: *workers, Events: events})
	if bar != nil {
		bar.Finish()
	}
	if sum.Stored > 0 {
		// Shrink the WAL this ingest grew. Readers of old snapshots (a
		// server) may keep it for a later checkpoint: a note, not a failure.
		if err := db.Checkpoint(ctx); err != nil {
			fmt.Fprintf(stderr, "note: %v\n", err)
		}
	}
	sum.Seconds = time.Since(start).Seconds()
	sum.PeakRSS = peakRSS()
	sum.StoreBytes, _ = db.Bytes(ctx)
	if *asJSON {
		enc := json.NewEncoder(out)
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else {
		rate := float64(sum.Read) / max(sum.Seconds, 1e-9)
		fmt.Fprintf(out, "read %d, stored %d (%d near-duplicates, in %d stories), duplicates %d, rejected %d\n",
			sum.Read, sum.Stored, sum.NearDuplicates, sum.Stories, sum.Duplicates, sum.Rejected)
		fmt.Fprintf(out, "%.1f s, %.0f articles/s, peak memory %.0f MB; store %s (%.1f MB)\n",
			sum.Seconds, rate, float64(sum.PeakRSS)/(1<<20), db.Path(), float64(sum.StoreBytes)/(1<<20))
	}
	if runErr == nil && sum.Stored == 0 && sum.Rejected > 0 {
		runErr = fmt.Errorf("nothing stored: %d of %d records rejected (reasons above)", sum.Rejected, sum.Read)
	}
	return runErr
}

// peakRSS returns the process's peak resident set size in bytes (VmHWM of
// /proc/self/status), or 0 where that file does not exist.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) == 2 && f[1] == "kB" {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}

// countRecords estimates how many records the inputs hold, for the
// progress bar: one per article file, one per non-blank line of a JSON
// Lines file. It returns -1 (unknown: a spinner) when reading standard
// input or a pattern.
func countRecords(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		st, err := os.Stat(p)
		if err != nil {
			return -1
		}
		if !st.IsDir() {
			n += countFile(p)
			continue
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && article.HasArticleExt(path) {
				n += countFile(path)
			}
			return nil
		})
	}
	return n
}

func countFile(path string) int64 {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
	default:
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 1<<20)
	inLine := false
	for {
		k, err := f.Read(buf)
		for _, b := range buf[:k] {
			if b == '\n' {
				if inLine {
					n++
				}
				inLine = false
			} else if b != ' ' && b != '\r' && b != '\t' {
				inLine = true
			}
		}
		if err != nil {
			break
		}
	}
	if inLine {
		n++
	}
	return n
}

func runDupes(args []string, stdout, stderr io.Writer) error {
	fs := flags("dupes", stderr)
	storePath := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON array of groups")
	limit := fs.Int("limit", 0, "show at most this many groups (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{"dupes takes no arguments"}
	}
	db, err := openStoreReadOnly(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	groups, err := db.Dupes(context.Background(), *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		if groups == nil {
			groups = []store.DupGroup{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(groups)
	}
	if len(groups) == 0 {
		fmt.Fprintln(stdout, "no near-duplicates")
		return nil
	}
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, g := range groups {
		fmt.Fprintf(tw, "group %d\t%d articles\t\t\t\n", g.ID, len(g.Articles))
		for _, a := range g.Articles {
			date := "-"
			if !a.Date.IsZero() {
				date = a.Date.Format("2006-01-02")
			}
			where := a.Source
			if a.URL != "" {
				where = a.URL
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", a.ID, date, a.Lang, shorten(a.Title, 70), where)
		}
	}
	tw.Flush()
	_, err = stdout.Write(b.Bytes())
	return err
}

// shorten collapses white space in s and cuts it to at most n runes.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func runPrune(args []string, stdout, stderr io.Writer) error {
	fs := flags("prune", stderr)
	storePath := storeFlag(fs)
	before := fs.String("before", "", "remove articles dated before this: YYYY-MM-DD, RFC 3339, or an age such as 720h or 30d")
	asJSON := fs.Bool("json", false, "print what was removed as one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{"prune takes no arguments"}
	}
	if *before == "" {
		return usageError{"--before is required"}
	}
	t, err := store.ParseTime(*before, time.Now())
	if err != nil {
		return usageError{fmt.Sprintf("--before %q: %v", *before, err)}
	}
	db, err := openStoreToRead(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Prune(context.Background(), t)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(struct {
			Before time.Time `json:"before"`
			store.PruneResult
		}{t, res})
	}
	fmt.Fprintf(stdout, "removed %d articles and %d emptied stories dated before %s\n", res.Articles, res.Stories, t.Format(time.RFC3339))
	return nil
}

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
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// errStopped stops the ingest reader after a write failed.
var errStopped = errors.New("stopped")

// storeFlag adds --store to fs; an empty --store is a usage error (see
// storePathFlag).
func storeFlag(fs *flag.FlagSet) *string {
	p := new(storePathFlag)
	fs.Var(p, "store", "store file (default $"+store.EnvStore+", else $XDG_DATA_HOME/newsim/newsim.db or ~/.local/share/newsim/newsim.db)")
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
// file is an error rather than a new empty store.
func openStoreToRead(path string) (*store.DB, error) {
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s (newsim ingest creates it; --store chooses another)", path)
		}
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return store.Open(path)
}

// ingestSummary is what `newsim ingest` did.
type ingestSummary struct {
	Read           int     `json:"read"`            // records read, bad ones included
	Stored         int     `json:"stored"`          // new articles stored
	Duplicates     int     `json:"duplicates"`      // already stored (same URL or content): skipped
	NearDuplicates int     `json:"near_duplicates"` // stored, and joined a near-duplicate group
	Rejected       int     `json:"rejected"`        // unreadable records and articles that failed analysis
	Stories        int     `json:"stories"`         // distinct stories of the articles stored by this run
	Seconds        float64 `json:"seconds"`
	PeakRSS        int64   `json:"peak_rss_bytes,omitempty"` // peak resident memory of the process (Linux VmHWM)
	StoreBytes     int64   `json:"store_bytes"`              // store file plus its WAL, at the end
}

// maxGroup is the most articles ingest writes in one transaction. Grouping
// commits spares the WAL most of its page writes (an index page touched by
// every article of a group is written once); a group is only what is
// analysed and waiting, so a slow trickle still commits article by article.
const maxGroup = 64

// ingestJob is one article on its way through the pipeline. seq orders
// the analysed articles so that they are written in input order.
type ingestJob struct {
	seq     int
	where   string // name:line
	art     article.Article
	doc     *analysis.Doc
	profile *represent.Profile
	err     error
}

func runIngest(args []string, stdout, stderr io.Writer) error {
	fs := flags("ingest", stderr)
	storePath := storeFlag(fs)
	lang := fs.String("lang", "", "language of every article (ISO 639-1); identified per article when empty")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	verbose := fs.Bool("v", false, "print one line per record: stored, duplicate or rejected")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "analysis workers")
	modelPath := fs.String("model", "", "model file for story clustering (default: the embedded model)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to this file (for diagnosis)")
	memProfile := fs.String("memprofile", "", "write a heap profile to this file at the end (for diagnosis)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"name at least one FILE, DIR or - (standard input)"}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *workers < 1 {
		return usageError{"--workers must be at least 1"}
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
	cl := story.NewClusterer(c, db, story.Options{})
	an := analysis.New()
	ctx := context.Background()
	start := time.Now()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var mu sync.Mutex // guards sum, out, stderr and the bar
	var sum ingestSummary
	firstNew, err := db.LastID(ctx)
	if err != nil {
		return err
	}
	report := func(format string, a ...any) {
		if *verbose {
			fmt.Fprintf(out, format+"\n", a...)
			out.Flush() // a "stored" line is printed only once committed, and at once
		}
	}
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
	tick := func() {
		if bar != nil {
			bar.Describe(fmt.Sprintf("stored %d, dup %d, bad %d", sum.Stored, sum.Duplicates, sum.Rejected))
			bar.Add(1)
		}
	}
	reject := func(where string, err error) {
		sum.Rejected++
		if bar != nil {
			bar.Clear()
		}
		msg := where + ": " + err.Error()
		var ae *article.Error
		if errors.As(err, &ae) {
			msg = err.Error() // already names the input and line
		}
		fmt.Fprintf(stderr, "skipped: %s\n", msg)
		report("rejected\t%s\t%s", where, msg)
		tick()
	}

	// inflight bounds the articles between reading and writing (queued,
	// being analysed, or waiting for an earlier one to be written), so
	// memory stays flat however long the input. done holds as many, so
	// that a whole group can wait for the writer.
	maxInflight := 16*(*workers) + maxGroup
	jobs := make(chan *ingestJob, 4*(*workers))
	done := make(chan *ingestJob, maxInflight)
	inflight := make(chan struct{}, maxInflight)
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, err := an.Analyze(j.art)
				if err != nil {
					j.err = fmt.Errorf("analysis: %w", err)
				} else {
					j.doc, j.profile = d, c.Profile(d)
				}
				done <- j
			}
		}()
	}

	// The reader: skip what is stored before analysing it.
	readErr := make(chan error, 1)
	var stop atomic.Bool // set when writing fails: stop reading
	go func() {
		defer close(jobs)
		seq := 0
		readErr <- article.Walk(fs.Args(), os.Stdin, func(rec article.Record) error {
			if stop.Load() {
				return errStopped
			}
			where := rec.Name
			if rec.Line > 0 {
				where = rec.Name + ":" + strconv.Itoa(rec.Line)
			}
			if rec.Err != nil {
				mu.Lock()
				sum.Read++
				reject(where, rec.Err)
				mu.Unlock()
				return nil
			}
			a := rec.Article
			if *lang != "" {
				a.Lang = *lang
			}
			id, known, err := db.Known(ctx, a)
			if err != nil {
				return fmt.Errorf("store: %w", err)
			}
			if known {
				mu.Lock()
				sum.Read++
				sum.Duplicates++
				report("duplicate\t%d\t%s", id, where)
				tick()
				mu.Unlock()
				return nil
			}
			mu.Lock()
			sum.Read++
			mu.Unlock()
			inflight <- struct{}{}
			jobs <- &ingestJob{seq: seq, where: where, art: a}
			seq++
			return nil
		})
	}()
	go func() { wg.Wait(); close(done) }()

	// The writer: in input order, a group of articles per transaction
	// (those analysed and waiting, at most maxGroup), reported only once
	// committed.
	var group []*ingestJob
	var writeErr error
	commit := func() {
		if len(group) == 0 || writeErr != nil {
			group = group[:0]
			return
		}
		docs := make([]*analysis.Doc, len(group))
		profiles := make(map[*analysis.Doc]*represent.Profile, len(group))
		for i, j := range group {
			docs[i] = j.doc
			profiles[j.doc] = j.profile
		}
		var assigned []int64
		res, err := db.PutAll(ctx, docs, func(ctx context.Context, st story.Store, id int64, d *analysis.Doc) (int64, error) {
			sid, err := cl.AssignIn(ctx, st, id, d, profiles[d])
			if err == nil {
				assigned = append(assigned, id)
			}
			return sid, err
		})
		if err != nil {
			cl.Forget(assigned...) // rolled back: their IDs may be reused
			writeErr = fmt.Errorf("%s … %s: %w", group[0].where, group[len(group)-1].where, err)
			stop.Store(true)
			group = group[:0]
			return
		}
		mu.Lock()
		for i, r := range res {
			switch {
			case r.Duplicate:
				sum.Duplicates++
				report("duplicate\t%d\t%s", r.ID, group[i].where)
			default:
				sum.Stored++
				if r.DupGroup != 0 {
					sum.NearDuplicates++
				}
				report("stored\t%d\t%s\tstory %d\tdup_group %d", r.ID, group[i].where, r.Story, r.DupGroup)
			}
			tick()
		}
		mu.Unlock()
		group = group[:0]
	}
	pending := map[int]*ingestJob{}
	next := 0
	for j := range done {
		pending[j.seq] = j
		// Take whatever else is analysed already, without waiting.
	more:
		for {
			select {
			case j, ok := <-done:
				if !ok {
					break more
				}
				pending[j.seq] = j
			default:
				break more
			}
		}
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-inflight
			if writeErr != nil {
				continue // drain
			}
			if j.err != nil {
				mu.Lock()
				reject(j.where, j.err)
				mu.Unlock()
				continue
			}
			if group = append(group, j); len(group) == maxGroup {
				commit()
			}
		}
		commit()
	}
	if err := <-readErr; err != nil && writeErr == nil && !errors.Is(err, errStopped) {
		writeErr = err
	}
	if bar != nil {
		bar.Finish()
	}
	if n, err := db.StoriesAfter(ctx, firstNew); err == nil {
		sum.Stories = n
	}
	sum.Seconds = time.Since(start).Seconds()
	sum.PeakRSS = peakRSS()
	for _, p := range []string{db.Path(), db.Path() + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			sum.StoreBytes += st.Size()
		}
	}
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
	return writeErr
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

package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsim/newsim/internal/devdata"
)

var (
	benchSentences = flag.Int("ingest.sentences", 0, "BenchmarkIngestScale: keep at most this many sentences per generated article (0: whole articles)")
	benchEvery     = flag.Int("ingest.every", 100000, "BenchmarkIngestScale: log a checkpoint row every this many records")
)

// checkpoint is the state of a running ingest after N records.
type checkpoint struct {
	n          int
	wall, cpu  time.Duration
	rss, peak  int64 // bytes
	storeBytes int64
}

// sample reads the CPU time and memory of process pid from /proc (Linux;
// CPU in USER_HZ = 100 ticks a second) and the size of the store files.
func sample(pid, n int, start time.Time, db string) checkpoint {
	c := checkpoint{n: n, wall: time.Since(start)}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
		if i := strings.LastIndexByte(string(b), ')'); i > 0 {
			f := strings.Fields(string(b)[i+1:]) // f[0] is field 3 (state)
			if len(f) > 12 {
				ut, _ := strconv.ParseInt(f[11], 10, 64)
				st, _ := strconv.ParseInt(f[12], 10, 64)
				c.cpu = time.Duration(ut+st) * (time.Second / 100)
			}
		}
	}
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			for _, kv := range []struct {
				key string
				dst *int64
			}{{"VmRSS:", &c.rss}, {"VmHWM:", &c.peak}} {
				if v, ok := strings.CutPrefix(l, kv.key); ok {
					if f := strings.Fields(v); len(f) == 2 {
						k, _ := strconv.ParseInt(f[0], 10, 64)
						*kv.dst = k << 10
					}
				}
			}
		}
	}
	for _, p := range []string{db, db + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			c.storeBytes += st.Size()
		}
	}
	return c
}

// BenchmarkIngestScale ingests b.N articles made from the dev articles by
// deterministic perturbation (newsim-loadgen: seeded sentence shuffles,
// sentence swaps between articles of one language, word drops, dates
// advancing 20,000 articles a day, new ids and URLs, one light
// near-duplicate in ten) into a new store, streaming them through a pipe
// into `newsim ingest -` — the real command, with analysis on all cores,
// dedup, story clustering and one transaction per article. It reports
// articles/s, CPU time per article (user + system, all cores), the ingest
// process's peak resident memory and the store's size, and logs the same
// every -ingest.every records (ingest runs with -v, one line a record, to
// count them), so that one run of a million shows the rate and memory at
// 100k, 200k, …. Give the size with -benchtime, e.g.
//
//	go test -run '^$' -bench IngestScale -benchtime 100000x -timeout 0 -v ./cmd/newsim
//	go test -run '^$' -bench IngestScale -benchtime 1000000x -timeout 0 -v ./cmd/newsim -args -ingest.sentences 5
func BenchmarkIngestScale(b *testing.B) {
	pairs := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(pairs); err != nil {
		devdata.Missing(b, "dev data not available: %v", err)
	}
	dir := b.TempDir()
	for _, t := range [][2]string{{"newsim", "."}, {"newsim-loadgen", "../newsim-loadgen"}} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, t[0]), t[1]).CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", t[1], err, out)
		}
	}
	dbPath := filepath.Join(dir, "scale.db")
	gen := exec.Command(filepath.Join(dir, "newsim-loadgen"), "--pairs", pairs, "-n", strconv.Itoa(b.N),
		"--max-sentences", strconv.Itoa(*benchSentences))
	ingest := exec.Command(filepath.Join(dir, "newsim"), "ingest", "-v", "--json", "--store", dbPath, "-")
	pipe, err := gen.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	ingest.Stdin = pipe
	stdout, err := ingest.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	var errOut strings.Builder
	ingest.Stderr = &errOut
	gen.Stderr = os.Stderr
	b.ResetTimer()
	start := time.Now()
	if err := gen.Start(); err != nil {
		b.Fatal(err)
	}
	if err := ingest.Start(); err != nil {
		b.Fatal(err)
	}
	var rows []checkpoint
	var last string
	records := 0
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if k, _, ok := strings.Cut(line, "\t"); ok && (k == "stored" || k == "duplicate" || k == "rejected") {
			if records++; *benchEvery > 0 && records%*benchEvery == 0 {
				rows = append(rows, sample(ingest.Process.Pid, records, start, dbPath))
			}
			continue
		}
		last = line
	}
	if err := ingest.Wait(); err != nil {
		b.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if err := gen.Wait(); err != nil {
		b.Fatalf("loadgen: %v", err)
	}
	b.StopTimer()
	if len(rows) > 0 {
		var t strings.Builder
		t.WriteString("records | wall s | articles/s (since last row) | CPU ms/article (since last row) | RSS MB | peak RSS MB | store MB\n")
		prev := checkpoint{}
		for _, r := range rows {
			dn := float64(r.n - prev.n)
			fmt.Fprintf(&t, "%d | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f\n", r.n, r.wall.Seconds(),
				dn/(r.wall-prev.wall).Seconds(), float64((r.cpu-prev.cpu).Milliseconds())/dn,
				float64(r.rss)/(1<<20), float64(r.peak)/(1<<20), float64(r.storeBytes)/(1<<20))
			prev = r
		}
		b.Logf("checkpoints:\n%s", t.String())
	}
	out := strings.Builder{}
	out.WriteString(last)
	var s ingestSummary
	if err := json.Unmarshal([]byte(out.String()), &s); err != nil {
		b.Fatalf("summary %q: %v", out.String(), err)
	}
	if s.Read != b.N {
		b.Fatalf("read %d articles, generated %d", s.Read, b.N)
	}
	cpu := ingest.ProcessState.UserTime() + ingest.ProcessState.SystemTime()
	b.ReportMetric(float64(s.Read)/s.Seconds, "articles/s")
	b.ReportMetric(cpu.Seconds()*1000/float64(s.Read), "CPU-ms/article")
	b.ReportMetric(float64(s.PeakRSS)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(float64(s.StoreBytes)/(1<<20), "store-MB")
	b.ReportMetric(0, "ns/op")
	b.Logf("%d articles: %d stored (%d near-duplicates) in %d stories, %d duplicates, %d rejected; %.0f s; %.0f articles/s; %.0f CPU-s (%.1f ms/article); peak RSS %.0f MB; store %.1f MB (%.0f bytes/article)",
		s.Read, s.Stored, s.NearDuplicates, s.Stories, s.Duplicates, s.Rejected, s.Seconds, float64(s.Read)/s.Seconds,
		cpu.Seconds(), cpu.Seconds()*1000/float64(s.Read),
		float64(s.PeakRSS)/(1<<20), float64(s.StoreBytes)/(1<<20), float64(s.StoreBytes)/float64(max(s.Stored, 1)))
}

package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var benchSentences = flag.Int("ingest.sentences", 0, "BenchmarkIngestScale: keep at most this many sentences per generated article (0: whole articles)")

// BenchmarkIngestScale ingests b.N articles made from the dev articles by
// deterministic perturbation (newsim-loadgen: seeded sentence shuffles,
// sentence swaps between articles of one language, word drops, dates
// advancing 20,000 articles a day, new ids and URLs, one light
// near-duplicate in ten) into a new store, streaming them through a pipe
// into `newsim ingest -` — the real command, with analysis on all cores,
// dedup, story clustering and one transaction per article. It reports
// articles/s, CPU time per article (user + system, all cores), the ingest
// process's peak resident memory and the store's size. Give the size with -benchtime, e.g.
//
//	go test -run '^$' -bench IngestScale -benchtime 100000x -timeout 0 ./cmd/newsim
//	go test -run '^$' -bench IngestScale -benchtime 1000000x -timeout 0 ./cmd/newsim -args -ingest.sentences 5
func BenchmarkIngestScale(b *testing.B) {
	pairs := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(pairs); err != nil {
		b.Skipf("dev data not available: %v", err)
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
	ingest := exec.Command(filepath.Join(dir, "newsim"), "ingest", "--json", "--store", dbPath, "-")
	pipe, err := gen.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	ingest.Stdin = pipe
	var out, errOut strings.Builder
	ingest.Stdout, ingest.Stderr = &out, &errOut
	gen.Stderr = os.Stderr
	b.ResetTimer()
	if err := gen.Start(); err != nil {
		b.Fatal(err)
	}
	if err := ingest.Run(); err != nil {
		b.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	if err := gen.Wait(); err != nil {
		b.Fatalf("loadgen: %v", err)
	}
	b.StopTimer()
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

package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
	"github.com/schollz/progressbar/v3"
)

// scoreLine is one output line of `newsim score`: the pair_id and the
// seven scores, flat.
type scoreLine struct {
	PairID string `json:"pair_id"`
	semeval.Scores
}

// runScore scores every pair of a pairs file on all cores. Start-up
// overlaps: the model is decoded and the gazetteer built (about 0.3 s of
// CPU, see entity.GazetteerStatus) on other cores while the pairs file is
// read; then each worker analyses, represents and scores whole pairs
// (eval.Each), so no stage after reading runs on one core, and a pair's
// documents are garbage as soon as its line is encoded. Measured with
// scripts/bench-score.sh (docs/benchmarks.md).
func runScore(args []string, stdout, stderr io.Writer) error {
	fs := flags("score", stderr)
	pairsPath := fs.String("pairs", "", "pairs file (JSON Lines, SemEval format; labels ignored)")
	out := fs.String("out", "", "output file (default: standard output)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for diagnosis)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if os.Getenv("GOGC") == "" {
		// A batch keeps the gazetteer and model (~40 MB) live throughout
		// and allocates per article: collecting at 5× the live heap
		// instead of 2× costs ~150 MB more peak memory on the dev pairs
		// (~280 MB in all) and saves ~15% of the CPU time.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	go analysis.DataFingerprints() // builds the gazetteer while the pairs are read
	type loaded struct {
		c   *compare.Comparer
		err error
	}
	model := make(chan loaded, 1)
	go func() {
		c, err := comparer(*modelPath, stderr)
		model <- loaded{c, err}
	}()
	pairs, readErr := readPairs(*pairsPath, stderr)
	m := <-model
	if m.err != nil {
		return m.err // a bad model is named before a bad pairs file
	}
	if readErr != nil {
		return readErr
	}
	c := m.c
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions(len(pairs), progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("scoring"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("pairs"), progressbar.OptionClearOnFinish())
	}
	lines := make([][]byte, len(pairs))
	encErrs := make([]error, len(pairs))
	errs := eval.Each(analysis.New(), pairs, func(i int, e *eval.Example) {
		s := c.Score(c.Profile(e.A), c.Profile(e.B))
		// Only a NaN or infinite score fails: the pair is named, the rest go on.
		if lines[i], encErrs[i] = json.Marshal(scoreLine{e.Pair.ID, s}); encErrs[i] != nil {
			encErrs[i] = fmt.Errorf("pair %s: %w", e.Pair.ID, encErrs[i])
		}
		if bar != nil {
			bar.Add(1)
		}
	})
	bw := bufio.NewWriter(w)
	scored := 0
	for i, l := range lines {
		if err := cmp.Or(errs[i], encErrs[i]); err != nil {
			fmt.Fprintf(stderr, "skipped: %v\n", err)
			continue
		}
		bw.Write(l)
		bw.WriteByte('\n')
		scored++
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if skipped := len(pairs) - scored; skipped > 0 {
		fmt.Fprintf(stderr, "scored %d pairs, skipped %d\n", scored, skipped)
	}
	return nil
}

// startCPUProfile starts Go's CPU profiler (100 samples a second) writing
// to path; stop ends it and closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpuprofile %s: %w", path, err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flags("bench", stderr)
	pairsPath := fs.String("pairs", "", "pairs file whose articles are used (JSON Lines, SemEval format)")
	seconds := fs.Float64("seconds", 2, "minimum time per measurement")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := comparer("", stderr)
	if err != nil {
		return err
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
	var arts []article.Article
	var bytes int
	for _, p := range pairs {
		arts = append(arts, p.A, p.B)
		bytes += len(p.A.Text) + len(p.A.Title) + len(p.B.Text) + len(p.B.Title)
	}
	min := time.Duration(*seconds * float64(time.Second))
	an := analysis.New()
	docs := make([]*analysis.Doc, len(arts))
	for i, a := range arts {
		if docs[i], err = an.Analyze(a); err != nil {
			return fmt.Errorf("article %s: %w", a.ID, err)
		}
	}
	profs := make([]*represent.Profile, len(docs))
	for i, d := range docs {
		profs[i] = c.Profile(d)
	}
	type row struct {
		what string
		n    int
		d    time.Duration
		unit string
	}
	measure := func(what, unit string, f func(i int)) row {
		start := time.Now()
		n := 0
		for time.Since(start) < min {
			for k := 0; k < 100; k++ {
				f(n)
				n++
			}
		}
		return row{what, n, time.Since(start), unit}
	}
	var mem runtime.MemStats
	rows := []row{
		measure("analyse (language, normalise, terms, entities, dates)", "articles", func(i int) { an.Analyze(arts[i%len(arts)]) }),
		measure("represent (TF-IDF, sentence and 4-gram vectors)", "articles", func(i int) { c.Profile(docs[i%len(docs)]) }),
		measure("score a pair (seven dimensions, no evidence)", "pairs", func(i int) {
			c.Score(profs[i%len(profs)], profs[(i*7+1)%len(profs)])
		}),
		measure("compare a pair (scores and evidence)", "pairs", func(i int) {
			c.Compare(profs[i%len(profs)], profs[(i*7+1)%len(profs)])
		}),
	}
	runtime.ReadMemStats(&mem)
	fmt.Fprintf(stdout, "newsim bench: %d articles from %s (mean %.1f KB), one goroutine, %s/%s\n\n", len(arts), *pairsPath, float64(bytes)/float64(len(arts))/1024, runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(stdout, "| stage | per second (one core) | per item |\n|---|---:|---:|\n")
	for _, r := range rows {
		per := r.d / time.Duration(r.n)
		fmt.Fprintf(stdout, "| %s | %.0f %s/s | %v |\n", r.what, float64(r.n)/r.d.Seconds(), r.unit, per)
	}
	fmt.Fprintf(stdout, "\nheap in use after the run: %.1f MiB\n", float64(mem.HeapInuse)/(1<<20))
	return nil
}

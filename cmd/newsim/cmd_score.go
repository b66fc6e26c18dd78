package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
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
	defer batchGC()()
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
	var done func()
	if bar != nil {
		done = func() { bar.Add(1) }
	}
	lines, errs := scorePairs(c, pairs, done)
	bw := bufio.NewWriter(w)
	scored := 0
	for i, l := range lines {
		if err := errs[i]; err != nil {
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

// scorePairs analyses, represents and scores every pair on all cores
// (eval.Each) and returns each pair's JSON line (no newline) or, for a
// pair that failed, its error naming the pair, both in file order. done,
// if not nil, is called once per pair scored, from several goroutines.
func scorePairs(c *compare.Comparer, pairs []semeval.Pair, done func()) (lines [][]byte, errs []error) {
	lines = make([][]byte, len(pairs))
	encErrs := make([]error, len(pairs))
	errs = eval.Each(analysis.New(), pairs, func(i int, e *eval.Example) {
		s := c.Score(c.Profile(e.A), c.Profile(e.B))
		// Only a NaN or infinite score fails: the pair is named, the rest go on.
		if lines[i], encErrs[i] = json.Marshal(scoreLine{e.Pair.ID, s}); encErrs[i] != nil {
			encErrs[i] = fmt.Errorf("pair %s: %w", e.Pair.ID, encErrs[i])
		}
		if done != nil {
			done()
		}
	})
	for i, err := range encErrs {
		if err != nil {
			errs[i], lines[i] = err, nil
		}
	}
	return lines, errs
}

// batchGC sets the garbage collector for a batch run unless the GOGC
// environment variable chooses: a batch keeps the gazetteer and model
// (~40 MB) live throughout and allocates per article, so collecting at
// 5× the live heap instead of 2× costs ~150 MB more peak memory on the
// dev pairs (~280 MB in all) and saves ~15% of the CPU time. restore
// puts back the previous setting.
func batchGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
}

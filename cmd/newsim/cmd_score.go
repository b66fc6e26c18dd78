package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
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

func runScore(args []string, stdout, stderr io.Writer) error {
	fs := flags("score", stderr)
	pairsPath := fs.String("pairs", "", "pairs file (JSON Lines, SemEval format; labels ignored)")
	out := fs.String("out", "", "output file (default: standard output)")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
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
	analysed := analysePairs(pairs, stderr, bar)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, p := range analysed {
		s := c.Score(c.Profile(p.A), c.Profile(p.B))
		if err := enc.Encode(scoreLine{p.Pair.ID, s}); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if skipped := len(pairs) - len(analysed); skipped > 0 {
		fmt.Fprintf(stderr, "scored %d pairs, skipped %d\n", len(analysed), skipped)
	}
	return nil
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

package main

import (
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/represent"
)

// runBench measures speed on the articles of a pairs file: each stage
// alone on one goroutine (throughput, wall and CPU per item), then the
// whole batch as `newsim score` runs it on every core (wall, CPU and
// CPU/wall, which says how busy the cores were). CPU is the process's
// user + system time (getrusage), garbage collection included; on a
// shared machine it is the steadier figure, wall the one a user waits.
func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flags("bench", stderr)
	pairsPath := fs.String("pairs", "", "pairs file whose articles are used (JSON Lines, SemEval format)")
	seconds := fs.Float64("seconds", 2, "minimum time per stage measurement")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *seconds <= 0 {
		return usageError{fmt.Sprintf("--seconds must be positive, got %v", *seconds)}
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
		what     string
		n        int
		wall     time.Duration
		cpu      time.Duration
		unit     string
		hasCPU   bool
		allCores bool
	}
	timed := func(f func()) (wall, cpu time.Duration, ok bool) {
		runtime.GC()
		cpu0, ok0 := cpuTime()
		start := time.Now()
		f()
		wall = time.Since(start)
		cpu1, ok1 := cpuTime()
		return wall, cpu1 - cpu0, ok0 && ok1
	}
	measure := func(what, unit string, f func(i int)) row {
		n := 0
		wall, cpu, ok := timed(func() {
			for start := time.Now(); time.Since(start) < min; {
				for k := 0; k < 100; k++ {
					f(n)
					n++
				}
			}
		})
		return row{what, n, wall, cpu, unit, ok, false}
	}
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
	restore := batchGC()
	var scored int
	wall, cpu, ok := timed(func() {
		lines, _ := scorePairs(c, pairs, nil)
		for _, l := range lines {
			if l != nil {
				scored++
			}
		}
	})
	restore()
	rows = append(rows, row{"batch: analyse, represent and score every pair, all cores (as `newsim score`)", scored, wall, cpu, "pairs", ok, true})
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)

	fmt.Fprintf(stdout, "newsim bench: %d articles from %s (mean %.1f KB), %s/%s, %d cores (GOMAXPROCS %d)\n\n",
		len(arts), *pairsPath, float64(bytes)/float64(len(arts))/1024, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(stdout, "| stage | goroutines | per second | wall per item | CPU per item | wall s | CPU s | CPU/wall |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		g := "one"
		if r.allCores {
			g = fmt.Sprint(runtime.GOMAXPROCS(0))
		}
		cpuItem, cpuS, ratio := "n/a", "n/a", "n/a"
		if r.hasCPU {
			cpuItem = fmt.Sprintf("%.0f µs", r.cpu.Seconds()*1e6/float64(r.n))
			cpuS = fmt.Sprintf("%.2f", r.cpu.Seconds())
			ratio = fmt.Sprintf("%.2f", r.cpu.Seconds()/r.wall.Seconds())
		}
		fmt.Fprintf(stdout, "| %s | %s | %.0f %s/s | %.0f µs | %s | %.2f | %s | %s |\n", r.what, g,
			float64(r.n)/r.wall.Seconds(), r.unit, r.wall.Seconds()*1e6/float64(r.n), cpuItem, r.wall.Seconds(), cpuS, ratio)
	}
	fmt.Fprintf(stdout, "\nheap in use after the run: %.1f MiB. CPU is user + system time of the whole process (getrusage), GC included;\n"+
		"on a loaded machine wall time stretches, CPU time much less.\n", float64(mem.HeapInuse)/(1<<20))
	return nil
}

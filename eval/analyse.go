package eval

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/semeval"
)

// Analyse analyses both articles of every pair, on all cores, each article
// once. A pair one of whose articles fails analysis is left out and its
// error returned (naming the pair); the others keep their order. done, if
// not nil, is called once per pair (from several goroutines), e.g. to move
// a progress bar.
func Analyse(an *analysis.Analyzer, pairs []semeval.Pair, done func()) ([]*Example, []error) {
	out := make([]*Example, len(pairs))
	errs := make([]error, len(pairs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := pairs[i]
				a, err := an.Analyze(p.A)
				if err != nil {
					errs[i] = fmt.Errorf("pair %s, first article: %w", p.ID, err)
				} else if b, err := an.Analyze(p.B); err != nil {
					errs[i] = fmt.Errorf("pair %s, second article: %w", p.ID, err)
				} else {
					out[i] = &Example{Pair: p, A: a, B: b}
				}
				if done != nil {
					done()
				}
			}
		}()
	}
	for i := range pairs {
		next <- i
	}
	close(next)
	wg.Wait()
	var kept []*Example
	var bad []error
	for i, e := range out {
		if e != nil {
			kept = append(kept, e)
		} else {
			bad = append(bad, errs[i])
		}
	}
	return kept, bad
}

// Labelled returns the examples that carry human scores.
func Labelled(ex []*Example) []*Example {
	var out []*Example
	for _, e := range ex {
		if e.Pair.Gold != nil {
			out = append(out, e)
		}
	}
	return out
}

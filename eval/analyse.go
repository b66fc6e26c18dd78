package eval

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/semeval"
)

// Analyse analyses both articles of every pair, on all cores. A pair one
// of whose articles fails analysis is left out and its error returned
// (naming the pair); the others keep their order. done, if not nil, is
// called once per pair (from several goroutines), e.g. to move a progress
// bar.
func Analyse(an *analysis.Analyzer, pairs []semeval.Pair, done func()) ([]*Example, []error) {
	out := make([]*Example, len(pairs))
	errs := Each(an, pairs, func(i int, e *Example) {
		out[i] = e
		if done != nil {
			done()
		}
	})
	var kept []*Example
	var bad []error
	for i, e := range out {
		if e != nil {
			kept = append(kept, e)
		} else {
			bad = append(bad, errs[i])
			if done != nil {
				done()
			}
		}
	}
	return kept, bad
}

// Each analyses both articles of every pair on all cores (GOMAXPROCS
// workers taking pairs in file order) and calls f(i, example) for pair i
// from the worker that analysed it, so that the work after analysis
// (representing, scoring) runs on every core too and the analysed
// documents can be dropped as soon as f returns. f runs concurrently for
// different pairs; it should write only to its pair's own slot. A pair one
// of whose articles fails analysis is not passed to f; errs[i] names it
// and the problem (errs[i] is nil for the others).
func Each(an *analysis.Analyzer, pairs []semeval.Pair, f func(i int, e *Example)) (errs []error) {
	errs = make([]error, len(pairs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pairs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(pairs); i = int(next.Add(1) - 1) {
				p := pairs[i]
				a, err := an.Analyze(p.A)
				if err != nil {
					errs[i] = fmt.Errorf("pair %s, first article: %w", p.ID, err)
				} else if b, err := an.Analyze(p.B); err != nil {
					errs[i] = fmt.Errorf("pair %s, second article: %w", p.ID, err)
				} else {
					f(i, &Example{Pair: p, A: a, B: b})
				}
			}
		}()
	}
	wg.Wait()
	return errs
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

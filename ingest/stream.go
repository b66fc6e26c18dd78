package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/store"
)

// Record is one input of a Stream: an article, or the reason a record
// could not be read (Err, reported as Rejected).
type Record struct {
	// Where names the record for messages ("file.jsonl:12").
	Where   string
	Article article.Article
	Err     error
}

// Source produces a Stream's records: it calls emit for each, in order,
// and stops when emit returns an error (returning that error).
type Source func(emit func(Record) error) error

// Kind is what happened to a record.
type Kind int

const (
	// Stored: the article was committed (Event.Result says where).
	Stored Kind = iota
	// Duplicate: the store already held it (same URL or content).
	Duplicate
	// Rejected: unreadable, or its analysis failed (Event.Err says why).
	Rejected
)

func (k Kind) String() string {
	switch k {
	case Stored:
		return "stored"
	case Duplicate:
		return "duplicate"
	}
	return "rejected"
}

// Event reports one record's fate. Stored events come only after their
// transaction committed, in input order.
type Event struct {
	Kind   Kind
	Where  string
	Result store.PutResult // Stored and Duplicate: the id (of the stored copy), story, near-duplicate group
	Err    error           // Rejected
}

// Summary counts what a Stream did.
type Summary struct {
	Read           int `json:"read"`            // records read, bad ones included
	Stored         int `json:"stored"`          // new articles stored
	Duplicates     int `json:"duplicates"`      // already stored (same URL or content): skipped
	NearDuplicates int `json:"near_duplicates"` // stored, and joined a near-duplicate group
	Rejected       int `json:"rejected"`        // unreadable records and articles that failed analysis
	Stories        int `json:"stories"`         // distinct stories of the articles this stream stored, at its end
}

// DefaultMaxGroup is the most articles a Stream writes in one transaction
// by default. Grouping commits spares the WAL most of its page writes (an
// index page touched by every article of a group is written once); a
// group is only what is analysed and waiting, so a slow trickle still
// commits article by article.
const DefaultMaxGroup = 64

// Options tune a Stream.
type Options struct {
	// Workers is the number of analysis goroutines (0: GOMAXPROCS).
	Workers int
	// MaxGroup is the most articles per transaction (0: DefaultMaxGroup).
	MaxGroup int
	// Events, when set, is called for every record, one call at a time.
	Events func(Event)
}

type job struct {
	seq   int
	where string
	art   article.Article
	out   Analyzed
	err   error
}

// Stream ingests the records of src: records already stored are skipped
// before analysis, the rest are analysed by opt.Workers goroutines and
// committed in input order, up to opt.MaxGroup per transaction. A record
// that cannot be read or analysed is rejected and the stream goes on; a
// store error stops it (the failed group is rolled back; earlier groups
// stay committed) and is returned with the summary so far.
func (p *Pipeline) Stream(ctx context.Context, src Source, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxGroup := opt.MaxGroup
	if maxGroup <= 0 {
		maxGroup = DefaultMaxGroup
	}
	var mu sync.Mutex // guards sum, ids and calls of opt.Events
	var sum Summary
	var ids []int64 // stored by this stream, for Summary.Stories
	emit := func(e Event) {
		switch e.Kind {
		case Stored:
			sum.Stored++
			if e.Result.DupGroup != 0 {
				sum.NearDuplicates++
			}
			ids = append(ids, e.Result.ID)
		case Duplicate:
			sum.Duplicates++
		case Rejected:
			sum.Rejected++
		}
		if opt.Events != nil {
			opt.Events(e)
		}
	}

	// inflight bounds the articles between reading and writing (queued,
	// being analysed, or waiting for an earlier one to be written), so
	// memory stays flat however long the input. done holds as many, so
	// that a whole group can wait for the writer.
	maxInflight := 16*workers + maxGroup
	jobs := make(chan *job, 4*workers)
	done := make(chan *job, maxInflight)
	inflight := make(chan struct{}, maxInflight)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.out, j.err = p.Analyze(j.art); j.err != nil {
					j.err = fmt.Errorf("analysis: %w", j.err)
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
		readErr <- src(func(r Record) error {
			if stop.Load() {
				return errStopped
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if r.Err != nil {
				mu.Lock()
				sum.Read++
				emit(Event{Kind: Rejected, Where: r.Where, Err: r.Err})
				mu.Unlock()
				return nil
			}
			id, known, err := p.st.Known(ctx, r.Article)
			if err != nil {
				return fmt.Errorf("store: %w", err)
			}
			mu.Lock()
			sum.Read++
			if known {
				emit(Event{Kind: Duplicate, Where: r.Where, Result: store.PutResult{ID: id, Duplicate: true}})
			}
			mu.Unlock()
			if known {
				return nil
			}
			inflight <- struct{}{}
			jobs <- &job{seq: seq, where: r.Where, art: r.Article}
			seq++
			return nil
		})
	}()
	go func() { wg.Wait(); close(done) }()

	// The writer: in input order, a group of articles per transaction
	// (those analysed and waiting, at most maxGroup), reported only once
	// committed.
	var group []*job
	var writeErr error
	commit := func() {
		defer func() { group = group[:0] }()
		if len(group) == 0 || writeErr != nil {
			return
		}
		arts := make([]Analyzed, len(group))
		for i, j := range group {
			arts[i] = j.out
		}
		res, err := p.Commit(ctx, arts)
		if err != nil {
			writeErr = fmt.Errorf("%s … %s: %w", group[0].where, group[len(group)-1].where, err)
			stop.Store(true)
			return
		}
		mu.Lock()
		for i, r := range res {
			k := Stored
			if r.Duplicate {
				k = Duplicate
			}
			emit(Event{Kind: k, Where: group[i].where, Result: r})
		}
		mu.Unlock()
	}
	pending := map[int]*job{}
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
				emit(Event{Kind: Rejected, Where: j.where, Err: j.err})
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
	if n, err := p.st.StoriesOf(ctx, ids); err == nil {
		sum.Stories = n
	} else if writeErr == nil {
		writeErr = fmt.Errorf("counting stories: %w", err)
	}
	return sum, writeErr
}

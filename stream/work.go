package stream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/story"
)

// WorkOptions tune a worker.
type WorkOptions struct {
	// Batch is the most messages fetched, analysed and committed together
	// (0: ingest.DefaultMaxGroup).
	Batch int
	// Workers is the number of analysis goroutines (0: 1 per message).
	Workers int
	// AckWait is how long the server waits for a delivered message's
	// acknowledgement before delivering it again (0: 30 s). It bounds how
	// late a killed worker's messages reach another worker.
	AckWait time.Duration
	// Logger receives errors and progress (nil: slog.Default()).
	Logger *slog.Logger
	// Events, when set, is called for every message handled.
	Events func(ingest.Event)
}

// Work consumes the stream through the shared durable consumer until ctx
// ends (and publishes p's story events on StoriesSubject; it sets
// p.StoryEvents): it fetches up to opt.Batch messages, reads and analyses them in
// parallel, commits the good ones in one transaction through p, and only
// then acknowledges them; bad ones are reported on RejectedSubject and
// acknowledged. When the store or NATS fails, the error is logged, the
// batch is left unacknowledged (to be delivered again), and the worker
// tries again after a pause: it outlives restarts of either server.
func Work(ctx context.Context, nc *nats.Conn, js jetstream.JetStream, p *ingest.Pipeline, opt WorkOptions) error {
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	batch := opt.Batch
	if batch <= 0 {
		batch = ingest.DefaultMaxGroup
	}
	ackWait := opt.AckWait
	if ackWait <= 0 {
		ackWait = 30 * time.Second
	}
	p.StoryEvents = func(evs []story.Event) {
		for _, e := range evs {
			b, _ := json.Marshal(e)
			if err := nc.Publish(StoriesSubject+"."+e.Kind, b); err != nil {
				log.Error("nats: story event", "kind", e.Kind, "story", e.Story, "err", err)
			}
		}
	}
	var cons jetstream.Consumer
	for cons == nil {
		if _, err := Ensure(ctx, js); err != nil {
			log.Error("nats: stream", "err", err)
		} else if c, err := js.CreateOrUpdateConsumer(ctx, StreamName, jetstream.ConsumerConfig{
			Durable:       Consumer,
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       ackWait,
			MaxAckPending: 16 * batch,
		}); err != nil {
			log.Error("nats: consumer", "err", err)
		} else {
			cons = c
			break
		}
		if !sleep(ctx, time.Second) {
			return ctx.Err()
		}
	}
	for ctx.Err() == nil {
		msgs, err := fetch(ctx, cons, batch)
		if errors.Is(err, errNoMessages) || ctx.Err() != nil {
			continue
		}
		if err != nil {
			log.Error("nats: fetch", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		if err := handle(ctx, nc, p, msgs, opt, log); err != nil {
			log.Error("batch not stored; its messages will be delivered again", "messages", len(msgs), "err", err)
			for _, m := range msgs {
				m.NakWithDelay(time.Second)
			}
			sleep(ctx, time.Second)
		}
	}
	return ctx.Err()
}

func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// fetch takes up to n messages, waiting at most a second for the first.
func fetch(ctx context.Context, cons jetstream.Consumer, n int) ([]jetstream.Msg, error) {
	b, err := cons.Fetch(n, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		return nil, err
	}
	var out []jetstream.Msg
	for m := range b.Messages() {
		out = append(out, m)
	}
	if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
		return out, err
	}
	if len(out) == 0 {
		return nil, errNoMessages
	}
	return out, nil
}

// item is one message on its way through a batch.
type item struct {
	msg   jetstream.Msg
	seq   uint64
	where string
	art   article.Article
	out   ingest.Analyzed
	err   error
}

// handle ingests one batch: read and analyse each message (in parallel),
// commit the good ones, then acknowledge all; rejected ones are reported.
func handle(ctx context.Context, nc *nats.Conn, p *ingest.Pipeline, msgs []jetstream.Msg, opt WorkOptions, log *slog.Logger) error {
	items := make([]*item, len(msgs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(opt.Workers, 1))
	if opt.Workers <= 0 {
		sem = make(chan struct{}, len(msgs))
	}
	for i, m := range msgs {
		it := &item{msg: m}
		if md, err := m.Metadata(); err == nil {
			it.seq = md.Sequence.Stream
		}
		it.where = Subject + ":" + strconv.FormatUint(it.seq, 10)
		items[i] = it
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			arts, err := article.Options{Format: article.FormatJSON}.Read(it.where, bytes.NewReader(m.Data()))
			switch {
			case err != nil:
				it.err = err
			case len(arts) != 1:
				it.err = fmt.Errorf("%s: want one article object, got %d", it.where, len(arts))
			default:
				it.art = arts[0]
				if it.out, it.err = p.Analyze(it.art); it.err != nil {
					it.err = fmt.Errorf("%s: analysis: %w", it.where, it.err)
				}
			}
		}()
	}
	wg.Wait()
	var good []*item
	var analysed []ingest.Analyzed
	for _, it := range items {
		if it.err == nil {
			good = append(good, it)
			analysed = append(analysed, it.out)
		}
	}
	if len(analysed) > 0 {
		res, err := p.Commit(ctx, analysed)
		if err != nil {
			return err
		}
		for i, r := range res {
			k := ingest.Stored
			if r.Duplicate {
				k = ingest.Duplicate
			}
			if opt.Events != nil {
				opt.Events(ingest.Event{Kind: k, Where: good[i].where, Result: r})
			}
		}
	}
	// Committed: now acknowledge. A lost acknowledgement only means a
	// second delivery, which the store recognises as a duplicate.
	for _, it := range items {
		if it.err != nil {
			rej, _ := json.Marshal(Rejected{Subject: Subject, Sequence: it.seq, ID: it.art.ID, Reason: it.err.Error()})
			if err := nc.Publish(RejectedSubject, rej); err != nil {
				log.Error("nats: report rejected", "where", it.where, "err", err)
			}
			log.Warn("rejected", "where", it.where, "reason", it.err)
			if opt.Events != nil {
				opt.Events(ingest.Event{Kind: ingest.Rejected, Where: it.where, Err: it.err})
			}
		}
		if err := it.msg.DoubleAck(ctx); err != nil {
			log.Warn("nats: ack (the message will come again and be found stored)", "where", it.where, "err", err)
		}
	}
	return nil
}

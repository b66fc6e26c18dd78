package main

// Scale-out commands (issue 9): publish articles to NATS JetStream, and
// workers that ingest them into a shared store.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/ingest"
	"github.com/newsim/newsim/story"
	"github.com/newsim/newsim/stream"
)

// natsFlag adds --nats to fs.
func natsFlag(fs *flag.FlagSet) *string {
	return fs.String("nats", "", "NATS server URL (nats://HOST:4222)")
}

// errNoNATS is the usage error of a stream command without --nats.
var errNoNATS = usageError{"--nats URL is required"}

// publishSummary is what `newsim publish` did.
type publishSummary struct {
	Read       int `json:"read"`       // records read, bad ones included
	Published  int `json:"published"`  // new messages on the stream
	Duplicates int `json:"duplicates"` // dropped by JetStream: published within the duplicate window
	Rejected   int `json:"rejected"`   // unreadable records
}

func runPublish(args []string, stdout, stderr io.Writer) error {
	fs := flags("publish", stderr)
	natsURL := natsFlag(fs)
	lang := fs.String("lang", "", "language of every article (ISO 639-1); identified per article by the workers when empty")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *natsURL == "" {
		return errNoNATS
	}
	if fs.NArg() == 0 {
		return usageError{"name at least one FILE, DIR or - (standard input)"}
	}
	nc, js, err := stream.Connect(*natsURL, "newsim publish")
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := stream.Ensure(ctx, js); err != nil {
		return err
	}
	var sum publishSummary
	err = article.Walk(fs.Args(), os.Stdin, func(rec article.Record) error {
		sum.Read++
		if rec.Err != nil {
			sum.Rejected++
			fmt.Fprintf(stderr, "skipped: %v\n", rec.Err)
			return nil
		}
		a := rec.Article
		if *lang != "" {
			a.Lang = *lang
		}
		dup, err := stream.Publish(ctx, js, a)
		if err != nil {
			where := rec.Name
			if rec.Line > 0 {
				where += ":" + strconv.Itoa(rec.Line)
			}
			return fmt.Errorf("%s: %w", where, err)
		}
		if dup {
			sum.Duplicates++
		} else {
			sum.Published++
		}
		return nil
	})
	if *asJSON {
		json.NewEncoder(stdout).Encode(sum)
	} else {
		fmt.Fprintf(stdout, "read %d, published %d, duplicates %d, rejected %d\n", sum.Read, sum.Published, sum.Duplicates, sum.Rejected)
	}
	if err == nil && sum.Published+sum.Duplicates == 0 && sum.Rejected > 0 {
		err = fmt.Errorf("nothing published: %d of %d records rejected (reasons above)", sum.Rejected, sum.Read)
	}
	return err
}

func runWorker(args []string, stdout, stderr io.Writer) error {
	fs := flags("worker", stderr)
	natsURL := natsFlag(fs)
	storePath := storeFlag(fs)
	workers := workersFlag(fs)
	batch := fs.Int("batch", ingest.DefaultMaxGroup, "most messages analysed and committed together")
	ackWait := fs.Duration("ack-wait", 30*time.Second, "redeliver a message not acknowledged within this time (a killed worker's batch)")
	modelPath := fs.String("model", "", "model file for story clustering (default: the embedded model)")
	logJSON := fs.Bool("log-json", false, "log as JSON lines")
	verbose := fs.Bool("v", false, "log one line per stored article")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *natsURL == "" {
		return errNoNATS
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("unexpected arguments %q", fs.Args())}
	}
	if err := checkWorkers(*workers); err != nil {
		return err
	}
	if *batch < 1 || *batch > 1024 {
		return usageError{fmt.Sprintf("--batch %d: want 1 to 1024", *batch)}
	}
	log := newLogger(stderr, *logJSON)
	db, err := openStore(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	nc, js, err := stream.Connect(*natsURL, "newsim worker")
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var stored, dups, bad int
	opt := stream.WorkOptions{Batch: *batch, Workers: *workers, AckWait: *ackWait, Logger: log, Events: func(e ingest.Event) {
		switch e.Kind {
		case ingest.Stored:
			stored++
			if *verbose {
				log.Info("stored", "id", e.Result.ID, "where", e.Where, "story", e.Result.Story)
			}
		case ingest.Duplicate:
			dups++
		default:
			bad++
		}
	}}
	log.Info("worker", "nats", *natsURL, "store", db.Path(), "consumer", stream.Consumer)
	err = stream.Work(ctx, nc, js, ingest.New(db, c, story.Options{}), opt)
	log.Info("worker stopped", "stored", stored, "duplicates", dups, "rejected", bad)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func runWatch(args []string, stdout, stderr io.Writer) error {
	fs := flags("watch", stderr)
	natsURL := natsFlag(fs)
	asJSON := fs.Bool("json", false, "print each event as one JSON line")
	kinds := fs.String("kinds", "created,grew,merged", "event kinds to print, comma-separated")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *natsURL == "" {
		return errNoNATS
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("unexpected arguments %q", fs.Args())}
	}
	want := map[string]bool{}
	for _, k := range strings.Split(*kinds, ",") {
		switch k = strings.TrimSpace(k); k {
		case story.Created, story.Grew, story.Merged:
			want[k] = true
		default:
			return usageError{fmt.Sprintf("--kinds: unknown kind %q (want created, grew, merged)", k)}
		}
	}
	nc, _, err := stream.Connect(*natsURL, "newsim watch")
	if err != nil {
		return err
	}
	defer nc.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	msgs := make(chan *nats.Msg, 1024)
	sub, err := nc.ChanSubscribe(stream.StoriesSubject+".>", msgs)
	if err != nil {
		return fmt.Errorf("nats %s: %w", *natsURL, err)
	}
	defer sub.Unsubscribe()
	if err := nc.Flush(); err != nil {
		return fmt.Errorf("nats %s: %w", *natsURL, err)
	}
	fmt.Fprintf(stderr, "watching %s.> on %s\n", stream.StoriesSubject, *natsURL)
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-msgs:
			var e story.Event
			if err := json.Unmarshal(m.Data, &e); err != nil {
				fmt.Fprintf(stderr, "%s: not a story event: %v\n", m.Subject, err)
				continue
			}
			if !want[e.Kind] {
				continue
			}
			if *asJSON {
				fmt.Fprintf(stdout, "%s\n", m.Data)
				continue
			}
			switch e.Kind {
			case story.Merged:
				fmt.Fprintf(stdout, "merged   story %d into %d (%s): %s\n", e.Story, e.Into, plural(e.Size, "article"), e.Title)
			default:
				fmt.Fprintf(stdout, "%-8s story %d (%s, article %d): %s\n", e.Kind, e.Story, plural(e.Size, "article"), e.Article, e.Title)
			}
		}
	}
}

// plural is "1 article", "2 articles".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Package stream carries articles through NATS JetStream to ingest
// workers: Publish puts articles on a durable stream, Work consumes them
// through one durable consumer shared by any number of worker processes on
// any machines, and stores them through the ingest pipeline (package
// ingest) into a shared store (PostgreSQL).
//
// Delivery and idempotence:
//
//   - A message's id is the article's content hash (store.ContentHash), so
//     JetStream drops an article published twice within the stream's
//     duplicate window (DuplicateWindow), and the store skips it later.
//   - A worker acknowledges a message only after the transaction that
//     stored its article committed (or after it was found already stored,
//     or rejected). A worker killed mid-batch loses nothing: the batch's
//     messages are delivered again after AckWait, to any worker, and the
//     store recognises those committed already (same content hash), so
//     nothing is stored twice.
//   - A record that cannot be read or analysed is published on
//     RejectedSubject with the reason and acknowledged: never redelivered
//     forever.
//   - Story assignment stays correct with any number of workers: analysis
//     runs in parallel in every worker, and the store serialises the
//     commits (see docs/scaling.md).
package stream

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/store"
)

const (
	// StreamName is the JetStream stream of articles.
	StreamName = "NEWSIM_ARTICLES"
	// Subject is the subject articles are published on.
	Subject = "newsim.articles"
	// RejectedSubject is where workers report records they cannot ingest
	// (plain NATS, JSON Rejected).
	RejectedSubject = "newsim.rejected"
	// Consumer is the durable consumer all workers share.
	Consumer = "newsim-workers"
	// StoriesSubject prefixes the subjects of story events: a worker
	// publishes each story.Event, as JSON, on StoriesSubject + "." + its
	// kind (newsim.stories.created, .grew, .merged) once committed.
	StoriesSubject = "newsim.stories"
	// DuplicateWindow is how long JetStream remembers message ids to drop
	// re-published articles.
	DuplicateWindow = time.Hour
)

// Rejected is the report of a record a worker could not ingest.
type Rejected struct {
	Subject  string `json:"subject"`
	Sequence uint64 `json:"sequence"` // the message's stream sequence
	ID       string `json:"id,omitempty"`
	Reason   string `json:"reason"`
}

// Connect connects to the NATS server at url and returns the connection
// and its JetStream context. The connection reconnects by itself, without
// limit, when the server goes away.
func Connect(url, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(500*time.Millisecond), nats.RetryOnFailedConnect(true))
	if err != nil {
		return nil, nil, fmt.Errorf("nats %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("nats %s: %w", url, err)
	}
	return nc, js, nil
}

// Ensure creates the stream if it is missing (file storage, so that the
// server keeps unconsumed articles across restarts) and returns it.
func Ensure(ctx context.Context, js jetstream.JetStream) (jetstream.Stream, error) {
	s, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       StreamName,
		Subjects:   []string{Subject},
		Storage:    jetstream.FileStorage,
		Duplicates: DuplicateWindow,
		Retention:  jetstream.WorkQueuePolicy, // a message is gone once a worker acknowledged it
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", StreamName, err)
	}
	return s, nil
}

// MsgID is the message id of an article: its content hash, in hex.
func MsgID(a article.Article) string { return hex.EncodeToString(store.ContentHash(a.Title, a.Text)) }

// Publish publishes a on the stream and reports whether JetStream dropped
// it as a duplicate of a message published within DuplicateWindow.
func Publish(ctx context.Context, js jetstream.JetStream, a article.Article) (duplicate bool, err error) {
	b, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	ack, err := js.Publish(ctx, Subject, b, jetstream.WithMsgID(MsgID(a)))
	if err != nil {
		return false, fmt.Errorf("publish %s: %w", a.ID, err)
	}
	return ack.Duplicate, nil
}

// Publisher publishes articles to the stream for workers; newsim serve
// --nats answers POST /v1/articles with it (server.Publisher).
type Publisher struct{ JS jetstream.JetStream }

// Publish publishes arts in order and counts the new ones and those
// JetStream dropped as published already; it stops at the first error.
func (p Publisher) Publish(ctx context.Context, arts []article.Article) (published, duplicates int, err error) {
	for _, a := range arts {
		dup, err := Publish(ctx, p.JS, a)
		if err != nil {
			return published, duplicates, err
		}
		if dup {
			duplicates++
		} else {
			published++
		}
	}
	return published, duplicates, nil
}

// errNoMessages is a fetch that found nothing.
var errNoMessages = errors.New("no messages")

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsim/newsim/server"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/stream"
	"github.com/newsim/newsim/web"
)

// newLogger returns the logger of serve and worker: key=value text on
// stderr, or JSON lines with --log-json.
func newLogger(stderr io.Writer, asJSON bool) *slog.Logger {
	if asJSON {
		return slog.New(slog.NewJSONHandler(stderr, nil))
	}
	return slog.New(slog.NewTextHandler(stderr, nil))
}

// runServe runs `newsim serve`: the HTTP API and the web page in one
// process, until SIGINT or SIGTERM (then it finishes in-flight requests).
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (HOST:PORT); a non-loopback address needs a token")
	storePath := storeFlag(fs)
	noStore := fs.Bool("no-store", false, "serve compare only, without a store (the store endpoints answer 503)")
	token := fs.String("token", "", "bearer token required for writes (default: $NEWSIM_TOKEN)")
	timeout := fs.Duration("timeout", server.DefaultTimeout, "time limit of one request")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	logJSON := fs.Bool("log-json", false, "write logs as JSON lines instead of key=value text")
	natsURL := fs.String("nats", "", "NATS server URL: POST /v1/articles publishes to JetStream for newsim worker (202) instead of storing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	if *token == "" {
		*token = os.Getenv("NEWSIM_TOKEN")
	}
	log := newLogger(stderr, *logJSON)
	if !server.IsLoopback(*addr) && *token == "" {
		return fmt.Errorf("refusing to listen on non-loopback address %q without a token (set --token or NEWSIM_TOKEN)", *addr)
	}
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	cfg := server.Config{Comparer: c, Token: *token, Timeout: *timeout, Logger: log, Assets: webHandler()}
	if !*noStore {
		if *storePath == "" {
			if *storePath, err = store.DefaultPath(); err != nil {
				return err
			}
		}
		b, err := server.OpenStore(*storePath, c)
		if err != nil {
			return err
		}
		defer b.Close()
		cfg.Backend = b
		log.Info("store", "path", b.DB().Path()) // a PostgreSQL URL without its password
	}
	if *natsURL != "" {
		nc, js, err := stream.Connect(*natsURL, "newsim serve")
		if err != nil {
			return err
		}
		defer nc.Close()
		if _, err := stream.Ensure(context.Background(), js); err != nil {
			return err
		}
		cfg.Publisher = stream.Publisher{JS: js}
		log.Info("ingest publishes to NATS", "nats", *natsURL, "subject", stream.Subject)
	}
	if *token == "" {
		log.Warn("no token: writes (ingest, delete) are open to every local user; set --token or NEWSIM_TOKEN")
	}
	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	ln, err := srv.Listen(*addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "newsim: serving on http://%s/ (API under /v1/, Ctrl-C stops)\n", ln.Addr())
	start := time.Now()
	err = srv.Serve(ctx, ln)
	log.Info("served", "for", time.Since(start).Round(time.Second).String())
	return err
}

// webHandler is the embedded web page (nil: the server's placeholder page).
func webHandler() http.Handler { return web.Handler() }

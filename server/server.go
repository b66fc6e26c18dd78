// Package server is newsim's HTTP stage: a JSON API under /v1/ (compare,
// ingest, articles, stories, similar), the web page at /, an OpenAPI
// document at /v1/openapi.json, /healthz and Prometheus /metrics.
//
// Limits: request bodies are capped at MaxBodyBytes (8 MiB; 413 beyond);
// every request is cut off after Config.Timeout (default 30 s; 503), and
// its analysis stops with it; at most Config.MaxConcurrent requests (the
// cores) analyse articles at once, a few more wait, the rest get 503
// "busy" with Retry-After; only the first analysis.MaxTextBytes of a text
// are analysed (the answer's notes say so); writes
// (ingest, delete) need "Authorization: Bearer <token>" whenever a token is
// configured, and Listen refuses a non-loopback address without one.
// Without a token only loopback Host names (localhost, 127.0.0.1, [::1])
// are answered (421 otherwise), which defeats DNS rebinding.
// Every API answer is JSON ("application/json; charset=utf-8"), errors as
// {"error": {"code", "message"}}; article HTML is never echoed as HTML.
package server

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
)

// MaxBodyBytes is the largest request body accepted (8 MiB).
const MaxBodyBytes = 8 << 20

// DefaultTimeout is the per-request time limit when Config.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Config configures a Server. Only Comparer is required.
type Config struct {
	// Comparer rates article pairs (compare.Default() in newsim serve).
	Comparer *compare.Comparer
	// Backend is the article store and story index; nil serves compare
	// only (the store endpoints answer 503 "no_store").
	Backend Backend
	// Token, when not empty, is required as "Authorization: Bearer <Token>"
	// on writes (ingest, delete). Compared in constant time.
	Token string
	// Timeout limits each request (DefaultTimeout when 0).
	Timeout time.Duration
	// Assets is the web page, served at /. Nil serves a placeholder page.
	Assets http.Handler
	// Logger receives one structured line per request (slog.Default() when nil).
	Logger *slog.Logger
	// MaxConcurrent is how many requests may analyse articles at once
	// (compare, ingest, posted similar); 0 means GOMAXPROCS (the cores).
	// Up to four times as many more wait, each at most QueueWait (0:
	// DefaultQueueWait or half the Timeout, whichever is less); the rest
	// are answered 503 "busy" with Retry-After.
	MaxConcurrent int
	QueueWait     time.Duration
	// Publisher, when set, takes POST /v1/articles instead of the Backend:
	// the checked articles are published for ingest workers and the answer
	// is 202 Accepted (newsim serve --nats).
	Publisher Publisher
}

// Publisher hands articles to ingest workers (package stream publishes
// them to NATS JetStream). Publish reports how many were new and how many
// were dropped as already published.
type Publisher interface {
	Publish(ctx context.Context, arts []article.Article) (published, duplicates int, err error)
}

// Server is the newsim HTTP server. Build it with New; it is safe for
// concurrent use.
type Server struct {
	cfg     Config
	an      *analysis.Analyzer
	mux     *http.ServeMux
	routes  []string // registered API patterns ("POST /v1/compare"), for tests and docs
	metrics *metrics
	limit   *limiter
	log     *slog.Logger
	handler http.Handler
	pageCSP string
	started time.Time
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Comparer == nil {
		return nil, errors.New("server: Config.Comparer is nil")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{
		cfg:     cfg,
		an:      analysis.New(),
		mux:     http.NewServeMux(),
		log:     cfg.Logger,
		started: time.Now(),
		pageCSP: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	}
	s.metrics = newMetrics(cfg.Backend)
	s.limit = limiterFor(cfg)
	s.routesInit()
	s.handler = s.middleware(s.mux)
	return s, nil
}

// Handler returns the server's root handler (API, page, /healthz, /metrics).
func (s *Server) Handler() http.Handler { return s.handler }

// Routes returns the registered patterns, e.g. "POST /v1/compare".
func (s *Server) Routes() []string { return append([]string(nil), s.routes...) }

func (s *Server) routesInit() {
	// API routes, each with the per-request timeout.
	s.api("POST /v1/compare", s.handleCompare)
	s.api("POST /v1/articles", s.auth(s.handleIngest))
	s.api("GET /v1/articles/{id}", s.handleGetArticle)
	s.api("DELETE /v1/articles/{id}", s.auth(s.handleDeleteArticle))
	s.api("GET /v1/articles/{id}/similar", s.handleSimilarStored)
	s.api("POST /v1/similar", s.handleSimilarPosted)
	s.api("GET /v1/stories", s.handleListStories)
	s.api("GET /v1/stories/{id}", s.handleGetStory)
	s.api("GET /v1/openapi.json", s.handleOpenAPI)
	s.api("GET /healthz", s.handleHealth)
	s.route("GET /metrics", s.metrics.handler())
	page := s.cfg.Assets
	if page == nil {
		page = placeholderPage()
	}
	s.mux.Handle("GET /", s.instrument("GET /", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/") { // not an API route: JSON, not the page
			s.noRoute(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", s.pageCSP)
		page.ServeHTTP(w, r)
	})))
}

// api registers an API handler with timeout and instrumentation.
func (s *Server) api(pattern string, h http.HandlerFunc) {
	s.route(pattern, s.timeout(h))
}

func (s *Server) route(pattern string, h http.Handler) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, s.instrument(pattern, h))
}

// timeout cuts h off after the configured time with a JSON 503.
func (s *Server) timeout(h http.Handler) http.Handler {
	th := http.TimeoutHandler(h, s.cfg.Timeout,
		`{"error":{"code":"timeout","message":"request took longer than `+s.cfg.Timeout.String()+`"}}`)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// TimeoutHandler writes its message to w with w's headers; on success
		// it copies h's headers over these.
		w.Header().Set("Content-Type", jsonType)
		th.ServeHTTP(w, r)
	})
}

// auth requires the bearer token on h when the server has one.
func (s *Server) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Token != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.cfg.Token)) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="newsim"`)
				writeError(w, http.StatusUnauthorized, "unauthorized", "this endpoint writes: send Authorization: Bearer <token>")
				return
			}
		}
		h(w, r)
	}
}

// middleware adds security headers, panic recovery, and JSON bodies for the
// mux's own 404/405 answers.
func (s *Server) middleware(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", methodLabel(r.Method), "path", clipPath(r.URL.Path), "panic", fmt.Sprint(v))
				writeError(w, http.StatusInternalServerError, "internal", "internal error")
			}
		}()
		if !s.checkHost(w, r) {
			s.metrics.observe("bad_host", r.Method, http.StatusMisdirectedRequest, 0)
			s.log.Warn("request refused: Host is not a loopback name", "host", clipPath(r.Host), "method", methodLabel(r.Method), "path", clipPath(r.URL.Path), "remote", r.RemoteAddr)
			return
		}
		if _, pattern := mux.Handler(r); pattern == "" {
			s.unmatched(w, r, mux)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// unmatched answers a request no pattern takes (404 or 405) with a JSON body.
func (s *Server) unmatched(w http.ResponseWriter, r *http.Request, mux *http.ServeMux) {
	start := time.Now()
	h, _ := mux.Handler(r)
	rec := &statusOnly{header: http.Header{}}
	h.ServeHTTP(rec, r)
	code := rec.code
	if code == 0 {
		code = http.StatusNotFound
	}
	switch code {
	case http.StatusMethodNotAllowed, http.StatusNotFound:
		code = s.noRoute(w, r)
	default: // redirects (path cleaning): pass through
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(code)
	}
	s.metrics.observe("unmatched", r.Method, code, time.Since(start))
	s.log.Info("request", "method", methodLabel(r.Method), "path", clipPath(r.URL.Path), "route", "unmatched", "status", code)
}

// allowed lists the methods the API routes take on r's path.
func (s *Server) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		c := r.Clone(r.Context())
		c.Method = m
		// The page's "GET /" takes every path; only API routes count.
		if _, p := s.mux.Handler(c); p != "" && p != "GET /" {
			out = append(out, m)
		}
	}
	return out
}

// noRoute answers a request no API route takes: 405 naming the allowed
// methods when the path exists, else 404.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) int {
	if allowed := s.allowed(r); len(allowed) > 0 {
		list := strings.Join(allowed, ", ")
		w.Header().Set("Allow", list)
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", fmt.Sprintf("%s is not allowed on %s (allowed: %s)", clipPath(r.Method), clipPath(r.URL.Path), list))
		return http.StatusMethodNotAllowed
	}
	writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no endpoint %s %s", clipPath(r.Method), clipPath(r.URL.Path)))
	return http.StatusNotFound
}

// statusOnly records the status and headers a handler writes and drops the body.
type statusOnly struct {
	header http.Header
	code   int
}

func (s *statusOnly) Header() http.Header { return s.header }
func (s *statusOnly) WriteHeader(c int) {
	if s.code == 0 {
		s.code = c
	}
}
func (s *statusOnly) Write(p []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return len(p), nil
}

// IsLoopback reports whether addr ("host:port") listens only on a loopback
// interface. An empty host (all interfaces) is not loopback; "localhost" is.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Listen opens a TCP listener on addr, refusing a non-loopback address when
// the server has no token.
func (s *Server) Listen(addr string) (net.Listener, error) {
	if !IsLoopback(addr) && s.cfg.Token == "" {
		return nil, fmt.Errorf("refusing to listen on non-loopback address %q without a token (set --token or NEWSIM_TOKEN)", addr)
	}
	return net.Listen("tcp", addr)
}

// ShutdownGrace is how long Serve waits for in-flight requests after its
// context ends.
const ShutdownGrace = 30 * time.Second

// Serve serves on ln until ctx ends, then shuts down gracefully: it stops
// accepting connections and waits up to ShutdownGrace for in-flight requests
// to finish. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.Timeout + 10*time.Second,
		WriteTimeout:      s.cfg.Timeout + 10*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String(), "store", s.cfg.Backend != nil, "token", s.cfg.Token != "")
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing in-flight requests", "grace", ShutdownGrace.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// placeholderPage is served at / when no web assets are configured.
func placeholderPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			writeError(w, http.StatusNotFound, "not_found", "no page "+clipPath(r.URL.Path))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><meta charset="utf-8"><title>newsim</title>
<h1>newsim</h1><p>The web page is not built into this binary. The API is at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p></html>`)
	})
}

// FS serves an fs.FS holding index.html and its assets at /.
func FS(assets fs.FS) http.Handler { return http.FileServerFS(assets) }

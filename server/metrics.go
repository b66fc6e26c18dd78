package server

import (
	"bufio"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (so several servers in one process, as in tests, do not collide):
//
//	newsim_http_requests_total{route,method,code}      counter
//	newsim_http_request_duration_seconds{route,method} histogram
//	newsim_articles_stored                             gauge (store count)
//	newsim_stories                                     gauge (story count)
//	newsim_articles_ingested_total                     counter (ingest rate: rate() of it)
//	newsim_compares_total                              counter
//
// plus the Go runtime and process collectors.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested prometheus.Counter
	compares prometheus.Counter
}

func newMetrics(b Backend) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsim_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsim_http_request_duration_seconds",
		Help:    "HTTP request latency in seconds by route pattern and method.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	}, []string{"route", "method"})
	m.ingested = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsim_articles_ingested_total", Help: "Articles stored through POST /v1/articles.",
	})
	m.compares = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsim_compares_total", Help: "Article pairs compared through POST /v1/compare.",
	})
	m.reg.MustRegister(m.requests, m.latency, m.ingested, m.compares,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if b != nil {
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "newsim_articles_stored", Help: "Articles in the store."},
				func() float64 { a, _ := b.Counts(); return float64(a) }),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "newsim_stories", Help: "Stories in the store."},
				func() float64 { _, s := b.Counts(); return float64(s) }),
		)
	}
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// observe counts one request. Every label is from a closed set, so the
// number of series is bounded whatever clients send: route is a registered
// pattern or "unmatched", method one of knownMethods or "other", and code a
// status from 100 to 599 ("other" outside it).
func (m *metrics) observe(route, method string, code int, d time.Duration) {
	method = methodLabel(method)
	m.requests.WithLabelValues(route, method, codeLabel(code)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

// knownMethods are the HTTP methods of RFC 9110 and PATCH; any other
// method is labelled (and logged) as "other".
var knownMethods = map[string]bool{
	"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true,
	"DELETE": true, "OPTIONS": true, "CONNECT": true, "TRACE": true,
}

// methodLabel is method when it is a known one, else "other".
func methodLabel(method string) string {
	if knownMethods[method] {
		return method
	}
	return "other"
}

func codeLabel(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return strconv.Itoa(code)
}

// maxLoggedPath is the most bytes of a request path a log line holds.
const maxLoggedPath = 256

// clipPath shortens a path for logs and error messages to maxLoggedPath
// bytes (on a rune boundary), marking the cut with "…".
func clipPath(p string) string {
	if len(p) <= maxLoggedPath {
		return p
	}
	cut := maxLoggedPath
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return p[:cut] + "…"
}

// instrument counts, times and logs every request of one route.
func (s *Server) instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			code := sw.code
			if code == 0 {
				code = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.observe(route, r.Method, code, d)
			level := slog.LevelInfo
			if code >= 500 {
				level = slog.LevelError
			}
			s.log.Log(r.Context(), level, "request", "method", methodLabel(r.Method), "path", clipPath(r.URL.Path), "route", route,
				"status", code, "bytes", sw.n, "duration_ms", float64(d.Microseconds())/1000, "remote", r.RemoteAddr)
		}()
		h.ServeHTTP(sw, r)
	})
}

// statusWriter records the status code and body size written.
type statusWriter struct {
	http.ResponseWriter
	code int
	n    int64
}

func (w *statusWriter) WriteHeader(c int) {
	if w.code == 0 {
		w.code = c
	}
	w.ResponseWriter.WriteHeader(c)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

package server

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
)

// DefaultQueueWait is how long a request waits for an analysis slot when
// Config.QueueWait is 0.
const DefaultQueueWait = 5 * time.Second

// RetryAfter is the Retry-After (seconds) of a 503 "busy" answer.
const RetryAfter = 2

// limiter bounds the requests that analyse articles (compare, ingest,
// posted similar): at most cap(slots) run at once, at most maxQueued more
// wait, each for at most wait; the rest are refused at once. Memory per
// running request is bounded by the body limit and analysis.MaxTextBytes,
// so the server's memory is bounded too.
type limiter struct {
	slots     chan struct{}
	queued    atomic.Int64
	maxQueued int64
	wait      time.Duration
}

func newLimiter(slots, maxQueued int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, slots), maxQueued: int64(maxQueued), wait: wait}
}

// acquire takes a slot, waiting at most l.wait; it reports false when the
// queue is full, the wait ran out or ctx ended.
func (l *limiter) acquire(ctx context.Context) bool {
	select {
	case l.slots <- struct{}{}:
		return true
	default:
	}
	if l.queued.Add(1) > l.maxQueued {
		l.queued.Add(-1)
		return false
	}
	defer l.queued.Add(-1)
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (l *limiter) release() { <-l.slots }

// inUse is the number of slots taken.
func (l *limiter) inUse() int { return len(l.slots) }

func limiterFor(cfg Config) *limiter {
	n := cfg.MaxConcurrent
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	wait := cfg.QueueWait
	if wait <= 0 {
		wait = min(DefaultQueueWait, cfg.Timeout/2)
	}
	return newLimiter(n, 4*n, wait)
}

// work runs f in an analysis slot, or answers 503 "busy" with Retry-After
// when none frees up in time. Call it after the request body is read and
// checked, right before the analysis.
func (s *Server) work(w http.ResponseWriter, r *http.Request, f func()) {
	if !s.limit.acquire(r.Context()) {
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfter))
		writeError(w, http.StatusServiceUnavailable, "busy",
			"the server is analysing as many articles as it has cores ("+strconv.Itoa(cap(s.limit.slots))+"); retry in "+strconv.Itoa(RetryAfter)+" s")
		return
	}
	defer s.limit.release()
	f()
}

package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/semeval"
)

// loadRequest is one request of a load run.
type loadRequest struct {
	method, path string
	body         []byte
}

// loadStats summarises a load run.
type loadStats struct {
	Requests, Errors int
	Elapsed          time.Duration
	P50, P99, Max    time.Duration
	FirstError       string
}

func (s loadStats) PerSecond() float64 { return float64(s.Requests) / s.Elapsed.Seconds() }

func (s loadStats) String() string {
	return fmt.Sprintf("%d requests in %v: %.0f req/s, p50 %v, p99 %v, max %v, errors %d",
		s.Requests, s.Elapsed.Round(time.Millisecond), s.PerSecond(), s.P50, s.P99, s.Max, s.Errors)
}

// runLoad sends count requests (cycling through reqs) from workers
// concurrent clients to base, stopping early when maxTime has passed. A
// request is an error unless it answers 2xx. The run always ends: after
// count requests or maxTime, whichever comes first.
func runLoad(base string, reqs []loadRequest, count, workers int, maxTime time.Duration) loadStats {
	ctx, cancel := context.WithTimeout(context.Background(), maxTime)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}, Timeout: maxTime}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	lat := make([][]time.Duration, workers)
	var errs atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(count) {
					return
				}
				r := reqs[int(i)%len(reqs)]
				req, _ := http.NewRequestWithContext(ctx, r.method, base+r.path, bytes.NewReader(r.body))
				if r.body != nil {
					req.Header.Set("Content-Type", "application/json")
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode/100 != 2 {
						err = fmt.Errorf("%s %s: status %d", r.method, r.path, resp.StatusCode)
					}
				}
				if ctx.Err() != nil { // cut off by maxTime: not counted
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		}()
	}
	wg.Wait()
	st := loadStats{Elapsed: time.Since(start), Errors: int(errs.Load())}
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	st.Requests = len(all)
	if e, ok := firstErr.Load().(string); ok {
		st.FirstError = e
	}
	if len(all) > 0 {
		sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
		q := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
		st.P50, st.P99, st.Max = q(0.50), q(0.99), all[len(all)-1]
	}
	return st
}

// devPairs returns up to n compare request bodies from the dev pairs, or
// the seed pair alone when the data file is missing.
func devPairs(t testing.TB, n int) [][]byte {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	var out [][]byte
	if _, err := os.Stat(path); err == nil {
		pairs, _, err := semeval.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			if len(out) == n {
				break
			}
			a := ArticleIn{Title: p.A.Title, Text: p.A.Text, Lang: p.A.Lang}
			b := ArticleIn{Title: p.B.Title, Text: p.B.Text, Lang: p.B.Lang}
			out = append(out, mustJSON(t, CompareRequest{A: &a, B: &b}))
		}
	}
	if len(out) == 0 {
		a, b := seed(t, 0), seed(t, 1)
		out = append(out, mustJSON(t, CompareRequest{A: &a, B: &b}))
	}
	return out
}

// reportLoad puts a load run's figures on the benchmark line and fails on
// any error.
func reportLoad(b *testing.B, st loadStats) {
	b.ReportMetric(st.PerSecond(), "req/s")
	b.ReportMetric(float64(st.P50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(st.P99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(st.Errors), "errors")
	b.ReportMetric(0, "ns/op") // wall time per request is not meaningful with concurrent workers
	b.Logf("%v", st)
	if st.Errors > 0 {
		b.Fatalf("%d errors, first: %s", st.Errors, st.FirstError)
	}
}

// loadWorkers is the number of concurrent clients of the load runs.
const loadWorkers = 8

// loadMaxTime bounds each load run, whatever b.N is.
const loadMaxTime = 60 * time.Second

// BenchmarkLoadCompare runs b.N POST /v1/compare requests (real dev pairs:
// both articles are analysed and compared on every request) from 8
// concurrent clients against a real server on loopback. Run it bounded:
//
//	go test ./server -run '^$' -bench LoadCompare -benchtime 2000x
func BenchmarkLoadCompare(b *testing.B) {
	_, ts := newTestServer(b, Config{})
	var reqs []loadRequest
	for _, body := range devPairs(b, 200) {
		reqs = append(reqs, loadRequest{"POST", "/v1/compare", body})
	}
	runLoad(ts.URL, reqs[:1], loadWorkers, loadWorkers, loadMaxTime) // warm up connections
	b.ResetTimer()
	st := runLoad(ts.URL, reqs, b.N, loadWorkers, loadMaxTime)
	b.StopTimer()
	reportLoad(b, st)
}

func TestLoadRunIsBoundedAndCountsErrors(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	st := runLoad(ts.URL, []loadRequest{{"GET", "/healthz", nil}, {"GET", "/v1/nothing", nil}}, 40, 4, 30*time.Second)
	if st.Requests != 40 || st.Errors != 20 || st.P50 <= 0 || st.P99 < st.P50 {
		t.Errorf("%v (first error %s)", st, st.FirstError)
	}
	// A time bound shorter than the work stops the run.
	st = runLoad(ts.URL, []loadRequest{{"GET", "/healthz", nil}}, 1<<30, 2, 200*time.Millisecond)
	if st.Elapsed > 5*time.Second || st.Requests == 0 || st.Requests >= 1<<30 {
		t.Errorf("time-bounded run: %v", st)
	}
}

var (
	loadStoreOnce sync.Once
	loadStoreDir  string
	loadStoreErr  error
)

// TestMain removes the load benchmarks' shared store.
func TestMain(m *testing.M) {
	code := m.Run()
	if loadStoreDir != "" {
		os.RemoveAll(loadStoreDir)
	}
	os.Exit(code)
}

// devArticles returns up to n distinct articles of the dev pairs (nil when
// the data file is missing).
func devArticles(t testing.TB, n int) []article.Article {
	path := filepath.Join("..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	pairs, _, err := semeval.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []article.Article
	for _, p := range pairs {
		for _, a := range []article.Article{p.A, p.B} {
			k := a.Title + "\x00" + a.Text
			if len(out) < n && !seen[k] && strings.TrimSpace(a.Text) != "" {
				seen[k] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// loadStorePath is a store holding 1,000 dev articles (ingested once per
// test binary run), or the seed pair alone without the data file.
func loadStorePath(b *testing.B) string {
	loadStoreOnce.Do(func() {
		if loadStoreDir, loadStoreErr = os.MkdirTemp("", "newsim-load-"); loadStoreErr != nil {
			return
		}
		var st *StoreBackend
		path := filepath.Join(loadStoreDir, "store.db")
		if st, loadStoreErr = OpenStore(path, realComparer(b)); loadStoreErr != nil {
			return
		}
		defer st.Close()
		arts := devArticles(b, 1000)
		if arts == nil {
			for i := range 2 {
				s := seed(b, i)
				arts = append(arts, article.Article{Title: s.Title, Text: s.Text, Lang: s.Lang})
			}
		}
		start := time.Now()
		if _, loadStoreErr = st.Ingest(context.Background(), arts); loadStoreErr == nil {
			a, s := st.Counts()
			b.Logf("load store: %d articles in %d stories, ingested in %v", a, s, time.Since(start).Round(time.Millisecond))
		}
	})
	if loadStoreErr != nil {
		b.Fatal(loadStoreErr)
	}
	return filepath.Join(loadStoreDir, "store.db")
}

// BenchmarkLoadStories runs b.N GET /v1/stories requests (a mix of the
// page's filters: none, language, text query, time range) from 8
// concurrent clients against a real server on loopback whose store holds
// 1,000 dev articles. Run it bounded:
//
//	go test ./server -run '^$' -bench LoadStories -benchtime 2000x
func BenchmarkLoadStories(b *testing.B) {
	st, err := OpenStore(loadStorePath(b), realComparer(b))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	_, ts := newTestServer(b, Config{Backend: st})
	since := time.Now().UTC().Add(-48 * time.Hour).Format(time.RFC3339)
	var reqs []loadRequest
	for _, q := range []string{"", "?lang=en", "?lang=ar&limit=20", "?q=police", "?since=" + since, "?since=24h&lang=de", "?q=president+election"} {
		reqs = append(reqs, loadRequest{"GET", "/v1/stories" + q, nil})
	}
	runLoad(ts.URL, reqs, len(reqs), loadWorkers, loadMaxTime) // warm up
	b.ResetTimer()
	stats := runLoad(ts.URL, reqs, b.N, loadWorkers, loadMaxTime)
	b.StopTimer()
	reportLoad(b, stats)
}

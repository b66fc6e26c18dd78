package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
)

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// serveReal runs s with Serve on a loopback port (as newsim serve does)
// and returns its address; the server stops when the test ends.
func serveReal(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// rawRequest sends one HTTP/1.1 request line and headers over a fresh
// connection and returns the status code.
func rawRequest(t *testing.T, addr, method, path, host string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, path, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%.20s %s: %v", method, path, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// Made-up methods (any token is a valid HTTP method) must not become
// metric labels or fill the logs: 300 requests with distinct 30 KB
// methods leave /metrics and the log small.
func TestMetricsStaySmallUnderMadeUpMethods(t *testing.T) {
	var logs syncBuffer
	s, err := New(Config{Comparer: realComparer(t), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	addr := serveReal(t, s)
	for i := range 300 {
		method := fmt.Sprintf("X%03d%s", i, strings.Repeat("M", 30<<10))
		for _, path := range []string{"/healthz", "/v1/nothing", "/"} {
			if code := rawRequest(t, addr, method, path, addr); code < 400 {
				t.Fatalf("made-up method on %s answered %d", path, code)
			}
		}
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(body) > 64<<10 {
		t.Errorf("/metrics is %d bytes after 900 made-up methods, want < 64 KiB", len(body))
	}
	if !bytes.Contains(body, []byte(`method="other"`)) {
		t.Errorf("made-up methods are not counted as method=\"other\"")
	}
	if bytes.Contains(body, []byte("MMMM")) {
		t.Errorf("a made-up method reached /metrics")
	}
	if n := logs.Len(); n > 900*600 {
		t.Errorf("log is %d bytes for 900 requests (%d per request), want < 600 per request", n, n/900)
	}
}

// A server without a token answers only to loopback Host names, so a web
// page that rebinds its own name to 127.0.0.1 cannot use it; with a token
// every name is served (writes need the token anyway).
func TestDNSRebindingHostIsRefusedWithoutToken(t *testing.T) {
	env := newStoreEnv(t)
	noToken, err := New(Config{Comparer: realComparer(t), Backend: env.backend, Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	withToken, err := New(Config{Comparer: realComparer(t), Backend: env.backend, Logger: quietLogger(), Token: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	open, guarded := serveReal(t, noToken), serveReal(t, withToken)
	_, port, _ := net.SplitHostPort(open)
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true}, {"localhost:" + port, true}, {"[::1]:" + port, true},
		{"localhost", true}, {"127.0.0.1", true}, {"LOCALHOST:" + port, true}, {"localhost.:" + port, true},
		{"evil.example:" + port, false}, {"evil.example", false}, {"127.0.0.1.evil.example:" + port, false},
		{"localhost.evil.example", false}, {"192.168.1.5:" + port, false}, {"0.0.0.0:" + port, false}, {"", false},
	} {
		for _, path := range []string{"/healthz", "/v1/stories", "/"} {
			code := rawRequest(t, open, "GET", path, tc.host)
			if tc.ok && code != 200 {
				t.Errorf("no token, Host %q, GET %s: %d, want 200", tc.host, path, code)
			}
			if !tc.ok && code != http.StatusMisdirectedRequest {
				t.Errorf("no token, Host %q, GET %s: %d, want 421", tc.host, path, code)
			}
			if code := rawRequest(t, guarded, "GET", path, tc.host); code != 200 {
				t.Errorf("token, Host %q, GET %s: %d, want 200", tc.host, path, code)
			}
		}
	}
	// The rebinding write: a DELETE through a foreign name changes nothing.
	if code := rawRequest(t, open, "DELETE", "/v1/articles/1", "evil.example:"+port); code != http.StatusMisdirectedRequest {
		t.Errorf("DELETE through a foreign Host: %d, want 421", code)
	}
	if a, _ := env.counts(t); a != 5 {
		t.Errorf("%d articles after a refused delete, want 5", a)
	}
}

// Invalid UTF-8 in a request body is refused with a 400 naming the field,
// instead of being replaced with U+FFFD and analysed or stored.
func TestInvalidUTF8InBodyIsRefusedNamingTheField(t *testing.T) {
	env := newStoreEnv(t)
	bad := "caf\xe9 au lait" // Latin-1 é
	for _, tc := range []struct {
		method, path string
		body         string
		field        string
	}{
		{"POST", "/v1/compare", `{"a":{"title":"x","text":"` + bad + `"},"b":{"text":"ok"}}`, `"a.text"`},
		{"POST", "/v1/compare", `{"a":{"text":"ok"},"b":{"title":"` + bad + `","text":"ok"}}`, `"b.title"`},
		{"POST", "/v1/articles", `[{"title":"one","text":"fine"},{"title":"two","text":"fine","source":"` + bad + `"}]`, `"[1].source"`},
		{"POST", "/v1/articles", `{"title":"t","text":"fine","html":"` + bad + `"}`, `"html"`},
		{"POST", "/v1/similar", `{"text":"` + bad + `"}`, `"text"`},
		{"POST", "/v1/similar", `{"te` + "\xff" + `xt":"fine"}`, `(a key)`},
	} {
		got := do(t, env.ts, tc.method, tc.path, "application/json", []byte(tc.body), env.auth()...)
		if got.Status != http.StatusBadRequest {
			t.Errorf("%s %s %q: %d, want 400: %s", tc.method, tc.path, tc.body, got.Status, got.Body)
			continue
		}
		code, msg := errCode(t, got)
		if code != "bad_utf8" || !strings.Contains(msg, tc.field) || !strings.Contains(msg, "UTF-8") {
			t.Errorf("%s %s: %s %q, want bad_utf8 naming %s", tc.method, tc.path, code, msg, tc.field)
		}
		checkAgainstDoc(t, tc.method, tc.path, "application/json", []byte(tc.body), got)
	}
	if a, _ := env.counts(t); a != 5 {
		t.Errorf("%d articles after refused ingests, want 5", a)
	}
}

// longText repeats the seed article's body to at least n bytes.
func longText(t testing.TB, i, n int) string {
	s := seed(t, i).Text
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(s)
		b.WriteString("\n")
	}
	return b.String()
}

// When every analysis slot is taken and none frees up within QueueWait,
// compare answers 503 "busy" with Retry-After instead of piling up work;
// once a slot is free it answers again.
func TestCompareIsBusyWhenAnalysisSlotsAreFull(t *testing.T) {
	s, ts := newTestServer(t, Config{MaxConcurrent: 1, QueueWait: 50 * time.Millisecond})
	a := seed(t, 0)
	body := mustJSON(t, CompareRequest{A: &a, B: &a})
	if !s.limit.acquire(context.Background()) { // a long analysis holds the only slot
		t.Fatal("no free slot on an idle server")
	}
	got := do(t, ts, "POST", "/v1/compare", "application/json", body)
	if got.Status != http.StatusServiceUnavailable || got.Header.Get("Retry-After") != "2" {
		t.Fatalf("compare with no free slot: %d Retry-After %q: %s", got.Status, got.Header.Get("Retry-After"), got.Body)
	}
	if code, _ := errCode(t, got); code != "busy" {
		t.Errorf("code %q, want busy", code)
	}
	checkAgainstDoc(t, "POST", "/v1/compare", "application/json", body, got)
	s.limit.release()
	if got := do(t, ts, "POST", "/v1/compare", "application/json", body); got.Status != 200 {
		t.Fatalf("compare after the slot was freed: %d %s", got.Status, got.Body)
	}
}

// The queue in front of the slots is bounded: with the slot taken and the
// queue full, a request is refused at once, without waiting.
func TestAnalysisQueueIsBounded(t *testing.T) {
	l := newLimiter(1, 2, time.Minute)
	l.acquire(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); l.acquire(ctx) }()
	}
	for l.queued.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	if l.acquire(context.Background()) { // would wait a minute if the queue were unbounded
		t.Error("a third waiter got the slot")
	}
	cancel()
	wg.Wait()
}

// A compare whose client is gone stops analysing: the handler returns
// without comparing (newsim_compares_total stays 0) and frees its slot,
// instead of burning CPU on an answer nobody reads.
func TestCompareStopsWhenTheRequestIsGone(t *testing.T) {
	s, err := New(Config{Comparer: realComparer(t), Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	addr := serveReal(t, s)
	a := ArticleIn{Title: "a", Lang: "ar", Text: longText(t, 0, 250<<10)}
	b := ArticleIn{Title: "b", Lang: "ar", Text: longText(t, 1, 250<<10)}
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://"+addr+"/v1/compare", bytes.NewReader(mustJSON(t, CompareRequest{A: &a, B: &b})))
	req.Header.Set("Content-Type", "application/json")
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	deadline := time.Now().Add(30 * time.Second)
	for s.limit.inUse() == 0 { // the body is read; analysis starts
		if time.Now().After(deadline) {
			t.Fatal("analysis did not start")
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the request finished before it was cancelled; make the articles longer")
	}
	for s.limit.inUse() != 0 {
		if time.Now().After(deadline.Add(60 * time.Second)) {
			t.Fatal("the analysis slot was never freed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(m, []byte("\nnewsim_compares_total 0\n")) {
		t.Errorf("the abandoned compare ran to the end (newsim_compares_total is not 0)")
	}
}

// A body over analysis.MaxTextBytes is analysed up to the cap, and the
// answer says so in notes.
func TestCompareNotesTruncatedBody(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a := ArticleIn{Title: "long", Lang: "ar", Text: longText(t, 0, analysis.MaxTextBytes+50<<10)}
	b := seed(t, 1)
	body := mustJSON(t, CompareRequest{A: &a, B: &b})
	got := do(t, ts, "POST", "/v1/compare", "application/json", body)
	if got.Status != 200 {
		t.Fatalf("%d %s", got.Status, got.Body)
	}
	var res struct{ Notes []string }
	if err := json.Unmarshal(got.Body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.HasPrefix(res.Notes[0], "a: text truncated") || !strings.Contains(res.Notes[0], fmt.Sprint(analysis.MaxTextBytes)) {
		t.Errorf("notes %q, want one saying a's text was truncated at %d", res.Notes, analysis.MaxTextBytes)
	}
	checkAgainstDoc(t, "POST", "/v1/compare", "application/json", body, got)
}

// BenchmarkCompareHugeBodies posts two bodies at the 8 MiB request limit
// to a real server: analysis reads the first analysis.MaxTextBytes of
// each, so cost and memory per request stay bounded. Run it with
//
//	go test ./server -run '^$' -bench CompareHugeBodies -benchmem -benchtime 3x
func BenchmarkCompareHugeBodies(b *testing.B) {
	_, ts := newTestServer(b, Config{})
	n := MaxBodyBytes/2 - 128<<10 // JSON escapes take the rest
	a := ArticleIn{Title: "a", Lang: "ar", Text: longText(b, 0, n)[:n]}
	c := ArticleIn{Title: "b", Lang: "ar", Text: longText(b, 1, n)[:n]}
	body := mustJSON(b, CompareRequest{A: &a, B: &c})
	b.ReportAllocs()
	for b.Loop() {
		if got := do(b, ts, "POST", "/v1/compare", "application/json", body); got.Status != 200 {
			b.Fatalf("%d %.300s", got.Status, got.Body)
		}
	}
}

package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
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

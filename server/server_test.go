package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
)

var (
	comparerOnce sync.Once
	theComparer  *compare.Comparer
	comparerErr  error
)

// realComparer is the embedded model, loaded once for all tests.
func realComparer(t testing.TB) *compare.Comparer {
	t.Helper()
	comparerOnce.Do(func() { theComparer, comparerErr = compare.Default() })
	if comparerErr != nil {
		t.Fatalf("compare.Default: %v", comparerErr)
	}
	return theComparer
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// newTestServer starts the real server (real compare engine) on loopback.
func newTestServer(t testing.TB, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Comparer = realComparer(t)
	if cfg.Logger == nil {
		cfg.Logger = quietLogger()
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// seed reads one seed article (first line title, the rest the body).
func seed(t testing.TB, i int) ArticleIn {
	t.Helper()
	names := []string{"000_7d9c6d418026c8b1.txt", "001_5f58f892265ec782.txt"}
	b, err := os.ReadFile(filepath.Join("..", "testdata", "seeds", names[i]))
	if err != nil {
		t.Fatal(err)
	}
	title, text, _ := strings.Cut(string(b), "\n")
	return ArticleIn{Title: strings.TrimSpace(title), Text: text, Lang: "ar"}
}

type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

func do(t testing.TB, ts *httptest.Server, method, path, ctype string, body []byte, hdr ...string) answer {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, b}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// errCode decodes an error body, failing the test if it is not one.
func errCode(t testing.TB, a answer) (code, msg string) {
	t.Helper()
	if ct := a.Header.Get("Content-Type"); ct != jsonType {
		t.Errorf("error answer has Content-Type %q, want %q", ct, jsonType)
	}
	var e errorBody
	dec := json.NewDecoder(bytes.NewReader(a.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("status %d: body is not {\"error\": {\"code\", \"message\"}}: %v: %.300s", a.Status, err, a.Body)
	}
	return e.Error.Code, e.Error.Message
}

func TestCompareSeedPairIsWhatCompareJSONPrints(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a, b := seed(t, 0), seed(t, 1)
	got := do(t, ts, "POST", "/v1/compare", "application/json", mustJSON(t, CompareRequest{A: &a, B: &b}))
	if got.Status != 200 {
		t.Fatalf("status %d: %s", got.Status, got.Body)
	}
	if ct := got.Header.Get("Content-Type"); ct != jsonType {
		t.Errorf("Content-Type %q", ct)
	}
	// The same object the CLI prints: analyse and compare directly.
	an := analysis.New()
	aa, ab := a, b
	da, err := an.Analyze(toArticleMust(t, "a", &aa))
	if err != nil {
		t.Fatal(err)
	}
	db, err := an.Analyze(toArticleMust(t, "b", &ab))
	if err != nil {
		t.Fatal(err)
	}
	want := mustJSON(t, realComparer(t).Articles(da, db))
	var gv, wv any
	json.Unmarshal(got.Body, &gv)
	json.Unmarshal(want, &wv)
	if !reflect.DeepEqual(gv, wv) {
		t.Errorf("answer differs from compare.Result of the same pair:\n got %.400s\nwant %.400s", got.Body, want)
	}
	var res compare.Result
	if err := json.Unmarshal(got.Body, &res); err != nil {
		t.Fatal(err)
	}
	for i, v := range res.Scores.Values() {
		if v < 1 || v > 4 {
			t.Errorf("score %d = %v, outside 1..4", i, v)
		}
	}
	// One event told twice: the seed pair must read as the same story.
	if res.Scores.Overall > 2.5 {
		t.Errorf("seed pair overall = %.2f, want ≤ 2.5 (same story)", res.Scores.Overall)
	}
	shared := 0
	for _, e := range res.Evidence.Entities {
		if e.In == "both" {
			shared++
		}
	}
	if shared == 0 {
		t.Errorf("no shared entities in the seed pair: %+v", res.Evidence.Entities)
	}
}

func toArticleMust(t testing.TB, name string, in *ArticleIn) article.Article {
	t.Helper()
	if in.ID == "" {
		in.ID = name
	}
	got, err := toArticle(name, in)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCompareIncludeArticlesGivesUTF16SentenceSpans(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a, b := seed(t, 0), seed(t, 1)
	// A Latin article with astral characters (emoji: two UTF-16 units each)
	// and an Arabic one: offsets must be JavaScript string indices.
	b.Text = "🙂 Gantz met Blinken in Washington. " + b.Text
	got := do(t, ts, "POST", "/v1/compare?include=articles", "application/json", mustJSON(t, CompareRequest{A: &a, B: &b}))
	if got.Status != 200 {
		t.Fatalf("status %d: %s", got.Status, got.Body)
	}
	var res CompareWithArticles
	if err := json.Unmarshal(got.Body, &res); err != nil {
		t.Fatal(err)
	}
	if res.Result == nil || res.Scores.Overall == 0 {
		t.Fatalf("no scores in %.300s", got.Body)
	}
	for name, v := range map[string]ArticleView{"a": res.Articles.A, "b": res.Articles.B} {
		if v.Dir != "rtl" || v.Lang != "ar" {
			t.Errorf("%s: dir %q lang %q, want rtl ar", name, v.Dir, v.Lang)
		}
		if len(v.Sentences) < 3 {
			t.Fatalf("%s: %d sentences", name, len(v.Sentences))
		}
		u := utf16.Encode([]rune(v.Text))
		for _, sp := range v.Sentences {
			if sp.Start < 0 || sp.End > len(u) || sp.Start >= sp.End {
				t.Fatalf("%s: span %+v outside text of %d units", name, sp, len(u))
			}
		}
	}
	// Every aligned pair's text is the text of the sentences it indexes.
	ua := utf16.Encode([]rune(res.Articles.A.Text))
	ub := utf16.Encode([]rune(res.Articles.B.Text))
	if len(res.Evidence.Aligned) == 0 {
		t.Fatal("no aligned sentences in the seed pair")
	}
	for _, al := range res.Evidence.Aligned {
		sa, sb := res.Articles.A.Sentences[al.A], res.Articles.B.Sentences[al.B]
		ta := string(utf16.Decode(ua[sa.Start:sa.End]))
		tb := string(utf16.Decode(ub[sb.Start:sb.End]))
		if strings.TrimSpace(ta) != strings.TrimSpace(al.TextA) || strings.TrimSpace(tb) != strings.TrimSpace(al.TextB) {
			t.Errorf("aligned %d/%d: span text\n %q / %q\nwant\n %q / %q", al.A, al.B, ta, tb, al.TextA, al.TextB)
		}
	}
	if first := res.Articles.B.Sentences[0]; string(utf16.Decode(ub[first.Start:first.End])) != "🙂 Gantz met Blinken in Washington." {
		t.Errorf("first sentence of b = %q", string(utf16.Decode(ub[first.Start:first.End])))
	}
}

func TestBadInputCompare(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a := seed(t, 0)
	good := mustJSON(t, CompareRequest{A: &a, B: &a})
	big := append([]byte(`{"a":{"title":"x","text":"`), bytes.Repeat([]byte("word "), MaxBodyBytes/5+10)...)
	big = append(big, `"},"b":{"title":"y","text":"z"}}`...)
	tests := []struct {
		name, method, path, ctype string
		body                      []byte
		status                    int
		code, says                string
	}{
		{"malformed JSON", "POST", "/v1/compare", "application/json", []byte(`{"a": {"title": "x",}`), 400, "bad_json", "malformed JSON"},
		{"truncated JSON", "POST", "/v1/compare", "application/json", []byte(`{"a": {"title": "x"`), 400, "bad_json", "ends in the middle"},
		{"empty body", "POST", "/v1/compare", "application/json", nil, 400, "bad_json", "empty"},
		{"two JSON values", "POST", "/v1/compare", "application/json", append(append([]byte{}, good...), good...), 400, "bad_json", "more than one"},
		{"text is a number", "POST", "/v1/compare", "application/json", []byte(`{"a": {"text": 5}, "b": {"text": "x"}}`), 400, "bad_json", "a.text"},
		{"body is an array", "POST", "/v1/compare", "application/json", []byte(`[1,2]`), 400, "bad_json", "array"},
		{"wrong content type", "POST", "/v1/compare", "text/plain", good, 415, "unsupported_media_type", "text/plain"},
		{"no content type", "POST", "/v1/compare", "", good, 415, "unsupported_media_type", "Content-Type"},
		{"form content type", "POST", "/v1/compare", "application/x-www-form-urlencoded", good, 415, "unsupported_media_type", "form"},
		{"oversized body", "POST", "/v1/compare", "application/json", big, 413, "too_large", "8 MiB"},
		{"empty article a", "POST", "/v1/compare", "application/json", mustJSON(t, map[string]any{"a": map[string]string{}, "b": a}), 422, "empty_article", "a:"},
		{"blank article b", "POST", "/v1/compare", "application/json", mustJSON(t, map[string]any{"a": a, "b": map[string]string{"title": " ", "text": "\n\t"}}), 422, "empty_article", "b:"},
		{"missing article b", "POST", "/v1/compare", "application/json", mustJSON(t, map[string]any{"a": a}), 422, "empty_article", "b: article is missing"},
		{"text and html both", "POST", "/v1/compare", "application/json", mustJSON(t, map[string]any{"a": map[string]string{"text": "x", "html": "<p>y</p>"}, "b": a}), 400, "bad_request", "either text or html"},
		{"bad language code", "POST", "/v1/compare", "application/json", mustJSON(t, map[string]any{"a": map[string]string{"text": "x y z", "lang": "Arabic!"}, "b": a}), 422, "bad_lang", "Arabic!"},
		// Refused before JSON decoding could turn the bytes into U+FFFD.
		{"text of invalid UTF-8 bytes only", "POST", "/v1/compare", "application/json", []byte("{\"a\":{\"text\":\"\xff\xfe\"},\"b\":{\"text\":\"x\"}}"), 400, "bad_utf8", `"a.text" is not valid UTF-8`},
		{"text in an unsupported language", "POST", "/v1/compare", "application/json", []byte(`{"a":{"text":"Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία."},"b":{"text":"x"}}`), 422, "unreadable_article", "language"},
		{"wrong method", "GET", "/v1/compare", "", nil, 405, "method_not_allowed", "POST"},
		{"unknown endpoint", "GET", "/v1/nothing", "", nil, 404, "not_found", "/v1/nothing"},
		{"unknown endpoint POST", "POST", "/v1/nothing", "application/json", good, 404, "not_found", "/v1/nothing"},
		{"store endpoint without store", "GET", "/v1/stories", "", nil, 503, "no_store", "--store"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := do(t, ts, tc.method, tc.path, tc.ctype, tc.body)
			if got.Status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", got.Status, tc.status, got.Body)
			}
			code, msg := errCode(t, got)
			if code != tc.code || !strings.Contains(msg, tc.says) {
				t.Errorf("error %q %q, want code %q and a message saying %q", code, msg, tc.code, tc.says)
			}
		})
	}
	// The server survived all of it.
	if got := do(t, ts, "POST", "/v1/compare", "application/json", good); got.Status != 200 {
		t.Errorf("after bad input, a good compare answers %d", got.Status)
	}
}

func TestArticleHTMLIsNeverEchoedAsHTML(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	x := ArticleIn{Title: `<script>alert("x")</script> Gantz in Washington`, Text: `<img src=x onerror=alert(1)> Gantz met Blinken in Washington on Thursday. They spoke about Iran.`, Lang: "en"}
	got := do(t, ts, "POST", "/v1/compare?include=articles", "application/json", mustJSON(t, CompareRequest{A: &x, B: &x}))
	if got.Status != 200 {
		t.Fatalf("status %d: %s", got.Status, got.Body)
	}
	if ct := got.Header.Get("Content-Type"); ct != jsonType {
		t.Errorf("Content-Type %q", ct)
	}
	if got.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no X-Content-Type-Options: nosniff")
	}
	if bytes.Contains(got.Body, []byte("<script")) || bytes.Contains(got.Body, []byte("<img")) {
		t.Errorf("raw markup in a JSON answer: %.300s", got.Body)
	}
	var res CompareWithArticles
	if err := json.Unmarshal(got.Body, &res); err != nil || !strings.HasPrefix(res.Articles.A.Title, "<script>") {
		t.Errorf("the title does not survive as text: %v %q", err, res.Articles.A.Title)
	}
}

func TestPageIsServedWithCSP(t *testing.T) {
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>page</title>")
	})
	_, ts := newTestServer(t, Config{Assets: page})
	got := do(t, ts, "GET", "/", "", nil)
	if got.Status != 200 || !bytes.Contains(got.Body, []byte("<title>page</title>")) {
		t.Fatalf("status %d body %.200s", got.Status, got.Body)
	}
	if csp := got.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
	// Without assets: a placeholder page, still with a CSP.
	_, ts2 := newTestServer(t, Config{})
	got = do(t, ts2, "GET", "/", "", nil)
	if got.Status != 200 || !bytes.Contains(got.Body, []byte("/v1/openapi.json")) || got.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("placeholder: status %d CSP %q body %.200s", got.Status, got.Header.Get("Content-Security-Policy"), got.Body)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	got := do(t, ts, "GET", "/healthz", "", nil)
	if got.Status != 200 || !bytes.Contains(got.Body, []byte(`"status":"ok"`)) {
		t.Fatalf("healthz: %d %s", got.Status, got.Body)
	}
	a := seed(t, 0)
	do(t, ts, "POST", "/v1/compare", "application/json", mustJSON(t, CompareRequest{A: &a, B: &a}))
	do(t, ts, "POST", "/v1/compare", "text/plain", nil)
	do(t, ts, "GET", "/v1/nothing", "", nil)
	got = do(t, ts, "GET", "/metrics", "", nil)
	if got.Status != 200 {
		t.Fatalf("metrics: %d", got.Status)
	}
	for _, want := range []string{
		`newsim_http_requests_total{code="200",method="POST",route="POST /v1/compare"} 1`,
		`newsim_http_requests_total{code="415",method="POST",route="POST /v1/compare"} 1`,
		`newsim_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`,
		`newsim_http_request_duration_seconds_bucket{method="POST",route="POST /v1/compare",le="30"} 2`,
		`newsim_compares_total 1`,
		`newsim_articles_ingested_total 0`,
		`go_goroutines`,
	} {
		if !bytes.Contains(got.Body, []byte(want)) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestLoopbackNeedsNoTokenOthersDo(t *testing.T) {
	for _, tc := range []struct {
		addr string
		loop bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:8080", true}, {"[::1]:8080", true}, {"127.0.0.2:0", true},
		{":8080", false}, {"0.0.0.0:8080", false}, {"[::]:8080", false}, {"192.168.1.5:80", false},
		{"example.org:80", false}, {"127.0.0.1", false},
	} {
		if got := IsLoopback(tc.addr); got != tc.loop {
			t.Errorf("IsLoopback(%q) = %v, want %v", tc.addr, got, tc.loop)
		}
	}
	s, err := New(Config{Comparer: realComparer(t), Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	if ln, err := s.Listen("0.0.0.0:0"); err == nil {
		ln.Close()
		t.Error("listened on 0.0.0.0 without a token")
	} else if !strings.Contains(err.Error(), "token") {
		t.Errorf("refusal does not name the token: %v", err)
	}
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatalf("loopback without a token refused: %v", err)
	}
	ln.Close()
	s2, _ := New(Config{Comparer: realComparer(t), Logger: quietLogger(), Token: "secret"})
	ln, err = s2.Listen("0.0.0.0:0")
	if err != nil {
		t.Fatalf("non-loopback with a token refused: %v", err)
	}
	ln.Close()
}

func TestSlowRequestTimesOutWithJSON(t *testing.T) {
	s, ts := newTestServer(t, Config{Timeout: 50 * time.Millisecond})
	release := make(chan struct{})
	defer close(release)
	s.api("GET /v1/test/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	got := do(t, ts, "GET", "/v1/test/slow", "", nil)
	if got.Status != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", got.Status)
	}
	if code, _ := errCode(t, got); code != "timeout" {
		t.Errorf("code %q", code)
	}
}

func TestShutdownFinishesInFlightRequest(t *testing.T) {
	s, err := New(Config{Comparer: realComparer(t), Logger: quietLogger()})
	if err != nil {
		t.Fatal(err)
	}
	entered := make(chan struct{})
	s.api("GET /v1/test/slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		time.Sleep(500 * time.Millisecond) // longer than the shutdown call below takes to start
		writeJSON(w, 200, map[string]string{"done": "yes"})
	})
	ln, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/v1/test/slow")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{resp.StatusCode, string(b), err}
	}()
	<-entered
	stop() // SIGINT/SIGTERM in newsim serve
	shutdownStarted := time.Now()
	// New connections are refused once shutdown has begun.
	deadline := time.Now().Add(2 * time.Second)
	for {
		c, err := (&http.Client{Timeout: time.Second}).Get("http://" + ln.Addr().String() + "/healthz")
		if err != nil {
			break
		}
		c.Body.Close()
		if time.Now().After(deadline) {
			t.Fatal("server still accepts new requests during shutdown")
		}
		time.Sleep(10 * time.Millisecond)
	}
	r := <-res
	if r.err != nil || r.status != 200 || !strings.Contains(r.body, `"done":"yes"`) {
		t.Fatalf("in-flight request did not complete: %+v", r)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if time.Since(shutdownStarted) > 5*time.Second {
		t.Errorf("shutdown took %v", time.Since(shutdownStarted))
	}
}

func TestCompareReadsURLlessHTML(t *testing.T) {
	_, ts := newTestServer(t, Config{})
	a, b := seed(t, 0), seed(t, 1)
	var page strings.Builder
	page.WriteString(`<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>` + a.Title + `</title></head><body><nav>الرئيسية | اتصل بنا</nav><article><h1>` + a.Title + `</h1>`)
	for _, p := range strings.Split(strings.TrimSpace(a.Text), "\n") {
		if strings.TrimSpace(p) != "" {
			page.WriteString("<p>" + p + "</p>\n")
		}
	}
	page.WriteString(`</article><footer>© 2021</footer></body></html>`)
	body := mustJSON(t, map[string]any{"a": map[string]string{"html": page.String()}, "b": b})
	got := do(t, ts, "POST", "/v1/compare?include=articles", "application/json", body)
	if got.Status != 200 {
		t.Fatalf("status %d: %.300s", got.Status, got.Body)
	}
	var res CompareWithArticles
	if err := json.Unmarshal(got.Body, &res); err != nil {
		t.Fatal(err)
	}
	if res.Articles.A.Title != a.Title || res.Articles.A.Lang != "ar" || res.Articles.A.Dir != "rtl" {
		t.Errorf("HTML article read as title %q lang %q dir %q", res.Articles.A.Title, res.Articles.A.Lang, res.Articles.A.Dir)
	}
	if strings.Contains(res.Articles.A.Text, "<p>") || !strings.Contains(res.Articles.A.Text, "غانتس") {
		t.Errorf("HTML article text is not the page's main text: %.200q", res.Articles.A.Text)
	}
	// Same text, same scores as the plain-text form (within rounding of re-read whitespace).
	plain := do(t, ts, "POST", "/v1/compare", "application/json", mustJSON(t, CompareRequest{A: &a, B: &b}))
	var pr compare.Result
	json.Unmarshal(plain.Body, &pr)
	if d := pr.Scores.Overall - res.Scores.Overall; d > 0.3 || d < -0.3 {
		t.Errorf("overall from HTML %.2f, from text %.2f", res.Scores.Overall, pr.Scores.Overall)
	}

	empty := mustJSON(t, map[string]any{"a": map[string]string{"html": "<html><body><nav>menu</nav></body></html>"}, "b": b})
	got = do(t, ts, "POST", "/v1/compare", "application/json", empty)
	if got.Status != 422 {
		t.Fatalf("HTML without text: status %d: %.300s", got.Status, got.Body)
	}
	if code, msg := errCode(t, got); code != "empty_article" || !strings.HasPrefix(msg, "a:") {
		t.Errorf("HTML without text: %s %s", code, msg)
	}
}

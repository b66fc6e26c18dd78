package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsim/newsim/article"
)

func (env *storeEnv) auth() []string { return []string{"Authorization", "Bearer " + env.token} }

func (env *storeEnv) counts(t testing.TB) (int, int) {
	t.Helper()
	env.backend.invalidateCounts()
	return env.backend.Counts()
}

func TestBadInputStore(t *testing.T) {
	env := newStoreEnv(t)
	ts := env.ts
	articles0, stories0 := env.counts(t)
	one := mustJSON(t, ArticleIn{Title: "A new article", Text: "Something happened somewhere on Monday, officials said.", Lang: "en"})
	big := append([]byte(`[{"title":"x","text":"`), bytes.Repeat([]byte("word "), MaxBodyBytes/5+10)...)
	big = append(big, `"}]`...)
	id := env.ids[0]
	tests := []struct {
		name, method, path, ctype string
		body                      []byte
		hdr                       []string
		status                    int
		code, says                string
	}{
		{"ingest without token", "POST", "/v1/articles", "application/json", one, nil, 401, "unauthorized", "Bearer"},
		{"ingest with wrong token", "POST", "/v1/articles", "application/json", one, []string{"Authorization", "Bearer test-tokex"}, 401, "unauthorized", "Bearer"},
		{"ingest with token prefix", "POST", "/v1/articles", "application/json", one, []string{"Authorization", "Bearer test-token-and-more"}, 401, "unauthorized", "Bearer"},
		{"ingest with basic auth", "POST", "/v1/articles", "application/json", one, []string{"Authorization", "Basic dGVzdC10b2tlbg=="}, 401, "unauthorized", "Bearer"},
		{"delete without token", "DELETE", "/v1/articles/" + id, "", nil, nil, 401, "unauthorized", "Bearer"},
		{"ingest malformed JSON", "POST", "/v1/articles", "application/json", []byte(`{"title": "x", "text": }`), env.auth(), 400, "bad_json", "malformed"},
		{"ingest a string", "POST", "/v1/articles", "application/json", []byte(`"an article"`), env.auth(), 400, "bad_json", "array"},
		{"ingest wrong content type", "POST", "/v1/articles", "text/html", one, env.auth(), 415, "unsupported_media_type", "text/html"},
		{"ingest oversized body", "POST", "/v1/articles", "application/json", big, env.auth(), 413, "too_large", "limit"},
		{"ingest empty array", "POST", "/v1/articles", "application/json", []byte(`[]`), env.auth(), 422, "empty_article", "no articles"},
		{"ingest batch with one empty article", "POST", "/v1/articles", "application/json", []byte(`[` + string(one) + `, {"title": "", "text": "  "}]`), env.auth(), 422, "empty_article", "articles[1]"},
		{"ingest batch with a wrong field type", "POST", "/v1/articles", "application/json", []byte(`[` + string(one) + `, {"title": "x", "date": "last Tuesday"}]`), env.auth(), 400, "bad_json", "date"},
		{"unknown article", "GET", "/v1/articles/999999", "", nil, nil, 404, "not_found", `"999999"`},
		{"article id not a number", "GET", "/v1/articles/abc", "", nil, nil, 404, "not_found", `"abc"`},
		{"delete unknown article", "DELETE", "/v1/articles/999999", "", nil, env.auth(), 404, "not_found", `"999999"`},
		{"similar to unknown article", "GET", "/v1/articles/999999/similar", "", nil, nil, 404, "not_found", `"999999"`},
		{"unknown story", "GET", "/v1/stories/424242", "", nil, nil, 404, "not_found", `"424242"`},
		{"stories since nonsense", "GET", "/v1/stories?since=yesterday", "", nil, nil, 400, "bad_request", "since"},
		{"stories until before since", "GET", "/v1/stories?since=2021-07-01&until=2021-06-01", "", nil, nil, 400, "bad_request", "until"},
		{"stories bad lang", "GET", "/v1/stories?lang=Arabic", "", nil, nil, 400, "bad_request", "Arabic"},
		{"stories limit zero", "GET", "/v1/stories?limit=0", "", nil, nil, 400, "bad_request", "limit"},
		{"similar limit too big", "GET", "/v1/articles/" + id + "/similar?limit=100000", "", nil, nil, 400, "bad_request", "limit"},
		{"similar to an empty article", "POST", "/v1/similar", "application/json", []byte(`{"title": "", "text": ""}`), nil, 422, "empty_article", "neither"},
		{"put is not a method here", "PUT", "/v1/articles/" + id, "application/json", one, env.auth(), 405, "method_not_allowed", "DELETE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := do(t, ts, tc.method, tc.path, tc.ctype, tc.body, tc.hdr...)
			if got.Status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", got.Status, tc.status, got.Body)
			}
			code, msg := errCode(t, got)
			if code != tc.code || !strings.Contains(msg, tc.says) {
				t.Errorf("error %q %q, want code %q and a message saying %q", code, msg, tc.code, tc.says)
			}
			if tc.status == 401 && got.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if tc.status != 405 {
				checkAgainstDoc(t, tc.method, tc.path, tc.ctype, tc.body, got)
			}
		})
	}
	// Nothing was written by any of it, and the file is sound.
	if a, s := env.counts(t); a != articles0 || s != stories0 {
		t.Errorf("after bad requests: %d articles, %d stories; want %d, %d", a, s, articles0, stories0)
	}
	if err := env.backend.DB().IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	if got := do(t, ts, "GET", "/v1/articles/"+id, "", nil); got.Status != 200 {
		t.Errorf("article %s after an unauthorised delete: %d", id, got.Status)
	}
}

func TestIngestGroupsStoriesAndKeepsArticles(t *testing.T) {
	env := newStoreEnv(t)
	ts := env.ts
	in := envArticles(t)
	var arts []ArticleOut
	for _, id := range env.ids {
		got := do(t, ts, "GET", "/v1/articles/"+id, "", nil)
		if got.Status != 200 {
			t.Fatalf("GET article %s: %d %s", id, got.Status, got.Body)
		}
		var a ArticleOut
		if err := json.Unmarshal(got.Body, &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	for i, a := range arts {
		if a.ID != env.ids[i] || a.ExternalID != in[i].ID || a.Title != in[i].Title || a.Lang != in[i].Lang || !a.Date.Equal(in[i].Date) || a.Source != in[i].Source || a.StoryID == "" {
			t.Errorf("article %d: stored %+v", i, a)
		}
		// The store keeps the body as the readers clean it: the seed's
		// stray "62" line (page furniture) is gone, the rest is unchanged.
		if a.Text != article.Clean(in[i].Text) || strings.Contains(a.Text, "\n62\n") {
			t.Errorf("article %d: stored text is not the cleaned posted text", i)
		}
	}
	if arts[0].StoryID != arts[1].StoryID {
		t.Errorf("the seed pair (one event) is in stories %s and %s", arts[0].StoryID, arts[1].StoryID)
	}
	if arts[2].StoryID != arts[3].StoryID {
		t.Errorf("the two flood reports are in stories %s and %s", arts[2].StoryID, arts[3].StoryID)
	}
	if arts[4].StoryID == arts[2].StoryID || arts[4].StoryID == arts[0].StoryID {
		t.Errorf("the central bank article joined another story: %s", arts[4].StoryID)
	}

	// The same article again is a duplicate: same id, nothing written.
	a0, s0 := env.counts(t)
	got := do(t, ts, "POST", "/v1/articles", "application/json", mustJSON(t, in[0]), env.auth()...)
	var res IngestResult
	if got.Status != 201 || json.Unmarshal(got.Body, &res) != nil || res.Count != 1 || !res.Stored[0].Duplicate || res.Stored[0].ID != env.ids[0] || res.Stored[0].StoryID != arts[0].StoryID {
		t.Errorf("re-ingest: %d %s", got.Status, got.Body)
	}
	if a, s := env.counts(t); a != a0 || s != s0 {
		t.Errorf("re-ingest changed counts: %d/%d → %d/%d", a0, s0, a, s)
	}

	// The story page: both seed articles, oldest first, one per day.
	got = do(t, ts, "GET", "/v1/stories/"+arts[0].StoryID, "", nil)
	var page StoryPage
	if got.Status != 200 || json.Unmarshal(got.Body, &page) != nil {
		t.Fatalf("story: %d %s", got.Status, got.Body)
	}
	st := page.Story
	if st.Size != 2 || len(page.Articles) != 2 || page.Articles[0].ID != env.ids[0] || page.Articles[1].ID != env.ids[1] ||
		page.Articles[0].ExternalID != "seed-a" || page.Articles[1].ExternalID != "seed-b" {
		t.Errorf("story page: %s", got.Body)
	}
	wantTimeline := []DayCount{{"2021-06-03", 1}, {"2021-06-04", 1}}
	if fmt.Sprint(st.Timeline) != fmt.Sprint(wantTimeline) || fmt.Sprint(st.Langs) != "[ar]" || len(st.Sources) != 2 {
		t.Errorf("story summary: timeline %v langs %v sources %v", st.Timeline, st.Langs, st.Sources)
	}
	if !st.First.Equal(in[0].Date) || !st.Last.Equal(in[1].Date) || st.Title == "" {
		t.Errorf("story first %v last %v title %q", st.First, st.Last, st.Title)
	}

	// An undated article is dated by its ingest time.
	before := time.Now().Add(-time.Second)
	got = do(t, ts, "POST", "/v1/articles", "application/json", mustJSON(t, ArticleIn{Title: "Volcano erupts on La Palma", Text: "The Cumbre Vieja volcano on La Palma erupted on Sunday, forcing the evacuation of five thousand residents of the Canary Island.", Lang: "en"}), env.auth()...)
	if got.Status != 201 || json.Unmarshal(got.Body, &res) != nil {
		t.Fatalf("undated ingest: %d %s", got.Status, got.Body)
	}
	got = do(t, ts, "GET", "/v1/stories/"+res.Stored[0].StoryID, "", nil)
	if json.Unmarshal(got.Body, &page) != nil || len(page.Articles) != 1 || page.Articles[0].Date.Before(before) || page.Articles[0].Date.After(time.Now().Add(time.Second)) {
		t.Errorf("undated article's story: %s", got.Body)
	}
}

func storyTitles(t *testing.T, env *storeEnv, query string) []string {
	t.Helper()
	got := do(t, env.ts, "GET", "/v1/stories"+query, "", nil)
	if got.Status != 200 {
		t.Fatalf("GET /v1/stories%s: %d %s", query, got.Status, got.Body)
	}
	checkAgainstDoc(t, "GET", "/v1/stories"+query, "", nil, got)
	var l StoryList
	if err := json.Unmarshal(got.Body, &l); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range l.Stories {
		out = append(out, s.ID)
	}
	return out
}

func TestStoriesFilters(t *testing.T) {
	env := newStoreEnv(t)
	storyOf := map[string]string{}
	for i, id := range env.ids {
		var a ArticleOut
		json.Unmarshal(do(t, env.ts, "GET", "/v1/articles/"+id, "", nil).Body, &a)
		storyOf[fmt.Sprint(i)] = a.StoryID
	}
	seedStory, flood, bank := storyOf["0"], storyOf["2"], storyOf["4"]
	tests := []struct {
		name, query string
		want        []string
	}{
		{"all, biggest first then latest", "", []string{flood, seedStory, bank}},
		{"Arabic only", "?lang=ar", []string{seedStory}},
		{"English only", "?lang=en", []string{flood, bank}},
		{"since a date", "?since=2021-07-01", []string{flood, bank}},
		{"since RFC 3339", "?since=2021-09-09T00:00:00Z", []string{bank}},
		{"until a date", "?until=2021-07-01", []string{seedStory}},
		{"a time range", "?since=2021-07-01&until=2021-08-01", []string{flood}},
		{"limit", "?limit=1", []string{flood}},
		{"text query in titles", "?q=Bavaria", []string{flood}},
		{"text query, every word", "?q=bavaria+interest", nil},
		{"Arabic query, alef without hamza matches أبيب", "?q=" + "%D8%A7%D8%A8%D9%8A%D8%A8", []string{seedStory}}, // ابيب
		{"a duration back from now", "?since=24h", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Answered by the store (index stale), then by the fresh story index.
			env.backend.invalidateCounts()
			fromStore := storyTitles(t, env, tc.query)
			if _, err := env.backend.buildIndex(context.Background()); err != nil {
				t.Fatal(err)
			}
			if env.backend.freshIndex() == nil {
				t.Fatal("the index is not fresh right after a build")
			}
			fromIndex := storyTitles(t, env, tc.query)
			if fmt.Sprint(fromStore) != fmt.Sprint(tc.want) || fmt.Sprint(fromIndex) != fmt.Sprint(tc.want) {
				t.Errorf("stories%s = %v (store), %v (index), want %v", tc.query, fromStore, fromIndex, tc.want)
			}
		})
	}
	// A write makes the index stale at once: the new story is listed.
	got := do(t, env.ts, "POST", "/v1/articles", "application/json", mustJSON(t, ArticleIn{Title: "Bavarian floods: more rain forecast", Lang: "en", Date: time.Date(2021, 7, 16, 8, 0, 0, 0, time.UTC),
		Text: "Forecasters warned of more heavy rain in Bavaria on Friday as Passau and Regensburg began clearing mud left by the Danube flood; two people are still missing."}), env.auth()...)
	if got.Status != 201 {
		t.Fatalf("ingest: %d %s", got.Status, got.Body)
	}
	var res IngestResult
	json.Unmarshal(got.Body, &res)
	if ids := storyTitles(t, env, "?q=Bavaria"); len(ids) == 0 || (ids[0] != res.Stored[0].StoryID && ids[0] != flood) {
		t.Errorf("after a write, ?q=Bavaria = %v", ids)
	}
	var l StoryList
	json.Unmarshal(do(t, env.ts, "GET", "/v1/stories?q=Bavaria", "", nil).Body, &l)
	total := 0
	for _, s := range l.Stories {
		total += s.Size
	}
	if total != 3 {
		t.Errorf("after a write, the Bavaria stories hold %d articles, want 3", total)
	}
}

func TestSimilarFindsTheOtherReport(t *testing.T) {
	env := newStoreEnv(t)
	got := do(t, env.ts, "GET", "/v1/articles/"+env.ids[0]+"/similar", "", nil)
	var l SimilarList
	if got.Status != 200 || json.Unmarshal(got.Body, &l) != nil || len(l.Similar) == 0 {
		t.Fatalf("similar: %d %s", got.Status, got.Body)
	}
	if l.Similar[0].Article.ID != env.ids[1] || l.Similar[0].Article.ExternalID != "seed-b" {
		t.Errorf("most similar to seed A is %s (external id %q), want seed B %s (seed-b)", l.Similar[0].Article.ID, l.Similar[0].Article.ExternalID, env.ids[1])
	}
	for _, s := range l.Similar {
		if s.Article.ID == env.ids[0] {
			t.Error("an article is listed as similar to itself")
		}
	}
	if o := l.Similar[0].Scores.Overall; o > 2.5 {
		t.Errorf("seed pair overall %.2f, want ≤ 2.5", o)
	}
	// A posted article, not stored: a third flood report.
	flood := ArticleIn{Title: "Danube floods Passau", Text: "The Danube flooded Passau in Bavaria on Thursday after heavy rain and thousands were evacuated; two people are missing, rescue services said.", Lang: "en", Date: time.Date(2021, 7, 16, 0, 0, 0, 0, time.UTC)}
	a0, _ := env.counts(t)
	got = do(t, env.ts, "POST", "/v1/similar?limit=2", "application/json", mustJSON(t, flood))
	if got.Status != 200 || json.Unmarshal(got.Body, &l) != nil || len(l.Similar) == 0 || len(l.Similar) > 2 {
		t.Fatalf("similar (posted): %d %s", got.Status, got.Body)
	}
	if id := l.Similar[0].Article.ID; id != env.ids[2] && id != env.ids[3] {
		t.Errorf("most similar to a flood report: %s %q", id, l.Similar[0].Article.Title)
	}
	if a, _ := env.counts(t); a != a0 {
		t.Error("POST /v1/similar stored the article")
	}
}

func TestDeleteRemovesArticleAndEmptiedStory(t *testing.T) {
	env := newStoreEnv(t)
	ts := env.ts
	var a ArticleOut
	json.Unmarshal(do(t, ts, "GET", "/v1/articles/"+env.ids[4], "", nil).Body, &a)
	if got := do(t, ts, "DELETE", "/v1/articles/"+env.ids[4], "", nil, env.auth()...); got.Status != 204 || len(got.Body) != 0 {
		t.Fatalf("delete: %d %s", got.Status, got.Body)
	}
	if got := do(t, ts, "GET", "/v1/articles/"+env.ids[4], "", nil); got.Status != 404 {
		t.Errorf("deleted article answers %d", got.Status)
	}
	if got := do(t, ts, "GET", "/v1/stories/"+a.StoryID, "", nil); got.Status != 404 {
		t.Errorf("its story, left empty, answers %d", got.Status)
	}
	if got := do(t, ts, "DELETE", "/v1/articles/"+env.ids[4], "", nil, env.auth()...); got.Status != 404 {
		t.Errorf("second delete answers %d", got.Status)
	}
	// Deleting one of two members keeps the story, one smaller.
	do(t, ts, "DELETE", "/v1/articles/"+env.ids[1], "", nil, env.auth()...)
	var page StoryPage
	got := do(t, ts, "GET", "/v1/stories/"+env.storyID, "", nil)
	if got.Status != 200 || json.Unmarshal(got.Body, &page) != nil || page.Story.Size != 1 || len(page.Articles) != 1 {
		t.Errorf("story after deleting a member: %d %s", got.Status, got.Body)
	}
	if a, s := env.counts(t); a != 3 || s != 2 {
		t.Errorf("counts after deletes: %d articles, %d stories; want 3, 2", a, s)
	}
}

func TestConcurrentIngestAndReads(t *testing.T) {
	env := newStoreEnv(t)
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				art := ArticleIn{Title: fmt.Sprintf("Report %d-%d on the harbour fire", w, i), Lang: "en",
					Text: fmt.Sprintf("A fire broke out at warehouse %d of the Hamburg harbour on Tuesday; firefighters from %d stations fought it through the night.", w*10+i, i+3)}
				got := do(t, env.ts, "POST", "/v1/articles", "application/json", mustJSON(t, art), env.auth()...)
				if got.Status != 201 {
					errs <- fmt.Sprintf("ingest: %d %s", got.Status, got.Body)
				}
				if got := do(t, env.ts, "GET", "/v1/stories?limit=5", "", nil); got.Status != 200 {
					errs <- fmt.Sprintf("stories: %d %s", got.Status, got.Body)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if a, _ := env.counts(t); a != 5+12 {
		t.Errorf("%d articles after 12 concurrent ingests, want 17", a)
	}
	if err := env.backend.DB().IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestMetricsCountStoreAndIngest(t *testing.T) {
	env := newStoreEnv(t)
	got := do(t, env.ts, "GET", "/metrics", "", nil)
	for _, want := range []string{"newsim_articles_stored 5", "newsim_stories 3", "newsim_articles_ingested_total 5",
		`newsim_http_requests_total{code="201",method="POST",route="POST /v1/articles"} 1`} {
		if !bytes.Contains(got.Body, []byte(want)) {
			t.Errorf("metrics lack %q", want)
		}
	}
	got = do(t, env.ts, "GET", "/healthz", "", nil)
	if !bytes.Contains(got.Body, []byte(`"store":true,"articles":5,"stories":3`)) {
		t.Errorf("healthz: %s", got.Body)
	}
}

// A batch whose request ends part-way (timeout, client gone) is undone:
// the store holds none of it.
func TestIngestInterruptedMidBatchLeavesNothing(t *testing.T) {
	env := newStoreEnv(t)
	a0, s0 := env.counts(t)
	var arts []article.Article
	for i := range 80 {
		arts = append(arts, article.Article{ID: fmt.Sprint("batch-", i), Lang: "en",
			Title: fmt.Sprintf("Council vote %d on the new tram line", i),
			Text:  fmt.Sprintf("The city council of town number %d voted on Monday to build a tram line of %d kilometres, the mayor said after a debate lasting %d hours.", i, i+2, i%7+1)})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The request ends while the 40th article is being stored.
	n := 0
	env.backend.pipe.AfterAssign = func(int64) {
		if n++; n == 40 {
			cancel()
		}
	}
	defer func() { env.backend.pipe.AfterAssign = nil }()
	_, err := env.backend.Ingest(ctx, arts)
	if n < 40 {
		t.Fatalf("only %d articles were assigned", n)
	}
	if err == nil {
		t.Fatal("the batch was stored although its request ended")
	}
	if !strings.Contains(err.Error(), "nothing was stored") {
		t.Errorf("error %v", err)
	}
	if a, s := env.counts(t); a != a0 || s != s0 {
		t.Errorf("after an interrupted batch: %d articles, %d stories; want %d, %d", a, s, a0, s0)
	}
}

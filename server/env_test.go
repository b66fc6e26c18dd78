package server

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"
)

// storeEnv is a running server with a real store file in t.TempDir()
// holding a few articles ingested through the API.
type storeEnv struct {
	srv     *Server
	backend *StoreBackend
	ts      *httptest.Server
	token   string
	ids     []string // stored article ids: the seed pair, then the English articles
	storyID string   // the story of ids[0]
}

// envArticles are the articles every store test starts with: the Arabic
// seed pair (one event, June 2021) and three English articles, two about
// one event and one about another.
func envArticles(t testing.TB) []ArticleIn {
	a, b := seed(t, 0), seed(t, 1)
	a.Date = time.Date(2021, 6, 3, 9, 0, 0, 0, time.UTC)
	b.Date = time.Date(2021, 6, 4, 15, 30, 0, 0, time.UTC)
	a.Source, b.Source = "outlet-a.example", "outlet-b.example"
	a.ID, b.ID = "seed-a", "seed-b"
	return []ArticleIn{a, b,
		{ID: "flood-1", Title: "Flooding forces thousands from homes in Bavaria", Lang: "en", Source: "wire.example", Date: time.Date(2021, 7, 15, 8, 0, 0, 0, time.UTC),
			Text: "Heavy rain caused the Danube and its tributaries to burst their banks in Bavaria on Thursday. Thousands of residents of Passau and Regensburg were evacuated as water levels rose. Rescue services said two people were missing. The regional government promised emergency aid for the flooded towns."},
		{ID: "flood-2", Title: "Bavarian towns evacuated as rivers flood", Lang: "en", Source: "daily.example", Date: time.Date(2021, 7, 15, 18, 0, 0, 0, time.UTC),
			Text: "Thousands of people were evacuated from Passau and Regensburg after the Danube flooded on Thursday following days of heavy rain. Rescue services reported two people missing. Bavaria's government announced emergency aid for flooded communities."},
		{ID: "ecb", Title: "Central bank holds interest rates steady", Lang: "en", Source: "markets.example", Date: time.Date(2021, 9, 9, 12, 0, 0, 0, time.UTC),
			Text: "The European Central Bank kept its main interest rate unchanged on Thursday and said it would slow its bond purchases. Its president told reporters inflation would ease next year. Markets in Frankfurt rose slightly after the announcement."},
	}
}

// newStoreEnv starts a server with a store in t.TempDir() and a token, and
// ingests envArticles through POST /v1/articles.
func newStoreEnv(t testing.TB) *storeEnv {
	t.Helper()
	b, err := OpenStore(filepath.Join(t.TempDir(), "store.db"), realComparer(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	env := &storeEnv{backend: b, token: "test-token"}
	env.srv, env.ts = newTestServer(t, Config{Backend: b, Token: env.token})
	got := do(t, env.ts, "POST", "/v1/articles", "application/json", mustJSON(t, envArticles(t)), "Authorization", "Bearer "+env.token)
	if got.Status != 201 {
		t.Fatalf("ingest: %d %s", got.Status, got.Body)
	}
	var res IngestResult
	if err := json.Unmarshal(got.Body, &res); err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Stored {
		env.ids = append(env.ids, s.ID)
	}
	env.storyID = res.Stored[0].StoryID
	if len(env.ids) != 5 || env.storyID == "" {
		t.Fatalf("ingest: %s", got.Body)
	}
	return env
}

package server

import (
	"encoding/json"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/internal/testfs"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// getJSON GETs url and decodes its JSON body into v.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, b)
	}
	return resp.StatusCode
}

// Deleting or replacing the store file under a running server is noticed:
// writes are refused with 503 store_gone instead of going to the unlinked
// file and being lost, and /healthz reports the store as broken.
func TestStoreFileDeletedOrReplacedUnderServer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, path string)
		says   string
	}{
		{"deleted", func(t *testing.T, path string) {
			for _, p := range []string{path, path + "-wal", path + "-shm"} {
				os.Remove(p)
			}
		}, "no longer exists"},
		{"replaced", func(t *testing.T, path string) {
			other := filepath.Join(t.TempDir(), "other.db")
			o, err := OpenStore(other, realComparer(t))
			if err != nil {
				t.Fatal(err)
			}
			o.Close()
			if err := os.Rename(other, path); err != nil {
				t.Fatal(err)
			}
		}, "another file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "store.db")
			b, err := OpenStore(path, realComparer(t))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			s, err := New(Config{Comparer: realComparer(t), Backend: b, Logger: quietLogger()})
			if err != nil {
				t.Fatal(err)
			}
			base := "http://" + serveReal(t, s)
			var h Health
			if code := getJSON(t, base+"/healthz", &h); code != 200 || h.Status != "ok" || h.StoreFile == nil || !h.StoreFile.OK || h.StoreFile.Path != path {
				t.Fatalf("healthz of a healthy store: %d %+v %+v", code, h, h.StoreFile)
			}
			a := seed(t, 0)
			post := func() (int, string) {
				resp, err := http.Post(base+"/v1/articles", "application/json", strings.NewReader(string(mustJSON(t, a))))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(body)
			}
			if code, body := post(); code != 201 {
				t.Fatalf("ingest before the change: %d %s", code, body)
			}
			tc.change(t, path)
			a = seed(t, 1)
			code, body := post()
			if code != http.StatusServiceUnavailable || !strings.Contains(body, "store_gone") || !strings.Contains(body, tc.says) {
				t.Errorf("ingest after the store file was %s: %d %s", tc.name, code, body)
			}
			req, _ := http.NewRequest("DELETE", base+"/v1/articles/1", nil)
			if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("delete after the store file was %s: %v %v", tc.name, resp.StatusCode, err)
			}
			h = Health{}
			if code := getJSON(t, base+"/healthz", &h); code != http.StatusServiceUnavailable || h.Status != "error" || h.StoreFile == nil || h.StoreFile.OK ||
				!strings.Contains(h.StoreFile.Error, tc.says) || h.StoreFile.Path != path {
				t.Errorf("healthz after the store file was %s: %d %+v %+v", tc.name, code, h, h.StoreFile)
			}
		})
	}
}

// A store file with damaged pages is refused at start (quick check), with
// a pointer to newsim check.
func TestServerRefusesDamagedStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "store.db")
	b, err := OpenStore(path, realComparer(t))
	if err != nil {
		t.Fatal(err)
	}
	a, c := seed(t, 0), seed(t, 1)
	for _, in := range []ArticleIn{a, c} {
		art, _ := toArticle("article", &in)
		if _, err := b.Ingest(t.Context(), []article.Article{art}); err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	testfs.DamagePages(t, path)
	if b, err := OpenStore(path, realComparer(t)); err == nil {
		b.Close()
		t.Fatal("served a store with a damaged page")
	} else if !strings.Contains(err.Error(), "newsim check") || !strings.Contains(err.Error(), path) {
		t.Errorf("refusal does not name the store and newsim check: %v", err)
	}
}

// Article dates the store cannot hold are refused at ingest, naming the
// article, instead of being stored as another year.
func TestIngestRefusesDatesTheStoreCannotHold(t *testing.T) {
	env := newStoreEnv(t)
	for _, body := range []string{
		`{"title":"Old","text":"A chronicle of the year 1500 in Venice.","lang":"en","date":"1500-06-01T00:00:00Z"}`,
		`[{"title":"Fine","text":"Flooding in Passau.","lang":"en"},{"title":"Far","text":"Plans for the year 9999.","lang":"en","date":"9999-01-01T00:00:00Z"}]`,
	} {
		got := do(t, env.ts, "POST", "/v1/articles", "application/json", []byte(body), env.auth()...)
		if got.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", body, got.Status, got.Body)
			continue
		}
		if code, msg := errCode(t, got); code != "bad_date" || !strings.Contains(msg, "date") || !strings.Contains(msg, "1678") {
			t.Errorf("%s: %s %q", body, code, msg)
		}
		checkAgainstDoc(t, "POST", "/v1/articles", "application/json", []byte(body), got)
	}
	if n, _ := env.counts(t); n != 5 {
		t.Errorf("%d articles after refused ingests, want 5", n)
	}
}

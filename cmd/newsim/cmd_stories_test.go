package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsim/newsim/internal/devdata"
)

var seedPaths = []string{
	filepath.Join("..", "..", "testdata", "seeds", "000_7d9c6d418026c8b1.txt"),
	filepath.Join("..", "..", "testdata", "seeds", "001_5f58f892265ec782.txt"),
}

// runOK runs a newsim command line and fails the test unless it exits 0.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != 0 {
		t.Fatalf("newsim %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	}
	return out.String()
}

// seededStore ingests the two seed articles into a fresh store file.
func seededStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "seeds.db")
	runOK(t, append([]string{"ingest", "--store", db, "--lang", "ar"}, seedPaths...)...)
	return db
}

type storyItem struct {
	ID        int64    `json:"id"`
	Title     string   `json:"title"`
	Size      int      `json:"size"`
	Languages []string `json:"languages"`
	Articles  []struct {
		ID         int64   `json:"id"`
		ExternalID *string `json:"external_id"`
		Title      string  `json:"title"`
	} `json:"articles"`
}

func TestStoriesSeedPair(t *testing.T) {
	db := seededStore(t)
	var items []storyItem
	if err := json.Unmarshal([]byte(runOK(t, "stories", "--store", db, "--json")), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("want the seeds in one story, got %d stories: %+v", len(items), items)
	}
	s := items[0]
	if s.Size != 2 || len(s.Articles) != 2 || strings.Join(s.Languages, ",") != "ar" || s.Title == "" || s.Articles[0].ID == 0 || s.Articles[0].Title == "" {
		t.Errorf("story = %+v", s)
	}
	// Every article carries the id it came with: here its file's name.
	ext := map[string]bool{}
	for _, a := range s.Articles {
		if a.ExternalID != nil {
			ext[*a.ExternalID] = true
		}
	}
	if !ext["000_7d9c6d418026c8b1"] || !ext["001_5f58f892265ec782"] {
		t.Errorf("external ids %v, want the seed files' names", ext)
	}
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"language filter keeps Arabic", []string{"--lang", "ar"}, 1},
		{"language filter drops others", []string{"--lang", "de"}, 0},
		{"recent stories", []string{"--since", "24h"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []storyItem
			out := runOK(t, append([]string{"stories", "--store", db, "--json"}, tc.args...)...)
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Errorf("%d stories, want %d", len(got), tc.want)
			}
		})
	}
	table := runOK(t, "stories", "--store", db)
	if !strings.Contains(table, "TITLE") || !strings.Contains(table, s.Title[:20]) {
		t.Errorf("table:\n%s", table)
	}
	// story ID, flags after the ID.
	var one storyItem
	if err := json.Unmarshal([]byte(runOK(t, "story", itoa(s.ID), "--store", db, "--json")), &one); err != nil {
		t.Fatal(err)
	}
	if one.ID != s.ID || len(one.Articles) != 2 {
		t.Errorf("story %d = %+v", s.ID, one)
	}
	text := runOK(t, "story", "--store", db, itoa(s.ID))
	for _, want := range []string{"Timeline:", "Languages: ar 2", s.Articles[0].Title[:10]} {
		if !strings.Contains(text, want) {
			t.Errorf("story output lacks %q:\n%s", want, text)
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestSimilarFindsOtherSeedFirst(t *testing.T) {
	db := seededStore(t)
	for i, p := range seedPaths {
		var hits []map[string]any
		if err := json.Unmarshal([]byte(runOK(t, "similar", "--store", db, "--json", "--lang", "ar", p)), &hits); err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Fatalf("similar %s: no hits", p)
		}
		first := hits[0]
		for _, k := range []string{"id", "external_id", "title", "url", "lang", "story", "scores"} {
			if _, ok := first[k]; !ok {
				t.Errorf("hit lacks %q: %v", k, first)
			}
		}
		scores, _ := first["scores"].(map[string]any)
		for _, k := range []string{"overall", "geography", "entities", "time", "narrative", "style", "tone"} {
			if _, ok := scores[k]; !ok {
				t.Errorf("hit scores lack %q: %v", k, scores)
			}
		}
		other := readTitle(t, seedPaths[1-i])
		if first["title"] != other {
			t.Errorf("similar %s: first hit %q, want the other seed %q", p, first["title"], other)
		}
		if want := strings.TrimSuffix(filepath.Base(seedPaths[1-i]), ".txt"); first["external_id"] != want {
			t.Errorf("similar %s: first hit's external_id %v, want %q", p, first["external_id"], want)
		}
	}
}

// readTitle is the first line of a text article (its title).
func readTitle(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	return strings.TrimSpace(sc.Text())
}

func TestStoryCommandErrors(t *testing.T) {
	db := seededStore(t)
	missing := filepath.Join(t.TempDir(), "none.db")
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown story", []string{"story", "--store", db, "999"}, 1, "no story 999"},
		{"story ID not a number", []string{"story", "--store", db, "abc"}, 2, "not a positive integer"},
		{"story without ID", []string{"story", "--store", db}, 2, "want one story ID"},
		{"missing store is not created", []string{"stories", "--store", missing}, 1, "no store at"},
		{"bad since", []string{"stories", "--store", db, "--since", "yesterday"}, 2, "--since"},
		{"similar without file", []string{"similar", "--store", db}, 2, "want one article file"},
		{"similar on a missing file", []string{"similar", "--store", db, "/nonexistent/a.txt"}, 1, "a.txt"},
		{"eval-stories without pairs", []string{"eval-stories"}, 2, "--pairs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			if code != tc.code || !strings.Contains(errb.String(), tc.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errb.String(), tc.code, tc.msg)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("stories created a store file it was only asked to read")
	}
}

// TestEvalStoriesSubset runs eval-stories on the first 200 dev pairs with
// 2 folds and checks the report's shape.
func TestEvalStoriesSubset(t *testing.T) {
	if testing.Short() {
		t.Skip("fits fold models and clusters 400 articles twice")
	}
	dev := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(dev)
	if err != nil {
		devdata.Missing(t, "dev pairs not available: %v", err)
	}
	defer f.Close()
	sub := filepath.Join(t.TempDir(), "sub.jsonl")
	var buf bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 0; n < 200 && sc.Scan(); n++ {
		buf.Write(sc.Bytes())
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(sub, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	errPath := filepath.Join(t.TempDir(), "errors.tsv")
	out := runOK(t, "eval-stories", "--pairs", sub, "--folds", "2", "--errors", errPath)
	checkStoryErrors(t, out, errPath)
	for _, want := range []string{"| lang | pairs | same | precision | recall | F1 | pairwise F1 |", "| **all** |", "Honest protocol (2 folds by pair_id)"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// checkStoryErrors checks the --errors file of eval-stories against its
// report: as many merge lines as false merges and split lines as false
// splits, each naming a pair, its language and both titles, and the
// counts giving the report's overall F1 (TP = same − splits).
func checkStoryErrors(t *testing.T, report, path string) {
	t.Helper()
	var merges, splits int
	if _, err := fmt.Sscanf(report[strings.Index(report, "Wrong decisions:"):], "Wrong decisions: %d false merges, %d false splits", &merges, &splits); err != nil {
		t.Fatalf("report lacks the wrong-decision counts (%v):\n%s", err, report)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	head := strings.Split(lines[0], "\t")
	if head[0] != "kind" || len(head) != 18 {
		t.Fatalf("header %q", lines[0])
	}
	got := map[string]int{}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != len(head) {
			t.Fatalf("line has %d fields, header %d: %q", len(f), len(head), l)
		}
		got[f[0]]++
		gold, err := strconv.ParseFloat(f[4], 64)
		if err != nil || f[2] == "" || f[3] == "" || (f[14] == "" && f[15] == "") {
			t.Errorf("line lacks pair, language, gold or titles: %q", l)
		}
		if f[0] == "merge" && gold < 2.5 || f[0] == "split" && gold > 1.5 {
			t.Errorf("%s of a pair with gold Overall %.2f: %q", f[0], gold, l)
		}
	}
	if got["merge"] != merges || got["split"] != splits || len(got) > 2 {
		t.Fatalf("file has %v, report says %d merges and %d splits", got, merges, splits)
	}
	for _, l := range strings.Split(report, "\n") {
		if !strings.HasPrefix(l, "| **all** |") {
			continue
		}
		f := strings.Split(l, "|")
		same, _ := strconv.Atoi(strings.TrimSpace(f[3]))
		f1, _ := strconv.ParseFloat(strings.TrimSpace(f[6]), 64)
		tp := same - splits
		if want := float64(2*tp) / float64(2*tp+merges+splits); math.Abs(want-f1) > 0.0006 {
			t.Errorf("F1 %.3f in the report, %.3f from the wrong decisions (%d same, %d merges, %d splits)", f1, want, same, merges, splits)
		}
		return
	}
	t.Fatalf("no overall row:\n%s", report)
}

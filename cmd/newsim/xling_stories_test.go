package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis/pivot"
)

var xlingReports = struct{ gantzEN, gantzFR, otherEN string }{
	filepath.Join("..", "..", "testdata", "xling", "gantz_en.txt"),
	filepath.Join("..", "..", "testdata", "xling", "gantz_fr.txt"),
	filepath.Join("..", "..", "testdata", "xling", "blinken_nato_en.txt"),
}

func requireDictionaries(t *testing.T, langs ...string) {
	t.Helper()
	for _, l := range langs {
		if _, err := pivot.For(l); errors.Is(err, pivot.ErrNoDictionary) {
			t.Skipf("%v (scripts/setup.sh installs the pivot dictionaries)", err)
		}
	}
}

// TestStoriesAcrossLanguages ingests the two Arabic seeds, an English and
// a French report of the same meeting and an English report of another
// event with two of the same people: the three languages' reports of the
// meeting form one story, whose views list the three languages; the other
// event stays apart; `similar` on the English report finds an Arabic
// seed.
func TestStoriesAcrossLanguages(t *testing.T) {
	requireDictionaries(t, "ar", "fr")
	db := seededStore(t)
	runOK(t, "ingest", "--store", db, xlingReports.gantzEN, xlingReports.gantzFR, xlingReports.otherEN)
	var items []storyItem
	if err := json.Unmarshal([]byte(runOK(t, "stories", "--store", db, "--json")), &items); err != nil {
		t.Fatal(err)
	}
	var meeting *storyItem
	for i, s := range items {
		if s.Size >= 2 && slices.Contains(s.Languages, "ar") {
			meeting = &items[i]
		}
	}
	if meeting == nil {
		t.Fatalf("no story holds the Arabic seeds: %+v", items)
	}
	if meeting.Size != 4 || strings.Join(meeting.Languages, ",") != "ar,en,fr" {
		t.Errorf("the meeting's story has %d articles in %v, want 4 in ar,en,fr (stories: %+v)", meeting.Size, meeting.Languages, items)
	}
	for _, a := range meeting.Articles {
		if strings.Contains(a.Title, "NATO") || strings.Contains(a.Title, "Afghanistan") {
			t.Errorf("the other event joined the meeting's story: %q", a.Title)
		}
	}
	text := runOK(t, "story", "--store", db, itoa(meeting.ID))
	for _, want := range []string{"Languages: ", "ar 2", "en 1", "fr 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("story view lacks %q:\n%s", want, text)
		}
	}

	var hits []struct {
		Lang   string `json:"lang"`
		Title  string `json:"title"`
		Scores struct {
			Overall float64 `json:"overall"`
		} `json:"scores"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "similar", "--store", db, "--json", xlingReports.gantzEN)), &hits); err != nil {
		t.Fatal(err)
	}
	var ar int
	for _, h := range hits {
		t.Logf("similar to gantz_en: %.2f %s %q", h.Scores.Overall, h.Lang, h.Title)
		if h.Lang == "ar" && h.Scores.Overall <= 2.0 {
			ar++
		}
	}
	if ar == 0 {
		t.Errorf("similar on the English report found no Arabic twin scoring ≤ 2.0: %+v", hits)
	}
}

package main

import (
	"encoding/json"
	"errors"
	"path/filepath"
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

// TestSimilarAcrossLanguages ingests the two Arabic seeds, an English and
// a French report of the same meeting and an English report of another
// event with two of the same people: `similar` on the English report finds
// an Arabic seed scoring ≤ 2.0. (Stories themselves stay per language for
// now: see story.Clusterer.score.)
func TestSimilarAcrossLanguages(t *testing.T) {
	requireDictionaries(t, "ar", "fr")
	db := seededStore(t)
	runOK(t, "ingest", "--store", db, xlingReports.gantzEN, xlingReports.gantzFR, xlingReports.otherEN)
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

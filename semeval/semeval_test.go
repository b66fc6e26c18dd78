package semeval

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := strings.Join([]string{
		`{"pair_id": "1_2", "lang1": "en", "lang2": "en", "title1": "A", "text1": "Storm hits the coast.\n\n62\n\nPorts closed.", "title2": "B", "text2": "Ports shut.", "overall": 1.5, "geography": 1, "entities": 2, "time": 1, "narrative": 1.5, "style": 2, "tone": 2}`,
		`{"pair_id": "3_4", "lang1": "de", "lang2": "de", "title1": "C", "text1": "Text.", "title2": "D", "text2": "Text."}`,
		`{"pair_id": "5_6", "text1": "cut`,
		``,
		`{"pair_id": "7_8", "title1": "E", "text1": "x", "title2": "", "text2": " "}`,
		`{"title1": "F", "text1": "x", "title2": "G", "text2": "y"}`,
	}, "\n")
	pairs, bad, err := Read("pairs.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 {
		t.Fatalf("%d pairs, want 2", len(pairs))
	}
	if g := pairs[0].Gold; g == nil || g.Overall != 1.5 || g.Entities != 2 || g.Tone != 2 {
		t.Errorf("labels of the first pair: %+v", g)
	}
	if pairs[1].Gold != nil {
		t.Errorf("unlabelled pair has labels %+v", pairs[1].Gold)
	}
	if strings.Contains(pairs[0].A.Text, "62") {
		t.Errorf("page furniture kept: %q", pairs[0].A.Text)
	}
	var lines []int
	for _, b := range bad {
		if b.Name != "pairs.jsonl" {
			t.Errorf("error names %q", b.Name)
		}
		lines = append(lines, b.Line)
	}
	if len(lines) != 3 || lines[0] != 3 || lines[1] != 5 || lines[2] != 6 {
		t.Errorf("broken lines %v, want [3 5 6]", lines)
	}
}

func TestScoresValuesRoundTrip(t *testing.T) {
	s := Scores{1, 2, 3, 4, 1.5, 2.5, 3.5}
	if got := ScoresOf(s.Values()); got != s {
		t.Errorf("ScoresOf(Values()) = %+v, want %+v", got, s)
	}
	if len(s.Values()) != len(Dimensions) {
		t.Errorf("%d values for %d dimensions", len(s.Values()), len(Dimensions))
	}
}

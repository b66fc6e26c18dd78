// Package semeval reads the labelled article pairs of SemEval-2022 Task 8
// (Multilingual News Article Similarity) and defines the task's seven
// similarity dimensions.
package semeval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsim/newsim/article"
)

// Dimensions are the task's seven dimensions, in the order used by
// Scores.Values and every table newsim prints.
var Dimensions = []string{"overall", "geography", "entities", "time", "narrative", "style", "tone"}

// Scores holds one value per dimension on the task's scale: 1 = very
// similar, 4 = very dissimilar.
type Scores struct {
	Overall   float64 `json:"overall"`
	Geography float64 `json:"geography"`
	Entities  float64 `json:"entities"`
	Time      float64 `json:"time"`
	Narrative float64 `json:"narrative"`
	Style     float64 `json:"style"`
	Tone      float64 `json:"tone"`
}

// Values returns the scores in the order of Dimensions.
func (s Scores) Values() []float64 {
	return []float64{s.Overall, s.Geography, s.Entities, s.Time, s.Narrative, s.Style, s.Tone}
}

// ScoresOf builds Scores from values in the order of Dimensions.
func ScoresOf(v []float64) Scores {
	return Scores{v[0], v[1], v[2], v[3], v[4], v[5], v[6]}
}

// Pair is one article pair. Its texts are cleaned as the article readers
// clean an article (Article.Cleaned), so that training and use see one shape. Gold is nil when the file carries no labels.
type Pair struct {
	ID   string
	A, B article.Article
	Gold *Scores
}

type record struct {
	PairID string `json:"pair_id"`
	Lang1  string `json:"lang1"`
	Lang2  string `json:"lang2"`
	Title1 string `json:"title1"`
	Text1  string `json:"text1"`
	Title2 string `json:"title2"`
	Text2  string `json:"text2"`
	Scores
}

// LineError is a broken line of a pairs file. Line is 1-based.
type LineError struct {
	Name string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// MaxLine is the longest line accepted in a pairs file, in bytes; a
// longer line is reported and skipped without being held in memory.
const MaxLine = 16 << 20

// Read reads a JSON Lines pairs file (one object a line with pair_id,
// lang1, lang2, title1, text1, title2, text2 and, optionally, the seven
// scores). Lines are read as article.Lines reads them: a byte order mark
// is honoured (UTF-16 too), a line that is not UTF-8 is decoded as
// Windows-1256 when plausible. A line that cannot be used (over MaxLine,
// binary, invalid UTF-8 — named with its column and field —, broken
// JSON, a field of the wrong type, no pair_id, an empty article) is
// returned as a *LineError and does not stop the read. The error is
// non-nil when the input as a whole is unusable (empty, or not text: an
// *article.Error naming it) or r fails.
func Read(name string, r io.Reader) ([]Pair, []*LineError, error) {
	var pairs []Pair
	var bad []*LineError
	err := article.Options{MaxBytes: MaxLine}.Lines(name, r, func(line int, text []byte, err error) error {
		if err == nil {
			var p Pair
			if p, err = parsePair(text); err == nil {
				pairs = append(pairs, p)
				return nil
			}
		} else if ae := (*article.Error)(nil); errors.As(err, &ae) {
			err = ae.Err // the LineError names the input and line
		}
		bad = append(bad, &LineError{name, line, err})
		return nil
	})
	return pairs, bad, err
}

// parsePair reads one line (valid UTF-8) of a pairs file.
func parsePair(b []byte) (Pair, error) {
	var rec record
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return Pair{}, article.JSONProblem(err, "column")
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return Pair{}, article.JSONProblem(err, "column")
	}
	if rec.PairID == "" {
		return Pair{}, errors.New("no pair_id")
	}
	if strings.TrimSpace(rec.Text1+rec.Title1) == "" || strings.TrimSpace(rec.Text2+rec.Title2) == "" {
		return Pair{}, fmt.Errorf("pair %s: an article is empty", rec.PairID)
	}
	for _, f := range []struct{ name, value string }{
		{"pair_id", rec.PairID}, {"lang1", rec.Lang1}, {"lang2", rec.Lang2},
		{"title1", rec.Title1}, {"text1", rec.Text1}, {"title2", rec.Title2}, {"text2", rec.Text2},
	} {
		if replaced(raw[f.name], f.value) {
			return Pair{}, fmt.Errorf("field %q: an escaped UTF-16 surrogate (\\uD800–\\uDFFF) that is not half of a pair is not a character", f.name)
		}
	}
	p := Pair{
		ID: rec.PairID,
		A:  article.Article{ID: rec.PairID + "/1", Title: rec.Title1, Text: rec.Text1, Lang: rec.Lang1}.Cleaned(),
		B:  article.Article{ID: rec.PairID + "/2", Title: rec.Title2, Text: rec.Text2, Lang: rec.Lang2}.Cleaned(),
	}
	if _, ok := raw["overall"]; ok {
		g := rec.Scores
		p.Gold = &g
	}
	return p, nil
}

// replaced reports whether decoding the JSON string raw (valid UTF-8) to
// s put in a U+FFFD that raw does not hold, literally or escaped: what
// encoding/json does with an escaped lone surrogate.
func replaced(raw json.RawMessage, s string) bool {
	const rc = "\uFFFD"
	n := strings.Count(s, rc)
	if n == 0 {
		return false
	}
	r := string(raw)
	return n > strings.Count(r, rc)+strings.Count(strings.ToLower(r), `\ufffd`)
}

// ReadFile reads the pairs file at path; see Read.
func ReadFile(path string) ([]Pair, []*LineError, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return Read(path, f)
}

// Package semeval reads the labelled article pairs of SemEval-2022 Task 8
// (Multilingual News Article Similarity) and defines the task's seven
// similarity dimensions.
package semeval

import (
	"bufio"
	"encoding/json"
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

// MaxLine is the longest line accepted in a pairs file, in bytes.
const MaxLine = 16 << 20

// Read reads a JSON Lines pairs file (one object a line with pair_id,
// lang1, lang2, title1, text1, title2, text2 and, optionally, the seven
// scores). Broken lines are returned as *LineError and do not stop the
// read; the error is non-nil only when r itself fails.
func Read(name string, r io.Reader) ([]Pair, []*LineError, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), MaxLine)
	var pairs []Pair
	var bad []*LineError
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(strings.TrimSpace(string(b))) == 0 {
			continue
		}
		var rec record
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			bad = append(bad, &LineError{name, line, fmt.Errorf("invalid JSON: %w", err)})
			continue
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			bad = append(bad, &LineError{name, line, fmt.Errorf("invalid pair: %w", err)})
			continue
		}
		if rec.PairID == "" {
			bad = append(bad, &LineError{name, line, fmt.Errorf("no pair_id")})
			continue
		}
		if strings.TrimSpace(rec.Text1+rec.Title1) == "" || strings.TrimSpace(rec.Text2+rec.Title2) == "" {
			bad = append(bad, &LineError{name, line, fmt.Errorf("pair %s: an article is empty", rec.PairID)})
			continue
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
		pairs = append(pairs, p)
	}
	if err := sc.Err(); err != nil {
		return pairs, bad, fmt.Errorf("%s: line %d: %w", name, line+1, err)
	}
	return pairs, bad, nil
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

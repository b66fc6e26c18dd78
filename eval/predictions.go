package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/newsim/newsim/semeval"
)

// PredictionRecord is one line of the per-pair predictions file written by
// WritePredictions: the pair, its language(s), the human scores, the
// cross-validated model and baseline scores, and the Overall residual
// (model − gold, in SemEval points: positive means the model called the
// pair less similar than the annotators did).
type PredictionRecord struct {
	PairID   string         `json:"pair_id"`
	Lang     string         `json:"lang"`
	Gold     semeval.Scores `json:"gold"`
	Model    semeval.Scores `json:"model"`
	Baseline semeval.Scores `json:"baseline"`
	Residual float64        `json:"residual"`
	Title1   string         `json:"title1"`
	Title2   string         `json:"title2"`
}

// WritePredictions writes one JSON line per prediction, worst Overall
// residual (largest |model − gold|) first, so that the pairs to read by
// hand come at the top.
func WritePredictions(w io.Writer, preds []Prediction) error {
	recs := make([]PredictionRecord, 0, len(preds))
	for _, p := range preds {
		e := p.Example
		lang := e.A.Lang
		if e.B.Lang != lang {
			lang += "-" + e.B.Lang
		}
		recs = append(recs, PredictionRecord{
			PairID: e.Pair.ID, Lang: lang, Gold: *e.Pair.Gold, Model: p.Model, Baseline: p.Baseline,
			Residual: p.Model.Overall - e.Pair.Gold.Overall,
			Title1:   e.A.Article.Title, Title2: e.B.Article.Title,
		})
	}
	sort.SliceStable(recs, func(i, j int) bool { return abs(recs[i].Residual) > abs(recs[j].Residual) })
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("write prediction of pair %s: %w", r.PairID, err)
		}
	}
	return nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

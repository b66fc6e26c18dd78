package eval

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/model"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
)

// Example is one analysed labelled pair.
type Example struct {
	Pair semeval.Pair
	A, B *analysis.Doc
}

// Fold returns the cross-validation fold (0 ≤ fold < k) of a pair: a hash
// of its pair_id, so folds never depend on file order or on other pairs.
// A pair made from another (a translation, pair_id "ORIGINAL~en-es")
// takes its original's fold: a pair's translation is never trained on
// while the pair is tested, and the other way round.
func Fold(pairID string, k int) int {
	if i := strings.IndexByte(pairID, '~'); i >= 0 {
		pairID = pairID[:i]
	}
	h := fnv.New32a()
	h.Write([]byte(pairID))
	return int(h.Sum32() % uint32(k))
}

// Prediction is the cross-validated output for one pair: the model's
// scores and the baseline's, both from a model fitted without this pair's
// fold.
type Prediction struct {
	Example  *Example
	Model    semeval.Scores
	Baseline semeval.Scores
	// Surface is, for a cross-language pair, what the same fold's
	// model predicts without the pivot layer (compare.Comparer.ScoreSurface:
	// term signals on the texts as written, same-language regressions):
	// newsim before cross-language comparison.
	Surface semeval.Scores
}

// SameLanguage reports whether both articles of e share a language.
func SameLanguage(e *Example) bool { return e.A.Lang == e.B.Lang }

// CrossValidate predicts every example with models fitted on the other
// k−1 folds. Each fold refits everything learned from data: the background
// term statistics, the model, and the baseline's linear map from TF-IDF
// cosine to scores.
func CrossValidate(examples []*Example, k int, opt compare.TrainOptions) ([]Prediction, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, got %d", k)
	}
	preds := make([]Prediction, 0, len(examples))
	for fold := 0; fold < k; fold++ {
		var train, test []*Example
		for _, e := range examples {
			if Fold(e.Pair.ID, k) == fold {
				test = append(test, e)
			} else {
				train = append(train, e)
			}
		}
		if len(test) == 0 {
			continue
		}
		if len(train) == 0 {
			return nil, fmt.Errorf("fold %d: no training pairs", fold)
		}
		var lab []compare.Labelled
		for _, e := range train {
			lab = append(lab, compare.Labelled{A: e.A, B: e.B, Gold: *e.Pair.Gold})
		}
		stats := compare.FitStats(compare.StatsDocs(lab), opt.MinDF)
		m, err := compare.Train(lab, stats, opt)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", fold, err)
		}
		profiles := map[*analysis.Doc]*represent.Profile{}
		profile := func(d *analysis.Doc) *represent.Profile {
			p, ok := profiles[d]
			if !ok {
				p = represent.NewProfile(d, stats)
				profiles[d] = p
			}
			return p
		}
		var baseTrain []*Example // the baseline stays what it was: same-language pairs
		for _, e := range train {
			if SameLanguage(e) {
				baseTrain = append(baseTrain, e)
			}
		}
		if len(baseTrain) == 0 {
			baseTrain = train
		}
		base, err := fitBaseline(baseTrain, profile)
		if err != nil {
			return nil, fmt.Errorf("fold %d baseline: %w", fold, err)
		}
		c := compare.New(m) // m.Stats is stats: the same profiles serve both
		for _, e := range test {
			pa, pb := profile(e.A), profile(e.B)
			p := Prediction{Example: e, Model: c.Score(pa, pb), Baseline: base.predict(pa, pb)}
			if !SameLanguage(e) {
				p.Surface = c.ScoreSurface(pa, pb)
			}
			preds = append(preds, p)
		}
	}
	return preds, nil
}

// baseline maps the plain TF-IDF cosine of two bodies (the baseline
// signal) linearly to each dimension's score.
type baseline struct{ dims []model.Linear }

func fitBaseline(train []*Example, profile func(*analysis.Doc) *represent.Profile) (*baseline, error) {
	x := make([][]float64, len(train))
	for i, e := range train {
		x[i] = []float64{profile(e.A).Body.Dot(profile(e.B).Body)}
	}
	b := &baseline{}
	for k := range semeval.Dimensions {
		y := make([]float64, len(train))
		for i, e := range train {
			y[i] = e.Pair.Gold.Values()[k]
		}
		lin, err := model.FitLinear(x, y, 0)
		if err != nil {
			return nil, err
		}
		b.dims = append(b.dims, lin)
	}
	return b, nil
}

func (b *baseline) predict(pa, pb *represent.Profile) semeval.Scores {
	x := []float64{pa.Body.Dot(pb.Body)}
	v := make([]float64, len(b.dims))
	for i, l := range b.dims {
		v[i] = l.Predict(x)
	}
	return semeval.ScoresOf(v)
}

// Row is one line of an evaluation table: a language (or "all") and, per
// dimension, the Pearson and Spearman correlations of model and baseline
// with the human scores.
type Row struct {
	Lang                      string
	Pairs                     int
	Pearson, Spearman         []float64
	BasePearson, BaseSpearman []float64
}

// Table groups predictions by language pair ("ar", or "de-en" for a
// cross-language pair) and overall, in that order. Give it the
// same-language predictions alone for the per-language table.
func Table(preds []Prediction) []Row {
	groups := map[string][]Prediction{}
	for _, p := range preds {
		l := p.Example.A.Lang
		if p.Example.B.Lang != l {
			l += "-" + p.Example.B.Lang
		}
		groups[l] = append(groups[l], p)
	}
	langs := make([]string, 0, len(groups))
	for l := range groups {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var rows []Row
	for _, l := range langs {
		rows = append(rows, row(l, groups[l]))
	}
	return append(rows, row("all", preds))
}

func row(lang string, ps []Prediction) Row {
	r := Row{Lang: lang, Pairs: len(ps)}
	for k := range semeval.Dimensions {
		var gold, m, b []float64
		for _, p := range ps {
			gold = append(gold, p.Example.Pair.Gold.Values()[k])
			m = append(m, p.Model.Values()[k])
			b = append(b, p.Baseline.Values()[k])
		}
		r.Pearson = append(r.Pearson, nan0(Pearson(m, gold)))
		r.Spearman = append(r.Spearman, nan0(Spearman(m, gold)))
		r.BasePearson = append(r.BasePearson, nan0(Pearson(b, gold)))
		r.BaseSpearman = append(r.BaseSpearman, nan0(Spearman(b, gold)))
	}
	return r
}

func nan0(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

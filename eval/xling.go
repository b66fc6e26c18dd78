package eval

import (
	"math"
	"sort"
)

// SameStoryGold and SameStoryPredicted define same-story recall: of the pairs
// people scored Overall ≤ SameStoryGold (the same story), the share the model
// scores ≤ SameStoryPredicted.
const (
	SameStoryGold      = 1.5
	SameStoryPredicted = 2.0
)

// CrossRow is one line of the cross-language table: a direction ("en-es":
// first article English, second Spanish) with Overall Pearson, mean
// absolute error and same-story recall of the model, and the same for its
// predictions without the pivot layer (Prediction.Surface).
type CrossRow struct {
	Dir                           string
	Pairs, SameStory              int
	Pearson, MAE, Recall          float64
	RefPearson, RefMAE, RefRecall float64
}

// CrossTable groups the cross-language predictions of preds by direction.
func CrossTable(preds []Prediction) []CrossRow {
	groups := map[string][]Prediction{}
	for _, p := range preds {
		if SameLanguage(p.Example) {
			continue
		}
		d := p.Example.A.Lang + "-" + p.Example.B.Lang
		groups[d] = append(groups[d], p)
	}
	var dirs []string
	for d := range groups {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var rows []CrossRow
	for _, d := range dirs {
		ps := groups[d]
		r := CrossRow{Dir: d, Pairs: len(ps)}
		var gold, m, rm []float64
		for _, p := range ps {
			gold = append(gold, p.Example.Pair.Gold.Overall)
			m = append(m, p.Model.Overall)
			rm = append(rm, p.Surface.Overall)
			if p.Example.Pair.Gold.Overall <= SameStoryGold {
				r.SameStory++
			}
		}
		r.Pearson, r.MAE, r.Recall = nan0(Pearson(m, gold)), MAE(m, gold), Recall(m, gold)
		r.RefPearson, r.RefMAE, r.RefRecall = nan0(Pearson(rm, gold)), MAE(rm, gold), Recall(rm, gold)
		rows = append(rows, r)
	}
	return rows
}

// MAE is the mean absolute difference of pred and gold.
func MAE(pred, gold []float64) float64 {
	if len(pred) == 0 {
		return math.NaN()
	}
	var s float64
	for i := range pred {
		s += math.Abs(pred[i] - gold[i])
	}
	return s / float64(len(pred))
}

// Recall is same-story recall: the share of pairs with gold ≤ SameStoryGold
// predicted ≤ SameStoryPredicted (NaN without such pairs).
func Recall(pred, gold []float64) float64 {
	n, hit := 0, 0
	for i := range gold {
		if gold[i] <= SameStoryGold {
			n++
			if pred[i] <= SameStoryPredicted {
				hit++
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(hit) / float64(n)
}

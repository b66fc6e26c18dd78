package model

// Ensemble averages a ridge regression and a boosted tree ensemble:
// y = (1−TreeWeight)·Linear(x) + TreeWeight·Trees(x). The linear part
// extrapolates smoothly; the trees capture thresholds and interactions.
type Ensemble struct {
	Linear     Linear  `json:"linear"`
	Trees      Trees   `json:"trees"`
	TreeWeight float64 `json:"tree_weight"`
}

// FitEnsemble fits both parts on the same data. treeWeight 0 skips the
// trees.
func FitEnsemble(x [][]float64, y []float64, lambda float64, trees TreeOptions, treeWeight float64) (Ensemble, error) {
	lin, err := FitLinear(x, y, lambda)
	if err != nil {
		return Ensemble{}, err
	}
	e := Ensemble{Linear: lin, TreeWeight: treeWeight}
	if treeWeight > 0 {
		if e.Trees, err = FitTrees(x, y, trees); err != nil {
			return Ensemble{}, err
		}
	}
	return e, nil
}

// Predict returns the ensemble's value for x.
func (e Ensemble) Predict(x []float64) float64 {
	v := e.Linear.Predict(x)
	if e.TreeWeight > 0 {
		v = (1-e.TreeWeight)*v + e.TreeWeight*e.Trees.Predict(x)
	}
	return v
}

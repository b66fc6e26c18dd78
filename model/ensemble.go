package model

// Ensemble averages a ridge regression and a boosted tree ensemble, then
// calibrates: y = Shift + Scale·((1−TreeWeight)·Linear(x) + TreeWeight·Trees(x)).
// The linear part extrapolates smoothly; the trees capture thresholds and
// interactions; the calibration undoes the shrinkage towards the mean that
// both show on unseen data, so that scores keep the spread of the labels.
type Ensemble struct {
	Linear     Linear  `json:"linear"`
	Trees      Trees   `json:"trees"`
	TreeWeight float64 `json:"tree_weight"`
	Scale      float64 `json:"scale"`
	Shift      float64 `json:"shift"`
}

// EnsembleOptions control FitEnsemble.
type EnsembleOptions struct {
	Lambda     float64     // ridge penalty on standardised features
	Trees      TreeOptions // the boosted trees
	TreeWeight float64     // the trees' share (0: ridge alone)
	// CalibrationFolds is the number of folds (rows i with i mod k = f) of
	// the out-of-fold predictions the calibration is fitted on; below 2,
	// no calibration (Scale 1, Shift 0).
	CalibrationFolds int
}

// FitEnsemble fits the ensemble on rows x and targets y. Deterministic.
// Cost: (CalibrationFolds+1) fits of both parts.
func FitEnsemble(x [][]float64, y []float64, opt EnsembleOptions) (Ensemble, error) {
	e, err := fitBlend(x, y, opt)
	if err != nil {
		return Ensemble{}, err
	}
	e.Scale = 1
	k := opt.CalibrationFolds
	if k < 2 || len(x) < 10*k {
		return e, nil
	}
	oof := make([]float64, len(x))
	for f := 0; f < k; f++ {
		var tx [][]float64
		var ty []float64
		for i := range x {
			if i%k != f {
				tx = append(tx, x[i])
				ty = append(ty, y[i])
			}
		}
		fe, err := fitBlend(tx, ty, opt)
		if err != nil {
			return Ensemble{}, err
		}
		fe.Scale = 1
		for i := range x {
			if i%k == f {
				oof[i] = fe.Predict(x[i])
			}
		}
	}
	cal, err := FitLinear(columns(oof), y, 0)
	if err != nil {
		return Ensemble{}, err
	}
	// y = Bias + Coef·(p − Mean)/Scale  ⇒  Shift + Scale'·p
	e.Scale = cal.Coef[0] / cal.Scale[0]
	e.Shift = cal.Bias - e.Scale*cal.Mean[0]
	if e.Scale <= 0 { // no usable relation: keep the raw blend
		e.Scale, e.Shift = 1, 0
	}
	return e, nil
}

func columns(v []float64) [][]float64 {
	x := make([][]float64, len(v))
	for i, f := range v {
		x[i] = []float64{f}
	}
	return x
}

func fitBlend(x [][]float64, y []float64, opt EnsembleOptions) (Ensemble, error) {
	lin, err := FitLinear(x, y, opt.Lambda)
	if err != nil {
		return Ensemble{}, err
	}
	e := Ensemble{Linear: lin, TreeWeight: opt.TreeWeight}
	if opt.TreeWeight > 0 {
		if e.Trees, err = FitTrees(x, y, opt.Trees); err != nil {
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
	return e.Shift + e.Scale*v
}

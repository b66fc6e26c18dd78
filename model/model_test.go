package model

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func synthetic(n int, f func(x []float64) float64) ([][]float64, []float64) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([][]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = []float64{r.Float64(), r.Float64(), r.Float64()}
		y[i] = f(x[i])
	}
	return x, y
}

func TestLinearRecoversCoefficients(t *testing.T) {
	x, y := synthetic(500, func(x []float64) float64 { return 1 + 2*x[0] - 3*x[1] })
	m, err := FitLinear(x, y, 1e-6)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		x    []float64
		want float64
	}{{[]float64{0, 0, 0}, 1}, {[]float64{1, 0, 0.5}, 3}, {[]float64{0.5, 1, 0}, -1}} {
		if got := m.Predict(tc.x); math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("Predict(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

func TestLinearShrinksWithPenalty(t *testing.T) {
	x, y := synthetic(200, func(x []float64) float64 { return 4 * x[0] })
	loose, _ := FitLinear(x, y, 0)
	tight, _ := FitLinear(x, y, 1000)
	if math.Abs(tight.Coef[0]) >= math.Abs(loose.Coef[0]) {
		t.Errorf("penalty did not shrink: %v vs %v", tight.Coef[0], loose.Coef[0])
	}
}

func TestLinearRejectsBadShapes(t *testing.T) {
	if _, err := FitLinear(nil, nil, 1); err == nil {
		t.Error("no rows: want error")
	}
	if _, err := FitLinear([][]float64{{1, 2}, {1}}, []float64{1, 2}, 1); err == nil {
		t.Error("ragged rows: want error")
	}
}

func TestTreesFitStep(t *testing.T) {
	step := func(x []float64) float64 {
		if x[1] > 0.5 {
			return 4
		}
		return 1
	}
	x, y := synthetic(400, step)
	m, err := FitTrees(x, y, TreeOptions{Rounds: 100, Depth: 2, Rate: 0.3, MinLeaf: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		x    []float64
		want float64
	}{{[]float64{0.2, 0.1, 0.9}, 1}, {[]float64{0.9, 0.9, 0.1}, 4}, {[]float64{0.5, 0.3, 0.5}, 1}, {[]float64{0.5, 0.7, 0.5}, 4}} {
		if got := m.Predict(tc.x); math.Abs(got-tc.want) > 0.05 {
			t.Errorf("Predict(%v) = %.3f, want %v", tc.x, got, tc.want)
		}
	}
}

func TestTreesDeterministic(t *testing.T) {
	x, y := synthetic(300, func(x []float64) float64 { return x[0]*x[1] + math.Sin(3*x[2]) })
	a, _ := FitTrees(x, y, DefaultTreeOptions)
	b, _ := FitTrees(x, y, DefaultTreeOptions)
	if !reflect.DeepEqual(a, b) {
		t.Error("two fits on the same data differ")
	}
}

func TestEnsembleBlends(t *testing.T) {
	x, y := synthetic(300, func(x []float64) float64 { return 2 * x[0] })
	e, err := FitEnsemble(x, y, EnsembleOptions{Lambda: 1e-6, Trees: DefaultTreeOptions, TreeWeight: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	p := []float64{0.3, 0.5, 0.5}
	want := e.Shift + e.Scale*(0.5*e.Linear.Predict(p)+0.5*e.Trees.Predict(p))
	if got := e.Predict(p); math.Abs(got-want) > 1e-12 {
		t.Errorf("Predict = %v, want %v", got, want)
	}
}

// TestCalibrationUndoesShrinkage fits a heavily penalised ridge, whose
// predictions are squeezed towards the mean, and checks that calibration
// restores the spread of the targets.
func TestCalibrationUndoesShrinkage(t *testing.T) {
	x, y := synthetic(400, func(x []float64) float64 { return 1 + 3*x[0] })
	raw, _ := FitEnsemble(x, y, EnsembleOptions{Lambda: 200})
	cal, _ := FitEnsemble(x, y, EnsembleOptions{Lambda: 200, CalibrationFolds: 4})
	lo, hi := []float64{0, 0.5, 0.5}, []float64{1, 0.5, 0.5}
	rawSpread := raw.Predict(hi) - raw.Predict(lo)
	calSpread := cal.Predict(hi) - cal.Predict(lo)
	if !(rawSpread < 2.5 && math.Abs(calSpread-3) < math.Abs(rawSpread-3)/2) {
		t.Errorf("spread raw %.2f, calibrated %.2f; want raw < 2.5 and calibrated twice as close to 3", rawSpread, calSpread)
	}
}

func TestCompiledTreesPredictTheSame(t *testing.T) {
	x, y := synthetic(300, func(x []float64) float64 { return x[0]*x[1] + math.Sin(3*x[2]) })
	m, _ := FitTrees(x, y, DefaultTreeOptions)
	plain := Trees{Base: m.Base, Rate: m.Rate, Trees: m.Trees}
	for _, row := range x[:50] {
		if a, b := m.Predict(row), plain.Predict(row); math.Abs(a-b) > 1e-12 {
			t.Fatalf("compiled %v, plain %v", a, b)
		}
	}
}

// TestTreesValidate checks the shapes a tree read from a file may take
// that would make Predict index out of range or never end.
func TestTreesValidate(t *testing.T) {
	ok := Tree{Feat: []int{1, -1, -1}, Thr: []float64{0.5, 0, 0}, Left: []int{1, -1, -1}, Right: []int{2, -1, -1}, Val: []float64{0, 1, 2}}
	for _, tc := range []struct {
		name string
		tree Tree
		want string // "" for valid
	}{
		{"split with two leaves", ok, ""},
		{"single leaf", Tree{Feat: []int{-1}, Thr: []float64{0}, Left: []int{-1}, Right: []int{-1}, Val: []float64{3}}, ""},
		{"unreachable node", Tree{Feat: []int{-1, 7}, Thr: []float64{0, 0}, Left: []int{-1, 9}, Right: []int{-1, 9}, Val: []float64{1, 1}}, ""},
		{"no nodes", Tree{}, "no nodes"},
		{"self loop", Tree{Feat: []int{0, -1}, Thr: []float64{1, 0}, Left: []int{0, -1}, Right: []int{1, -1}, Val: []float64{0, 1}}, "left child 0 is reached twice"},
		{"two-node cycle", Tree{Feat: []int{0, 0, -1}, Thr: []float64{1, 1, 0}, Left: []int{1, 0, -1}, Right: []int{2, 2, -1}, Val: []float64{0, 0, 1}}, "reached twice"},
		{"shared subtree", Tree{Feat: []int{0, -1}, Thr: []float64{1, 0}, Left: []int{1, -1}, Right: []int{1, -1}, Val: []float64{0, 1}}, "right child 1 is reached twice"},
		{"child past the end", Tree{Feat: []int{0, -1}, Thr: []float64{1, 0}, Left: []int{1, -1}, Right: []int{2, -1}, Val: []float64{0, 1}}, "right child 2 out of range (the tree has 2 nodes)"},
		{"feature past the inputs", Tree{Feat: []int{2, -1, -1}, Thr: []float64{0.5, 0, 0}, Left: []int{1, -1, -1}, Right: []int{2, -1, -1}, Val: []float64{0, 1, 2}}, "splits on input 2, and the model has 2 inputs"},
		{"short value array", Tree{Feat: []int{-1}, Thr: []float64{0}, Left: []int{-1}, Right: []int{-1}}, "0 values"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Trees{Rate: 1, Trees: []Tree{ok, tc.tree}}.Validate(2)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("valid tree refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), "tree 1: ") || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want tree 1: …%s", err, tc.want)
			}
		})
	}
}

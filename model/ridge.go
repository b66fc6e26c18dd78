// Package model fits and applies the regression models that turn pairwise
// similarity signals into SemEval 1–4 scores. Fitting is deterministic:
// the same data gives the same coefficients, bit for bit.
package model

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Linear is a ridge-regression model over standardised features:
// y = Bias + Σ Coef[i]·(x[i]−Mean[i])/Scale[i].
type Linear struct {
	Mean  []float64 `json:"mean"`
	Scale []float64 `json:"scale"`
	Coef  []float64 `json:"coef"`
	Bias  float64   `json:"bias"`
}

// FitLinear fits a ridge regression of y on the rows of x with L2 penalty
// lambda (on standardised features; the bias is not penalised).
// Cost: O(n·d² + d³) for n rows of d features.
func FitLinear(x [][]float64, y []float64, lambda float64) (Linear, error) {
	n := len(x)
	if n == 0 || n != len(y) {
		return Linear{}, fmt.Errorf("fit: %d rows and %d targets", n, len(y))
	}
	d := len(x[0])
	m := Linear{Mean: make([]float64, d), Scale: make([]float64, d), Coef: make([]float64, d)}
	for _, row := range x {
		if len(row) != d {
			return Linear{}, errors.New("fit: rows of different lengths")
		}
		for j, v := range row {
			m.Mean[j] += v
		}
	}
	for j := range m.Mean {
		m.Mean[j] /= float64(n)
	}
	for _, row := range x {
		for j, v := range row {
			m.Scale[j] += (v - m.Mean[j]) * (v - m.Mean[j])
		}
	}
	for j := range m.Scale {
		m.Scale[j] = math.Sqrt(m.Scale[j] / float64(n))
		if m.Scale[j] < 1e-9 {
			m.Scale[j] = 1
		}
	}
	var ymean float64
	for _, v := range y {
		ymean += v
	}
	ymean /= float64(n)
	z := mat.NewDense(n, d, nil)
	for i, row := range x {
		for j, v := range row {
			z.Set(i, j, (v-m.Mean[j])/m.Scale[j])
		}
	}
	yv := mat.NewVecDense(n, nil)
	for i, v := range y {
		yv.SetVec(i, v-ymean)
	}
	var a mat.Dense
	a.Mul(z.T(), z)
	for j := 0; j < d; j++ {
		a.Set(j, j, a.At(j, j)+lambda)
	}
	var b mat.VecDense
	b.MulVec(z.T(), yv)
	var w mat.VecDense
	if err := w.SolveVec(&a, &b); err != nil {
		return Linear{}, fmt.Errorf("fit: %w", err)
	}
	for j := 0; j < d; j++ {
		m.Coef[j] = w.AtVec(j)
	}
	m.Bias = ymean
	return m, nil
}

// Predict returns the model's value for the feature vector x.
func (m Linear) Predict(x []float64) float64 {
	s := m.Bias
	for j, v := range x {
		s += m.Coef[j] * (v - m.Mean[j]) / m.Scale[j]
	}
	return s
}

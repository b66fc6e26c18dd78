package model_test

import (
	"fmt"

	"github.com/newsim/newsim/model"
)

func ExampleFitLinear() {
	// y = 1 + 3x, learned from four points without penalty.
	x := [][]float64{{0}, {1}, {2}, {3}}
	y := []float64{1, 4, 7, 10}
	m, err := model.FitLinear(x, y, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.1f\n", m.Predict([]float64{5}))
	// Output: 16.0
}

package eval_test

import (
	"fmt"

	"github.com/newsim/newsim/eval"
)

func ExamplePearson() {
	human := []float64{1, 1.5, 3, 4}
	model := []float64{1.2, 1.4, 2.8, 3.5}
	fmt.Printf("Pearson %.3f, Spearman %.3f\n", eval.Pearson(model, human), eval.Spearman(model, human))
	// Output: Pearson 0.996, Spearman 1.000
}

func ExampleFold() {
	// Folds depend on the pair_id alone, never on file order: these are
	// the folds of three dev pairs in every 5-fold figure of the docs.
	for _, id := range []string{"1484084337_1484110209", "1484396422_1483924666", "1484698254_1484648694"} {
		fmt.Println(id, eval.Fold(id, 5))
	}
	// Output:
	// 1484084337_1484110209 2
	// 1484396422_1483924666 3
	// 1484698254_1484648694 1
}

package represent_test

import (
	"fmt"

	"github.com/newsim/newsim/represent"
)

func ExampleVector_Dot() {
	a := represent.Weigh([]string{"gantz", "meet", "blinken", "washington"}, nil)
	b := represent.Weigh([]string{"blinken", "meet", "gantz", "gaza"}, nil)
	fmt.Printf("cosine %.2f, headline coverage %.2f\n", a.Dot(b), a.Coverage(b))
	// Output: cosine 0.75, headline coverage 0.75
}

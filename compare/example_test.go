package compare_test

import (
	"fmt"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
)

func ExampleComparer_Articles() {
	c, err := compare.Default()
	if err != nil {
		panic(err)
	}
	an := analysis.New()
	a, _ := an.Analyze(article.Article{Lang: "en", Title: "Storm closes ports in northern Norway",
		Text: "A winter storm closed three ports in northern Norway on Tuesday, the coastal authority said. Ferries to Tromsø were cancelled."})
	b, _ := an.Analyze(article.Article{Lang: "en", Title: "Central bank raises interest rates again",
		Text: "The central bank of Brazil raised its benchmark rate by half a point on Wednesday, citing stubborn inflation."})
	r := c.Articles(a, b)
	fmt.Println(compare.Verdict(r.Scores.Overall))
	// Output: different stories
}

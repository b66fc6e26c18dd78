package story

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
)

var t0 = time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC)

func testComparer(t testing.TB) *compare.Comparer {
	t.Helper()
	c, err := compare.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func seedDocs(t testing.TB) []*analysis.Doc {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	if err != nil || len(paths) != 2 {
		t.Fatalf("want the two seed articles, got %v (%v)", paths, err)
	}
	var docs []*analysis.Doc
	for _, p := range paths {
		arts, err := article.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		arts[0].Lang = "ar" // both seeds are Arabic (testdata/seeds/README.md)
		d, err := analysis.New().Analyze(arts[0])
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func TestKeysDeterministic(t *testing.T) {
	c := testComparer(t)
	d := seedDocs(t)[0]
	a, b := Keys(d, c.Model().Stats), Keys(d, c.Model().Stats)
	if len(a) == 0 || len(a) > ArticleTerms+ArticleEntities {
		t.Fatalf("keys = %v", a)
	}
	if len(a) != len(b) {
		t.Fatal("keys differ between calls")
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("keys differ between calls: %v vs %v", a, b)
		}
	}
}

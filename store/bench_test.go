package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis"
)

// BenchmarkPut measures the store's own share of ingest: one Put (one
// transaction with the row, the encoded analysis, the signature, 25 bands
// and the near-duplicate lookup) per article, without story clustering.
// The articles are dev articles analysed once, with a few words dropped
// per copy so that every Put stores a new article.
//
//	go test -run '^$' -bench Put -benchtime 20000x ./store
func BenchmarkPut(b *testing.B) {
	arts := dev(b)
	if len(arts) > 300 {
		arts = arts[:300]
	}
	docs := make([]*analysis.Doc, len(arts))
	an := analysis.New()
	for i, a := range arts {
		d, err := an.Analyze(a)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = d
	}
	db := openTemp(b)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for i := range b.N {
		d := *docs[i%len(docs)]
		w := strings.Fields(d.Article.Text)
		for k := 0; k < len(w)/10+1; k++ {
			j := rng.IntN(len(w))
			w[j] = w[len(w)-1]
			w = w[:len(w)-1]
			if len(w) == 0 {
				break
			}
		}
		d.Article.Text = strings.Join(w, " ")
		d.Article.URL = fmt.Sprintf("https://example.org/%d", i)
		if _, err := db.Put(ctx, &d, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	st, _ := os.Stat(db.Path())
	wal, _ := os.Stat(db.Path() + "-wal")
	size := st.Size()
	if wal != nil {
		size += wal.Size()
	}
	b.ReportMetric(float64(size)/float64(b.N), "store-bytes/article")
}

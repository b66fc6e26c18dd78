// Command newsim-loadgen writes a stream of synthetic news articles as JSON
// Lines to standard output, made from the articles of a SemEval pairs file
// by deterministic perturbation, for load tests and the ingest benchmark:
//
//	newsim-loadgen --pairs ../shared/data/semeval2022_dev.jsonl -n 100000 > load.jsonl
//	newsim ingest --store /tmp/load.db load.jsonl
//
// Article i is built from base article i mod B (B distinct dev articles,
// in a fixed order): its sentences are shuffled with a generator seeded by
// (--seed, i); a share of them is replaced by sentences of another article
// of the same language; each word is dropped with probability --drop; the
// date advances so that the stream holds --per-day articles a day from
// --start; the id, URL and outlet are new. One article in --dup-every is
// instead a light copy of an earlier generated article (one sentence
// dropped, new headline and URL): a near-duplicate. Nothing is downloaded;
// the same flags give the same bytes.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/newsim/newsim/analysis/token"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/semeval"
)

type base struct {
	lang, title string
	sents       []string
}

type record struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Lang   string `json:"lang"`
	Date   string `json:"date"`
	URL    string `json:"url"`
	Source string `json:"source"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "newsim-loadgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("newsim-loadgen", flag.ContinueOnError)
	pairs := fs.String("pairs", "../shared/data/semeval2022_dev.jsonl", "SemEval pairs file whose articles are perturbed")
	n := fs.Int("n", 100000, "number of articles to write")
	seed := fs.Uint64("seed", 1, "seed of the perturbation")
	drop := fs.Float64("drop", 0.1, "probability of dropping each word")
	mix := fs.Float64("mix", 0.3, "share of sentences taken from another article of the same language")
	maxSents := fs.Int("max-sentences", 0, "keep at most this many sentences per article (0: all)")
	perDay := fs.Int("per-day", 20000, "articles per day of the generated dates")
	startS := fs.String("start", "2024-01-01", "date of the first article (YYYY-MM-DD)")
	dupEvery := fs.Int("dup-every", 10, "every this many articles, write a near-duplicate of an earlier one (0: never)")
	badEvery := fs.Int("bad-every", 0, "every this many articles, write a malformed line (0: never)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start, err := time.Parse("2006-01-02", *startS)
	if err != nil {
		return fmt.Errorf("--start: %v", err)
	}
	if *perDay < 1 || *n < 0 {
		return fmt.Errorf("--per-day must be ≥ 1 and -n ≥ 0")
	}
	ps, _, err := semeval.ReadFile(*pairs)
	if err != nil {
		return err
	}
	var bases []base
	byLang := map[string][]int{}
	seen := map[string]bool{}
	for _, p := range ps {
		for _, a := range []article.Article{p.A, p.B} {
			if seen[a.Text] || strings.TrimSpace(a.Text) == "" {
				continue
			}
			seen[a.Text] = true
			var sents []string
			for _, sp := range token.Sentences(a.Text) {
				sents = append(sents, a.Text[sp.Start:sp.End])
			}
			if len(sents) == 0 {
				continue
			}
			byLang[a.Lang] = append(byLang[a.Lang], len(bases))
			bases = append(bases, base{a.Lang, a.Title, sents})
		}
	}
	if len(bases) == 0 {
		return fmt.Errorf("%s: no articles", *pairs)
	}
	w := bufio.NewWriterSize(stdout, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	step := 24 * time.Hour / time.Duration(*perDay)
	// recent keeps the last generated articles, for near-duplicates.
	const keep = 64
	recent := make([]record, 0, keep)
	for i := range *n {
		rng := rand.New(rand.NewPCG(*seed, uint64(i)))
		date := start.Add(time.Duration(i) * step)
		rec := record{
			ID:     fmt.Sprintf("gen-%d-%d", *seed, i),
			Date:   date.UTC().Format(time.RFC3339),
			URL:    fmt.Sprintf("https://news%d.example/%d/%d", i%50, *seed, i),
			Source: fmt.Sprintf("outlet%d", i%50),
		}
		if *badEvery > 0 && i%*badEvery == *badEvery-1 {
			if _, err := fmt.Fprintf(w, "{\"id\": %q, \"title\": \"broken\", \"text\": \n", rec.ID); err != nil {
				return err
			}
			continue
		}
		if *dupEvery > 0 && i%*dupEvery == *dupEvery-1 && len(recent) > 0 {
			src := recent[rng.IntN(len(recent))]
			sp := token.Sentences(src.Text)
			var kept []string
			skip := rng.IntN(len(sp))
			for k, s := range sp {
				if k != skip || len(sp) < 4 {
					kept = append(kept, src.Text[s.Start:s.End])
				}
			}
			rec.Title = "Update: " + src.Title
			rec.Text = strings.Join(kept, " ")
			rec.Lang = src.Lang
		} else {
			b := bases[i%len(bases)]
			same := byLang[b.lang]
			sents := append([]string(nil), b.sents...)
			for k := range sents {
				if rng.Float64() < *mix {
					o := bases[same[rng.IntN(len(same))]]
					sents[k] = o.sents[rng.IntN(len(o.sents))]
				}
			}
			rng.Shuffle(len(sents), func(a, b int) { sents[a], sents[b] = sents[b], sents[a] })
			if *maxSents > 0 && len(sents) > *maxSents {
				sents = sents[:*maxSents]
			}
			for k, s := range sents {
				sents[k] = dropWords(rng, s, *drop)
			}
			rec.Title = dropWords(rng, b.title, *drop/2)
			rec.Text = strings.Join(sents, " ")
			rec.Lang = b.lang
		}
		if strings.TrimSpace(rec.Text) == "" {
			rec.Text = rec.Title
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
		if len(recent) < keep {
			recent = append(recent, rec)
		} else {
			recent[i%keep] = rec
		}
	}
	return w.Flush()
}

// dropWords removes each space-separated word of s with probability p.
func dropWords(rng *rand.Rand, s string, p float64) string {
	if p <= 0 {
		return s
	}
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		if rng.Float64() >= p {
			out = append(out, w)
		}
	}
	if len(out) == 0 && len(f) > 0 {
		out = append(out, f[0])
	}
	return strings.Join(out, " ")
}

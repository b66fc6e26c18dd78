package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/article"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/semeval"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// readOne reads the single article at path ("-" for standard input).
func readOne(path, lang string) (article.Article, error) {
	var arts []article.Article
	var err error
	if path == "-" {
		arts, err = article.Read("stdin", os.Stdin)
	} else {
		arts, err = article.ReadFile(path)
	}
	if err != nil {
		return article.Article{}, err
	}
	if len(arts) != 1 {
		return article.Article{}, fmt.Errorf("%s: holds %d articles, compare takes one per file", path, len(arts))
	}
	a := arts[0]
	if lang != "" {
		a.Lang = lang
	}
	if a.ID == "" {
		a.ID = path
	}
	return a, nil
}

// comparer returns the comparer of the --model flag, or the embedded one.
// A model file learned with other data than this build analyses with is
// used, with a warning on stderr (compare.Model.CheckData).
func comparer(path string, stderr io.Writer) (*compare.Comparer, error) {
	if path == "" {
		return compare.Default()
	}
	m, err := compare.LoadModel(path)
	if err != nil {
		return nil, err
	}
	if err := m.CheckData(); err != nil {
		fmt.Fprintf(stderr, "newsim: warning: %s: %v\n", path, err)
	}
	return compare.New(m), nil
}

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := flags("compare", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object")
	lang := fs.String("lang", "", "language of both articles (ISO 639-1); identified when empty")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{fmt.Sprintf("want two articles, got %d", fs.NArg())}
	}
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	an := analysis.New()
	var docs [2]*analysis.Doc
	for i, p := range fs.Args() {
		a, err := readOne(p, *lang)
		if err != nil {
			return err
		}
		d, err := an.Analyze(a)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		docs[i] = d
	}
	res := c.Articles(docs[0], docs[1])
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return compare.WriteReport(stdout, docs[0], docs[1], res)
}

// analysePairs analyses both articles of every pair on all cores,
// reporting each pair that fails analysis to stderr and leaving it out.
// bar, if not nil, advances once per pair.
func analysePairs(pairs []semeval.Pair, stderr io.Writer, bar *progressbar.ProgressBar) []*eval.Example {
	var done func()
	if bar != nil {
		done = func() { bar.Add(1) }
	}
	ex, bad := eval.Analyse(analysis.New(), pairs, done)
	for _, err := range bad {
		fmt.Fprintf(stderr, "skipped: %v\n", err)
	}
	return ex
}

// readPairs reads a pairs file, reporting broken lines to stderr.
func readPairs(path string, stderr io.Writer) ([]semeval.Pair, error) {
	if path == "" {
		return nil, usageError{"--pairs is required"}
	}
	pairs, bad, err := semeval.ReadFile(path)
	for _, b := range bad {
		fmt.Fprintf(stderr, "skipped: %v\n", b)
	}
	if err != nil {
		return pairs, err
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("%s: no pairs", path)
	}
	return pairs, nil
}

// isTerminal reports whether w is a terminal (progress bars go only there;
// piped or redirected output stays quiet).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

package main

// Story commands (issue 3): stories, story, similar, eval-stories.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/store"
	"github.com/newsim/newsim/story"
)

// stParseMixed parses flags that may come after positional arguments
// ("story 42 --json"): it returns the positional arguments in order.
func stParseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// stByCount returns the keys of m, most frequent first (ties by key).
func stByCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// storyArticle is one member in the JSON of stories and story.
type storyArticle struct {
	ID         int64     `json:"id"`
	ExternalID string    `json:"external_id"` // the id it came with: JSON "id" or file-derived name
	Title      string    `json:"title"`
	URL        string    `json:"url"`
	Lang       string    `json:"lang"`
	Source     string    `json:"source,omitempty"`
	Date       time.Time `json:"date"`
}

// storyJSON is one story in the JSON of stories and story.
type storyJSON struct {
	ID        int64          `json:"id"`
	Title     string         `json:"title"`
	Size      int            `json:"size"`
	Languages []string       `json:"languages"`
	Outlets   []string       `json:"outlets"`
	FirstSeen time.Time      `json:"first_seen"`
	LastSeen  time.Time      `json:"last_seen"`
	Entities  []story.Entity `json:"entities"`
	Articles  []storyArticle `json:"articles"`
}

func storyOut(s *story.Story, ms []story.Member) storyJSON {
	out := storyJSON{ID: s.ID, Title: s.Title, Size: s.Size, Languages: stByCount(s.Languages), Outlets: stByCount(s.Outlets),
		FirstSeen: s.FirstSeen, LastSeen: s.LastSeen, Entities: s.Entities, Articles: []storyArticle{}}
	if out.Entities == nil {
		out.Entities = []story.Entity{}
	}
	for _, m := range ms {
		out.Articles = append(out.Articles, storyArticle{m.ArticleID, m.ExternalID, m.Title, m.URL, m.Lang, m.Source, m.Date})
	}
	return out
}

func stWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// stClip shortens s to n runes for tables.
func stClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func runStories(args []string, stdout, stderr io.Writer) error {
	fs := flags("stories", stderr)
	storePath := storeFlag(fs)
	since := fs.String("since", "", "only stories seen within this duration before now (24h, 7d); default all")
	lang := fs.String("lang", "", "only stories with an article in this language (ISO 639-1)")
	limit := fs.Int("limit", 50, "most stories listed (0: all)")
	asJSON := fs.Bool("json", false, "print one JSON array")
	pos, err := stParseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageError{fmt.Sprintf("unexpected arguments %q", pos)}
	}
	if *limit < 0 {
		return usageError{"--limit must be ≥ 0"}
	}
	from, err := store.ParseTime(*since, time.Now())
	if err != nil {
		return usageError{fmt.Sprintf("--since %q: %v", *since, err)}
	}
	db, err := openStoreReadOnly(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	ss, err := db.Stories(ctx, from, *lang, *limit)
	if err != nil {
		return err
	}
	out := []storyJSON{}
	for _, s := range ss {
		ms, err := db.Members(ctx, s.ID)
		if err != nil {
			return err
		}
		out = append(out, storyOut(s, ms))
	}
	if *asJSON {
		return stWriteJSON(stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(stdout, "no stories")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSIZE\tLANGUAGES\tOUTLETS\tLAST SEEN\tTITLE")
	for _, s := range out {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%d\t%s\t%s\n", s.ID, s.Size, strings.Join(s.Languages, ","), len(s.Outlets), s.LastSeen.Format("2006-01-02 15:04"), stClip(s.Title, 70))
	}
	return tw.Flush()
}

func runStory(args []string, stdout, stderr io.Writer) error {
	fs := flags("story", stderr)
	storePath := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print the story as JSON")
	pos, err := stParseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("want one story ID, got %d arguments", len(pos))}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("story ID %q is not a positive integer", pos[0])}
	}
	db, err := openStoreReadOnly(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	s, err := db.Story(ctx, id)
	if errors.Is(err, story.ErrNotFound) {
		return fmt.Errorf("no story %d in %s", id, db.Path())
	}
	if err != nil {
		return err
	}
	ms, err := db.Members(ctx, id)
	if err != nil {
		return err
	}
	out := storyOut(s, ms)
	if *asJSON {
		return stWriteJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "Story %d: %s\n", out.ID, out.Title)
	fmt.Fprintf(stdout, "%d articles, %s – %s\n", out.Size, out.FirstSeen.Format("2006-01-02 15:04"), out.LastSeen.Format("2006-01-02 15:04"))
	fmt.Fprintf(stdout, "Languages: %s\n", stCounted(s.Languages))
	if len(s.Outlets) > 0 {
		fmt.Fprintf(stdout, "Outlets: %s\n", stCounted(s.Outlets))
	}
	if len(out.Entities) > 0 {
		var es []string
		for i, e := range out.Entities {
			if i == 10 {
				break
			}
			es = append(es, fmt.Sprintf("%s (%d)", e.Name, e.Count))
		}
		fmt.Fprintf(stdout, "Entities: %s\n", strings.Join(es, ", "))
	}
	fmt.Fprintln(stdout, "\nTimeline:")
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tID\tLANG\tOUTLET\tTITLE")
	for _, a := range out.Articles {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", a.Date.Format("2006-01-02 15:04"), a.ID, a.Lang, stClip(a.Source, 24), stClip(a.Title, 70))
	}
	return tw.Flush()
}

func stCounted(m map[string]int) string {
	var parts []string
	for _, k := range stByCount(m) {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func runSimilar(args []string, stdout, stderr io.Writer) error {
	fs := flags("similar", stderr)
	storePath := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON array")
	lang := fs.String("lang", "", "language of the article (ISO 639-1); identified when empty")
	limit := fs.Int("limit", 10, "most articles listed")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	pos, err := stParseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{fmt.Sprintf("want one article file, got %d arguments", len(pos))}
	}
	if *limit <= 0 {
		return usageError{"--limit must be > 0"}
	}
	a, err := readOne(pos[0], *lang)
	if err != nil {
		return err
	}
	doc, err := analysis.New().Analyze(a)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	db, err := openStoreReadOnly(*storePath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	// The article itself, when it is stored, is not its own match.
	self, _, err := db.Known(ctx, a)
	if err != nil {
		return err
	}
	hits, err := story.Similar(ctx, c, db, doc, c.Profile(doc), story.SimilarOptions{Limit: *limit, Exclude: self})
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []story.Hit{}
	}
	if *asJSON {
		return stWriteJSON(stdout, hits)
	}
	if len(hits) == 0 {
		fmt.Fprintln(stdout, "nothing in the store covers the same story")
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OVERALL\tGEO\tENT\tTIME\tNARR\tSTYLE\tTONE\tID\tSTORY\tLANG\tTITLE")
	for _, h := range hits {
		s := h.Scores
		fmt.Fprintf(tw, "%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\t%s\n", s.Overall, s.Geography, s.Entities, s.Time, s.Narrative, s.Style, s.Tone, h.ArticleID, h.Story, h.Lang, stClip(h.Title, 60))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nScores: 1 very similar … 4 very dissimilar. %s\n", "Same story when Overall ≤ "+strconv.FormatFloat(story.DefaultThreshold().Cut, 'f', 2, 64)+" (learned threshold).")
	return nil
}

func runEvalStories(args []string, stdout, stderr io.Writer) error {
	fs := flags("eval-stories", stderr)
	pairsPath := fs.String("pairs", "", "labelled pairs (JSON Lines, SemEval format)")
	folds := fs.Int("folds", 5, "number of cross-validation folds (fixed by pair_id)")
	dir := fs.String("dir", "", "directory for the fresh per-fold stores (default: a temporary directory, removed afterwards)")
	errorsPath := fs.String("errors", "", "write the wrong decisions (false merges and false splits, with titles, languages, dates, the pair's predicted Overall and both stories) to this file as tab-separated lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("unexpected arguments %q", fs.Args())}
	}
	if *folds < 2 {
		return usageError{"--folds must be at least 2"}
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
	ex := eval.Labelled(analysePairs(pairs, stderr, nil))
	if len(ex) == 0 {
		return fmt.Errorf("%s: no labelled pairs", *pairsPath)
	}
	root := *dir
	if root == "" {
		if root, err = os.MkdirTemp("", "newsim-eval-stories-"); err != nil {
			return err
		}
		defer os.RemoveAll(root)
	} else if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(stderr, "fitting %d fold models…\n", *folds)
	fds, err := eval.StoryFolds(ex, *folds)
	if err != nil {
		return err
	}
	total := map[string]*eval.Counts{}
	pairwise := map[string]*eval.Counts{}
	add := func(m map[string]*eval.Counts, lang string, c eval.Counts) {
		for _, l := range []string{lang, "all"} {
			if m[l] == nil {
				m[l] = &eval.Counts{}
			}
			m[l].TP += c.TP
			m[l].FP += c.FP
			m[l].FN += c.FN
			m[l].TN += c.TN
		}
	}
	// Folds are independent (own model, threshold and store): cluster them
	// in parallel, one per core.
	results := make([]*foldResult, len(fds))
	errs := make([]error, len(fds))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, fd := range fds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i], errs[i] = clusterFold(fd, ex, filepath.Join(root, fmt.Sprintf("fold%d.db", fd.Index)))
		}()
	}
	wg.Wait()
	var cuts []string
	var nArticles, nStories int64
	for i, fd := range fds {
		if errs[i] != nil {
			return errs[i]
		}
		res := results[i]
		for l, c := range res.counts {
			add(total, l, *c)
		}
		for l, c := range fd.Pairwise {
			if l != "all" {
				add(pairwise, l, *c)
			}
		}
		cuts = append(cuts, fmt.Sprintf("%.3f", fd.Threshold.Cut))
		nArticles, nStories = res.articles, nStories+res.stories
		fmt.Fprintf(stderr, "fold %d: cut %.3f, %d articles → %d stories\n", fd.Index, fd.Threshold.Cut, res.articles, res.stories)
	}
	decided := 0
	for _, e := range ex {
		if _, ok := eval.SameStory(e.Pair.Gold.Overall); ok {
			decided++
		}
	}
	fmt.Fprintf(stdout, "Same-story decision on %s: %d labelled pairs, %d decided (gold Overall ≤ 1.5 same story, ≥ 2.5 different; others ignored)\n\n", *pairsPath, len(ex), decided)
	fmt.Fprintf(stdout, "Honest protocol (%d folds by pair_id): for each fold, a model fitted on the other folds' pairs and a threshold\n", *folds)
	fmt.Fprintf(stdout, "learned from the other folds' out-of-fold predictions (cuts: %s) cluster all %d distinct articles into a\n", strings.Join(cuts, ", "), nArticles)
	fmt.Fprintf(stdout, "fresh SQLite store (mean %.0f stories); only that fold's pairs are scored: same story iff both articles land in one story.\n\n", float64(nStories)/float64(len(fds)))
	fmt.Fprintf(stdout, "| lang | pairs | same | precision | recall | F1 | pairwise F1 |\n|---|---:|---:|---:|---:|---:|---:|\n")
	langs := make([]string, 0, len(total))
	for l := range total {
		if l != "all" {
			langs = append(langs, l)
		}
	}
	sort.Strings(langs)
	for _, l := range append(langs, "all") {
		c := total[l]
		pw := eval.Counts{}
		if p := pairwise[l]; p != nil {
			pw = *p
		}
		name := l
		if l == "all" {
			name = "**all**"
		}
		fmt.Fprintf(stdout, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |\n", name, c.Pairs(), c.TP+c.FN, c.Precision(), c.Recall(), c.F1(), pw.F1())
	}
	if *errorsPath != "" {
		merges, splits, err := writeStoryErrors(*errorsPath, results)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nWrong decisions: %d false merges, %d false splits, written to %s.\n", merges, splits, *errorsPath)
	}
	fmt.Fprintf(stdout, "\npairwise F1: the same threshold applied to each pair's predicted Overall directly, without clustering.\n")
	fmt.Fprintf(stdout, "took %s\n", time.Since(start).Round(time.Second))
	return nil
}

type foldResult struct {
	counts            map[string]*eval.Counts
	articles, stories int64
	errors            []storyError
}

// storyError is one wrong same-story decision of eval-stories.
type storyError struct {
	Fold     int
	Kind     string // "merge" (different stories put together) or "split"
	PairID   string
	Lang     string
	Gold     float64 // human Overall
	Pred     float64 // the fold model's predicted Overall for the pair
	Cut      float64
	A, B     storySide
	SameCand bool // the pair alone would have been decided right (Pred on the right side of Cut)
}

type storySide struct {
	Title string
	Date  time.Time
	Story int64
	Size  int
	Head  string // the story's title
}

// writeStoryErrors writes the wrong decisions of all folds to path, one
// tab-separated line each, false merges first, then by predicted Overall,
// and returns how many of each kind it wrote.
func writeStoryErrors(path string, results []*foldResult) (merges, splits int, err error) {
	var all []storyError
	for _, r := range results {
		all = append(all, r.errors...)
	}
	for _, e := range all {
		if e.Kind == "merge" {
			merges++
		} else {
			splits++
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Kind != all[j].Kind {
			return all[i].Kind < all[j].Kind
		}
		return all[i].Pred < all[j].Pred
	})
	var b strings.Builder
	b.WriteString("kind\tfold\tpair_id\tlang\tgold\tpred\tcut\tpairwise_right\tstory_a\tsize_a\tstory_b\tsize_b\tdate_a\tdate_b\ttitle_a\ttitle_b\tstory_title_a\tstory_title_b\n")
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format("2006-01-02")
	}
	for _, e := range all {
		fmt.Fprintf(&b, "%s\t%d\t%s\t%s\t%.2f\t%.3f\t%.3f\t%t\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Kind, e.Fold, e.PairID, e.Lang, e.Gold, e.Pred, e.Cut, e.SameCand,
			e.A.Story, e.A.Size, e.B.Story, e.B.Size, day(e.A.Date), day(e.B.Date), stClip(e.A.Title, 90), stClip(e.B.Title, 90), stClip(e.A.Head, 90), stClip(e.B.Head, 90))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return 0, 0, fmt.Errorf("--errors: %w", err)
	}
	return merges, splits, nil
}

// clusterFold ingests every distinct article of ex, in file order, into a
// fresh store at path with the fold's model and threshold, and scores the
// fold's test pairs.
func clusterFold(fd *eval.StoryFold, ex []*eval.Example, path string) (*foldResult, error) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	db, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ctx := context.Background()
	c := fd.Comparer
	cl := story.NewClusterer(c, db, story.Options{Threshold: &fd.Threshold})
	assign := func(ctx context.Context, st story.Store, id int64, doc *analysis.Doc) (int64, error) {
		return cl.AssignIn(ctx, st, id, doc, c.Profile(doc))
	}
	ids := map[*analysis.Doc]int64{}
	for _, e := range ex {
		for _, d := range []*analysis.Doc{e.A, e.B} {
			r, err := db.Put(ctx, d, assign)
			if err != nil {
				return nil, fmt.Errorf("fold %d: %w", fd.Index, err)
			}
			ids[d] = r.ID
		}
	}
	storyOf := func(d *analysis.Doc) (int64, error) {
		in, _, err := db.Article(ctx, ids[d])
		return in.Story, err
	}
	res := &foldResult{counts: map[string]*eval.Counts{}}
	for _, e := range fd.Test {
		gold, ok := eval.SameStory(e.Pair.Gold.Overall)
		if !ok {
			continue
		}
		sa, err := storyOf(e.A)
		if err != nil {
			return nil, err
		}
		sb, err := storyOf(e.B)
		if err != nil {
			return nil, err
		}
		l := eval.PairLang(e.A, e.B)
		if res.counts[l] == nil {
			res.counts[l] = &eval.Counts{}
		}
		pred := sa != 0 && sa == sb
		res.counts[l].Add(pred, gold)
		if pred != gold {
			e, err := describeError(ctx, db, fd, e, sa, sb, gold)
			if err != nil {
				return nil, err
			}
			res.errors = append(res.errors, e)
		}
	}
	stats, err := db.Stats(ctx)
	if err != nil {
		return nil, err
	}
	res.articles, res.stories = stats.Articles, stats.Stories
	return res, nil
}

// describeError gathers what the --errors file shows of a wrong decision.
func describeError(ctx context.Context, db *store.DB, fd *eval.StoryFold, e *eval.Example, sa, sb int64, gold bool) (storyError, error) {
	c := fd.Comparer
	pred := c.Score(c.Profile(e.A), c.Profile(e.B)).Overall
	out := storyError{Fold: fd.Index, Kind: "split", PairID: e.Pair.ID, Lang: eval.PairLang(e.A, e.B), Gold: e.Pair.Gold.Overall,
		Pred: pred, Cut: fd.Threshold.Cut, SameCand: fd.Threshold.Same(pred) == gold}
	if !gold {
		out.Kind = "merge"
	}
	for _, x := range []struct {
		side *storySide
		d    *analysis.Doc
		id   int64
	}{{&out.A, e.A, sa}, {&out.B, e.B, sb}} {
		x.side.Title, x.side.Date, x.side.Story = x.d.Article.Title, x.d.Article.Date, x.id
		s, err := db.Story(ctx, x.id)
		if err != nil {
			return out, fmt.Errorf("fold %d: story %d: %w", fd.Index, x.id, err)
		}
		x.side.Size, x.side.Head = s.Size, s.Title
	}
	return out, nil
}

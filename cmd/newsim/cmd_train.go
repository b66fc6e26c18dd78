package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/eval"
	"github.com/newsim/newsim/semeval"
)

func labelled(ps []*eval.Example) ([]compare.Labelled, []*analysis.Doc) {
	var lab []compare.Labelled
	var docs []*analysis.Doc
	for _, p := range ps {
		docs = append(docs, p.A, p.B)
		if p.Pair.Gold != nil {
			lab = append(lab, compare.Labelled{A: p.A, B: p.B, Gold: *p.Pair.Gold})
		}
	}
	return lab, docs
}

// xlingAuto is the --xling default: the cross-language pairs beside the
// pairs file (semeval2022_dev.jsonl → semeval2022_dev_xling.jsonl) when
// that file exists.
const xlingAuto = "auto"

// readXling reads the cross-language pairs --xling names ("" or "none":
// none; xlingAuto: the file beside pairsPath, if any) and says which file
// it read on stderr.
func readXling(flag, pairsPath string, stderr io.Writer) ([]semeval.Pair, string, error) {
	path := flag
	switch flag {
	case "", "none":
		return nil, "", nil
	case xlingAuto:
		path = strings.TrimSuffix(pairsPath, ".jsonl") + "_xling.jsonl"
		if _, err := os.Stat(path); err != nil || path == pairsPath {
			return nil, "", nil
		}
	}
	pairs, err := readPairs(path, stderr)
	return pairs, path, err
}

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := flags("train", stderr)
	pairsPath := fs.String("pairs", "", "labelled pairs (JSON Lines, SemEval format)")
	xling := fs.String("xling", xlingAuto, "cross-language labelled pairs to train on too (auto: PAIRS_xling.jsonl beside --pairs when it exists; none)")
	out := fs.String("out", "compare/model.json.gz", "where to write the model")
	lambda := fs.Float64("lambda", compare.DefaultTrainOptions.Lambda, "ridge penalty")
	if err := parse(fs, args); err != nil {
		return err
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
	xp, xpath, err := readXling(*xling, *pairsPath, stderr)
	if err != nil {
		return err
	}
	lab, _ := labelled(analysePairs(append(pairs, xp...), stderr, nil))
	if len(lab) == 0 {
		return fmt.Errorf("%s: no labelled pairs", *pairsPath)
	}
	opt := compare.DefaultTrainOptions
	opt.Lambda = *lambda
	m, err := compare.Train(lab, compare.FitStats(compare.StatsDocs(lab), opt.MinDF), opt)
	if err != nil {
		return err
	}
	if m.Training, err = compare.DescribeTrainingData(*pairsPath); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if xpath != "" {
		fmt.Fprintf(stdout, "with %d cross-language pairs from %s\n", len(xp), xpath)
	}
	fmt.Fprintf(stdout, "trained on %d pairs, %d features; wrote %s (%d bytes)\n", len(lab), len(m.Features), *out, buf.Len())
	return nil
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := flags("eval", stderr)
	pairsPath := fs.String("pairs", "", "labelled pairs (JSON Lines, SemEval format)")
	xling := fs.String("xling", xlingAuto, "cross-language labelled pairs to train on and report (auto: PAIRS_xling.jsonl beside --pairs when it exists; none)")
	folds := fs.Int("folds", 5, "number of cross-validation folds (fixed by pair_id)")
	lambda := fs.Float64("lambda", compare.DefaultTrainOptions.Lambda, "ridge penalty")
	all := fs.Bool("all", false, "print every dimension, not only Overall")
	predPath := fs.String("predictions", "", "also write every pair's cross-validated scores to this file (JSON Lines, worst Overall residual first)")
	if err := parse(fs, args); err != nil {
		return err
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
	xp, xpath, err := readXling(*xling, *pairsPath, stderr)
	if err != nil {
		return err
	}
	ex := eval.Labelled(analysePairs(append(pairs, xp...), stderr, nil))
	if len(ex) == 0 {
		return fmt.Errorf("%s: no labelled pairs", *pairsPath)
	}
	opt := compare.DefaultTrainOptions
	opt.Lambda = *lambda
	preds, err := eval.CrossValidate(ex, *folds, opt)
	if err != nil {
		return err
	}
	if *predPath != "" {
		if err := writePredictions(*predPath, preds); err != nil {
			return err
		}
	}
	var same, cross []eval.Prediction
	for _, p := range preds {
		if eval.SameLanguage(p.Example) {
			same = append(same, p)
		} else {
			cross = append(cross, p)
		}
	}
	rows := eval.Table(same)
	fmt.Fprintf(stdout, "%d-fold cross-validation on %s (%d pairs; folds by pair_id)\n", *folds, *pairsPath, len(same))
	if xpath != "" {
		fmt.Fprintf(stdout, "trained with %d cross-language pairs from %s too (folds by the original pair_id)\n", len(cross), xpath)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "Overall: Pearson (Spearman), model vs TF-IDF cosine baseline\n\n")
	fmt.Fprintf(stdout, "| lang | pairs | model r | baseline r | gain | model ρ | baseline ρ |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(stdout, "| %s | %d | %.3f | %.3f | %+.3f | %.3f | %.3f |\n", r.Lang, r.Pairs, r.Pearson[0], r.BasePearson[0], r.Pearson[0]-r.BasePearson[0], r.Spearman[0], r.BaseSpearman[0])
	}
	if *all {
		fmt.Fprintf(stdout, "\nEvery dimension: model Pearson / baseline Pearson\n\n| lang | %s |\n|---|%s\n", strings.Join(semeval.Dimensions, " | "), strings.Repeat("---:|", len(semeval.Dimensions)))
		for _, r := range rows {
			cells := make([]string, len(semeval.Dimensions))
			for k := range cells {
				cells[k] = fmt.Sprintf("%.3f / %.3f", r.Pearson[k], r.BasePearson[k])
			}
			fmt.Fprintf(stdout, "| %s | %s |\n", r.Lang, strings.Join(cells, " | "))
		}
	}
	if len(cross) == 0 {
		return nil
	}
	fmt.Fprintf(stdout, "\nAcross languages (%d pairs, one side machine-translated by Apertium; see ../shared/data/README.md): Overall Pearson,\nmean absolute error, same-story recall (gold ≤ %.1f predicted ≤ %.1f); the model vs the same folds' models without\nthe pivot layer (term signals on the texts as written, same-language regressions: newsim before cross-language comparison)\n\n", len(cross), eval.SameStoryGold, eval.SameStoryPredicted)
	fmt.Fprintf(stdout, "| direction | pairs | same story | r | MAE | recall | without pivot r | MAE | recall |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range eval.CrossTable(cross) {
		fmt.Fprintf(stdout, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n", r.Dir, r.Pairs, r.SameStory, r.Pearson, r.MAE, r.Recall, r.RefPearson, r.RefMAE, r.RefRecall)
	}
	return nil
}

func writePredictions(path string, preds []eval.Prediction) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("predictions: %w", err)
	}
	if err := eval.WritePredictions(f, preds); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

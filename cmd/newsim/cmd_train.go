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

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := flags("train", stderr)
	pairsPath := fs.String("pairs", "", "labelled pairs (JSON Lines, SemEval format)")
	out := fs.String("out", "compare/model.json.gz", "where to write the model")
	lambda := fs.Float64("lambda", compare.DefaultTrainOptions.Lambda, "ridge penalty")
	if err := parse(fs, args); err != nil {
		return err
	}
	pairs, err := readPairs(*pairsPath, stderr)
	if err != nil {
		return err
	}
	lab, docs := labelled(analysePairs(pairs, stderr, nil))
	if len(lab) == 0 {
		return fmt.Errorf("%s: no labelled pairs", *pairsPath)
	}
	opt := compare.DefaultTrainOptions
	opt.Lambda = *lambda
	m, err := compare.Train(lab, compare.FitStats(docs, opt.MinDF), opt)
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
	fmt.Fprintf(stdout, "trained on %d pairs, %d features; wrote %s (%d bytes)\n", len(lab), len(m.Features), *out, buf.Len())
	return nil
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := flags("eval", stderr)
	pairsPath := fs.String("pairs", "", "labelled pairs (JSON Lines, SemEval format)")
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
	ex := eval.Labelled(analysePairs(pairs, stderr, nil))
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
	rows := eval.Table(preds)
	fmt.Fprintf(stdout, "%d-fold cross-validation on %s (%d pairs; folds by pair_id)\n\n", *folds, *pairsPath, len(ex))
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

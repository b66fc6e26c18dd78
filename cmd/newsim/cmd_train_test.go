package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/internal/devdata"
)

// TestShippedModelIsCurrent retrains the model on the dev pairs, as the
// README says it was made, and checks that the embedded model
// (compare/model.json.gz) is byte for byte what today's code learns: a
// change to analysis, representation or features that moves any feature
// value fails here until the model is retrained with
//
//	go run ./cmd/newsim train --pairs ../shared/data/semeval2022_dev.jsonl
//
// (then relearn the story cut: go test ./story -run TestShippedThreshold -update).
func TestShippedModelIsCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining needs the whole dev set")
	}
	pairs := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	if _, err := os.Stat(pairs); err != nil {
		devdata.Missing(t, "dev data not available: %v", err)
	}
	if _, cities, err := entity.GazetteerStatus(); err != nil || cities == 0 {
		t.Fatalf("the shipped model was learned with the embedded GeoNames city names, which did not load (%v, %d cities): a broken build of analysis/entity/geonames.tsv.gz", err, cities)
	}
	out := filepath.Join(t.TempDir(), "model.json.gz")
	if code, stdout, stderr := runCode("train", "--pairs", pairs, "--out", out); code != 0 {
		t.Fatalf("train: exit %d\n%s%s", code, stdout, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile(filepath.Join("..", "..", "compare", "model.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, shipped) {
		t.Fatalf("compare/model.json.gz (%d bytes) is not what training on the dev pairs gives now (%d bytes): retrain it (see this test's comment)", len(shipped), len(got))
	}
}

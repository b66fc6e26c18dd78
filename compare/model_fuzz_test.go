package compare_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"testing"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/model"
	"github.com/newsim/newsim/represent"
	"github.com/newsim/newsim/semeval"
)

// smallModel is a valid model small enough for the fuzzer to mutate
// effectively: one language, one three-node tree per dimension.
func smallModel() *compare.Model {
	width := len(compare.FeatureNames) + 1*(1+compare.InteractedFeatures)
	m := &compare.Model{Version: compare.ModelVersion, Features: append([]string(nil), compare.FeatureNames...),
		Dims: map[string]model.Ensemble{}, Langs: []string{"ar"}, Interacted: compare.InteractedFeatures,
		Stats: &represent.Stats{Docs: map[string]int{"ar": 3}, DF: map[string]map[string]int{"ar": {"كتاب": 2}}}}
	for i, d := range semeval.Dimensions {
		lin := model.Linear{Mean: make([]float64, width), Scale: make([]float64, width), Coef: make([]float64, width), Bias: 2.5}
		for j := range lin.Scale {
			lin.Scale[j], lin.Coef[j] = 1, -0.1*float64(j%3)
		}
		tr := model.Tree{Feat: []int{i % width, -1, -1}, Thr: []float64{0.5, 0, 0}, Left: []int{1, -1, -1}, Right: []int{2, -1, -1}, Val: []float64{0, 0.3, -0.3}}
		m.Dims[d] = model.Ensemble{Linear: lin, Trees: model.Trees{Base: 2.5, Rate: 0.1, Trees: []model.Tree{tr}}, TreeWeight: 0.5, Scale: 1}
	}
	return m
}

func encodeJSON(f *testing.F, m *compare.Model) []byte {
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		f.Fatal(err)
	}
	var js bytes.Buffer
	js.ReadFrom(zr)
	return js.Bytes()
}

// FuzzDecodeModel feeds the model loader arbitrary model files, seeded
// with the shipped model file (gzip, 360 KB: each run on it costs about a
// second, so FuzzDecodeModelJSON does the fast mutating) and a small
// valid one. See checkModelFile for what must hold.
func FuzzDecodeModel(f *testing.F) {
	shipped, err := compare.DefaultModel()
	if err != nil {
		f.Fatal(err)
	}
	var gzipped bytes.Buffer
	shipped.Encode(&gzipped)
	f.Add(gzipped.Bytes())
	var small bytes.Buffer
	smallModel().Encode(&small)
	f.Add(small.Bytes())
	f.Fuzz(checkModelFile)
}

// FuzzDecodeModelJSON feeds the model loader arbitrary JSON, compressed
// as a model file is, so that the fuzzer reaches the decoding and the
// validation; seeded with a small valid model and broken variants of it.
func FuzzDecodeModelJSON(f *testing.F) {
	small := encodeJSON(f, smallModel())
	f.Add(small)
	f.Add(bytes.Replace(small, []byte(`"l":[1,-1,-1]`), []byte(`"l":[0,-1,-1]`), 1))
	f.Add(bytes.Replace(small, []byte(`"l":[1,-1,-1]`), []byte(`"l":[7,-1,-1]`), 1))
	f.Add([]byte(`{"version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		checkModelFile(t, buf.Bytes())
	})
}

// checkModelFile decodes data as a model file. Whatever the input,
// DecodeModel must return an error or a model whose every tree walk ends
// at a leaf within as many steps as the tree has nodes, whose scores are
// on the 1–4 scale, and which encodes and decodes to itself; never panic
// or loop.
func checkModelFile(t *testing.T, data []byte) {
	m, err := compare.DecodeModel(bytes.NewReader(data))
	if err != nil {
		if m != nil {
			t.Fatal("a model and an error")
		}
		return
	}
	width := len(compare.FeatureNames) + len(m.Langs)*(1+m.Interacted)
	inputs := [][]float64{make([]float64, width), make([]float64, width), make([]float64, width)}
	for j := 0; j < width; j++ {
		inputs[1][j], inputs[2][j] = 1, -1e300*float64(j%2)
	}
	for d, e := range m.Dims {
		for k, tr := range e.Trees.Trees {
			for _, x := range inputs {
				i := 0
				for steps := 0; tr.Feat[i] >= 0; steps++ {
					if steps >= len(tr.Feat) || tr.Feat[i] >= len(x) {
						t.Fatalf("%s tree %d: a walk does not end at a leaf", d, k)
					}
					if x[tr.Feat[i]] < tr.Thr[i] {
						i = tr.Left[i]
					} else {
						i = tr.Right[i]
					}
				}
			}
		}
	}
	langs := append([]string{"", "xx"}, m.Langs...)
	for _, x := range inputs {
		for _, l := range langs {
			for _, v := range m.Predict(x[:len(compare.FeatureNames)], l).Values() {
				if !(v >= 1 && v <= 4) || math.IsNaN(v) {
					t.Fatalf("score %v off the scale", v)
				}
			}
		}
	}
	if len(data) > 64<<10 {
		return // the round trip below costs seconds on the shipped model
	}
	var again bytes.Buffer
	if err := m.Encode(&again); err != nil {
		t.Fatal(err)
	}
	m2, err := compare.DecodeModel(&again)
	if err != nil {
		t.Fatalf("re-encoded model refused: %v", err)
	}
	a, _ := json.Marshal(m)
	b, _ := json.Marshal(m2)
	if !bytes.Equal(a, b) {
		t.Fatal("model changed by encoding")
	}
}

package compare_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/compare"
	"github.com/newsim/newsim/model"
)

// mutated returns the shipped model changed by mutate, encoded.
func mutated(t *testing.T, mutate func(m *compare.Model)) []byte {
	t.Helper()
	m, err := compare.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	mutate(m)
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// firstTree returns a pointer to tree k of dimension d's ensemble; the
// Model's map holds values, so the tree slices are shared and may be
// changed in place.
func firstTree(m *compare.Model, d string, k int) *model.Tree {
	return &m.Dims[d].Trees.Trees[k]
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestLoadModelRefusesMalformed writes damaged variants of the shipped
// model to files and checks that LoadModel refuses each with an error
// naming the file and the problem. Before validation at load, the tree
// cases panicked in Trees.Compile or Predict, or looped in Predict.
func TestLoadModelRefusesMalformed(t *testing.T) {
	width := func(m *compare.Model) int { return len(m.Dims["overall"].Linear.Coef) }
	for _, tc := range []struct {
		name string
		file func(t *testing.T) []byte
		want string
	}{
		{"child index out of range", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { firstTree(m, "overall", 0).Left[0] = 99 })
		}, "dimension overall: tree 0: node 0: left child 99 out of range"},
		{"negative child index", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { firstTree(m, "tone", 3).Right[0] = -5 })
		}, "dimension tone: tree 3: node 0: right child -5 out of range"},
		{"node that is its own child", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { firstTree(m, "time", 1).Left[1] = 1 })
		}, "dimension time: tree 1: node 1: left child 1 is reached twice"},
		{"child pointing at the root", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { firstTree(m, "style", 0).Right[2] = 0 })
		}, "right child 0 is reached twice"},
		{"split on an input the design lacks", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { firstTree(m, "overall", 0).Feat[0] = width(m) })
		}, "node 0 splits on input 42, and the model has 42 inputs"},
		{"arrays of different lengths", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { tr := firstTree(m, "overall", 5); tr.Thr = tr.Thr[:3] })
		}, "tree 5: 15 features, 3 thresholds"},
		{"tree without nodes", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { *firstTree(m, "geography", 7) = model.Tree{} })
		}, "tree 7: no nodes"},
		{"means of another design", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) {
				e := m.Dims["entities"]
				e.Linear.Mean = e.Linear.Mean[:10]
				m.Dims["entities"] = e
			})
		}, "42 coefficients, 10 means and 42 scales"},
		{"zero scale", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { m.Dims["narrative"].Linear.Scale[4] = 0 })
		}, "input 4: scale 0"},
		{"tree weight above one", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { e := m.Dims["tone"]; e.TreeWeight = 2; m.Dims["tone"] = e })
		}, "tree weight 2"},
		{"negative calibration scale", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { e := m.Dims["tone"]; e.Scale = -1; m.Dims["tone"] = e })
		}, "calibration: scale -1"},
		{"unknown dimension", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { m.Dims["mood"] = m.Dims["tone"] })
		}, `unknown dimension "mood"`},
		{"renamed feature", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { m.Features[2] = "lede_cosine" })
		}, `feature 2 is "lede_cosine"`},
		{"repeated language", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { m.Langs[1] = m.Langs[0] })
		}, "empty or repeated name"},
		{"term in more documents than its language has", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) {
				m.Stats.DF["ar"] = map[string]int{"x": m.Stats.Docs["ar"] + 1}
			})
		}, `statistics: language "ar": term "x" in 371 documents of 370`},
		{"statistics without document count", func(t *testing.T) []byte {
			return mutated(t, func(m *compare.Model) { m.Stats.DF["zz"] = map[string]int{"x": 1} })
		}, `language "zz" has document frequencies but no document count`},
		{"truncated file", func(t *testing.T) []byte {
			b := mutated(t, func(*compare.Model) {})
			return b[:len(b)/2]
		}, "compressed data: unexpected EOF (the file is cut short or damaged)"},
		{"extra data after the model", func(t *testing.T) []byte {
			m, _ := compare.DefaultModel()
			var js bytes.Buffer
			m.Encode(&js)
			zr, _ := gzip.NewReader(&js)
			var raw bytes.Buffer
			raw.ReadFrom(zr)
			raw.WriteString(`{"version": 1}`)
			return gz(raw.Bytes())
		}, "extra data after the model"},
		{"not JSON", func(t *testing.T) []byte { return gz([]byte("version=1\n")) }, "invalid character"},
		{"not gzip", func(t *testing.T) []byte { return []byte("{\"version\": 1}") }, "not a gzip-compressed model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.json.gz")
			if err := os.WriteFile(path, tc.file(t), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := compare.LoadModel(path)
			if err == nil {
				t.Fatalf("loaded (Langs %v); want an error mentioning %q", m.Langs, tc.want)
			}
			if !strings.HasPrefix(err.Error(), path+": model: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q: model: … %q", err, path, tc.want)
			}
		})
	}
}

// TestLoadModelMissingFile checks the message for a path that is not there.
func TestLoadModelMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.json.gz")
	_, err := compare.LoadModel(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("error %v, want one naming %s as missing", err, path)
	}
}

// TestShippedModelValid checks the embedded model passes validation as
// written to a file and read back, and predicts on the 1–4 scale.
func TestShippedModelValid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.json.gz")
	os.WriteFile(path, mutated(t, func(*compare.Model) {}), 0o644)
	m, err := compare.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	f := make([]float64, len(compare.FeatureNames))
	for _, lang := range append([]string{"xx"}, m.Langs...) {
		for _, v := range m.Predict(f, lang).Values() {
			if v < 1 || v > 4 {
				t.Errorf("%s: score %v off the scale", lang, v)
			}
		}
	}
}

// TestLoadModelJSONErrorsInOwnWords checks that a model file whose JSON
// has a value of the wrong type is refused with the field's JSON path and
// the kind wanted, not Go's type names.
func TestLoadModelJSONErrorsInOwnWords(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"version": "1"}`, `model: field "version" must be an integer, not string`},
		{`{"version": 1, "dims": {"overall": {"trees": {"trees": [{"f": ["x"]}]}}}}`, `model: field "dims.trees.trees.f" must be an integer, not string`},
		{`{"version": 1.5}`, `model: field "version" must be an integer, not number 1.5`},
		{`{"version": 1,`, `model: invalid JSON: truncated`},
		{`{"version": 1 x}`, `model: invalid JSON: invalid character 'x' after object key:value pair at byte 15`},
		{`[]`, `model: want a JSON object, not array`},
	} {
		_, err := compare.DecodeModel(bytes.NewReader(gz([]byte(tc.json))))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "Go struct") {
			t.Errorf("%s: error %v, want %q", tc.json, err, tc.want)
		}
	}
}

package compare_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis/entity"
	"github.com/newsim/newsim/compare"
)

// TestModelMismatchRefused checks that a model whose shape does not fit
// this build's features is refused with an error, never used (which would
// index out of range).
func TestModelMismatchRefused(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(m *compare.Model)
		want   string
	}{
		{"fewer coefficients", func(m *compare.Model) {
			e := m.Dims["overall"]
			e.Linear.Coef = e.Linear.Coef[:3]
			m.Dims["overall"] = e
		}, "coefficients"},
		{"other feature count", func(m *compare.Model) { m.Features = m.Features[:5] }, "features"},
		{"newer version", func(m *compare.Model) { m.Version++ }, "version"},
		{"missing dimension", func(m *compare.Model) { delete(m.Dims, "tone") }, "tone"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := compare.DefaultModel()
			if err != nil {
				t.Fatal(err)
			}
			tc.mutate(m)
			var buf bytes.Buffer
			if err := m.Encode(&buf); err != nil {
				t.Fatal(err)
			}
			if _, err := compare.DecodeModel(&buf); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("DecodeModel error %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	if _, err := compare.DecodeModel(strings.NewReader("not gzip")); err == nil {
		t.Error("garbage: want error")
	}
}

// TestEmbeddedModelDataIsCurrent: the embedded model was learned with the
// data this build analyses with (the embedded GeoNames city names), so
// every machine gives the shipped model the features it was learned on.
func TestEmbeddedModelDataIsCurrent(t *testing.T) {
	m, err := compare.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Data["geonames"] != entity.GazetteerFingerprint() {
		t.Errorf("model.json.gz records GeoNames data %q, the embedded gazetteer is %q: retrain (go run ./cmd/newsim train --pairs ../shared/data/semeval2022_dev.jsonl)", m.Data["geonames"], entity.GazetteerFingerprint())
	}
	if err := m.CheckData(); err != nil {
		t.Error(err)
	}
}

// TestCheckDataNamesTheDifference: a model learned with other data, or one
// that records none (written before fingerprints), is reported with the
// data set named.
func TestCheckDataNamesTheDifference(t *testing.T) {
	for name, data := range map[string]map[string]string{
		"other gazetteer":  {"geonames": "sha256:0000"},
		"nothing recorded": nil,
	} {
		m, err := compare.DefaultModel()
		if err != nil {
			t.Fatal(err)
		}
		m.Data = data
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := compare.DecodeModel(&buf)
		if err != nil {
			t.Fatalf("%s: a model with other data must still load: %v", name, err)
		}
		if err := back.CheckData(); err == nil || !strings.Contains(err.Error(), "geonames") || !strings.Contains(err.Error(), "retrain") {
			t.Errorf("%s: CheckData = %v, want an error naming geonames and the remedy", name, err)
		}
	}
}

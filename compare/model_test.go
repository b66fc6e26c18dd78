package compare_test

import (
	"bytes"
	"strings"
	"testing"

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

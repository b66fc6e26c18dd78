package analysis

import (
	"errors"
	"testing"

	"github.com/newsim/newsim/analysis/lang"
	"github.com/newsim/newsim/article"
)

// FuzzAnalyze checks that any text gives a Doc or a known error, never a
// panic, and that sentence offsets are valid.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"وأكد بلينكن لغانتس \"أهمية تعزيز السلام\". هل انتهى؟",
		"The U.S. Senate voted 52-48 on Tuesday. “We won,” he said.",
		"中国外交部发言人周二表示。", "12 34", "", "\xff", "«»\"\"„“", "٣٫٥ ١٬٠٠٠ 1.000,5",
	} {
		f.Add("", s)
		f.Add("en", s)
	}
	an := New()
	f.Fuzz(func(t *testing.T, code, text string) {
		d, err := an.Analyze(article.Article{Title: "t", Text: text, Lang: code})
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrInvalidUTF8) && !errors.Is(err, lang.ErrUnknown) &&
				!errors.Is(err, lang.ErrMixed) && !errors.Is(err, lang.ErrUnsupported) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, s := range d.Sentences {
			if s.Start < 0 || s.End > len(text) || s.End <= s.Start {
				t.Fatalf("bad sentence %+v", s)
			}
		}
		Quotes(text)
	})
}

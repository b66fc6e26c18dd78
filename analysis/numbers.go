package analysis

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/token"
)

// This file makes Doc.Numbers: the numerals of the body as
// language-independent values, so that "1,000" (en), "1 000" (fr),
// "1.000" (de, es) and "١٠٠٠" (ar) meet, and so do "3.5 million",
// "3,5 millions", "3,5 Millionen", "3,5 млн" and "٣٫٥ مليون" (3500000).

// scaleWords are the words (folded by normalize.Fold) that multiply the
// number before them, in the supported languages.
var scaleWords = func() map[string]float64 {
	m := map[string]float64{}
	add := func(v float64, lang string, ws ...string) {
		for _, w := range ws {
			m[normalize.Fold(lang, w)] = v
		}
	}
	add(1e3, "en", "thousand", "thousands", "mille", "mila", "mil", "tausend", "tysiąc", "tysiące", "tysięcy", "bin")
	add(1e3, "ru", "тысяча", "тысячи", "тысяч", "тыс")
	add(1e3, "ar", "ألف", "آلاف", "ألفا", "الف")
	add(1e6, "en", "million", "millions", "mn", "millón", "millones", "milione", "milioni", "millionen", "milion",
		"miliony", "milionów", "milyon")
	add(1e6, "ru", "миллион", "миллиона", "миллионов", "млн")
	add(1e6, "ar", "مليون", "ملايين", "مليونا")
	add(1e9, "en", "billion", "billions", "bn", "milliard", "milliards", "milliarde", "milliarden", "miliardo",
		"miliardi", "miliard", "miliardy", "miliardów", "milyar")
	add(1e9, "ru", "миллиард", "миллиарда", "миллиардов", "млрд")
	add(1e9, "ar", "مليار", "مليارات", "مليارا")
	return m
}()

// scaleLang limits the scale words that are other words elsewhere to
// their languages (English "bin", "mil").
var scaleLang = map[string]string{"mil": "es pt", "bin": "tr"}

// arProclitics are the one-letter Arabic conjunctions and prepositions
// written on a number (و٣ ملايين, ب20 مليونا).
const arProclitics = "وفبلك"

// numbers returns the canonical numbers of toks (the body's tokens) in
// order: each numeral by canonicalNumber; a numeral followed by groups of
// exactly three digits after a single space (1 000 000, French and
// Russian grouping) is one number; an Arabic proclitic on a numeral is
// dropped (و٣٫٥ → 3.5); an Arabic cardinal in words is its value
// (ثلاثة عشر → 13, see numbers_ar.go); a numeral followed by a scale word (thousand,
// million, billion in any supported language; Spanish "mil millones" is
// a billion) is multiplied by it. Cost: one pass over the tokens.
func numbers(code, text string, toks []token.Token) []string {
	var out []string
	var buf []byte
	for i := 0; i < len(toks); i++ {
		var n string
		if toks[i].Kind == token.Number {
			n, i = numeral(buf, code, text, toks, i)
		} else if n, i = arWordNumber(buf, toks, i); n == "" {
			n, i = numeral(buf, code, text, toks, i)
		}
		if n == "" {
			continue
		}
		if i+1 < len(toks) && toks[i+1].Kind != token.Number {
			w := normalize.Fold(code, strings.TrimSuffix(toks[i+1].Text, "."))
			if scale, ok := scaleWords[w]; ok && (scaleLang[w] == "" || strings.Contains(scaleLang[w], code)) {
				if scale == 1e3 && w == "mil" && i+2 < len(toks) && scaleWords[normalize.Fold(code, toks[i+2].Text)] == 1e6 {
					scale, i = 1e9, i+1 // mil millones
				}
				if v, err := strconv.ParseFloat(n, 64); err == nil {
					n = strconv.FormatFloat(v*scale, 'f', -1, 64)
					i++
				}
			}
		}
		out = append(out, n)
	}
	return out
}

// numeral returns the canonical numeral written in digits at toks[i] (a
// Number token, or an Arabic proclitic on digits), joining three-digit
// groups after single spaces, and the index of its last token; "" when
// there is none.
func numeral(buf []byte, code, text string, toks []token.Token, i int) (string, int) {
	t := toks[i]
	s := t.Text
	if t.Kind != token.Number {
		if s = stripProclitic(s); s == "" {
			return "", i
		}
	}
	buf = normalize.AppendFold(buf[:0], code, s)
	// 1 000 000: three-digit groups after one space.
	for i+1 < len(toks) && toks[i+1].Kind == token.Number && len(toks[i+1].Text) == 3 && isDigits(toks[i+1].Text) &&
		singleSpace(text[t.End:toks[i+1].Start]) && !strings.ContainsAny(string(buf), ".,") {
		i++
		t = toks[i]
		buf = append(buf, t.Text...)
	}
	return canonicalNumber(buf, code), i
}

// stripProclitic returns the numeral of an Arabic word made of one
// proclitic letter and digits (و٣٫٥ → ٣٫٥), or "".
func stripProclitic(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) || !strings.ContainsRune(arProclitics, r) {
		return ""
	}
	rest := w[n:]
	d, _ := utf8.DecodeRuneInString(rest)
	if !(d >= '0' && d <= '9' || d >= '٠' && d <= '٩' || d >= '۰' && d <= '۹') {
		return ""
	}
	for _, c := range rest {
		if !(c >= '0' && c <= '9' || c >= '٠' && c <= '٩' || c >= '۰' && c <= '۹' || c == '٫' || c == '٬' || c == '.' || c == ',') {
			return ""
		}
	}
	return rest
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// singleSpace reports whether s is one space character (space, no-break
// space, narrow no-break space or thin space: the French and Russian
// thousands separators).
func singleSpace(s string) bool {
	return s == " " || s == "\u00a0" || s == "\u202f" || s == "\u2009"
}

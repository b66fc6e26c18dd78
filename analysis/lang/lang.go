// Package lang identifies the language of a news text among the languages
// newsim supports.
//
// Detection works in two steps:
//
//  1. Scripts. The letters of the text are counted by script (Latin,
//     Arabic, Cyrillic, Han, kana, Hangul, other). A Han character counts
//     as 3 letters (one Han character carries about as much as a short
//     Latin syllable group). Kana in 5% or more of the weighted letters
//     mean Japanese (ErrUnsupported). If no script holds at least MinShare (70%) of
//     the weighted letters, the text is mixed (ErrMixed). A text with
//     fewer than MinLetters (3) letters is ErrUnknown; a dominant script
//     newsim has no language for (Greek, Hebrew, kana, Hangul, Devanagari…)
//     is ErrUnsupported.
//  2. Language within the script. Latin: first a vote of function words
//     (vote.go: about 25 frequent words per language, each belonging to
//     one language only); when at least VoteMin words vote and the
//     winner has at least VoteRatio times the votes of the runner-up,
//     the winner is the language. Otherwise, and for the Arabic-script
//     choice below, github.com/abadojack/whatlanggo decides on the first
//     1,000 bytes, restricted to the supported languages of the script,
//     so a short news text cannot come out as a language newsim does not
//     analyse: Latin → en de es fr it pl tr. (whatlanggo costs about
//     0.2 ms per 1,000 bytes, the vote about 10 µs per 4,000 bytes; the
//     vote agrees with the labels of all but one of the 2,518 dev
//     articles.) Cyrillic → ru; Han → zh; Arabic
//     script → ar, unless the text has letters only Persian or Urdu use
//     (پ چ ژ گ ی ک for fa; ٹ ڈ ڑ ں ے ھ for ur) in at least 2% of its
//     Arabic letters, in which case whatlanggo chooses among ar, fa, ur.
//
// Only the first SampleBytes of the text are read: enough for a reliable
// answer on news text and a bounded cost per article.
package lang

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Supported lists the ISO 639-1 codes newsim analyses.
var Supported = []string{"ar", "de", "en", "es", "fa", "fr", "it", "pl", "ru", "tr", "ur", "zh"}

// IsSupported reports whether code (ISO 639-1, lower case) is supported.
func IsSupported(code string) bool {
	for _, c := range Supported {
		if c == code {
			return true
		}
	}
	return false
}

// Canonical returns the ISO 639-1 code for a language tag given by a
// user or a data file: lower case, region dropped ("ar-SA", "ar_EG" →
// "ar"), ISO 639-2/3 codes mapped ("ara", "arb" → "ar", "deu", "ger" →
// "de", "zho", "chi", "cmn" → "zh", "fas", "per", "pes" → "fa"…). Other
// tags come back lower-cased, region dropped, for IsSupported to judge.
func Canonical(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(t, "-_"); i >= 0 {
		t = t[:i]
	}
	switch t {
	case "ara", "arb":
		return "ar"
	case "deu", "ger":
		return "de"
	case "eng":
		return "en"
	case "spa":
		return "es"
	case "fas", "per", "pes":
		return "fa"
	case "fra", "fre":
		return "fr"
	case "ita":
		return "it"
	case "pol":
		return "pl"
	case "rus":
		return "ru"
	case "tur":
		return "tr"
	case "urd":
		return "ur"
	case "zho", "chi", "cmn":
		return "zh"
	}
	return t
}

// Thresholds of Detect.
const (
	// MinLetters is the fewest letters a text needs to be identified.
	MinLetters = 3
	// MinShare is the share of weighted letters the main script needs;
	// below it the text is mixed.
	MinShare = 0.70
	// SampleBytes is how much of the text Detect reads.
	SampleBytes = 4096
	// whatlangBytes is how much of the text whatlanggo reads.
	whatlangBytes = 1000
)

// The errors of Detect; test with errors.Is.
var (
	// ErrUnknown: too few letters to tell the language.
	ErrUnknown = errors.New("language could not be identified")
	// ErrMixed: two or more scripts in large proportions.
	ErrMixed = errors.New("text mixes languages")
	// ErrUnsupported: the language is not one newsim analyses.
	ErrUnsupported = errors.New("language not supported")
)

// Detection is the result of Detect.
type Detection struct {
	// Lang is the ISO 639-1 code.
	Lang string
	// Confidence is whatlanggo's confidence in [0, 1] (1 when the script
	// decides, as for ru and zh).
	Confidence float64
	// Script names the main script ("Latin", "Arabic", …) and Share is
	// its share of the weighted letters.
	Script string
	Share  float64
}

type script int

const (
	scLatin script = iota
	scArabic
	scCyrillic
	scHan
	scKana
	scHangul
	scGreek
	scHebrew
	scOther
	nScripts
)

var scriptNames = [nScripts]string{"Latin", "Arabic", "Cyrillic", "Han", "Kana", "Hangul", "Greek", "Hebrew", "other"}

var (
	latinOpts = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
		whatlanggo.Eng: true, whatlanggo.Deu: true, whatlanggo.Spa: true, whatlanggo.Fra: true,
		whatlanggo.Ita: true, whatlanggo.Pol: true, whatlanggo.Tur: true,
	}}
	arabicOpts = whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{
		whatlanggo.Arb: true, whatlanggo.Pes: true, whatlanggo.Urd: true,
	}}
)

// Detect returns the ISO 639-1 code of the language of text and the
// detector's confidence in [0, 1]; see Identify.
func Detect(text string) (string, float64, error) {
	d, err := Identify(text)
	if err != nil {
		return "", d.Confidence, err
	}
	return d.Lang, d.Confidence, nil
}

// Identify returns the language of text (see the package comment for the
// rules), or an error wrapping ErrUnknown, ErrMixed or ErrUnsupported that
// says what was found.
func Identify(text string) (Detection, error) {
	if len(text) > SampleBytes {
		text = cut(text, SampleBytes)
	}
	var count [nScripts]int
	persian, urdu := 0, 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
				count[scLatin]++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
			if isArabicLetter(r) {
				count[scArabic]++
				switch r {
				case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک':
					persian++
				case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ھ':
					urdu++
				}
			}
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			count[scLatin]++
		case unicode.Is(unicode.Cyrillic, r):
			count[scCyrillic]++
		case unicode.Is(unicode.Han, r):
			count[scHan] += 3
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			count[scKana] += 2
		case unicode.Is(unicode.Hangul, r):
			count[scHangul] += 2
		case unicode.Is(unicode.Greek, r):
			count[scGreek]++
		case unicode.Is(unicode.Hebrew, r):
			count[scHebrew]++
		default:
			count[scOther]++
		}
	}
	total := 0
	best, second := scLatin, script(-1)
	for s := script(0); s < nScripts; s++ {
		total += count[s]
		if count[s] > count[best] {
			best = s
		}
	}
	for s := script(0); s < nScripts; s++ {
		if s != best && (second < 0 || count[s] > count[second]) {
			second = s
		}
	}
	if total < MinLetters {
		return Detection{}, fmt.Errorf("%w: only %d letters", ErrUnknown, total)
	}
	d := Detection{Script: scriptNames[best], Share: float64(count[best]) / float64(total)}
	if 20*count[scKana] >= total {
		return d, fmt.Errorf("%w: Japanese (kana are %.0f%% of the letters)", ErrUnsupported, 100*float64(count[scKana])/float64(total))
	}
	if d.Share < MinShare {
		return d, fmt.Errorf("%w: %s %.0f%% and %s %.0f%% of the letters", ErrMixed,
			scriptNames[best], 100*d.Share, scriptNames[second], 100*float64(count[second])/float64(total))
	}
	switch best {
	case scLatin:
		if l, conf, ok := voteLatin(text); ok {
			d.Lang, d.Confidence = l, conf
			break
		}
		t := text
		if len(t) > whatlangBytes {
			t = cut(t, whatlangBytes)
		}
		info := whatlanggo.DetectWithOptions(t, latinOpts)
		d.Lang, d.Confidence = code(info.Lang), info.Confidence
	case scCyrillic:
		d.Lang, d.Confidence = "ru", 1
	case scHan:
		d.Lang, d.Confidence = "zh", 1
	case scArabic:
		if 50*(persian+urdu) < count[scArabic] {
			d.Lang, d.Confidence = "ar", 1
			break
		}
		info := whatlanggo.DetectWithOptions(cut(text, whatlangBytes), arabicOpts)
		d.Lang, d.Confidence = code(info.Lang), info.Confidence
	default:
		return d, fmt.Errorf("%w: the text is in %s script", ErrUnsupported, scriptNames[best])
	}
	if !IsSupported(d.Lang) {
		return d, fmt.Errorf("%w: %q", ErrUnsupported, d.Lang)
	}
	return d, nil
}

// code returns the ISO 639-1 code of a whatlanggo language.
func code(l whatlanggo.Lang) string {
	if l == whatlanggo.Pes {
		return "fa" // whatlanggo has no 639-1 code for Western Persian
	}
	return whatlanggo.LangToStringShort(l)
}

// cut returns the longest prefix of s of at most n bytes that does not
// split a rune.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isArabicLetter reports whether r, in the Arabic blocks, is a letter.
func isArabicLetter(r rune) bool {
	switch {
	case r >= 0x0620 && r <= 0x064A, r >= 0x066E && r <= 0x06D3, r == 0x06D5,
		r == 0x06EE, r == 0x06EF, r >= 0x06FA && r <= 0x06FC, r == 0x06FF, r >= 0x0750 && r <= 0x077F:
		return true
	case r < 0xFB50:
		return false
	}
	return unicode.IsLetter(r)
}

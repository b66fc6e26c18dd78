// Package framing finds the words and phrases by which an outlet frames a
// story: loaded words ("aggression", "occupation", "regime", العدوان,
// الاحتلال) with the word that follows them, and scare quotes (a name or a
// term set in quotation marks, as in "إسرائيل"). The compare stage
// contrasts the phrases of two articles.
package framing

import (
	"strings"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/token"
)

// Phrase is one framing phrase of a text. Key is its folded form
// (normalize.Fold), equal for the same phrase in two articles; Text is the
// phrase as written; Start is the byte offset of Text in the text searched
// (−1 for a scare quote, which is given without its position).
type Phrase struct {
	Key   string `json:"key"`
	Text  string `json:"text"`
	Start int    `json:"start"`
}

// loaded holds, per language, words that carry a stance: an outlet's
// choice of one of them where another outlet writes a neutral word (or
// nothing) is a difference of framing. Entries are in normalize.Fold form;
// a text word matches an entry it starts with (so inflected and
// suffixed forms match), after Arabic clitics are removed.
var loaded = map[string][]string{
	"ar": {"عدوان", "العدوان", "عدواني", "الاحتلال", "احتلال", "المقاومه", "مقاومه", "الارهاب", "ارهاب", "ارهابي",
		"شهيد", "شهداء", "الشهداء", "استشهاد", "الكيان", "الصهيوني", "صهيوني", "مجزره", "مجازر", "جرائم", "جريمه",
		"المزعوم", "الغاشم", "الاجرام", "العصابات", "ميليشيا", "مليشيا", "الانقلاب", "المتطرف", "متطرف", "التطبيع", "المستوطن", "مستوطن"},
	"en": {"regime", "terror", "militant", "occupation", "occupied", "aggression", "massacre", "martyr", "so-called", "alleged",
		"illegal", "extremist", "thug", "invasion", "brutal", "slaughter", "propaganda", "radical", "crackdown", "puppet", "scandal"},
	"de": {"regime", "terror", "militant", "besatzung", "aggression", "massaker", "märtyrer", "sogenannt", "angeblich", "illegal",
		"extremist", "invasion", "brutal", "propaganda", "radikal", "skandal", "hetze"},
	"es": {"régimen", "regimen", "terror", "milician", "ocupación", "ocupacion", "agresión", "agresion", "masacre", "mártir",
		"supuest", "presunt", "ilegal", "extremista", "invasión", "invasion", "brutal", "propaganda", "radical", "escándalo", "golpista"},
	"fr": {"régime", "terror", "milicien", "occupation", "agression", "massacre", "martyr", "soi-disant", "prétendu", "présumé",
		"illégal", "extrémiste", "invasion", "brutal", "propagande", "radical", "scandale"},
	"it": {"regime", "terror", "miliziano", "occupazione", "aggressione", "massacro", "martire", "cosiddett", "presunt", "illegale",
		"estremista", "invasione", "brutale", "propaganda", "radicale", "scandalo"},
	"tr": {"rejim", "terör", "teror", "işgal", "isgal", "saldırgan", "katliam", "şehit", "sehit", "sözde", "sozde", "iddia",
		"yasadışı", "aşırı", "darbe", "vahşi", "propaganda", "skandal", "provokasyon"},
	"pl": {"reżim", "terror", "okupac", "agresj", "masakr", "męczenn", "tak zwan", "rzekom", "nielegaln", "ekstremist", "inwazj", "brutaln", "propagand", "skandal"},
	"ru": {"режим", "террор", "боевик", "оккупац", "агресс", "резня", "мученик", "так называем", "якобы", "незаконн", "экстремист", "вторжени", "жесток", "пропаганд", "скандал"},
}

// arabicClitics are the prefixes removed before matching an Arabic word
// against the loaded list: conjunctions, prepositions and the article.
var arabicClitics = []string{"وال", "فال", "بال", "كال", "لل", "و", "ف", "ب", "ل", "ك"}

// MaxScareQuote is the most words a quoted passage may have to count as a
// scare quote (a name or term set in quotation marks, e.g. "إسرائيل").
const MaxScareQuote = 3

// Find returns the framing phrases of text in language lang (ISO 639-1),
// each key once, in order of first occurrence: each loaded word with the
// word after it, then each short quoted passage of quotes (at most
// MaxScareQuote words), set in “…”. Cost: one pass over the words of text,
// folding only words that can start a loaded word.
func Find(lang, text string, quotes []string) []Phrase {
	var toks []token.Token
	if len(loaded[lang]) > 0 {
		toks = token.Words(text)
	}
	return FindIn(lang, text, toks, quotes)
}

// FindIn is Find for a caller that has the words of text already (toks:
// token.Words(text), offsets into text), so that text is not segmented
// twice; analysis passes the words of title and body.
func FindIn(lang, text string, toks []token.Token, quotes []string) []Phrase {
	var out []Phrase
	seen := map[string]bool{}
	if words := loaded[lang]; len(words) > 0 {
		for i, t := range toks {
			f := normalize.Fold(lang, t.Text)
			if !isLoaded(lang, f, words) {
				continue
			}
			end, key := t.End, f
			if i+1 < len(toks) && onlySpace(text[t.End:toks[i+1].Start]) {
				end = toks[i+1].End
				key += " " + normalize.Fold(lang, toks[i+1].Text)
			}
			if !seen[key] {
				seen[key] = true
				out = append(out, Phrase{Key: key, Text: text[t.Start:end], Start: t.Start})
			}
		}
	}
	for _, q := range quotes {
		q = strings.TrimSpace(q)
		if n := len(token.Words(q)); n == 0 || n > MaxScareQuote {
			continue
		}
		key := "“" + normalize.Fold(lang, q) + "”"
		if !seen[key] {
			seen[key] = true
			out = append(out, Phrase{Key: key, Text: "“" + q + "”", Start: -1})
		}
	}
	return out
}

func onlySpace(s string) bool { return strings.TrimSpace(s) == "" && utf8.RuneCountInString(s) <= 2 }

func isLoaded(lang, w string, words []string) bool {
	if isLoadedWord(w, words) {
		return true
	}
	if lang == "ar" {
		for _, c := range arabicClitics {
			if strings.HasPrefix(w, c) && utf8.RuneCountInString(w)-utf8.RuneCountInString(c) >= 3 && isLoadedWord(w[len(c):], words) {
				return true
			}
		}
	}
	return false
}

func isLoadedWord(w string, words []string) bool {
	for _, l := range words {
		if strings.HasPrefix(w, l) {
			return true
		}
	}
	return false
}

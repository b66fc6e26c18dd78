package compare

import (
	"strings"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis"
	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/token"
)

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

// framingPhrases returns the framing phrases of d, keyed by their folded
// form: each loaded word with the word after it (the phrase as written),
// and each short quoted passage.
func framingPhrases(d *analysis.Doc) map[string]string {
	out := map[string]string{}
	words := loaded[d.Lang]
	if len(words) > 0 {
		text := d.Article.Title + "\n" + d.Article.Text
		toks := token.Words(text)
		for i, t := range toks {
			f := normalize.Fold(d.Lang, t.Text)
			if !isLoaded(d.Lang, f, words) {
				continue
			}
			end := t.End
			key := f
			if i+1 < len(toks) && onlySpace(text[t.End:toks[i+1].Start]) {
				end = toks[i+1].End
				key += " " + normalize.Fold(d.Lang, toks[i+1].Text)
			}
			if _, ok := out[key]; !ok {
				out[key] = text[t.Start:end]
			}
		}
	}
	for _, q := range d.Quotes {
		q = strings.TrimSpace(q)
		if n := len(token.Words(q)); n > 0 && n <= MaxScareQuote {
			out["“"+normalize.Fold(d.Lang, q)+"”"] = "“" + q + "”"
		}
	}
	return out
}

func onlySpace(s string) bool { return strings.TrimSpace(s) == "" && utf8.RuneCountInString(s) <= 2 }

func isLoaded(lang, w string, words []string) bool {
	cands := []string{w}
	if lang == "ar" {
		for _, c := range arabicClitics {
			if strings.HasPrefix(w, c) && utf8.RuneCountInString(w)-utf8.RuneCountInString(c) >= 3 {
				cands = append(cands, strings.TrimPrefix(w, c))
			}
		}
	}
	for _, c := range cands {
		for _, l := range words {
			if strings.HasPrefix(c, l) {
				return true
			}
		}
	}
	return false
}

// contrastFraming lists the framing phrases each side has and the other
// lacks, in the order they occur.
func contrastFraming(a, b *analysis.Doc) FramingEvidence {
	fa, fb := framingPhrases(a), framingPhrases(b)
	return FramingEvidence{A: onlyIn(fa, fb, a), B: onlyIn(fb, fa, b)}
}

func onlyIn(x, y map[string]string, d *analysis.Doc) []string {
	var out []string
	for k, v := range x {
		if _, ok := y[k]; !ok {
			out = append(out, v)
		}
	}
	text := d.Article.Title + "\n" + d.Article.Text
	sortByPosition(out, text)
	return out
}

func sortByPosition(xs []string, text string) {
	pos := func(s string) int {
		if i := strings.Index(text, strings.Trim(s, "“”")); i >= 0 {
			return i
		}
		return len(text)
	}
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && (pos(xs[j]) < pos(xs[j-1]) || pos(xs[j]) == pos(xs[j-1]) && xs[j] < xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

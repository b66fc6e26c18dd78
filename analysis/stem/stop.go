package stem

import (
	_ "embed"
	"encoding/json"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"

	"github.com/newsim/newsim/analysis/normalize"
)

// stopwordsISO holds the zh and ur lists of the npm package
// stopwords-iso 1.1.0 (MIT licence, https://github.com/stopwords-iso).
//
//go:embed stopwords-iso.json
var stopwordsISO []byte

// arabicNews are Arabic function words frequent in news that Bleve's list
// lacks (it has 120 words); self-made.
const arabicNews = `
إلى على عن في من مع أن إن لأن كي لكي حول ضد عبر أمام خلف تحت فوق دون لدى لدي منذ حين حينما حتى إذ إذا
هذا هذه ذلك تلك هؤلاء أولئك هنا هناك هنالك الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي
كما كذلك أيضا ايضا أيضاً لقد قد وقد فقد سوف لن لم لا ليس ليست ما ماذا لماذا كيف أين متى هل بل أو أم
ثم حيث بينما عندما أي أيّ كل كلا كلتا بعض غير سوى عدة نحو مثل أكثر أقل جدا فقط إنما إنه أنه إنها أنها
أنهم إنهم وأن وإن بأن لأنه بعد قبل خلال أثناء وسط بين بشأن بحسب وفق وفقا إثر جراء عبر لها له لهم لهن
به بها بهم عليه عليها عليهم منه منها منهم فيه فيها فيهم عنه عنها عنهم إليه إليها إليهم هو هي هم هن نحن
أنا أنت أنتم كان كانت كانوا يكون تكون يكونون أصبح أصبحت ظل ظلت مازال لازال ما زال يزال تزال ليسوا
الى الي علي
`

// stopSet returns the folded stop words of lang (nil for none).
func stopSet(lang string) map[string]bool {
	var lists []string
	switch lang {
	case "ar":
		lists = []string{string(ar.ArabicStopWords), arabicNews}
	case "de":
		lists = []string{string(de.GermanStopWords)}
	case "en":
		lists = []string{string(en.EnglishStopWords)}
	case "es":
		lists = []string{string(es.SpanishStopWords)}
	case "fa":
		lists = []string{string(fa.PersianStopWords)}
	case "fr":
		lists = []string{string(fr.FrenchStopWords)}
	case "it":
		lists = []string{string(it.ItalianStopWords)}
	case "pl":
		lists = []string{string(pl.PolishStopWords)}
	case "ru":
		lists = []string{string(ru.RussianStopWords)}
	case "tr":
		lists = []string{string(tr.TurkishStopWords)}
	case "zh", "ur":
		var iso map[string][]string
		if err := json.Unmarshal(stopwordsISO, &iso); err == nil {
			lists = []string{strings.Join(iso[lang], "\n")}
		}
	default:
		return nil
	}
	m := map[string]bool{}
	for _, l := range lists {
		for _, line := range strings.Split(l, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' || line[0] == '|' {
				continue
			}
			// Snowball lists: "word | comment"; others: one word or
			// several separated by spaces.
			if i := strings.IndexByte(line, '|'); i >= 0 {
				line = line[:i]
			}
			for _, w := range strings.Fields(line) {
				m[normalize.Fold(lang, w)] = true
			}
		}
	}
	return m
}

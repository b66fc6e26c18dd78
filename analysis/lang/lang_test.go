package lang

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestIdentifyRealSentences(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"Arabic", "أعلنت وزارة الخارجية الأميركية، في بيان لها اليوم الخميس، أن وزير الخارجية أنتوني بلينكن بحث مع وزير الأمن الإسرائيلي بيني غانتس في تعزيز الشراكة.", "ar"},
		{"Arabic short title", "واشنطن و\"تل أبيب\" تبحثان في تعزيز الشراكة الأمنية", "ar"},
		{"English", "A suspected drunken driver was arrested in a New Year’s Day highway crash that killed another motorist in West Virginia, police said.", "en"},
		{"English short title", "Virginia man arrested in fatal DUI crash", "en"},
		{"German", "Die Ermittlungen laufen: Die Polizei hat am Mittwoch eine Frauenleiche in einer Wohnung in Rendsburg gefunden, teilte die Staatsanwaltschaft mit.", "de"},
		{"Spanish", "El presidente del Gobierno ha anunciado este martes que las elecciones generales se celebrarán en noviembre, según fuentes oficiales.", "es"},
		{"French", "Le président de la République a annoncé mardi que les élections législatives auront lieu en juin, selon un communiqué de l'Élysée.", "fr"},
		{"Italian", "Il presidente del Consiglio ha annunciato che le elezioni si terranno a giugno, secondo quanto riferito dalle agenzie di stampa.", "it"},
		{"Polish", "Prezydent Andrzej Duda podpisał we wtorek ustawę, która wejdzie w życie po czternastu dniach od ogłoszenia, poinformowała kancelaria.", "pl"},
		{"Russian", "Президент России провёл во вторник совещание с членами правительства, сообщили в пресс-службе Кремля.", "ru"},
		{"Turkish", "Cumhurbaşkanı Erdoğan, Ankara'da düzenlenen törende yaptığı konuşmada yeni ekonomi programının ayrıntılarını açıkladı.", "tr"},
		{"Chinese", "中国外交部发言人周二在例行记者会上表示，中方愿同各方一道推动和平谈判。", "zh"},
		{"Persian", "وزیر امور خارجه ایران روز سه\u200cشنبه در دیدار با همتای چینی خود درباره گسترش همکاری\u200cهای دو کشور گفتگو کرد.", "fa"},
		{"Urdu", "پاکستان کے وزیر اعظم نے منگل کے روز کابینہ کے اجلاس میں نئی اقتصادی پالیسی کا اعلان کیا ہے۔", "ur"},
		{"Arabic with Latin names", "قال الرئيس الأميركي جو بايدن (Joe Biden) في مؤتمر صحافي في واشنطن إن الإدارة ستواصل دعم الحلفاء في المنطقة.", "ar"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Identify(tt.text)
			if err != nil {
				t.Fatalf("Identify: %v", err)
			}
			if d.Lang != tt.want {
				t.Errorf("Identify = %s (%s %.2f, confidence %.2f), want %s", d.Lang, d.Script, d.Share, d.Confidence, tt.want)
			}
		})
	}
}

func TestIdentifyErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       error
	}{
		{"empty", "", ErrUnknown},
		{"digits and punctuation", "12345 — 678, 2021!", ErrUnknown},
		{"two scripts in large proportions", "The minister met his counterpart on Tuesday in the capital. التقى الوزير نظيره يوم الثلاثاء في العاصمة وبحثا العلاقات", ErrMixed},
		{"Latin and Cyrillic halves", "The talks will continue next week in Geneva. Переговоры продолжатся на следующей неделе в Женеве.", ErrMixed},
		{"Greek", "Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο της Δημοκρατίας την Τρίτη.", ErrUnsupported},
		{"Hebrew", "ראש הממשלה נפגש ביום שלישי עם נשיא המדינה בירושלים.", ErrUnsupported},
		{"Japanese", "日本政府は火曜日、新しい経済対策を発表しました。", ErrUnsupported},
		{"Korean", "대통령은 화요일 국무회의에서 새로운 경제 정책을 발표했다.", ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Identify(tt.text)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Identify = %+v, %v; want error %v", d, err, tt.want)
			}
			if err.Error() == tt.want.Error() {
				t.Errorf("error %q does not say what was found", err)
			}
		})
	}
}

// TestVoteIsDecisiveOnNews checks that the function-word vote alone
// decides typical news paragraphs (whatlanggo is the fallback).
func TestVoteIsDecisiveOnNews(t *testing.T) {
	for want, text := range map[string]string{
		"en": "The minister said that the talks with the delegation from the neighbouring country had been productive and that they would continue next week, according to a statement which was published by the ministry.",
		"de": "Der Minister sagte, dass die Gespräche mit der Delegation aus dem Nachbarland produktiv gewesen seien und in der nächsten Woche fortgesetzt werden sollen, wie aus einer Mitteilung des Ministeriums hervorgeht.",
		"es": "El ministro dijo que las conversaciones con la delegación del país vecino fueron productivas y que continuarán la próxima semana, según un comunicado publicado por el ministerio sobre los resultados.",
	} {
		l, conf, ok := voteLatin(text)
		if !ok || l != want {
			t.Errorf("vote on %s text = %q, %.2f, %v", want, l, conf, ok)
		}
	}
	if _, _, ok := voteLatin("Virginia man arrested"); ok {
		t.Error("a three-word title decided the vote")
	}
}

func TestDetectKeepsOldSignature(t *testing.T) {
	code, conf, err := Detect("Le président de la République a annoncé mardi que les élections auront lieu en juin.")
	if err != nil || code != "fr" || conf <= 0 {
		t.Errorf("Detect = %q, %.2f, %v", code, conf, err)
	}
	if _, _, err := Detect(""); !errors.Is(err, ErrUnknown) {
		t.Errorf("Detect(\"\") error = %v", err)
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"ar": "ar", " AR ": "ar", "ar-SA": "ar", "ar_EG": "ar", "ara": "ar", "ger": "de", "zh-Hans": "zh",
		"cmn": "zh", "per": "fa", "pt-BR": "pt", "": "",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSampleCutKeepsRunes(t *testing.T) {
	s := strings.Repeat("ب", SampleBytes) // 2 bytes a letter
	d, err := Identify("x" + s)
	if err != nil || d.Lang != "ar" {
		t.Errorf("Identify(long Arabic) = %+v, %v", d, err)
	}
	if c := cut("аб", 3); c != "а" {
		t.Errorf("cut split a rune: %q", c)
	}
}

func BenchmarkIdentify(b *testing.B) {
	texts := map[string]string{
		"en": strings.Repeat("Keller said a deputy investigating calls about a reckless driver attempted to make a traffic stop, but the suspect’s vehicle sped up and hit a car. ", 15),
		"ar": strings.Repeat("أعلنت وزارة الخارجية الأميركية، في بيان لها اليوم الخميس، أن وزير الخارجية أنتوني بلينكن بحث مع وزير الأمن الإسرائيلي بيني غانتس. ", 15),
	}
	for name, s := range texts {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				Identify(s)
			}
		})
	}
}

func ExampleIdentify() {
	d, err := Identify("أعلنت وزارة الخارجية الأميركية أن الوزير بحث مع نظيره تعزيز الشراكة.")
	fmt.Println(d.Lang, d.Script, err)
	_, err = Identify("The minister met his counterpart on Tuesday. التقى الوزير نظيره يوم الثلاثاء في العاصمة")
	fmt.Println(err)
	// Output:
	// ar Arabic <nil>
	// text mixes languages: Latin 51% and Arabic 49% of the letters
}

package stem

import (
	"strings"
	"unicode/utf8"

	"github.com/newsim/newsim/analysis/normalize"
)

// arabicStemmer is a light stemmer for folded Arabic (hamza seats, ى, ة
// already folded by analysis/normalize). It works on letters, in order:
//
//  1. the conjunction و or ف, when at least 3 letters remain;
//  2. the article in its forms ال, لل (ل + ال), بال, كال, when at least 3
//     letters remain; otherwise one preposition ب, ل or ك when at least 4
//     letters remain;
//  3. suffixes, repeatedly (at most 4), longest first: attached pronouns
//     (ها هم هن كم نا ه ي), the taa marbuta before a pronoun (ته تها تهم
//     تنا), plural and dual endings (ون ين ان ات وا), the nisba (يه, ي),
//     the feminine verb ending ت and the tanween alef ا. A suffix is
//     removed only when at least 3 letters remain, 4 for ان and ين (so
//     لبنان, إيران, يمين keep theirs).
//
// Before stripping a prefix letter, the stemmer checks the protected
// words: frequent news words and names whose first letter is a radical
// that looks like a clitic (وزير, وقت, فلسطين, بيان, لبنان, كندا…). A word
// that is a protected word followed only by suffix letters keeps its
// first letter (وزيرها → وزير, not زير).
//
// The stem is a matching key, not a dictionary form: فلسطين, فلسطيني and
// الفلسطينيين all give فلسط.
type arabicStemmer struct{}

// protected holds folded stems (no suffix) whose first letter is not a
// clitic. Self-made from frequent words of Arabic news.
var protected = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
	وزير وزار وزرا وزاري وضع وقت وصل وصول وطن وطني وقف وقع واقع وجه وجود وفد ورق وكال ولاي ولايات وسط وحد واحد وثيق
	وعد وفا وفاه وفق ولد والد وراء ورد وارد واجه واجب واشنطن وكيل ولي وافق وسيل وسائل وظيف وحش وجب وزن ودي وادي وهم
	فلسطين فرنسا فرنس فريق فكر فكره فتر فتره فرص فرصه فيلم فصل فقط فوز فتح فرض فوق فور فضل فشل فرع فيه فيروس فنزويلا
	فيينا فلان فقر فقير فائد فايد فعل فعال فئه فيه فترات فيسبوك فيتنام فنلندا فلبين فهم فني فن فندق فضاء فضا
	بلد بلاد بيان بين بعد بدء بدا بحث بحر بناء بنا بنك بيت برنامج بريطانيا بريطاني بيروت بغداد بايدن بلينكن باريس برلين
	بكين بوتين بولندا بلجيكا باكستان بنغلاديش بحرين برازيل بوليفيا بيلاروس بلغاريا بورما بنما بارك بروكسل بوش بيلوسي
	بنيت بنيامين بيني برلمان برلماني بطول بطل بطوله بطاق بطال بعث بقاء بقي بقيه بلدي بلديه بند بنود بورص بيع بيئ بيي
	بضع بكر بلغ بلوغ بعيد بعض بدل بديل براءه بري بريد بصر بطء بطيء بالغ باب بئر
	لبنان لبناني ليبيا ليبي لندن لافروف لقاء لقا لجن لحظ لغ لعب لاعب لقب لون لوح لواء لوا لائح لايح لهجه لوم لابيد
	لجوء لجو لاجئ لاجي ليل ليله لحم لازم لمس لقاح لقاحات
	كندا كوريا كورونا كييف كابول كشمير كوبا كولومبيا كتاب كتب كاتب كلم كبير كبار كثير كامل كاف كافه كان كانت كيف
	كرسي كرم كشف كلف كلفه كمي كميه كنيس كنيسه كهرباء كهربا كوكب كوارث كارث كرد كردي كازاخستان كاليفورنيا كينيا كرواتيا
	`) {
		m[normalize.Fold("ar", w)] = true
	}
	return m
}()

// suffixLetters are the letters of the suffixes the stemmer removes.
const suffixLetters = "اتهينوكم"

// isProtected reports whether w is a protected stem followed only by at
// most 4 suffix letters.
func isProtected(w []rune) bool {
	n := len(w)
	if n > 12 {
		return false
	}
	var buf [48]byte
	b := buf[:0]
	for i := 0; i < n; i++ {
		b = utf8.AppendRune(b, w[i])
		if i < 2 || n-i-1 > 4 {
			continue
		}
		if protected[string(b)] && onlySuffixLetters(w[i+1:]) {
			return true
		}
	}
	return false
}

func onlySuffixLetters(rs []rune) bool {
	for _, r := range rs {
		if !strings.ContainsRune(suffixLetters, r) {
			return false
		}
	}
	return true
}

var arSuffixes = [][]rune{
	[]rune("تها"), []rune("تهم"), []rune("تنا"), []rune("هما"),
	[]rune("ها"), []rune("هم"), []rune("هن"), []rune("كم"), []rune("نا"),
	[]rune("ته"), []rune("ون"), []rune("ين"), []rune("ان"), []rune("ات"), []rune("وا"), []rune("يه"),
	[]rune("ه"), []rune("ي"), []rune("ت"), []rune("ا"),
}

func (arabicStemmer) Stem(word string) string {
	var buf [32]rune
	w := buf[:0]
	for _, r := range word {
		w = append(w, r)
	}
	if len(w) < 4 || len(w) > 30 {
		return word
	}
	// 1. Conjunction.
	if (w[0] == 'و' || w[0] == 'ف') && len(w)-1 >= 3 && !isProtected(w) {
		w = w[1:]
	}
	// 2. Article or preposition.
	switch {
	case isProtected(w):
	case hasPrefix(w, "ال") && len(w)-2 >= 3:
		w = w[2:]
	case hasPrefix(w, "لل") && len(w)-2 >= 3:
		w = w[2:]
	case (hasPrefix(w, "بال") || hasPrefix(w, "كال")) && len(w)-3 >= 3:
		w = w[3:]
	case (w[0] == 'ب' || w[0] == 'ل' || w[0] == 'ك') && len(w)-1 >= 4:
		w = w[1:]
	}
	// 3. Suffixes.
	for round := 0; round < 4; round++ {
		stripped := false
		for _, suf := range arSuffixes {
			min := 3
			if len(suf) == 2 && (suf[0] == 'ا' || suf[0] == 'ي') && suf[1] == 'ن' {
				min = 4
			}
			if len(w)-len(suf) >= min && hasSuffixRunes(w, suf) {
				w = w[:len(w)-len(suf)]
				stripped = true
				break
			}
		}
		if !stripped {
			break
		}
	}
	return string(w)
}

func hasPrefix(w []rune, p string) bool {
	i := 0
	for _, r := range p {
		if i >= len(w) || w[i] != r {
			return false
		}
		i++
	}
	return true
}

func hasSuffixRunes(w, s []rune) bool {
	if len(s) > len(w) {
		return false
	}
	off := len(w) - len(s)
	for i, r := range s {
		if w[off+i] != r {
			return false
		}
	}
	return true
}

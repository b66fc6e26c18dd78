package analysis

import (
	"strconv"
	"strings"

	"github.com/newsim/newsim/analysis/normalize"
	"github.com/newsim/newsim/analysis/token"
)

// Arabic numbers written in words (ثلاثة أشهر, خمسة وعشرين, ألف وخمسمائة)
// become numerals so that they meet digits in the other article (3 أشهر).
// An Arabic compound cardinal is additive: its words are joined by و and
// their values add up (خمسة وعشرون = 5 + 20); a unit before عشر/عشرة is
// a teen (ثلاثة عشر = 13). A scale word after the run multiplies it as
// for digits (ثلاثة آلاف = 3000, see numbers). Only the forms without the
// article are numbers: الثلاثاء and الاثنين are weekdays, الثالث is an
// ordinal. واحد and أحد alone ("one", "someone") are not taken as 1; nor
// is ست alone (also "lady"), only ستة.

// arNumberWords maps folded Arabic cardinals (hamza seats → ا, ة → ه) to
// their values.
var arNumberWords = func() map[string]int {
	m := map[string]int{}
	add := func(v int, ws ...string) {
		for _, w := range ws {
			m[normalize.Fold("ar", w)] = v
		}
	}
	add(1, "واحد", "واحدة", "أحد", "إحدى")
	add(2, "اثنان", "اثنين", "اثنتان", "اثنتين")
	add(3, "ثلاث", "ثلاثة")
	add(4, "أربع", "أربعة")
	add(5, "خمس", "خمسة")
	add(6, "ستة")
	add(7, "سبع", "سبعة")
	add(8, "ثماني", "ثمانية", "ثمان")
	add(9, "تسع", "تسعة")
	add(10, "عشر", "عشرة")
	add(20, "عشرون", "عشرين")
	add(30, "ثلاثون", "ثلاثين")
	add(40, "أربعون", "أربعين")
	add(50, "خمسون", "خمسين")
	add(60, "ستون", "ستين")
	add(70, "سبعون", "سبعين")
	add(80, "ثمانون", "ثمانين")
	add(90, "تسعون", "تسعين")
	add(100, "مائة", "مئة")
	add(200, "مائتان", "مائتين", "مئتان", "مئتين")
	for i, u := range []string{"ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"} {
		add((i+3)*100, u+"مائة", u+"مئة")
	}
	add(1000, "ألف")
	add(2000, "ألفان", "ألفين")
	return m
}()

// arNumberWord returns the value of the folded word w as a cardinal, and
// whether it is one; cont allows a leading conjunction و (a later word
// of a compound).
func arNumberWord(w string, cont bool) (int, bool) {
	if v, ok := arNumberWords[w]; ok {
		return v, true
	}
	if cont && strings.HasPrefix(w, "و") {
		v, ok := arNumberWords[strings.TrimPrefix(w, "و")]
		return v, ok
	}
	return 0, false
}

// arWordNumber reads a cardinal written in Arabic words starting at
// toks[i] and returns its canonical numeral and the index of its last
// word, or "" when toks[i] does not start one.
func arWordNumber(buf []byte, toks []token.Token, i int) (string, int) {
	t := toks[i]
	if t.Kind != token.Letter || t.Text == "" || t.Text[0] < 0xd8 || t.Text[0] > 0xdb {
		return "", i // not Arabic script (cheap byte check on the lead byte)
	}
	v, ok := arNumberWord(string(normalize.AppendFold(buf[:0], "ar", t.Text)), true)
	if !ok {
		return "", i
	}
	total, last, words := v, i, 1
	for j := i + 1; j < len(toks) && toks[j].Kind == token.Letter; j++ {
		w := string(normalize.AppendFold(buf[:0], "ar", toks[j].Text))
		if (w == "عشر" || w == "عشره") && v < 10 && words == 1 {
			total, last, words = total+10, j, words+1 // teen: ثلاثة عشر
			continue
		}
		if !strings.HasPrefix(w, "و") {
			break
		}
		v, ok := arNumberWord(w, true)
		if !ok {
			break
		}
		total, last, words = total+v, j, words+1
	}
	if total == 1 && words == 1 {
		return "", i
	}
	return strconv.Itoa(total), last
}

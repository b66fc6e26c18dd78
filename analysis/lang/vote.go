package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Thresholds of the function-word vote.
const (
	// VoteMin is the fewest function words that must vote.
	VoteMin = 6
	// VoteRatio is how many times the runner-up's votes the winner needs.
	VoteRatio = 3
	// voteEnough: the vote stops reading once the winner has this many
	// votes and VoteRatio times the runner-up's.
	voteEnough = 30
)

// decisive reports whether the leader has at least min votes and
// VoteRatio times the runner-up's.
func decisive(votes *[len(voteLangs)]int, min int) bool {
	top, run := 0, 0
	for _, v := range votes {
		if v > top {
			top, run = v, top
		} else if v > run {
			run = v
		}
	}
	return top >= min && top >= VoteRatio*run
}

// functionWords are frequent closed-class words of each Latin-script
// language, chosen so that no word belongs to two lists (la, de, en, il, es,
// con, da… are left out). Self-made.
var functionWords = map[string]string{}

func init() {
	for l, ws := range map[string]string{
		"en": "the of and to is that for with by from are has have been were this which said would their after but not its who will they about",
		"de": "der die und das ist nicht von mit den sich auf für dem ein eine im auch wurde werden sind nach bei wie einem einer aus hat noch",
		"es": "el los las por para su como más pero sus fue este esta entre sin sobre también según desde",
		"fr": "le les des et est une du dans pour qui sur pas au avec elle ce sont aux été ont mais cette ses leur selon",
		"it": "di che è per della non sono gli nel alla dei delle anche ai dal nella più sul questo stato",
		"pl": "w na z się nie do że jest jak przez od po dla oraz ze być które został jego już tym",
		"tr": "ve bir bu için ile olarak olan gibi daha çok ama ancak ise değil kadar sonra tarafından olduğu şu",
	} {
		for _, w := range strings.Fields(ws) {
			if _, dup := functionWords[w]; dup {
				panic("lang: function word in two lists: " + w)
			}
			functionWords[w] = l
		}
	}
}

var voteLangs = [...]string{"en", "de", "es", "fr", "it", "pl", "tr"}

// voteLatin counts the function words of text by language. ok is false
// when the vote is not decisive (see VoteMin, VoteRatio).
func voteLatin(text string) (lang string, confidence float64, ok bool) {
	var votes [len(voteLangs)]int
	var buf [24]byte
	for i := 0; i < len(text); {
		// Next word: a run of letters, lower-cased into buf.
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		w := buf[:0]
		long := false
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && r != '\u0307' {
				break
			}
			i += n
			if len(w)+utf8.UTFMax > len(buf) {
				long = true
				continue
			}
			w = utf8.AppendRune(w, unicode.ToLower(r))
		}
		if long {
			continue
		}
		if l, hit := functionWords[string(w)]; hit {
			for k, v := range voteLangs {
				if v == l {
					votes[k]++
				}
			}
			if decisive(&votes, voteEnough) {
				break
			}
		}
	}
	best, second := 0, -1
	for k := range votes {
		if votes[k] > votes[best] {
			best = k
		}
	}
	for k := range votes {
		if k != best && (second < 0 || votes[k] > votes[second]) {
			second = k
		}
	}
	top, run := votes[best], votes[second]
	if top < VoteMin || top < VoteRatio*run {
		return "", 0, false
	}
	return voteLangs[best], float64(top-run) / float64(top), true
}

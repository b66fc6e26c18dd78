package semeval

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	in := strings.Join([]string{
		`{"pair_id": "1_2", "lang1": "en", "lang2": "en", "title1": "A", "text1": "Storm hits the coast.\n\n62\n\nPorts closed.", "title2": "B", "text2": "Ports shut.", "overall": 1.5, "geography": 1, "entities": 2, "time": 1, "narrative": 1.5, "style": 2, "tone": 2}`,
		`{"pair_id": "3_4", "lang1": "de", "lang2": "de", "title1": "C", "text1": "Text.", "title2": "D", "text2": "Text."}`,
		`{"pair_id": "5_6", "text1": "cut`,
		``,
		`{"pair_id": "7_8", "title1": "E", "text1": "x", "title2": "", "text2": " "}`,
		`{"title1": "F", "text1": "x", "title2": "G", "text2": "y"}`,
	}, "\n")
	pairs, bad, err := Read("pairs.jsonl", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 {
		t.Fatalf("%d pairs, want 2", len(pairs))
	}
	if g := pairs[0].Gold; g == nil || g.Overall != 1.5 || g.Entities != 2 || g.Tone != 2 {
		t.Errorf("labels of the first pair: %+v", g)
	}
	if pairs[1].Gold != nil {
		t.Errorf("unlabelled pair has labels %+v", pairs[1].Gold)
	}
	if strings.Contains(pairs[0].A.Text, "62") {
		t.Errorf("page furniture kept: %q", pairs[0].A.Text)
	}
	var lines []int
	for _, b := range bad {
		if b.Name != "pairs.jsonl" {
			t.Errorf("error names %q", b.Name)
		}
		lines = append(lines, b.Line)
	}
	if len(lines) != 3 || lines[0] != 3 || lines[1] != 5 || lines[2] != 6 {
		t.Errorf("broken lines %v, want [3 5 6]", lines)
	}
}

func TestScoresValuesRoundTrip(t *testing.T) {
	s := Scores{1, 2, 3, 4, 1.5, 2.5, 3.5}
	if got := ScoresOf(s.Values()); got != s {
		t.Errorf("ScoresOf(Values()) = %+v, want %+v", got, s)
	}
	if len(s.Values()) != len(Dimensions) {
		t.Errorf("%d values for %d dimensions", len(s.Values()), len(Dimensions))
	}
}

// pairLine is a valid pairs line with the given id and first text.
func pairLine(id, text1 string) string {
	return `{"pair_id": "` + id + `", "lang1": "en", "lang2": "en", "title1": "A", "text1": "` + text1 + `", "title2": "B", "text2": "Other text.", "overall": 2}`
}

// TestReadLineProblems checks that each kind of unusable line is reported
// with its line number and a message in newsim's words (no Go type names,
// no bufio or encoding/json prefixes), and that every other line is read.
// Before, a line over MaxLine stopped the read ("bufio.Scanner: token too
// long") and invalid UTF-8 was replaced by U+FFFD.
func TestReadLineProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		line string
		want string
	}{
		{"line over the limit", pairLine("big", strings.Repeat("x", MaxLine)), "too large: line of 16777345 bytes, and the limit for one line is 16777216 bytes"},
		{"invalid UTF-8 in text1", pairLine("u", "caf\xe9 au lait"), `invalid UTF-8: bad byte 0xE9 at column 76, and the text is not Windows-1256 either (in field "text1")`},
		{"invalid UTF-8 in title2", strings.Replace(pairLine("u", "x"), `"B"`, "\"\xff\xfe\"", 1), `(in field "title2")`},
		{"escaped lone surrogate in text1", pairLine("s", `half \ud83d of an emoji`), `field "text1": an escaped UTF-16 surrogate`},
		{"NUL byte", pairLine("n", "a\x00b"), "binary data, not text: NUL byte at column 74"},
		{"number where text belongs", `{"pair_id": "t", "text1": 5, "text2": "b"}`, `field "text1" must be a string, not number`},
		{"text where a score belongs", `{"pair_id": "t", "text1": "a", "text2": "b", "overall": "high"}`, `field "overall" must be a number, not string`},
		{"array", `["t", "a", "b"]`, "want a JSON object, not array"},
		{"truncated", `{"pair_id": "t", "text1": "a`, "invalid JSON: truncated"},
		{"syntax error", `{"pair_id" "t"}`, "invalid JSON: invalid character '\"' after object key at column 12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := pairLine("1", "One.") + "\n" + tc.line + "\n" + pairLine("3", "Three with U+FFFD: \ufffd and \\ufffd.") + "\n"
			pairs, bad, err := Read("p.jsonl", strings.NewReader(in))
			if err != nil {
				t.Fatal(err)
			}
			if len(pairs) != 2 || pairs[0].ID != "1" || pairs[1].ID != "3" {
				t.Errorf("read %d pairs, want pairs 1 and 3", len(pairs))
			}
			if len(bad) != 1 {
				t.Fatalf("%d broken lines, want 1: %v", len(bad), bad)
			}
			msg := bad[0].Error()
			if bad[0].Line != 2 || !strings.HasPrefix(msg, "p.jsonl:2: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want p.jsonl:2: …%s", msg, tc.want)
			}
			for _, goWords := range []string{"bufio", "json:", "Go ", "struct", "float64"} {
				if strings.Contains(msg, goWords) {
					t.Errorf("error %q speaks Go (%q)", msg, goWords)
				}
			}
		})
	}
}

// TestReadWholeInputProblems checks that an input with no usable line at
// all is one error naming it.
func TestReadWholeInputProblems(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "p.jsonl: empty input"},
		{"blank lines", "\n \n", "p.jsonl: empty input"},
		{"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", "p.jsonl: binary data, not text: content looks like application/x-gzip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Read("p.jsonl", strings.NewReader(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}

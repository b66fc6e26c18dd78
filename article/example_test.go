package article_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/newsim/newsim/article"
)

func ExampleRead() {
	page := "Gantz meets Sullivan in Washington\n\n62\n\nShare\n\nIsrael's defence minister met the US national security adviser.\n\nThey discussed Iran.\n"
	arts, err := article.Read("gantz.txt", strings.NewReader(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := arts[0]
	fmt.Printf("id: %s\ntitle: %s\nbody: %q\n", a.ID, a.Title, a.Text)
	// Output:
	// id: gantz
	// title: Gantz meets Sullivan in Washington
	// body: "Israel's defence minister met the US national security adviser.\n\nThey discussed Iran."
}

func ExampleRead_errors() {
	for _, in := range []struct{ name, data string }{
		{"empty.txt", ""},
		{"title-only.txt", "A title and nothing else\n"},
		{"cut.json", `{"title": "Gantz", "text": "Israel's def`},
		{"photo.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
	} {
		_, err := article.Read(in.name, strings.NewReader(in.data))
		fmt.Println(err)
	}
	// Output:
	// empty.txt: empty input: 0 bytes
	// title-only.txt: no article text: a title line but no body text
	// cut.json:1: malformed JSON: truncated: the input ends inside a JSON value
	// photo.txt: binary data, not text: content looks like image/png
}

func ExampleReadBatch() {
	batch := `{"id": "a1", "title": "First", "text": "The first article."}
{"id": "a2", "title": "Second", "text": "The sec
{"id": "a3", "title": "Third", "text": "The third article.", "lang": "en", "date": "2021-06-04"}
`
	err := article.ReadBatch("batch.jsonl", strings.NewReader(batch), func(r article.Record) error {
		if r.Err != nil {
			fmt.Println("skipped:", r.Err)
			return nil // go on with the rest of the batch
		}
		fmt.Printf("line %d: %s %q %s %s\n", r.Line, r.Article.ID, r.Article.Title, r.Article.Lang, r.Article.Date.Format("2006-01-02"))
		return nil
	})
	fmt.Println("error:", err)
	// Output:
	// line 1: a1 "First"  0001-01-01
	// skipped: batch.jsonl:2: malformed JSON: truncated: the input ends inside a JSON value
	// line 3: a3 "Third" en 2021-06-04
	// error: <nil>
}

func ExampleWalk() {
	err := article.Walk([]string{"testdata"}, nil, func(r article.Record) error {
		if r.Err != nil {
			fmt.Println("error:", errors.Is(r.Err, article.ErrNoText), r.Name)
			return nil
		}
		fmt.Println(r.Name, r.Article.Lang, r.Article.Title)
		return nil
	})
	fmt.Println(err)
	// Output:
	// error: true testdata/nav_only.html
	// testdata/page_ar.html ar افتتاح مكتبة عامة جديدة في وسط المدينة
	// <nil>
}

func ExampleIsFurniture() {
	for _, line := range []string{"62", "1,234 views", "مشاهدة 62", "شارك", "Facebook | Twitter", "دعم أمريكي ثابت", "01.01.2020"} {
		fmt.Printf("%q %v\n", line, article.IsFurniture(line))
	}
	// Output:
	// "62" true
	// "1,234 views" true
	// "مشاهدة 62" true
	// "شارك" true
	// "Facebook | Twitter" true
	// "دعم أمريكي ثابت" false
	// "01.01.2020" false
}

func ExampleClean() {
	fmt.Printf("%q\n", article.Clean("First  paragraph.\r\n62\r\n\r\n\r\nSecond\u200b paragraph.  "))
	// Output:
	// "First paragraph.\n\nSecond paragraph."
}

func ExampleLines() {
	in := "{\"pair_id\": \"1_2\"}\r\n\r\n{\"pair_id\": \"3_4\"}\n"
	article.Lines("pairs.jsonl", strings.NewReader(in), func(line int, text []byte, err error) error {
		fmt.Println(line, string(text), err)
		return nil
	})
	// Output:
	// 1 {"pair_id": "1_2"} <nil>
	// 3 {"pair_id": "3_4"} <nil>
}

func ExampleDetectFormat() {
	fmt.Println(article.DetectFormat("a.txt", []byte("<!DOCTYPE html><html lang=\"ar\">")))
	fmt.Println(article.DetectFormat("-", []byte("{\"text\": \"a\"}\n{\"text\": \"b\"}\n")))
	fmt.Println(article.DetectFormat("notes", []byte("Title\nBody")))
	// Output:
	// html
	// jsonl
	// text
}

func ExampleParseDate() {
	for _, s := range []string{"2021-06-04", "Fri, 04 Jun 2021 10:30:00 +0300", "04/06/2021"} {
		t, err := article.ParseDate(s)
		fmt.Println(t.UTC().Format("2006-01-02 15:04"), err)
	}
	// Output:
	// 2021-06-04 00:00 <nil>
	// 2021-06-04 07:30 <nil>
	// 0001-01-01 00:00 bad field: date "04/06/2021" is in no known format (want e.g. 2021-06-04 or 2021-06-04T10:30:00Z)
}

package analysis

import (
	"reflect"
	"testing"

	"github.com/newsim/newsim/analysis/framing"
)

// TestFramingFromSharedWordsEqualsResegmenting checks that the framing
// phrases Analyze finds from the words it already split (title's, then
// body's moved past the title and its line break) are those of segmenting
// title + "\n" + body afresh, on every dev article (all nine languages
// with loaded-word lists, titles and none), plus the edge of a title
// whose last word is loaded and continues into the body.
func TestFramingFromSharedWordsEqualsResegmenting(t *testing.T) {
	arts := devArticles(t)
	edge := arts[0]
	edge.Title, edge.Text, edge.Lang = "The regime", "Forces attacked again.", "en"
	noTitle := edge
	noTitle.Title = ""
	arts = append(arts, edge, noTitle)
	an := New()
	for _, a := range arts {
		d, err := an.Analyze(a)
		if err != nil {
			continue
		}
		full := d.Article.Text
		if d.Article.Title != "" {
			full = d.Article.Title + "\n" + d.Article.Text
		}
		if want := framing.Find(d.Lang, full, d.Quotes); !reflect.DeepEqual(d.Framing, want) {
			t.Fatalf("article %s (%s): framing from shared words %v, from segmenting again %v", a.ID, d.Lang, d.Framing, want)
		}
	}
	d, _ := an.Analyze(edge)
	if len(d.Framing) == 0 || d.Framing[0].Text != "regime\nForces" {
		t.Errorf("loaded title word continuing into the body: %+v", d.Framing)
	}
}

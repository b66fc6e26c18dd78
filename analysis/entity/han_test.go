package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChineseForeignNames reads testdata/xling/gantz_zh.txt, a short
// Chinese report of the seeds' meeting.
func TestChineseForeignNames(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "xling", "gantz_zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	es := Extract("zh", string(b))
	var persons []Entity
	for _, e := range es {
		if e.Kind == Person {
			persons = append(persons, e)
		}
	}
	tests := []struct {
		phenomenon, variant, english string
	}{
		{"dotted name, later mention of its last part", "甘茨", "Benny Gantz"},
		{"dotted name, first name read d for t", "安东尼·布林肯", "Antony Blinken"},
		{"dotted name, wen for van", "杰克·沙利文", "Jake Sullivan"},
		{"name after a title (总统拜登)", "拜登", "Joe Biden"},
		{"name after a title, surname only", "奥斯汀", "Lloyd Austin"},
	}
	for _, tc := range tests {
		var got *Entity
		for i, e := range persons {
			if strings.Contains(strings.Join(e.Variants, "|"), tc.variant) {
				got = &persons[i]
			}
		}
		if got == nil {
			t.Errorf("%s: no person with variant %q in %+v", tc.phenomenon, tc.variant, persons)
			continue
		}
		en := Entity{Key: NameKey(tc.english), Name: tc.english, Kind: Person}
		en.XKey = crossKey("en", &en)
		if !SameAcross(*got, en) {
			t.Errorf("%s: %q (%s) and %q (%s) are not SameAcross", tc.phenomenon, got.Name, got.XKey, tc.english, en.XKey)
		}
	}
	if len(persons) != len(tests) {
		t.Errorf("%d persons, want %d (one per name): %+v", len(persons), len(tests), persons)
	}
}

// TestChineseTextWithoutForeignNames is the precision side: Chinese
// sentences with titles, Chinese people's names and ordinary words give no
// person.
func TestChineseTextWithoutForeignNames(t *testing.T) {
	text := `国家统计局周三发布数据显示，今年前十个月全国居民消费价格同比上涨百分之二。国家发展改革委主任何立峰表示，经济运行总体平稳，就业形势保持稳定。外交部发言人汪文斌在例行记者会上回答了提问。上海市市长会见了来访的企业家代表。`
	for _, e := range Extract("zh", text) {
		if e.Kind == Person {
			t.Errorf("person %q (%v) found in a text without foreign names", e.Name, e.Variants)
		}
	}
}

package dates

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsim/newsim/internal/devdata"
)

// thursday is 2021-06-03, a Thursday: the date of the seed pair's events.
var thursday = time.Date(2021, 6, 3, 14, 0, 0, 0, time.UTC)

func keys(ds []Date) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Key())
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text string
		ref              time.Time
		want             []string // keys, in order
		wantText         string   // Text of the first date, if set
	}{
		{"numeric day first", "ar", "في 21/5/2021 أعلن", time.Time{}, []string{"2021-05-21"}, "21/5/2021"},
		{"numeric iso", "en", "on 2021-05-21 the", time.Time{}, []string{"2021-05-21"}, ""},
		{"numeric dotted", "de", "am 21.05.2021 wurde", time.Time{}, []string{"2021-05-21"}, ""},
		{"numeric month first in English", "en", "on 5/21/2021 and 6/3/2021", time.Time{}, []string{"2021-05-21", "2021-06-03"}, ""},
		{"numeric day first in German", "de", "am 6/3/2021", time.Time{}, []string{"2021-03-06"}, ""},
		{"arabic-indic digits", "ar", "في ٢١/٥/٢٠٢١", time.Time{}, []string{"2021-05-21"}, ""},
		{"invalid day rejected", "en", "on 31/2/2021 nothing", time.Time{}, []string{"2021"}, ""},
		{"version number is not a date", "en", "version 1.2.3.4 released", time.Time{}, nil, ""},
		{"levantine month", "ar", "في 21 أيار 2021", time.Time{}, []string{"2021-05-21"}, ""},
		{"egyptian month", "ar", "في 21 مايو 2021", time.Time{}, []string{"2021-05-21"}, ""},
		{"combined month series", "ar", "حيّز التنفيذ في 21 أيار/مايو الماضي", time.Time{}, []string{"05-21"}, "21 أيار/مايو"},
		{"combined month with year", "ar", "في 3 حزيران/يونيو 2021", time.Time{}, []string{"2021-06-03"}, ""},
		{"two-word levantine month", "ar", "في 5 كانون الثاني 2020", time.Time{}, []string{"2020-01-05"}, ""},
		{"tishreen al-awwal", "ar", "في 10 تشرين الأول 2019", time.Time{}, []string{"2019-10-10"}, ""},
		{"clitic on month word", "ar", "منذ 15 وأيار", time.Time{}, []string{"05-15"}, ""},
		{"english month day year", "en", "on May 21, 2021, the", time.Time{}, []string{"2021-05-21"}, "May 21, 2021"},
		{"english ordinal", "en", "on the 21st of May", time.Time{}, []string{"05-21"}, ""},
		{"english may as verb", "en", "It may rain in 2021", time.Time{}, []string{"2021"}, ""},
		{"weekday before date", "en", "on Thursday, May 21, 2021", time.Time{}, []string{"2021-05-21"}, "Thursday, May 21, 2021"},
		{"german dotted day", "de", "am 21. Mai 2021", time.Time{}, []string{"2021-05-21"}, ""},
		{"spanish de", "es", "el 21 de mayo de 2021", time.Time{}, []string{"2021-05-21"}, ""},
		{"french premier", "fr", "le 1er mai 2021", time.Time{}, []string{"2021-05-01"}, ""},
		{"italian", "it", "il 21 maggio 2021", time.Time{}, []string{"2021-05-21"}, ""},
		{"polish genitive", "pl", "21 maja 2021 roku", time.Time{}, []string{"2021-05-21"}, ""},
		{"russian genitive", "ru", "21 мая 2021 года", time.Time{}, []string{"2021-05-21"}, ""},
		{"turkish", "tr", "21 Mayıs 2021 tarihinde", time.Time{}, []string{"2021-05-21"}, ""},
		{"month and year", "de", "im Januar 2020 begann", time.Time{}, []string{"2020-01"}, ""},
		{"today and weekday without ref", "ar", "في بيان لها اليوم الخميس", time.Time{}, []string{"weekday:thursday"}, "اليوم الخميس"},
		{"today and weekday with ref", "ar", "في بيان لها اليوم الخميس", thursday, []string{"2021-06-03"}, ""},
		{"yesterday and weekday with ref", "ar", "ليلة أمس الخميس في واشنطن", thursday.AddDate(0, 0, 1), []string{"2021-06-03"}, ""},
		{"weekday wins over a day-off ref", "ar", "اليوم الجمعة", thursday, []string{"2021-06-04"}, ""},
		{"day before yesterday", "ar", "توجه أول أمس الأربعاء", time.Time{}, []string{"weekday:wednesday"}, "أول أمس الأربعاء"},
		{"day before yesterday with ref", "ar", "توجه أول أمس", thursday, []string{"2021-06-01"}, ""},
		{"yesterday alone without ref", "ar", "وقال أمس", time.Time{}, []string{"rel:-1"}, ""},
		{"tomorrow", "ar", "سيصل غداً", thursday, []string{"2021-06-04"}, ""},
		{"bare weekday with ref is the last such day", "en", "said on Tuesday", thursday, []string{"2021-06-01"}, ""},
		{"bare weekday without ref", "de", "am Donnerstag sagte", time.Time{}, []string{"weekday:thursday"}, ""},
		{"english yesterday", "en", "said yesterday", thursday, []string{"2021-06-02"}, ""},
		{"german gestern", "de", "sagte gestern", thursday, []string{"2021-06-02"}, ""},
		{"german hier is here", "de", "hier in Berlin", thursday, nil, ""},
		{"french hier", "fr", "a dit hier", thursday, []string{"2021-06-02"}, ""},
		{"spanish ayer", "es", "dijo ayer", thursday, []string{"2021-06-02"}, ""},
		{"spanish morning is not tomorrow", "es", "por la mañana", thursday, nil, ""},
		{"turkish dun", "tr", "dün açıkladı", thursday, []string{"2021-06-02"}, ""},
		{"turkish market is not sunday", "tr", "pazar yerinde", thursday, nil, ""},
		{"year alone", "ar", "في عام 2021م", time.Time{}, []string{"2021"}, ""},
		{"number is not a year", "en", "1,2021 people and 3.2021", time.Time{}, nil, ""},
		{"repeated date counted once", "en", "in 2020 and again in 2020", time.Time{}, []string{"2020"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.lang, tc.text, tc.ref)
			if fmt.Sprint(keys(got)) != fmt.Sprint(tc.want) {
				t.Fatalf("Find(%q) keys = %v, want %v (%+v)", tc.text, keys(got), tc.want, got)
			}
			if tc.wantText != "" && got[0].Text != tc.wantText {
				t.Errorf("Text = %q, want %q", got[0].Text, tc.wantText)
			}
		})
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		name string
		d    Date
		want string
	}{
		{"full date", Date{Year: 2021, Month: 5, Day: 21}, "2021-05-21"},
		{"month of year", Date{Year: 2021, Month: 5}, "2021-05"},
		{"day of month", Date{Month: 5, Day: 21}, "05-21"},
		{"year", Date{Year: 2021}, "2021"},
		{"weekday", Date{Weekday: "Thursday"}, "weekday:thursday"},
		{"relative", Date{Rel: -1, RelSet: true}, "rel:-1"},
		{"nothing", Date{}, ""},
	}
	for _, tc := range tests {
		if got := tc.d.Key(); got != tc.want {
			t.Errorf("%s: Key() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestWeekdayOfFullDate(t *testing.T) {
	ds := Find("en", "on 21 May 2021", time.Time{})
	if len(ds) != 1 || ds[0].Weekday != "Friday" {
		t.Fatalf("got %+v, want one date on a Friday", ds)
	}
}

// TestSeedPair: both seed articles are read with the date of the second
// (Friday 2021-06-04); "اليوم الخميس" of the first and "أمس الخميس" of the
// second must meet on 2021-06-03.
func TestSeedPair(t *testing.T) {
	read := func(glob string) string {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "seeds", glob))
		if len(m) != 1 {
			t.Fatalf("seed %s not found", glob)
		}
		b, err := os.ReadFile(m[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	a := Find("ar", read("000_*.txt"), thursday)
	b := Find("ar", read("001_*.txt"), thursday.AddDate(0, 0, 1))
	ka, kb := strings.Join(keys(a), " "), strings.Join(keys(b), " ")
	if !strings.Contains(ka, "2021-06-03") || !strings.Contains(kb, "2021-06-03") {
		t.Errorf("seed dates do not meet on 2021-06-03: a=%s b=%s", ka, kb)
	}
	if !strings.Contains(ka, "05-21") {
		t.Errorf("seed a: 21 أيار/مايو not found: %s", ka)
	}
}

func ExampleFind() {
	ref := time.Date(2021, 6, 3, 0, 0, 0, 0, time.UTC)
	for _, d := range Find("ar", "أعلنت الوزارة اليوم الخميس أن وقف إطلاق النار بدأ في 21 أيار/مايو 2021.", ref) {
		fmt.Println(d.Text, "→", d.Key())
	}
	// Output:
	// اليوم الخميس → 2021-06-03
	// 21 أيار/مايو 2021 → 2021-05-21
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("أعلنت وزارة الخارجية الأميركية، في بيان لها اليوم الخميس، أن وزير الخارجية بحث في 21 أيار/مايو الماضي. ", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find("ar", text, thursday)
	}
}

// BenchmarkFindDev runs Find over the articles of the SemEval-2022 dev
// file (skipped when absent), one article per iteration.
func BenchmarkFindDev(b *testing.B) {
	p := filepath.Join("..", "..", "..", "shared", "data", "semeval2022_dev.jsonl")
	f, err := os.Open(p)
	if err != nil {
		devdata.Missing(b, "dev data not found at %s", p)
	}
	defer f.Close()
	type art struct{ lang, text string }
	var arts []art
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var pr map[string]any
		if json.Unmarshal(sc.Bytes(), &pr) != nil {
			continue
		}
		for _, n := range []string{"1", "2"} {
			l, _ := pr["lang"+n].(string)
			ti, _ := pr["title"+n].(string)
			tx, _ := pr["text"+n].(string)
			arts = append(arts, art{l, ti + "\n" + tx})
		}
	}
	n := 0
	c0 := cpuTime()
	for b.Loop() {
		a := arts[n%len(arts)]
		Find(a.lang, a.text, thursday)
		n++
	}
	if cpu := cpuTime() - c0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/article")
	}
}

// cpuTime returns the process's user+system CPU time, which stays
// meaningful on a shared machine where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

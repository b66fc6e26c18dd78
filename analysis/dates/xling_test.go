package dates

import (
	"testing"
	"time"
)

// TestDatesAcrossLanguages checks that one date, one weekday and one
// relative day written in each supported language get one
// language-independent key (Date.Key), with and without the article's
// date to resolve them against.
func TestDatesAcrossLanguages(t *testing.T) {
	ref := time.Date(2021, 6, 4, 0, 0, 0, 0, time.UTC) // a Friday
	tests := []struct {
		phenomenon string
		want       string // key without an article date
		wantRef    string // key with ref
		forms      [][2]string
	}{
		{"full date with month name", "2021-06-03", "2021-06-03", [][2]string{
			{"en", "on 3 June 2021"}, {"en", "on June 3, 2021"}, {"fr", "le jeudi 3 juin 2021"}, {"de", "am 3. Juni 2021"},
			{"es", "el 3 de junio de 2021"}, {"it", "il 3 giugno 2021"}, {"ru", "3 июня 2021 года"}, {"pl", "3 czerwca 2021"},
			{"tr", "3 Haziran 2021"}, {"ar", "في 3 يونيو 2021"}, {"ar", "في 3 حزيران 2021"}, {"ar", "في ٣ حزيران/يونيو ٢٠٢١"},
		}},
		{"numeric date, day or month first by language", "2021-06-03", "2021-06-03", [][2]string{
			{"de", "am 03.06.2021"}, {"ar", "3/6/2021"}, {"fr", "3/6/2021"}, {"en", "6/3/2021"}, {"en", "2021-06-03"},
		}},
		{"weekday", "weekday:thursday", "2021-06-03", [][2]string{
			{"en", "on Thursday"}, {"fr", "jeudi"}, {"de", "am Donnerstag"}, {"es", "el jueves"}, {"it", "giovedì"},
			{"ru", "в четверг"}, {"pl", "w czwartek"}, {"tr", "perşembe günü"}, {"ar", "يوم الخميس"},
		}},
		{"relative day", "rel:-1", "2021-06-03", [][2]string{
			{"en", "yesterday"}, {"fr", "hier"}, {"de", "gestern"}, {"es", "ayer"}, {"ru", "вчера"}, {"ar", "أمس"},
		}},
	}
	for _, tc := range tests {
		for _, f := range tc.forms {
			for _, c := range []struct {
				ref  time.Time
				want string
			}{{time.Time{}, tc.want}, {ref, tc.wantRef}} {
				ds := Find(f[0], f[1], c.ref)
				if len(ds) != 1 || ds[0].Key() != c.want {
					var keys []string
					for _, d := range ds {
						keys = append(keys, d.Key())
					}
					t.Errorf("%s: %s %q (article date %v) → %q, want [%s]", tc.phenomenon, f[0], f[1], !c.ref.IsZero(), keys, c.want)
				}
			}
		}
	}
}

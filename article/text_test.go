package article

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"
)

func TestReadText(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantTitle string
		wantText  string
	}{
		{"title is the first non-empty line",
			"\n\n  Floods hit the coast  \nRain fell for three days.\n",
			"Floods hit the coast", "Rain fell for three days."},
		{"stray number line dropped",
			"عنوان الخبر\n\n62\n\nالفقرة الأولى من الخبر.\n\nالفقرة الثانية.",
			"عنوان الخبر", "الفقرة الأولى من الخبر.\n\nالفقرة الثانية."},
		{"Arabic-Indic count dropped",
			"عنوان الخبر\n٦٢\nنص الخبر.",
			"عنوان الخبر", "نص الخبر."},
		{"share button labels dropped",
			"Title\nShare\nTweet\nشارك\nمشاركة\nطباعة\nFacebook | Twitter | WhatsApp\nBody text.",
			"Title", "Body text."},
		{"view counters dropped",
			"Title\n1,234 views\nمشاهدة 62\n62 مشاهدة\n1.2K views\nBody text.",
			"Title", "Body text."},
		{"read-time and ago lines dropped",
			"Title\n5 min read\n36 dakika önce..\nمنذ 3 ساعات\nBody text.",
			"Title", "Body text."},
		{"punctuation-only rule lines dropped",
			"Title\n___\n* * *\n=======\nBody text.",
			"Title", "Body text."},
		{"short subheading kept",
			"عنوان\nفقرة أولى.\nدعم أمريكي ثابت\nفقرة ثانية.",
			"عنوان", "فقرة أولى.\n\nدعم أمريكي ثابت\n\nفقرة ثانية."},
		{"date line kept",
			"Title\n01.01.2020\nBody text.",
			"Title", "01.01.2020\n\nBody text."},
		{"furniture before the title skipped",
			"62\nShare\nReal title\nBody text.",
			"Real title", "Body text."},
		{"CRLF and CR line breaks",
			"Title\r\nFirst.\r\n\r\nSecond.\rThird.",
			"Title", "First.\n\nSecond.\n\nThird."},
		{"runs of spaces collapsed, invisible marks removed",
			"Title\u200f \nو  أعلن\u200b   البيت\tالأبيض.\u00ad",
			"Title", "و أعلن البيت الأبيض."},
		{"ZWNJ kept for Persian",
			"عنوان\nمی\u200cخواهم بروم.",
			"عنوان", "می\u200cخواهم بروم."},
		{"UTF-8 BOM stripped",
			"\uFEFFTitle\nBody.",
			"Title", "Body."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.txt")
			if err := os.WriteFile(path, []byte(tt.in), 0o644); err != nil {
				t.Fatal(err)
			}
			arts, err := ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if len(arts) != 1 {
				t.Fatalf("got %d articles, want 1", len(arts))
			}
			a := arts[0]
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if a.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", a.Text, tt.wantText)
			}
			if a.ID != "a" {
				t.Errorf("ID = %q, want the file stem %q", a.ID, "a")
			}
		})
	}
}

func TestIsFurniture(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"62", true},
		{"٦٢", true},
		{"1,234", true},
		{"1,234 views", true},
		{"1.2K views", true},
		{"مشاهدة 62", true},
		{"المشاهدات: 1٬204", true},
		{"Share", true},
		{"SHARE", true},
		{"Tweet", true},
		{"شارك", true},
		{"مشاركة", true},
		{"مُشارَكة", true}, // diacritics
		{"طباعة", true},
		{"اقرأ أيضاً", true},
		{"Anzeige", true},
		{"Jetzt teilen:", true},
		{"Compartir", true},
		{"Haberi Kaydet", true},
		{"Facebook | Twitter | WhatsApp", true},
		{"•", true},
		{"___", true},
		{"45%", true},
		{"\u200b", true},
		{"", true},
		// content
		{"دعم أمريكي ثابت", false},
		{"Kaynak: AA", false},
		{"01.01.2020", false},
		{"2021-06-04", false},
		{"2021", false}, // a year heading of a timeline
		{"1,984", true},
		{"10:30", false},
		{"1.234.56", false},
		{"Gaza", false},
		{"Share prices fell", false},
		{"شارك الوزير في الاجتماع", false},
		{"Share Share Share Share Share Share Share Share Share", false}, // too long to be furniture
	}
	for _, tt := range tests {
		if got := IsFurniture(tt.line); got != tt.want {
			t.Errorf("IsFurniture(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestCleanIsIdempotent(t *testing.T) {
	in := "  a  b \r\n\r\n62\n\nShare\nc\u200b d.\n\n\n"
	once := Clean(in)
	if once != "a b\n\nc d." {
		t.Fatalf("Clean = %q", once)
	}
	if twice := Clean(once); twice != once {
		t.Fatalf("Clean(Clean(x)) = %q, Clean(x) = %q", twice, once)
	}
}

func TestIsSpaceMatchesUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
}

func TestInvisibleFastPath(t *testing.T) {
	// The fast path of invisible must agree with its full rule.
	for r := rune(0); r < 0x2100; r++ {
		want := r == '\u00AD' || r == '\u200B' || r == '\u200E' || r == '\u200F' ||
			(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') ||
			(unicode.IsControl(r) && !unicode.IsSpace(r))
		if got := invisible(r); got != want {
			t.Errorf("invisible(%U) = %v, want %v", r, got, want)
		}
	}
}

package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

const arabicText = "وزير الخارجية يلتقي نظيره في العاصمة\nوقال الوزير إن المحادثات كانت مثمرة، وإن الطرفين اتفقا على مواصلة التشاور؟\n"

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test input: %v", err)
	}
	return b
}

func TestEncodings(t *testing.T) {
	htmlPage := func(charset, title, para string) string {
		p := strings.Repeat(para+" ", 3)
		return `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=` + charset +
			`"><title>` + title + `</title></head><body><article><h1>` + title + `</h1><p>` + p + `</p><p>` + p + `</p></article></body></html>`
	}
	const frTitle = "Élections régionales à Genève"
	const frPara = "Les électeurs se sont rendus aux urnes dimanche pour élire leurs représentants, et la participation a été plus élevée que prévu."
	tests := []struct {
		name       string
		file       string
		data       []byte
		wantTitle  string
		wantInBody string
	}{
		{"UTF-16 little-endian with BOM", "a.txt",
			encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), arabicText),
			"وزير الخارجية يلتقي نظيره في العاصمة", "مثمرة، وإن"},
		{"UTF-16 big-endian with BOM", "a.txt",
			encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), arabicText),
			"وزير الخارجية يلتقي نظيره في العاصمة", "التشاور؟"},
		{"Windows-1256 text detected", "a.txt",
			encode(t, charmap.Windows1256, arabicText),
			"وزير الخارجية يلتقي نظيره في العاصمة", "مثمرة، وإن"},
		{"Windows-1256 HTML declared by meta charset", "a.html",
			encode(t, charmap.Windows1256, htmlPage("windows-1256", "وزير الخارجية يلتقي نظيره في العاصمة",
				"وقال الوزير إن المحادثات كانت مثمرة، وإن الطرفين اتفقا على مواصلة التشاور بشأن القضايا الإقليمية والعلاقات الثنائية.")),
			"وزير الخارجية يلتقي نظيره في العاصمة", "المحادثات كانت مثمرة"},
		{"Windows-1252 HTML declared by meta charset", "a.html",
			encode(t, charmap.Windows1252, htmlPage("windows-1252", frTitle, frPara)),
			frTitle, "participation a été plus élevée"},
		{"ISO-8859-6 HTML declared by meta charset", "a.htm",
			encode(t, charmap.ISO8859_6, htmlPage("iso-8859-6", "وزير الخارجية يلتقي نظيره في العاصمة",
				"وقال الوزير إن المحادثات كانت مثمرة، وإن الطرفين اتفقا على مواصلة التشاور بشأن القضايا الإقليمية والعلاقات الثنائية.")),
			"وزير الخارجية يلتقي نظيره في العاصمة", "المحادثات كانت مثمرة"},
		{"Windows-1256 JSON", "a.json",
			encode(t, charmap.Windows1256, `{"title": "عنوان الخبر", "text": "نص الخبر هنا."}`),
			"عنوان الخبر", "نص الخبر هنا."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			arts, err := ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if arts[0].Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", arts[0].Title, tt.wantTitle)
			}
			if !strings.Contains(arts[0].Text, tt.wantInBody) {
				t.Errorf("Text = %q, want it to contain %q", arts[0].Text, tt.wantInBody)
			}
		})
	}
}

func TestEncodingRefused(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		wantPos string
	}{
		{"Latin-1 French without a declaration",
			encode(t, charmap.ISO8859_1, "Élections à Genève\nLes électeurs ont voté dimanche.\n"), "line 1, column 1"},
		{"UTF-8 with one broken byte",
			append([]byte("عنوان الخبر\nنص "), append([]byte{0xFF}, []byte(" الخبر العربي الطويل بما يكفي.\n")...)...), "line 2, column 6"},
		{"lone continuation bytes in ASCII",
			[]byte("Title\nBody \x80\x81 text.\n"), "line 2, column 6"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("in.txt", strings.NewReader(string(tt.data)))
			if !errors.Is(err, ErrEncoding) {
				t.Fatalf("err = %v, want ErrEncoding", err)
			}
			if !strings.HasPrefix(err.Error(), "in.txt: ") || !strings.Contains(err.Error(), tt.wantPos) {
				t.Errorf("error %q does not name the input and line", err)
			}
		})
	}
}

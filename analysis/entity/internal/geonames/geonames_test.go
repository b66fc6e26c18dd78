package geonames

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []Entry{{"ar", "276781", "بيروت"}, {"en", "276781", "Beirut"}, {"en", "US.WA", "Washington"}}
	var a, b bytes.Buffer
	if err := Encode(&a, []string{"attribution"}, in); err != nil {
		t.Fatal(err)
	}
	if err := Encode(&b, []string{"other wording"}, in); err != nil {
		t.Fatal(err)
	}
	out, fpA, err := Decode(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(in) {
		t.Fatalf("%d entries back, want %d", len(out), len(in))
	}
	for i := range in {
		if out[i] != in[i] {
			t.Errorf("entry %d: %+v, want %+v", i, out[i], in[i])
		}
	}
	if _, fpB, _ := Decode(b.Bytes()); fpB != fpA {
		t.Errorf("fingerprint depends on the header: %s vs %s", fpA, fpB)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"not gzip":      []byte("ar\t1\tx\n"),
		"two fields":    gz(t, "# h\nar\t1\n"),
		"four fields":   gz(t, "ar\t1\tx\ty\n"),
		"cut gzip data": gz(t, strings.Repeat("ar\t1\tx\n", 100))[:30],
	} {
		if _, _, err := Decode(data); err == nil || !strings.Contains(err.Error(), "geonames data") {
			t.Errorf("%s: err = %v, want one naming the geonames data", name, err)
		}
	}
}

func gz(t *testing.T, s string) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeMO writes a little-endian gettext catalogue of the pairs (sorted
// by msgid, as msgfmt writes them).
func writeMO(t *testing.T, path string, pairs [][2]string) {
	n := len(pairs)
	ot, tt := 28, 28+8*n
	data := 28 + 16*n
	var strs []byte
	le := binary.LittleEndian
	b := make([]byte, data)
	le.PutUint32(b[0:], 0x950412de)
	le.PutUint32(b[8:], uint32(n))
	le.PutUint32(b[12:], uint32(ot))
	le.PutUint32(b[16:], uint32(tt))
	for i, p := range pairs {
		for j, s := range p {
			tab := ot
			if j == 1 {
				tab = tt
			}
			le.PutUint32(b[tab+8*i:], uint32(len(s)))
			le.PutUint32(b[tab+8*i+4:], uint32(data+len(strs)))
			strs = append(append(strs, s...), 0)
		}
	}
	if err := os.WriteFile(path, append(b, strs...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFromCatalogues(t *testing.T) {
	dir := t.TempDir()
	for lang, pairs := range map[string][][2]string{
		"en": {{"", "Project-Id-Version: x"}, {"276781", "Beirut"}, {"US.WA", "Washington"}, {"lower", "skipped"}, {"9", ""}},
		"ar": {{"276781", "بيروت"}},
		"xx": {{"1", "not a gazetteer language"}},
	} {
		os.MkdirAll(filepath.Join(dir, lang, "LC_MESSAGES"), 0o755)
		writeMO(t, filepath.Join(dir, lang, "LC_MESSAGES", "geonames.mo"), pairs)
	}
	got, err := FromCatalogues(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{"ar", "276781", "بيروت"}, {"en", "276781", "Beirut"}, {"en", "US.WA", "Washington"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("FromCatalogues = %v, want %v (header, lower-case ids, empty names and other languages left out)", got, want)
	}
	// A name with a tab would break the embedded format: refused, named.
	writeMO(t, filepath.Join(dir, "ar", "LC_MESSAGES", "geonames.mo"), [][2]string{{"2", "tab\there"}})
	if _, err := FromCatalogues(dir); err == nil || !strings.Contains(err.Error(), "tab") {
		t.Errorf("name with a tab: err = %v", err)
	}
}

func TestReadMOErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadMO(filepath.Join(dir, "x.mo")); err == nil {
		t.Error("missing file: no error")
	}
	bad := filepath.Join(dir, "bad.mo")
	os.WriteFile(bad, []byte("this is not a catalogue at all, really"), 0o644)
	if _, err := ReadMO(bad); err == nil || !strings.Contains(err.Error(), "bad magic") || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad file: err = %v", err)
	}
	short := filepath.Join(dir, "short.mo")
	os.WriteFile(short, []byte{0xde, 0x12, 0x04, 0x95}, 0o644)
	if _, err := ReadMO(short); err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("short file: err = %v", err)
	}
}

func TestFromCataloguesNeedsEnglish(t *testing.T) {
	if _, err := FromCatalogues(t.TempDir()); err == nil || !strings.Contains(err.Error(), "en") {
		t.Errorf("no catalogues: err = %v, want one naming the English catalogue", err)
	}
}

func TestIsID(t *testing.T) {
	for id, want := range map[string]bool{"": false, "276781": true, "US.WA": true, "lowercase": false} {
		if IsID(id) != want {
			t.Errorf("IsID(%q) = %v, want %v", id, !want, want)
		}
	}
}

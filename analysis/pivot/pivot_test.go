package pivot

import (
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// writeDictd writes a dictd dictionary (name.index + name.dict.dz) of the
// given headword → definition entries into dir, as dictfmt does.
func writeDictd(t *testing.T, dir, name string, entries [][2]string) {
	t.Helper()
	var data strings.Builder
	var index strings.Builder
	for _, e := range entries {
		off := data.Len()
		data.WriteString(e[1])
		fmt.Fprintf(&index, "%s\t%s\t%s\n", e[0], enc64(off), enc64(data.Len()-off))
	}
	base := filepath.Join(dir, "freedict-"+name)
	if err := os.WriteFile(base+".index", []byte(index.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(base + ".dict.dz")
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(data.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// tempCache points CacheDir at a temporary directory for the test.
func tempCache(t *testing.T) {
	old := CacheDir
	CacheDir = t.TempDir()
	t.Cleanup(func() { CacheDir = old })
}

func enc64(n int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	if n == 0 {
		return "A"
	}
	var out []byte
	for n > 0 {
		out = append([]byte{digits[n%64]}, out...)
		n /= 64
	}
	return string(out)
}

func TestBase64Numbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{{"A", 0}, {"B", 1}, {"/", 63}, {"BA", 64}, {"Mux", 52145}, {"DatYn", 57333287}} {
		got, err := b64([]byte(tc.in))
		if err != nil || got != tc.want {
			t.Errorf("b64(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
		if enc64(tc.want) != tc.in {
			t.Errorf("enc64(%d) = %q, want %q", tc.want, enc64(tc.want), tc.in)
		}
	}
	if _, err := b64([]byte("a-b")); err == nil {
		t.Error("b64 accepted '-'")
	}
}

func TestSenseLines(t *testing.T) {
	for _, tc := range []struct {
		name, def string
		want      []string
	}{
		{"one line of alternatives", "bencina /benθˈina/\ngasolene, gasoline, petrol\n", []string{"gasolene, gasoline, petrol"}},
		{"numbered senses", "arrest /ərest/\n1. arresto, detención\n2. arrestar, detener\n", []string{"arresto, detención", "arrestar, detener"}},
		{"notes, synonyms and cross-references dropped", "Abblaserohre /x/ <pl>\nblow-off pipes\n   Synonyms: {Ausblaserohre}\n\n see: {Abblaserohr}\n         Note: Metallurgie\n", []string{"blow-off pipes"}},
		{"domain and grammar annotations dropped", "Durchblaserohr /x/ <neut, n, sg>\n [techn.] blow-off pipe <n>\n", []string{"blow-off pipe"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := senseLines(tc.def)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("senseLines = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLoadKeepsSeveralWeightedSenses builds Spanish dictionaries in a
// temporary directory and checks what Load makes of them: stemmed keys,
// several senses in definition order with weights summing to 1, the
// English→Spanish dictionary read backwards at a lower weight.
func TestLoadKeepsSeveralWeightedSenses(t *testing.T) {
	dir := t.TempDir()
	tempCache(t)
	writeDictd(t, dir, "spa-eng", [][2]string{
		{"gobierno", "gobierno /goβjˈeɾno/\n1. government\n2. administration, rule\n"},
		{"guerra", "guerra /gˈera/\nwar, warfare\n"},
		{"hacer una pregunta", "hacer una pregunta /x/\nask\n"},
	})
	writeDictd(t, dir, "eng-spa", [][2]string{
		{"army", "army /ɑːmiː/\nejército\n"},
		{"war", "war /wɔː/\nguerra\n"},
	})
	for _, pass := range []string{"built", "from the cache"} {
		d, err := Load(dir, "es")
		if err != nil {
			t.Fatal(err)
		}
		gob := d.Senses("gobiern") // Snowball: gobierno → gobiern
		if len(gob) != 3 || gob[0].Term != "govern" || gob[1].Term != "administr" || gob[2].Term != "rule" {
			t.Fatalf("%s: gobiern → %v, want govern, administr, rule in that order", pass, gob)
		}
		var sum float32
		for _, s := range gob {
			sum += s.Weight
		}
		if sum < 0.999 || sum > 1.001 || gob[0].Weight <= gob[1].Weight {
			t.Errorf("%s: weights %v: want decreasing, summing to 1", pass, gob)
		}
		if s := d.Senses("ejercit"); len(s) != 1 || s[0].Term != "armi" {
			t.Errorf("%s: ejército (from eng-spa read backwards) → %v, want armi", pass, s)
		}
		if s := d.Senses("guerr"); len(s) != 2 || s[0].Term != "war" {
			t.Errorf("%s: guerra → %v, want war first", pass, s)
		}
		if s := d.Senses("pregunt"); s != nil {
			t.Errorf("%s: a multi-word headword gave %v", pass, s)
		}
		if len(d.Sources) != 2 || d.Sources[0].Package != "dict-freedict-spa-eng" || d.Sources[0].SHA256 == "" {
			t.Errorf("%s: sources %+v", pass, d.Sources)
		}
	}
}

func TestNoDictionary(t *testing.T) {
	dir := t.TempDir()
	tempCache(t)
	for _, lang := range []string{"ar", "zh", "en"} {
		_, err := Load(dir, lang)
		if !errors.Is(err, ErrNoDictionary) {
			t.Errorf("Load(empty dir, %s): %v, want ErrNoDictionary", lang, err)
		}
	}
	if _, err := Load(dir, "ar"); err == nil || !strings.Contains(err.Error(), "apt-get install dict-freedict-ara-eng") {
		t.Errorf("the error does not say what to install: %v", err)
	}
	writeDictd(t, dir, "spa-eng", [][2]string{{"hola", "hola\nhello\n"}})
	if _, err := Load(dir, "es"); err != nil {
		t.Errorf("one of two dictionaries installed: %v", err)
	}
}

func TestNote(t *testing.T) {
	if n := Note("zh"); n != "no zh→en dictionary: cross-language signals limited to names, places, numbers" {
		t.Errorf("Note(zh) = %q", n)
	}
	if n := Note("en"); n != "" {
		t.Errorf("Note(en) = %q, want none", n)
	}
}

// requireInstalled skips unless the Debian dictionaries are installed
// (scripts/setup.sh installs them).
func requireInstalled(t testing.TB, lang string) *Dict {
	d, err := For(lang)
	if errors.Is(err, ErrNoDictionary) {
		t.Skipf("%v (scripts/setup.sh installs the dictionaries)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInstalledDictionaries checks translations of common news words in
// the installed FreeDict dictionaries, both sides stemmed as the analysis
// stems them.
func TestInstalledDictionaries(t *testing.T) {
	for _, tc := range []struct {
		lang, term, want string
	}{
		{"es", "guerr", "war"},      // guerra
		{"es", "gobiern", "govern"}, // gobierno
		{"fr", "guerr", "war"},
		{"it", "guerr", "war"},
		{"ar", "وزير", "minist"},
		{"de", "regier", "govern"}, // Regierung
	} {
		d := requireInstalled(t, tc.lang)
		found := false
		for _, s := range d.Senses(tc.term) {
			found = found || s.Term == tc.want
		}
		if !found {
			t.Errorf("%s %s → %v, want %s among them", tc.lang, tc.term, d.Senses(tc.term), tc.want)
		}
		for _, s := range d.Sources {
			if !strings.HasPrefix(s.Package, "dict-freedict-") || s.Version == "" || s.Size == 0 {
				t.Errorf("%s: source %+v", tc.lang, s)
			}
		}
	}
}

func TestDifferences(t *testing.T) {
	requireInstalled(t, "es")
	now := Installed()
	if d := Differences(now); d != nil {
		t.Errorf("the installed set differs from itself: %v", d)
	}
	changed := append([]Source(nil), now...)
	changed[0].Version = "0.1"
	changed = append(changed, Source{Package: "dict-freedict-xxx-eng", Version: "1"})
	d := Differences(changed[1:])
	if len(d) != 2 || !strings.Contains(d[0], "not installed") || !strings.Contains(d[1], "trained without it") {
		t.Errorf("Differences = %q", d)
	}
}

// BenchmarkLoad loads each installed language's table as a new process
// does once the table is cached (the first load on a machine builds it
// from the dictd files: seconds for German), reporting the heap it holds.
func BenchmarkLoad(b *testing.B) {
	for _, l := range Languages() {
		b.Run(l, func(b *testing.B) {
			if _, err := Load(Dir, l); err != nil { // builds the cached table if needed
				b.Skip(err)
			}
			var m0, m1 runtime.MemStats
			var d *Dict
			var took time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC()
				runtime.ReadMemStats(&m0)
				start := time.Now()
				d, _ = Load(Dir, l)
				took += time.Since(start)
				runtime.GC()
				runtime.ReadMemStats(&m1)
			}
			b.ReportMetric(float64(int64(m1.HeapInuse)-int64(m0.HeapInuse))/(1<<20), "MiB-held")
			b.ReportMetric(float64(d.Len()), "terms")
			b.ReportMetric(took.Seconds()/float64(b.N), "s/load")
		})
	}
}

package entity

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsim/newsim/analysis/entity/internal/geonames"
)

// embeddedVersion returns the libgeonames-common version recorded in the
// embedded data's header.
func embeddedVersion(t *testing.T) string {
	zr, err := gzip.NewReader(bytes.NewReader(geonamesData))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "# libgeonames-common-version: "); ok {
			return v
		}
		if !strings.HasPrefix(line, "#") {
			break
		}
	}
	t.Fatal("embedded GeoNames data: no libgeonames-common-version line in its header")
	return ""
}

// TestEmbeddedGeoNamesIsCurrent: the embedded city names are exactly what
// the generator takes from the installed libgeonames-common of the version
// the file records (go generate ./analysis/entity rewrites the file). With
// another version installed, or none, there is nothing to compare with.
func TestEmbeddedGeoNamesIsCurrent(t *testing.T) {
	want := embeddedVersion(t)
	out, err := exec.Command("dpkg-query", "-W", "-f", "${Status} ${Version}", "libgeonames-common").Output()
	if err != nil || !strings.HasPrefix(string(out), "install ok installed ") {
		t.Skipf("libgeonames-common is not installed (%v): nothing to compare the embedded %s data with", err, want)
	}
	if got := strings.TrimPrefix(string(out), "install ok installed "); got != want {
		t.Skipf("libgeonames-common %s is installed, the embedded data is from %s: regenerate with go generate ./analysis/entity to move to it", got, want)
	}
	const dir = "/usr/share/locale"
	if _, err := os.Stat(filepath.Join(dir, "en", "LC_MESSAGES", "geonames.mo")); err != nil {
		t.Skipf("libgeonames-common's catalogues are not there (%v): nothing to compare the embedded data with", err)
	}
	fresh, err := geonames.FromCatalogues(dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := geonames.Encode(&buf, nil, fresh); err != nil {
		t.Fatal(err)
	}
	_, freshPrint, err := geonames.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := GazetteerFingerprint(); got != freshPrint {
		t.Errorf("embedded GeoNames data %s differs from libgeonames-common %s (%s, %d names): run go generate ./analysis/entity, then retrain", got, want, freshPrint, len(fresh))
	}
}

// TestGazetteerFingerprint: the fingerprint names the embedded entries and
// changes with any of them.
func TestGazetteerFingerprint(t *testing.T) {
	entries, fp, err := geonames.Decode(geonamesData)
	if err != nil {
		t.Fatal(err)
	}
	if got := GazetteerFingerprint(); got != fp || !strings.HasPrefix(fp, "sha256:") || len(fp) != len("sha256:")+64 {
		t.Fatalf("GazetteerFingerprint() = %q, decode gives %q", got, fp)
	}
	entries[len(entries)/2].Name += "x"
	var buf bytes.Buffer
	if err := geonames.Encode(&buf, []string{"changed"}, entries); err != nil {
		t.Fatal(err)
	}
	if _, fp2, _ := geonames.Decode(buf.Bytes()); fp2 == fp {
		t.Error("one name changed, same fingerprint")
	}
}

package store

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/newsim/newsim/internal/pgtest"
)

// TestPostgres runs this package's whole test suite again against a real
// PostgreSQL server that it starts (internal/pgtest): the test binary
// re-runs itself with $NEWSIM_TEST_POSTGRES set, so that every test's
// openTemp store is a fresh database on that server.
func TestPostgres(t *testing.T) {
	if onPostgres() {
		t.Skip("already the PostgreSQL run")
	}
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	srv := pgtest.Start(t)
	args := []string{"-test.run", ".", "-test.skip", "^TestPostgres$", "-test.count=1", "-test.v"}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), envPostgres+"="+srv.URL("postgres"))
	out, err := cmd.CombinedOutput()
	ran := strings.Count(string(out), "--- PASS") + strings.Count(string(out), "--- FAIL")
	if err != nil {
		t.Fatalf("the store tests on PostgreSQL failed: %v\n%s", err, out)
	}
	if ran < 10 {
		t.Fatalf("only %d tests ran on PostgreSQL:\n%s", ran, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "--- ") {
			t.Log(strings.TrimSpace(l))
		}
	}
}

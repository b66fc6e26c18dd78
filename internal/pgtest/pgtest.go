// Package pgtest starts a real, throwaway PostgreSQL server for tests:
// Debian's postgresql binaries (initdb, pg_ctl; scripts/setup.sh installs
// the package) on a loopback port, with its data in a temporary directory
// that is removed when the test ends. PostgreSQL refuses to run as root,
// so as root the server runs as the unprivileged user postgres (runuser).
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating databases
)

// Server is a running throwaway PostgreSQL server.
type Server struct {
	bin, data, log string
	runAs          string // user to run as ("" : this one)
	Port           int
}

// binDir returns the directory of the newest installed PostgreSQL's
// binaries, or "".
func binDir() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		a, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		b, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return a < b
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "pg_ctl")); err == nil {
			return dirs[i]
		}
	}
	return ""
}

// Start starts a server for t and stops it (and removes its data) when t
// ends. Without the binaries the test is skipped, with a message saying
// how to install them, unless $CI is set: in CI they must be there, and t
// fails.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := binDir()
	if bin == "" {
		msg := "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/pg_ctl): run scripts/setup.sh, which installs Debian's postgresql"
		if os.Getenv("CI") != "" {
			t.Fatal(msg + " ($CI is set: the PostgreSQL tests must run)")
		}
		t.Skip(msg)
	}
	s := &Server{bin: bin}
	dir, err := os.MkdirTemp("", "newsim-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root, and there is no user postgres to run PostgreSQL as (%v)", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		s.runAs = "postgres"
	}
	s.data, s.log = filepath.Join(dir, "data"), filepath.Join(dir, "log")
	if out, err := s.run("initdb", "-D", s.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	// A free loopback port: the kernel picks one, PostgreSQL takes it.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.run("pg_ctl", "-D", s.data, "-m", "immediate", "-w", "stop") })
	return s
}

// run runs a PostgreSQL program as the server's user.
func (s *Server) run(prog string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, prog)
	var cmd *exec.Cmd
	if s.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = os.TempDir()
	return cmd.CombinedOutput()
}

// Restart starts the server if it is stopped (or stops it first, fast, if
// it runs), on the same port with the same data; for fault tests.
func (s *Server) Restart() error {
	s.run("pg_ctl", "-D", s.data, "-m", "fast", "-w", "stop")
	opts := fmt.Sprintf("-p %d -h 127.0.0.1 -k %s -F -c max_connections=200", s.Port, filepath.Dir(s.data))
	if out, err := s.run("pg_ctl", "-D", s.data, "-l", s.log, "-o", opts, "-w", "-t", "60", "start"); err != nil {
		b, _ := os.ReadFile(s.log)
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, b)
	}
	return nil
}

// Stop stops the server, fast (for fault tests; Restart starts it again).
func (s *Server) Stop() error {
	out, err := s.run("pg_ctl", "-D", s.data, "-m", "fast", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v\n%s", err, out)
	}
	return nil
}

// URL returns the URL of database name on the server.
func (s *Server) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

var seq atomic.Int64

// NewDatabase creates a fresh, empty database on the server at url (the
// URL of any database on it, such as Server.URL("postgres")) and returns
// its URL; it is dropped when t ends.
func NewDatabase(t testing.TB, url string) string {
	t.Helper()
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("newsim_%d_%d", os.Getpid(), seq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", url)
		if err != nil {
			return
		}
		defer a.Close()
		a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	i := strings.LastIndex(url, "/")
	q := ""
	if j := strings.Index(url[i:], "?"); j >= 0 {
		q = url[i+j:]
	}
	return url[:i+1] + name + q
}

// Package natstest runs a real NATS server with JetStream for tests,
// embedded in the test process (github.com/nats-io/nats-server/v2) on a
// loopback port, with its file storage in a temporary directory. Other
// processes (newsim publish, newsim worker) connect to it by URL.
package natstest

import (
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is a running embedded NATS server.
type Server struct {
	opts *server.Options
	srv  *server.Server
}

// Start starts a server for t, shut down when t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{opts: &server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true}}
	if err := s.start(); err != nil {
		t.Fatal(err)
	}
	// Later restarts listen on the port the first start got.
	s.opts.Port = s.srv.Addr().(*net.TCPAddr).Port
	t.Cleanup(func() { s.srv.Shutdown(); s.srv.WaitForShutdown() })
	return s
}

func (s *Server) start() error {
	srv, err := server.NewServer(s.opts)
	if err != nil {
		return err
	}
	go srv.Start()
	if !srv.ReadyForConnections(30 * time.Second) {
		return errTimeout
	}
	s.srv = srv
	return nil
}

type timeoutError struct{}

func (timeoutError) Error() string { return "natstest: the server did not start within 30 s" }

var errTimeout = timeoutError{}

// URL is the server's client URL (nats://127.0.0.1:PORT).
func (s *Server) URL() string { return s.srv.ClientURL() }

// Restart shuts the server down and starts it again on the same port with
// the same storage (for fault tests).
func (s *Server) Restart() error {
	s.srv.Shutdown()
	s.srv.WaitForShutdown()
	return s.start()
}

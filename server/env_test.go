package server

import (
	"net/http/httptest"
	"testing"
)

// storeEnv is a running server with a real store holding a few articles.
type storeEnv struct {
	srv     *Server
	ts      *httptest.Server
	token   string
	ids     []string // stored article ids
	storyID string   // the story of ids[0]
}

// newStoreEnv starts a server with a store in t.TempDir().
// (Until the store package lands: no store.)
func newStoreEnv(t testing.TB) *storeEnv {
	s, ts := newTestServer(t, Config{Token: "test-token"})
	return &storeEnv{srv: s, ts: ts, token: "test-token", ids: []string{"1", "2"}, storyID: "1"}
}

package server

import (
	"net"
	"net/http"
	"strings"
)

// loopbackHost reports whether a Host header names this machine's
// loopback interface: "localhost", a loopback IP literal (127.0.0.1,
// [::1], any 127.x.y.z), each with or without a port. A DNS rebinding
// attack arrives with the attacker's own name in Host (the browser keeps
// the name while the name's address changes to 127.0.0.1), so a server
// without a token takes only these names.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	} else if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	if strings.EqualFold(strings.TrimSuffix(h, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// checkHost refuses, with 421 Misdirected Request, a request whose Host is
// not a loopback name when the server has no token (see loopbackHost). It
// reports whether the request may go on. With a token every Host is taken:
// writes then need the token, which a rebinding page does not have.
func (s *Server) checkHost(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Token != "" || loopbackHost(r.Host) {
		return true
	}
	writeError(w, http.StatusMisdirectedRequest, "bad_host",
		"Host "+clipPath(r.Host)+" is not a loopback name: a server without a token answers only to localhost, 127.0.0.1 and [::1] (set --token to serve other names)")
	return false
}

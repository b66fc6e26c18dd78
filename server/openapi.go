package server

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 document of the API, served at /v1/openapi.json.
// openapi_test.go checks it against the real handlers in both directions.
//
//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3 document (JSON) of the API.
func OpenAPI() []byte { return append([]byte(nil), openAPI...) }

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPI)
}

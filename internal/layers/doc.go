// Package layers holds the test of newsim's package layering: every
// package belongs to one stage of the data flow, and no package imports a
// later stage (layers_test.go has the table of stages). The serving path
// (everything up to the HTTP server) imports no evaluation or training
// code.
package layers

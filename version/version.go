// Package version says what a newsim binary is: the module version and
// VCS revision it was built from (runtime/debug.ReadBuildInfo) and the
// model it rates with (the SHA-256 of the model file and the labelled
// data it was fitted on). `newsim version` prints it and /healthz
// reports it.
package version

import (
	"fmt"
	"io"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"

	"github.com/newsim/newsim/compare"
)

// Module is newsim's module path, reported when the build carries none
// (a test binary).
const Module = "github.com/newsim/newsim"

// Info is one binary's version and model.
type Info struct {
	Module string `json:"module"`
	// Version is the module version: a tag or pseudo-version when built
	// with `go install …@version`, "(devel)" when built from a checkout.
	Version string `json:"version"`
	// Revision, Time and Modified are the VCS commit the binary was built
	// from, its commit time (RFC 3339) and whether the working tree had
	// uncommitted changes; empty when the build was not stamped (go run,
	// go test, -buildvcs=false).
	Revision string `json:"revision,omitempty"`
	Time     string `json:"time,omitempty"`
	Modified bool   `json:"modified,omitempty"`
	// Go is the Go release that built the binary.
	Go    string `json:"go"`
	Model Model  `json:"model"`
}

// Model describes the model file in use.
type Model struct {
	// Source is "embedded" or the model file's path; SHA256 is the hex
	// SHA-256 of the file's bytes.
	Source string `json:"source"`
	SHA256 string `json:"sha256"`
	// Pairs is the number of labelled pairs it was fitted on; Training
	// the pairs file (nil for a model written before newsim recorded it);
	// Data the fingerprints of the data analysis read when it was learned
	// (GeoNames city names…; compare.Model.Data).
	Pairs    int                   `json:"pairs"`
	Training *compare.TrainingData `json:"training,omitempty"`
	Data     map[string]string     `json:"data,omitempty"`
}

// Of returns the version of the running binary with model m (nil: none).
func Of(m *compare.Model) Info {
	in := Info{Module: Module, Version: "(devel)", Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path != "" {
			in.Module = bi.Main.Path
		}
		if bi.Main.Version != "" {
			in.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				in.Revision = s.Value
			case "vcs.time":
				in.Time = s.Value
			case "vcs.modified":
				in.Modified = s.Value == "true"
			}
		}
	}
	if m != nil {
		in.Model = Model{Source: m.Source, SHA256: m.SHA256, Pairs: m.Pairs, Training: m.Training, Data: m.Data}
	}
	return in
}

// Write prints in as the few lines of `newsim version`.
func (in Info) Write(w io.Writer) error {
	rev := "not stamped (built with go run, go test or -buildvcs=false)"
	if in.Revision != "" {
		rev = in.Revision
		if in.Time != "" {
			rev += " (" + in.Time + ")"
		}
		if in.Modified {
			rev += ", with uncommitted changes"
		}
	}
	data := "the pairs file not recorded (a model written before newsim recorded it)"
	if d := in.Model.Training; d != nil {
		data = fmt.Sprintf("from %s (%d bytes, sha256 %s)", d.File, d.Bytes, d.SHA256)
	}
	_, err := fmt.Fprintf(w, "newsim %s\nmodule    %s\nrevision  %s\ngo        %s\nmodel     %s, sha256 %s\ntrained   on %d labelled pairs, %s\n",
		in.Version, in.Module, rev, in.Go, in.Model.Source, in.Model.SHA256, in.Model.Pairs, data)
	for _, k := range slices.Sorted(maps.Keys(in.Model.Data)) {
		if err == nil {
			_, err = fmt.Fprintf(w, "with      %s %s\n", k, in.Model.Data[k])
		}
	}
	return err
}

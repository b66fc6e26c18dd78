package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsim/newsim/version"
)

// runVersion runs `newsim version` (also `newsim --version`): the module
// version, VCS revision, Go release, and the model's fingerprint and
// training data.
func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flags("version", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object (the same as /healthz's \"version\")")
	modelPath := fs.String("model", "", "model file to describe (default: the embedded model)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("version takes no arguments, got %q", fs.Args())}
	}
	c, err := comparer(*modelPath, stderr)
	if err != nil {
		return err
	}
	in := version.Of(c.Model())
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(in)
	}
	return in.Write(stdout)
}

//go:build !unix

package main

import "time"

// cpuTime reports that this system offers no process CPU time here; bench
// then prints wall time only.
func cpuTime() (time.Duration, bool) { return 0, false }

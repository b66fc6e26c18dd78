//go:build unix

package article

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) this process has used so far:
// on a shared machine it measures work where wall time measures load.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

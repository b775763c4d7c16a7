//go:build unix

package sim_test

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the process has used. The
// benchmarks report trials per CPU second besides trials per wall second:
// the machines they run on are often shared, and wall time then measures
// the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build unix

package registry_test

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the process has used. Benchmarks
// report lines per CPU second besides lines per wall second, because the
// machines they run on are often shared and wall time then measures the
// neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build unix

package ingest_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system. The
// benchmarks report it per op beside wall time, which on a shared machine
// also counts the time other processes hold the cores.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:build !unix

package sim_test

import "time"

// cpuTime is not measured on this system; the CPU-time metric is left out.
func cpuTime() time.Duration { return 0 }

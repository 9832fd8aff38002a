//go:build unix

package extract

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used (user and system,
// all threads, so garbage collection counts). On a shared machine it is
// steadier than wall time, which other processes' load inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const cpuClock = true

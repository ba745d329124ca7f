//go:build unix

package rules_test

import (
	"syscall"
	"time"
)

// processCPU returns the processor time (user and system) the process has
// used so far, on all its threads; ok is false when it is not known.
func processCPU() (d time.Duration, ok bool) {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0, false
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()), true
}

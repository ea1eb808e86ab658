//go:build unix

package ui

import "syscall"

// cpuTime returns the process's user and system CPU time so far, in
// seconds: on a shared machine a steadier figure than the wall clock.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

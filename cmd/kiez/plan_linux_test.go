package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPlanPreviousFIFO: a named pipe given as --previous is refused at
// once, not waited on.
func TestPlanPreviousFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.ics")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipe: %v", err)
	}
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		defer close(done)
		code, stderr = planICS(t, filepath.Join(dir, "plan.ics"), "--previous", fifo)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("kiez plan waits on the named pipe")
	}
	if code != exitProblems || !strings.Contains(stderr, "is a named pipe (FIFO), not a regular file") {
		t.Errorf("exit %d, %q; want 1 and a file that is not regular", code, stderr)
	}
}

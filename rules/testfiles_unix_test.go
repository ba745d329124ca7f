//go:build unix

package rules_test

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kiez-go/kiez/rules"
)

// TestRuleTestFIFO: a named pipe as the test file or as a fixture is
// refused without being opened for reading (which would wait for a writer
// forever).
func TestRuleTestFIFO(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fifo := filepath.Join(t.TempDir(), "pipe_test.yaml")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Errorf("mkfifo: %v", err)
			return
		}
		if _, err := rules.RunTestFile(ctx, fifo); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a named pipe as the test file: err = %v, want it refused", err)
		}

		tree, name := confinedTree(t, "fixture.yaml", "pipe.yaml")
		if err := syscall.Mkfifo(filepath.Join(tree, "tests", "pipe.yaml"), 0o644); err != nil {
			t.Errorf("mkfifo: %v", err)
			return
		}
		rep, err := rules.RunTestFile(ctx, name)
		if err != nil {
			t.Error(err)
			return
		}
		got := errorsOf(rep)
		if len(got) != 1 || !strings.Contains(got[0], "pipe.yaml is a named pipe (FIFO), not a regular file") {
			t.Errorf("a named pipe as a fixture: errors %q", got)
		}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("a named pipe stalled the rule test run")
	}
}

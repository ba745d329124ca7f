//go:build unix

package kiez_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// loadWithin runs LoadFiles on paths and fails the test when it does not
// return within the limit (a loader that opens a named pipe waits for a
// writer forever). It returns the dataset and the diagnostics as lines.
func loadWithin(t *testing.T, limit time.Duration, paths ...string) (*kiez.Dataset, []string) {
	t.Helper()
	type loaded struct {
		ds    *kiez.Dataset
		diags diag.Diagnostics
	}
	done := make(chan loaded, 1)
	go func() {
		ds, diags := kiez.LoadFiles(paths...)
		done <- loaded{ds, diags}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	select {
	case l := <-done:
		diags := l.diags
		diags.Sort()
		out := make([]string, len(diags))
		for i, d := range diags {
			out[i] = d.Error()
		}
		return l.ds, out
	case <-ctx.Done():
		t.Fatalf("LoadFiles(%v) did not return within %v", paths, limit)
		return nil, nil
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, name string) {
	t.Helper()
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

// TestLoadSkipsFIFOInDirectory: a named pipe called x.yaml in a data
// directory is reported and never opened (opening it would wait for a
// writer forever); the other files are read.
func TestLoadSkipsFIFOInDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "p.yaml"), programmeYAML)
	mkfifo(t, filepath.Join(dir, "x.yaml"))
	ds, got := loadWithin(t, 10*time.Second, dir)
	want := []string{filepath.Join(dir, "x.yaml") + ":1:1: error: " + filepath.Join(dir, "x.yaml") + " is a named pipe (FIFO), not a regular file"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if ds == nil || len(ds.Programmes) != 1 {
		t.Errorf("the regular file next to the pipe was not read")
	}
}

// TestLoadRefusesNamedFIFO: a named pipe given by name is refused, not
// opened.
func TestLoadRefusesNamedFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "x.yaml")
	mkfifo(t, fifo)
	_, got := loadWithin(t, 10*time.Second, fifo)
	want := []string{"error: " + fifo + " is a named pipe (FIFO), not a regular file"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestLoadRefusesDevice: a device is never read as data, named or linked
// from a data directory.
func TestLoadRefusesDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	dir := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")); err != nil {
		t.Fatal(err)
	}
	_, got := loadWithin(t, 10*time.Second, "/dev/zero", dir)
	link := filepath.Join(dir, "zero.yaml")
	want := []string{
		"error: /dev/zero is a character device, not a regular file",
		link + ":1:1: error: " + link + " is a character device, not a regular file",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestLoadFollowsSymlinksAlike: a symbolic link to a file and one to a
// directory are both followed (on main the directory was skipped while the
// file was read).
func TestLoadFollowsSymlinksAlike(t *testing.T) {
	elsewhere := t.TempDir()
	writeFile(t, filepath.Join(elsewhere, "programme.yaml"), programmeYAML)
	writeFile(t, filepath.Join(elsewhere, "centres", "a.yaml"), centreYAML(""))
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(elsewhere, "programme.yaml"), filepath.Join(dir, "p.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(elsewhere, "centres"), filepath.Join(dir, "centres")); err != nil {
		t.Fatal(err)
	}
	ds, got := loadWithin(t, 10*time.Second, dir)
	if len(got) != 0 {
		t.Errorf("diagnostics: %v", got)
	}
	if len(ds.Programmes) != 1 || len(ds.Centres) != 1 {
		t.Errorf("loaded %d programmes and %d centres through links, want 1 and 1", len(ds.Programmes), len(ds.Centres))
	}
	if _, ok := ds.Source(filepath.Join(dir, "centres", "a.yaml")); !ok {
		t.Errorf("the file in the linked directory is not named by its path through the link")
	}
}

// TestLoadSymlinkCycle: a link to a directory above ends with one
// diagnostic instead of an endless walk.
func TestLoadSymlinkCycle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sub", "p.yaml"), programmeYAML)
	if err := os.Symlink("..", filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	ds, got := loadWithin(t, 10*time.Second, dir)
	loop := filepath.Join(dir, "sub", "loop")
	want := []string{loop + ":1:1: error: " + loop + " leads back to a directory above it (a cycle of symbolic links); it is not read again"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if len(ds.Programmes) != 1 {
		t.Errorf("read the programme %d times, want once", len(ds.Programmes))
	}
}

// TestLoadDanglingSymlink: a data file that is a link to nothing is an
// error naming it.
func TestLoadDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "p.yaml"), programmeYAML)
	if err := os.Symlink(filepath.Join(dir, "gone.yaml"), filepath.Join(dir, "c.yaml")); err != nil {
		t.Fatal(err)
	}
	_, got := loadWithin(t, 10*time.Second, dir)
	c := filepath.Join(dir, "c.yaml")
	want := []string{c + ":1:1: error: cannot read " + c + ": the symbolic link leads nowhere readable: no such file or directory"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestLoadContextStops: a context that has ended stops loading before the
// first file, with a diagnostic naming it.
func TestLoadContextStops(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "p.yaml"), programmeYAML)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ds, diags := kiez.LoadFilesContext(ctx, dir)
	if len(diags) != 1 || !strings.Contains(diags[0].Error(), "loading stopped before this file was read: context canceled") {
		t.Errorf("diagnostics = %v, want one saying loading stopped", diags)
	}
	if !errors.Is(diags.Err(), context.Canceled) {
		t.Errorf("errors.Is(diags.Err(), context.Canceled) is false for %v", diags)
	}
	if len(ds.Programmes) != 0 {
		t.Errorf("read %d programmes after the context ended", len(ds.Programmes))
	}
}

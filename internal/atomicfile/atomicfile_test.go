package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/atomicfile"
)

// TestReplace: a commit replaces the content and keeps the mode; a
// discard, a failing writer or a failing check leave the file as it was
// and no temporary file behind.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bericht.csv")
	if err := os.WriteFile(path, []byte("alt"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "neu"); return err }); err != nil {
		t.Fatal(err)
	}
	check(t, dir, path, "neu")
	if st, _ := os.Stat(path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own -rw-r-----", st.Mode().Perm())
	}

	boom := errors.New("boom")
	if err := atomicfile.WriteFile(path, func(w io.Writer) error { io.WriteString(w, "halb"); return boom }); !errors.Is(err, boom) {
		t.Errorf("failing writer: %v, want boom", err)
	}
	check(t, dir, path, "neu")

	f, err := atomicfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "verworfen")
	f.Discard()
	f.Discard()
	check(t, dir, path, "neu")

	f, err = atomicfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "abgelehnt")
	if err := f.Commit(func() error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failing check: %v, want boom", err)
	}
	if err := f.Commit(nil); err == nil {
		t.Error("a second Commit succeeded")
	}
	check(t, dir, path, "neu")

	fresh := filepath.Join(dir, "neu.csv")
	if err := atomicfile.WriteFile(fresh, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(fresh); string(b) != "x" {
		t.Errorf("new file holds %q", b)
	}
}

// check compares the file's content and finds no temporary file left.
func check(t *testing.T, dir, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("content (-want +got):\n%s", diff)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name()[0] == '.' {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

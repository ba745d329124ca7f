// Package atomicfile replaces a file whole. What is written goes to a new
// temporary file in the file's directory, which Commit flushes to disk and
// renames over the file, so that the file holds either its old content or
// the whole new one, never a part, also after a crash. An existing file
// keeps its mode; a new one gets rw-rw-rw- less the umask (os.CreateTemp
// would give rw-------). Until Commit the file is untouched, and Discard
// leaves it so.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// File is the pending replacement of a file.
type File struct {
	tmp  *os.File
	path string
	done bool
}

// Create starts the replacement of path.
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for range 100 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		f, err := os.OpenFile(filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &File{tmp: f, path: path}, nil
	}
	return nil, fmt.Errorf("cannot create a temporary file in %s", dir)
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Discard removes the temporary file; the file is untouched. It does
// nothing after Commit or a second time.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// Commit puts what was written in place of the file: it gives the
// temporary file the mode of the file it replaces, flushes it to disk,
// calls check (when not nil) and renames it over the file unless check
// returns an error, then flushes the directory. On any error the
// temporary file is removed and the file is untouched.
func (f *File) Commit(check func() error) error {
	if f.done {
		return errors.New("atomicfile: Commit after Commit or Discard")
	}
	fail := func(err error) error {
		f.Discard()
		return err
	}
	if st, err := os.Stat(f.path); err == nil {
		if err := f.tmp.Chmod(st.Mode().Perm()); err != nil {
			return fail(err)
		}
	}
	if err := f.tmp.Sync(); err != nil {
		return fail(err)
	}
	if check != nil {
		if err := check(); err != nil {
			return fail(err)
		}
	}
	if err := f.tmp.Close(); err != nil {
		return fail(err)
	}
	f.done = true
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		os.Remove(f.tmp.Name())
		return err
	}
	syncDir(filepath.Dir(f.path))
	return nil
}

// WriteFile replaces path with what write writes.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Discard()
		return err
	}
	return f.Commit(nil)
}

// syncDir flushes a directory's entries to disk, so that a rename in it
// survives a crash. Where directories cannot be synced, it does nothing.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

package sheet

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/kiez-go/kiez/internal/memfile"
)

// Overlay returns a file system that reads as base does, except that the
// file named file holds text. A nil base reads the operating system's
// files by the paths given (absolute, or relative to the working
// directory), opened without blocking as kiez.LoadFiles opens them. Use
// it to load data again with a merged file in place of the one read:
// kiez.LoadContext(ctx, sheet.Overlay(nil, res.File, res.Text), paths...).
func Overlay(base fs.FS, file string, text []byte) fs.FS {
	if base == nil {
		base = osFS{}
	}
	return &overlay{base: base, file: file, text: text}
}

type overlay struct {
	base fs.FS
	file string
	text []byte
}

func (o *overlay) Open(name string) (fs.File, error) {
	if name == o.file {
		return memfile.Open(filepath.Base(name), o.text), nil
	}
	return o.base.Open(name)
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if name == o.file {
		return memfile.Info(filepath.Base(name), int64(len(o.text))), nil
	}
	return fs.Stat(o.base, name)
}

func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.base, name) }

// osFS opens the operating system's files by slash-separated paths as
// given, without blocking (a named pipe cannot stall the loader).
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) {
	return os.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(filepath.FromSlash(name)) }

package kiez

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/filekind"
)

// MaxDirDepth is how deep Load descends into directories below a named
// one, counting directories reached through symbolic links. It ends a
// cycle of links on a file system that cannot tell two directories apart
// (an fs.FS whose FileInfo does not come from the operating system).
const MaxDirDepth = 64

// LoadContext is Load with a context: it stops between two files, or
// while it lists a directory, when ctx ends. The files read so far are
// decoded; the diagnostics end with one error that names the file that
// was not read and the context's error.
func LoadContext(ctx context.Context, fsys fs.FS, names ...string) (*Dataset, diag.Diagnostics) {
	ds := &Dataset{src: newSourceMap()}
	ds.src.fsys = fsys
	var diags diag.Diagnostics
	for _, name := range names {
		if stopped := stoppedAt(ctx, name); stopped != nil {
			return ds, append(diags, stopped)
		}
		files, walkDiags, err := dataFiles(ctx, fsys, name)
		diags = append(diags, walkDiags...)
		if err != nil {
			diags = append(diags, &diag.Diagnostic{Severity: diag.Error, Summary: err.Error(),
				Detail: "Name a data file (.yaml, .yml, .json) or a directory holding some."})
			continue
		}
		for _, r := range decodeAll(ctx, fsys, files) {
			if r.stopped {
				return ds, append(diags, stoppedAt(ctx, r.name))
			}
			if r.err != nil {
				start := diag.Pos{Line: 1, Column: 1}
				detail := "Split the data into one file per centre."
				if _, ok := r.err.(notRegularError); ok {
					detail = notRegularDetail
				}
				diags = append(diags, &diag.Diagnostic{Severity: diag.Error, Summary: r.err.Error(),
					Detail:  detail,
					Subject: &diag.Range{Filename: r.name, Start: start, End: start}})
				continue
			}
			diags = append(diags, ds.merge(r.file, nil)...)
		}
	}
	return ds, diags
}

// LoadFilesContext is LoadFiles with a context, as LoadContext is Load
// with one.
func LoadFilesContext(ctx context.Context, paths ...string) (*Dataset, diag.Diagnostics) {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.ToSlash(p)
	}
	return LoadContext(ctx, osFS{}, names...)
}

// stoppedAt returns the diagnostic for a load that ctx ended before name
// was read, or nil while ctx lasts.
func stoppedAt(ctx context.Context, name string) *diag.Diagnostic {
	err := ctx.Err()
	if err == nil {
		return nil
	}
	start := diag.Pos{Line: 1, Column: 1}
	return &diag.Diagnostic{Severity: diag.Error,
		Summary: fmt.Sprintf("loading stopped before this file was read: %v", err),
		Detail:  "The time allowed for loading ran out; allow more time, or load less data at once.",
		Subject: &diag.Range{Filename: name, Start: start, End: start}, Cause: err}
}

// notRegularDetail is the advice under a file that is not a regular file.
const notRegularDetail = "Only regular files are read as data; a named pipe, socket or device is never opened. Copy the data into a file."

// notRegularError says that a path names something other than a regular
// file or a directory.
type notRegularError struct {
	name string
	mode fs.FileMode
}

func (e notRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.name, filekind.Of(e.mode))
}

// readLimited reads a regular file, refusing one larger than MaxFileSize
// without reading more than MaxFileSize+1 bytes of it, even when its size
// is not known beforehand (a file of /proc). It never opens a named pipe,
// a socket or a device: those would block or never end.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	tooLarge := func(size int64) error {
		return fmt.Errorf("the file is %d bytes; data files may be at most %d bytes", size, MaxFileSize)
	}
	var size int64 = -1
	if st, err := fs.Stat(fsys, name); err == nil {
		if !st.Mode().IsRegular() {
			return nil, notRegularError{name: name, mode: st.Mode()}
		}
		if st.Size() > MaxFileSize {
			return nil, tooLarge(st.Size())
		}
		size = st.Size()
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been replaced since it was looked at; osFS opens
	// without blocking, so a named pipe put in its place is refused here.
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return nil, notRegularError{name: name, mode: st.Mode()}
	}
	data, err := readAllSized(io.LimitReader(f, MaxFileSize+1), size)
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("the file is more than %d bytes; data files may be at most %d bytes", MaxFileSize, MaxFileSize)
	}
	return data, nil
}

// readAllSized is io.ReadAll for a reader of about size bytes (-1 when
// not known): it reads into one buffer of that size, plus one byte to see
// the end, instead of growing a buffer from 512 bytes and copying it on
// the way.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	if size < 0 || size > MaxFileSize {
		return io.ReadAll(r)
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			// Larger than it was: it grew since it was looked at.
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// openNoBlock opens a file for reading without waiting for a writer, as
// opening a named pipe would; readLimited refuses anything but a regular
// file once it is open.
func openNoBlock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// dataFiles lists the data files a name stands for: the name itself when
// it is a file, or every data file below it when it is a directory, in
// lexical order. Symbolic links are followed alike for files and for
// directories, to wherever they lead; a link that leads back to a
// directory being listed is reported and not followed. A data file that is
// not a regular file (a named pipe, socket or device) is reported and
// never opened. The diagnostics are problems with single entries; the
// error is for a name that cannot be read at all.
func dataFiles(ctx context.Context, fsys fs.FS, name string) ([]string, diag.Diagnostics, error) {
	name = path.Clean(name)
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return nil, nil, notRegularError{name: name, mode: st.Mode()}
		}
		return []string{name}, nil, nil
	}
	w := &dirWalker{ctx: ctx, fsys: fsys}
	if err := w.walk(name, st, nil); err != nil {
		return nil, w.diags, fmt.Errorf("cannot read %s: %w", name, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, w.diags, fmt.Errorf("listing %s stopped: %w", name, err)
	}
	sort.Strings(w.files)
	if len(w.files) == 0 && len(w.diags) == 0 {
		return nil, nil, fmt.Errorf("%s holds no data files", name)
	}
	return w.files, w.diags, nil
}

// dirWalker lists the data files below a directory.
type dirWalker struct {
	ctx   context.Context
	fsys  fs.FS
	files []string
	diags diag.Diagnostics
}

// walk lists dir, whose FileInfo is st; ancestors are the directories
// above it, for finding cycles of symbolic links.
func (w *dirWalker) walk(dir string, st fs.FileInfo, ancestors []fs.FileInfo) error {
	for _, a := range ancestors {
		if os.SameFile(a, st) {
			w.entryError(dir, "%s leads back to a directory above it (a cycle of symbolic links); it is not read again", dir)
			return nil
		}
	}
	if len(ancestors) >= MaxDirDepth {
		w.entryError(dir, "%s lies more than %d directories deep; it is not read", dir, MaxDirDepth)
		return nil
	}
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		if len(ancestors) == 0 {
			return err
		}
		w.entryError(dir, "cannot read the directory %s: %v", dir, err)
		return nil
	}
	ancestors = append(ancestors, st)
	for _, e := range entries {
		if w.ctx.Err() != nil {
			return nil
		}
		base := e.Name()
		if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
			continue
		}
		p := path.Join(dir, base)
		mode := e.Type()
		var info fs.FileInfo
		if mode&fs.ModeSymlink != 0 {
			info, err = fs.Stat(w.fsys, p)
			if err != nil {
				if isDataFile(base) {
					w.entryError(p, "cannot read %s: the symbolic link leads nowhere readable: %v", p, unwrapPath(err))
				}
				continue
			}
			mode = info.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if info == nil {
				if info, err = e.Info(); err != nil {
					w.entryError(p, "cannot read the directory %s: %v", p, unwrapPath(err))
					continue
				}
			}
			if err := w.walk(p, info, ancestors); err != nil {
				return err
			}
		case !isDataFile(base):
		case mode.IsRegular():
			w.files = append(w.files, p)
		default:
			err := notRegularError{name: p, mode: mode}
			start := diag.Pos{Line: 1, Column: 1}
			w.diags = append(w.diags, &diag.Diagnostic{Severity: diag.Error, Summary: err.Error(),
				Detail: notRegularDetail, Subject: &diag.Range{Filename: p, Start: start, End: start}})
		}
	}
	return nil
}

// entryError reports a problem with one entry of a directory.
func (w *dirWalker) entryError(name, format string, args ...any) {
	start := diag.Pos{Line: 1, Column: 1}
	w.diags = append(w.diags, &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf(format, args...),
		Subject: &diag.Range{Filename: name, Start: start, End: start}})
}

// unwrapPath drops the operation and path of a *fs.PathError, which the
// message names already.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

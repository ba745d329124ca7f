package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/memfile"
	"github.com/kiez-go/kiez/kiez"
)

// stdinArg is the data argument that stands for the standard input, and
// stdinName the name the standard input has in diagnostics and in the
// inputs of JSON output.
const (
	stdinArg  = "-"
	stdinName = "<stdin>"
)

// inputFS is the file system the commands load data from: the operating
// system's files, opened without blocking as kiez.LoadFiles opens them,
// and the standard input under stdinName when a data argument is "-". It
// records the SHA-256 of every file read to its end. Safe for the
// loader's concurrent reads.
type inputFS struct {
	stdin    []byte
	hasStdin bool

	mu    sync.Mutex
	files map[string]envelope.InputFile
}

// Open opens a file for reading.
func (f *inputFS) Open(name string) (fs.File, error) {
	var file fs.File
	if f.hasStdin && name == stdinName {
		file = memfile.Open(stdinName, f.stdin)
	} else {
		osf, err := os.OpenFile(filepath.FromSlash(name), os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			return nil, err
		}
		file = osf
	}
	return &hashingFile{File: file, fsys: f, name: name, h: sha256.New()}, nil
}

// Stat describes a file.
func (f *inputFS) Stat(name string) (fs.FileInfo, error) {
	if f.hasStdin && name == stdinName {
		return memfile.Info(stdinName, int64(len(f.stdin))), nil
	}
	return os.Stat(filepath.FromSlash(name))
}

// ReadDir lists a directory.
func (f *inputFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return os.ReadDir(filepath.FromSlash(name))
}

// record notes a file read to its end; the first reading counts.
func (f *inputFS) record(file envelope.InputFile) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, seen := f.files[file.Name]; !seen {
		f.files[file.Name] = file
	}
}

// read returns the files read, sorted by name (bytewise).
func (f *inputFS) read() []envelope.InputFile {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]envelope.InputFile, 0, len(f.files))
	for _, file := range f.files {
		out = append(out, file)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// hashingFile hashes what is read from a file and records the sum when
// the file has been read to its end.
type hashingFile struct {
	fs.File
	fsys *inputFS
	name string
	h    hash.Hash
	n    int64
	done bool
}

func (f *hashingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.h.Write(p[:n])
	f.n += int64(n)
	if err == io.EOF && !f.done {
		f.done = true
		f.fsys.record(envelope.InputFile{Name: f.name, Bytes: f.n, SHA256: hex.EncodeToString(f.h.Sum(nil))})
	}
	return n, err
}

// loadInputs loads the data files and directories named by paths, as
// kiez.LoadFilesContext does; "-" stands for the standard input, which is
// read (at most kiez.MaxFileSize bytes) before anything else and may be
// named once. The returned file system knows the files read.
func loadInputs(ctx context.Context, paths []string) (*kiez.Dataset, diag.Diagnostics, *inputFS) {
	fsys := &inputFS{files: map[string]envelope.InputFile{}}
	var diags diag.Diagnostics
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		if p != stdinArg {
			names = append(names, filepath.ToSlash(p))
			continue
		}
		if fsys.hasStdin {
			diags = append(diags, &diag.Diagnostic{Severity: diag.Error,
				Summary: `"-" (the standard input) is named more than once; it is read once`,
				Detail:  `Name "-" once, or save the data into files and name those.`})
			continue
		}
		data, err := io.ReadAll(io.LimitReader(os.Stdin, kiez.MaxFileSize+1))
		switch {
		case err != nil:
			diags = append(diags, &diag.Diagnostic{Severity: diag.Error,
				Summary: fmt.Sprintf("cannot read the standard input: %v", err)})
			continue
		case len(data) > kiez.MaxFileSize:
			diags = append(diags, &diag.Diagnostic{Severity: diag.Error,
				Summary: fmt.Sprintf("the standard input holds more than %d bytes; data files may be at most %d bytes", kiez.MaxFileSize, kiez.MaxFileSize),
				Detail:  "Split the data into one file per centre and name the files."})
			continue
		}
		fsys.stdin, fsys.hasStdin = data, true
		names = append(names, stdinName)
	}
	ds, loadDiags := kiez.LoadContext(ctx, fsys, names...)
	return ds, append(diags, loadDiags...), fsys
}

// loadDataInputs loads and validates data files and prints every
// problem. It returns nil when the data has errors, and the context's
// error, printing nothing, when ctx ends before the data is loaded; and
// the file system the data was read from, which knows the files read
// ("-" is the standard input).
func loadDataInputs(ctx context.Context, w io.Writer, paths []string) (*kiez.Dataset, *inputFS, error) {
	ds, diags, fsys := loadInputs(ctx, paths)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	if len(diags) > 0 {
		if err := diag.WriteText(w, diags, ds.Source); err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(w, "%s in the data\n\n", countLine(diags))
	}
	if diags.HasErrors() {
		return nil, nil, nil
	}
	return ds, fsys, nil
}

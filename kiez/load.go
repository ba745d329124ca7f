package kiez

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/internal/source"
)

// MaxFileSize is the largest data file Load and Decode accept, in bytes. A
// year of one centre's records is a few hundred kilobytes; the bound keeps
// a mistaken or hostile input from exhausting memory.
const MaxFileSize = 32 << 20

// sourceMap remembers where each value of a Dataset was read from.
type sourceMap struct {
	// files holds each file's name and text, for snippets.
	files map[string][]byte
	// at maps a data path of the merged dataset to its file and position.
	at map[string]sourceRef
	// bad holds the paths whose values could not be decoded; Validate
	// does not report them again.
	bad map[string]bool
}

// failed reports whether the value at path, or a value it is part of,
// could not be decoded.
func (m *sourceMap) failed(p string) bool {
	if m == nil {
		return false
	}
	for {
		if m.bad[p] {
			return true
		}
		if p == "" {
			return false
		}
		p = parentPath(p)
	}
}

func newSourceMap() *sourceMap {
	return &sourceMap{files: map[string][]byte{}, at: map[string]sourceRef{}, bad: map[string]bool{}}
}

type sourceRef struct {
	file string
	pos  source.Pos
}

// rangeOf returns the file range of a data path, trying its parents when
// the path itself was not written (a missing required field).
func (m *sourceMap) rangeOf(p string) *Range {
	if m == nil {
		return nil
	}
	for {
		if ref, ok := m.at[p]; ok {
			r := &Range{Filename: ref.file, Start: Pos(ref.pos), End: Pos(ref.pos)}
			return r
		}
		if p == "" {
			return nil
		}
		p = parentPath(p)
	}
}

func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// Decode reads one data file, JSON or YAML, into a Dataset. The name is used
// in positions and chooses the format by its extension (.json, or .yaml /
// .yml); any other extension is read as YAML, of which JSON is nearly a
// subset. Decode does not validate: call Validate on the result. The
// returned diagnostics hold every decoding problem with its position.
func Decode(name string, data []byte) (*Dataset, Diagnostics) {
	ds := &Dataset{src: newSourceMap()}
	diags := ds.decodeFile(name, data)
	return ds, diags
}

func (ds *Dataset) decodeFile(name string, data []byte) Diagnostics {
	ds.src.files[name] = data
	if len(data) > MaxFileSize {
		return Diagnostics{{Severity: SeverityError,
			Summary: fmt.Sprintf("the file is %d bytes; data files may be at most %d bytes", len(data), MaxFileSize),
			Detail:  "Split the data into one file per centre.",
			Subject: &Range{Filename: name, Start: Pos{Line: 1, Column: 1}, End: Pos{Line: 1, Column: 1}}}}
	}
	var root *source.Node
	var err error
	if strings.EqualFold(path.Ext(name), ".json") {
		root, err = source.ParseJSON(data)
	} else {
		root, err = source.ParseYAML(data)
	}
	if err != nil {
		var se *source.SyntaxError
		if errors.As(err, &se) {
			return Diagnostics{{Severity: SeverityError, Summary: se.Message,
				Subject: &Range{Filename: name, Start: Pos(se.Pos), End: Pos(se.Pos)}}}
		}
		return Diagnostics{{Severity: SeverityError, Summary: err.Error(), Subject: &Range{Filename: name}}}
	}
	var part Dataset
	positions, problems := source.Decode(root, &part)
	diags := make(Diagnostics, 0, len(problems))
	for _, p := range problems {
		ds.src.bad[ds.shiftPath(p.Path)] = true
		diags = append(diags, &Diagnostic{Severity: SeverityError, Summary: p.Summary, Detail: p.Detail,
			Path:    ds.shiftPath(p.Path),
			Subject: &Range{Filename: name, Start: Pos(p.Pos), End: Pos(p.Pos)}})
	}
	for p, pos := range positions {
		ds.src.at[ds.shiftPath(p)] = sourceRef{file: name, pos: pos}
	}
	ds.Programmes = append(ds.Programmes, part.Programmes...)
	ds.Centres = append(ds.Centres, part.Centres...)
	ds.Waivers = append(ds.Waivers, part.Waivers...)
	return diags
}

// shiftPath turns a path of a file decoded on its own into the path of the
// same value in the merged dataset: centres[0] of the third file may be
// centres[7] of the whole.
func (ds *Dataset) shiftPath(p string) string {
	offsets := map[string]int{"programmes": len(ds.Programmes), "centres": len(ds.Centres), "waivers": len(ds.Waivers)}
	head, rest, _ := strings.Cut(p, "[")
	off, ok := offsets[head]
	if !ok || rest == "" {
		return p
	}
	num, tail, found := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if !found || err != nil {
		return p
	}
	return head + "[" + strconv.Itoa(i+off) + "]" + tail
}

// Load reads data files from fsys and merges them into one Dataset. Each
// name is a file or a directory; a directory is read recursively, taking
// every .yaml, .yml and .json file in lexical order and skipping entries
// whose name starts with "." or "_". Symbolic links are followed alike for
// files and for directories, wherever they lead; a link back to a
// directory above it is reported and not followed. Only regular files are
// read: a named pipe, socket or device, named or found in a directory, is
// reported and never opened. Load does not validate. All problems are
// reported at once; the Dataset holds whatever could be decoded.
//
// Use os.DirFS to load from disk, and LoadContext to bound the time.
func Load(fsys fs.FS, names ...string) (*Dataset, Diagnostics) {
	return LoadContext(context.Background(), fsys, names...)
}

// LoadFiles is Load on the operating system's files: each path is a file or
// directory, absolute or relative to the working directory, and appears in
// diagnostics as given.
func LoadFiles(paths ...string) (*Dataset, Diagnostics) {
	return LoadFilesContext(context.Background(), paths...)
}

// osFS opens slash-separated paths, absolute or relative, on the operating
// system. Unlike os.DirFS it is not rooted, so that the paths a user typed
// are the names in diagnostics. It opens without blocking, so that a named
// pipe put in place of a data file cannot stall the loader.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return openNoBlock(filepath.FromSlash(name)) }

func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(filepath.FromSlash(name)) }

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

func isDataFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Source returns the text of a file the dataset was loaded from, for
// printing snippets under diagnostics.
func (ds *Dataset) Source(filename string) ([]byte, bool) {
	if ds == nil || ds.src == nil {
		return nil, false
	}
	b, ok := ds.src.files[filename]
	return b, ok
}

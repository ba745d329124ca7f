package kiez

import (
	"context"
	"hash/crc32"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// MaxFileSize is the largest data file Load and Decode accept, in bytes. A
// year of one centre's records is a few hundred kilobytes; the bound keeps
// a mistaken or hostile input from exhausting memory.
const MaxFileSize = 32 << 20

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
func Decode(name string, data []byte) (*Dataset, diag.Diagnostics) {
	ds := &Dataset{src: newSourceMap()}
	diags := ds.decodeFile(name, data)
	return ds, diags
}

func (ds *Dataset) decodeFile(name string, data []byte) diag.Diagnostics {
	return ds.merge(decodeOne(name, data, nil), data)
}

// decodedFile is one file parsed and decoded on its own, before it is
// merged into a dataset; its paths are the file's own.
type decodedFile struct {
	name     string
	size     int
	sum      uint32
	part     *Dataset
	diags    diag.Diagnostics
	problems []source.Problem
}

// decodeOne parses and decodes one file. It keeps neither the text nor
// the node tree; it may run in parallel with others, each with its own
// interner (or nil), which shares repeated texts and decimals between the
// files that one goroutine decodes.
func decodeOne(name string, data []byte, in *source.Interner) *decodedFile {
	out := &decodedFile{name: name, size: len(data), sum: crc32.Checksum(data, castagnoli)}
	if len(data) > MaxFileSize {
		out.diags = diag.Diagnostics{tooLargeDiagnostic(name, len(data))}
		return out
	}
	root, err := parseFileWith(name, data, in)
	if err != nil {
		out.diags = diag.Diagnostics{syntaxDiagnostic(name, err)}
		return out
	}
	out.part = &Dataset{}
	out.problems = in.DecodeValues(root, out.part)
	in.Recycle() // the tree is not used again
	return out
}

// merge adds a decoded file to the dataset, shifting its paths to those of
// the merged dataset. data, when not nil, is kept for snippets and
// positions instead of reading the file again.
func (ds *Dataset) merge(f *decodedFile, data []byte) diag.Diagnostics {
	ds.src.addFile(f.name, f.size, f.sum, data, ds, f.part)
	diags := f.diags
	for _, p := range f.problems {
		path := ds.shiftPath(p.Path)
		ds.src.bad[path] = true
		diags = append(diags, &diag.Diagnostic{Severity: diag.Error, Summary: p.Summary, Detail: p.Detail,
			Path:    path,
			Subject: new(p.Range(f.name))})
	}
	if f.part != nil {
		ds.Programmes = append(ds.Programmes, f.part.Programmes...)
		ds.Centres = append(ds.Centres, f.part.Centres...)
		ds.Waivers = append(ds.Waivers, f.part.Waivers...)
	}
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
func Load(fsys fs.FS, names ...string) (*Dataset, diag.Diagnostics) {
	return LoadContext(context.Background(), fsys, names...)
}

// LoadFiles is Load on the operating system's files: each path is a file or
// directory, absolute or relative to the working directory, and appears in
// diagnostics as given.
func LoadFiles(paths ...string) (*Dataset, diag.Diagnostics) {
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
// printing snippets under diagnostics. A file read by Load is read again;
// Source reports false when it has changed since.
func (ds *Dataset) Source(filename string) ([]byte, bool) {
	if ds == nil {
		return nil, false
	}
	return ds.src.source(filename)
}

package kiez

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// sourceMap remembers where the values of a Dataset were read from, in
// little memory: per file its name, a checksum of its text and which
// programmes, centres and waivers of the merged dataset it holds. Neither
// the text of a file nor its node tree is kept once the file is decoded.
// When a diagnostic needs the position of a value, the file that holds it
// is read and parsed again, once for all diagnostics of that file, and
// the value is found by its data path in the node tree. A data set of
// 10,000 centres thus costs a few hundred kilobytes of positions instead
// of a map entry per value, and a file with problems costs one more parse.
type sourceMap struct {
	// fsys is where Load read the files, to read them again; nil for
	// Decode, which keeps the caller's bytes instead.
	fsys fs.FS
	// files are the decoded files in the order of the merged dataset.
	files  []*sourceFile
	byName map[string]*sourceFile
	// bad holds the paths whose values could not be decoded; Validate
	// does not report them again.
	bad map[string]bool

	mu sync.Mutex
	// last is the file read again most recently: diagnostics come file
	// by file, so one suffices to read each file once.
	last *parsedFile
}

// The sections of a dataset, which files contribute entries to.
const (
	secProgrammes = iota
	secCentres
	secWaivers
	numSections
)

var sectionNames = [numSections]string{"programmes", "centres", "waivers"}

// sourceFile is one decoded file.
type sourceFile struct {
	name string
	// data is the file's text when it was given as bytes (Decode); files
	// read by Load are read again from fsys.
	data []byte
	size int
	sum  uint32
	// first and count say which entries of each section of the merged
	// dataset came from this file.
	first, count [numSections]int
}

// parsedFile is a file read again for diagnostics; root is parsed on
// first need.
type parsedFile struct {
	file *sourceFile
	data []byte
	root *source.Node
	err  bool // the file no longer parses (it changed since it was read)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func newSourceMap() *sourceMap {
	return &sourceMap{byName: map[string]*sourceFile{}, bad: map[string]bool{}}
}

// addFile records a decoded file of size bytes with the checksum sum; ds
// holds the entries of the files before it and part the file's own. data,
// when not nil, is kept instead of reading the file again.
func (m *sourceMap) addFile(name string, size int, sum uint32, data []byte, ds, part *Dataset) *sourceFile {
	f := &sourceFile{name: name, size: size, sum: sum, data: data}
	f.first = [numSections]int{len(ds.Programmes), len(ds.Centres), len(ds.Waivers)}
	if part != nil {
		f.count = [numSections]int{len(part.Programmes), len(part.Centres), len(part.Waivers)}
	}
	m.files = append(m.files, f)
	if _, dup := m.byName[name]; !dup {
		m.byName[name] = f
	}
	return f
}

// failed reports whether the value at path, or a value it is part of,
// could not be decoded.
func (m *sourceMap) failed(p string) bool {
	if m == nil || len(m.bad) == 0 {
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

// rangeOf returns the file range of a data path (the whole value as
// written), or the start of the nearest value that contains it when the
// path itself was not written (a missing required field). It returns nil for a path that names no entry of a
// file, or when the file cannot be read again as it was.
func (m *sourceMap) rangeOf(p string) *diag.Range {
	if m == nil {
		return nil
	}
	sec, i, tail, ok := splitEntryPath(p)
	if !ok {
		return nil
	}
	files := m.files
	k := sort.Search(len(files), func(k int) bool { return files[k].first[sec]+files[k].count[sec] > i })
	if k == len(files) || i < files[k].first[sec] {
		return nil
	}
	f := files[k]
	m.mu.Lock()
	defer m.mu.Unlock()
	pf := m.parsed(f)
	if pf == nil || pf.root == nil {
		return nil
	}
	list := pf.root.Lookup(sectionNames[sec])
	if list == nil || list.Kind != source.KindSeq || i-f.first[sec] >= len(list.Items) {
		return nil
	}
	n, exact := list.Items[i-f.first[sec]].Resolve(tail)
	if !exact {
		// Where the missing value belongs: a point at the start of the
		// value that would hold it, not the whole of that value.
		return &diag.Range{Filename: f.name, Start: n.Pos, End: n.Pos}
	}
	return new(n.Range(f.name))
}

// splitEntryPath splits "centres[7].staff[0]" into the section, the index
// 7 and the rest ".staff[0]".
func splitEntryPath(p string) (sec, i int, tail string, ok bool) {
	head, rest, found := strings.Cut(p, "[")
	if !found {
		return 0, 0, "", false
	}
	sec = -1
	for s, name := range sectionNames {
		if head == name {
			sec = s
		}
	}
	num, tail, found := strings.Cut(rest, "]")
	i, err := strconv.Atoi(num)
	if sec < 0 || !found || err != nil || i < 0 {
		return 0, 0, "", false
	}
	return sec, i, tail, true
}

// read returns a file's text as it was decoded, reading it again if need
// be; it reports false when the file has changed or cannot be read.
func (m *sourceMap) read(f *sourceFile) ([]byte, bool) {
	if m.last != nil && m.last.file == f {
		return m.last.data, true
	}
	data := f.data
	if data == nil {
		if m.fsys == nil {
			return nil, false
		}
		var err error
		data, err = readLimited(m.fsys, f.name)
		if err != nil || len(data) != f.size || crc32.Checksum(data, castagnoli) != f.sum {
			return nil, false
		}
	}
	m.last = &parsedFile{file: f, data: data}
	return data, true
}

// parsed returns the file read again with its node tree; m.mu is held.
func (m *sourceMap) parsed(f *sourceFile) *parsedFile {
	if _, ok := m.read(f); !ok {
		return nil
	}
	pf := m.last
	if pf.root == nil && !pf.err {
		root, err := parseFile(f.name, pf.data)
		if err != nil {
			pf.err = true
			return nil
		}
		pf.root = root
	}
	return pf
}

// parseFile parses a data file by its extension: JSON for .json, YAML for
// everything else.
func parseFile(name string, data []byte) (*source.Node, error) {
	return parseFileWith(name, data, nil)
}

// parseFileWith is parseFile sharing repeated texts through in.
func parseFileWith(name string, data []byte, in *source.Interner) (*source.Node, error) {
	if strings.EqualFold(path.Ext(name), ".json") {
		return in.ParseJSON(data)
	}
	return in.ParseYAML(data)
}

// source returns the text of a file the dataset was read from.
func (m *sourceMap) source(filename string) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	f, ok := m.byName[filename]
	if !ok {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.read(f)
}

// syntaxDiagnostic turns a parse error into a diagnostic.
func syntaxDiagnostic(name string, err error) *diag.Diagnostic {
	var se *source.SyntaxError
	if errors.As(err, &se) {
		return &diag.Diagnostic{Severity: diag.Error, Summary: se.Message,
			Subject: &diag.Range{Filename: name, Start: se.Pos, End: se.Pos}}
	}
	return &diag.Diagnostic{Severity: diag.Error, Summary: err.Error(), Subject: &diag.Range{Filename: name}}
}

// tooLargeDiagnostic refuses a file by its size.
func tooLargeDiagnostic(name string, size int) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error,
		Summary: fmt.Sprintf("the file is %d bytes; data files may be at most %d bytes", size, MaxFileSize),
		Detail:  "Split the data into one file per centre.",
		Subject: &diag.Range{Filename: name, Start: diag.Pos{Line: 1, Column: 1}, End: diag.Pos{Line: 1, Column: 1}}}
}

// readResult is one file of Load read and decoded, or the error reading it.
type readResult struct {
	name string
	file *decodedFile
	err  error
	// stopped is true for a file not read because ctx had ended.
	stopped bool
}

// decodeAll reads and decodes files in parallel, one worker per processor,
// and returns the results in the order of files, so that the merged
// dataset and its diagnostics do not depend on timing. Each worker drops a
// file's text and node tree once it is decoded, and shares repeated texts
// and decimals between the files it decodes.
func decodeAll(ctx context.Context, fsys fs.FS, files []string) []readResult {
	out := make([]readResult, len(files))
	eachParallel(len(files), 1, func() func(i int) {
		in := source.NewInterner()
		return func(i int) {
			if ctx.Err() != nil {
				out[i] = readResult{name: files[i], stopped: true}
				return
			}
			data, err := readLimited(fsys, files[i])
			if err != nil {
				out[i] = readResult{name: files[i], err: err}
				return
			}
			out[i] = readResult{name: files[i], file: decodeOne(files[i], data, in)}
		}
	})
	return out
}

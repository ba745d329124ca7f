package kiez_test

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// badRoot is the bad-input corpus shared with package rules; see
// testdata/bad/README.md.
const badRoot = "../testdata/bad"

// badDataFile matches the corpus's data files: NN-name.yaml or .json.
var badDataFile = regexp.MustCompile(`^\d\d-[a-z0-9-]+\.(yaml|json)$`)

// badDataKnownBugs lists the corpus files whose golden holds the output
// the library should give but does not yet; each is skipped with the
// reason until the bug is fixed. Remove the entry with the fix.
var badDataKnownBugs = map[string]string{}

// knownBug skips a test case that fails because of a known bug, naming
// it. Set KIEZ_RUN_KNOWN_BUGS=1 to run such cases anyway, e.g. to check a
// fix; -update never rewrites their goldens, which hold the output the
// library should give.
func knownBug(t testing.TB, bug string) {
	t.Helper()
	if os.Getenv("KIEZ_RUN_KNOWN_BUGS") == "" {
		t.Skip("known bug: " + bug)
	}
}

// updateGolden reports whether the test binary runs with -update. The
// flag is defined once per test binary (kiez's schema test defines it);
// it is looked up so that this file does not depend on where.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestBadData loads every data file of the bad-input corpus and compares
// the diagnostics of Load and Validate with the file's golden, one
// Diagnostic.Error() per line. Run with -update to rewrite the goldens;
// review the diff before committing it. For every file it also asserts
// that loading does not panic, that at least one diagnostic is an error
// and that every diagnostic names its place.
func TestBadData(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(badRoot, "data"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !badDataFile.MatchString(name) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			bug, known := badDataKnownBugs[name]
			if known {
				knownBug(t, bug)
			}
			file := "data/" + name
			diags := loadBad(t, os.DirFS(badRoot), file)
			checkBadDiagnostics(t, file, diags)
			compareGolden(t, filepath.Join(badRoot, file+".golden"), diagLines(diags), known)
		})
	}
	if n < 40 {
		t.Errorf("the corpus holds %d data files, want at least 40", n)
	}
}

// loadBad loads and validates one file, turning a panic into a test
// failure with its stack.
func loadBad(t *testing.T, fsys fs.FS, name string) (diags diag.Diagnostics) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Load or Validate of %s panicked: %v\n%s", name, r, debug.Stack())
		}
	}()
	ds, diags := kiez.Load(fsys, name)
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	return diags
}

// checkBadDiagnostics asserts what holds for every bad file: an error,
// and a place for every diagnostic.
func checkBadDiagnostics(t *testing.T, file string, diags diag.Diagnostics) {
	t.Helper()
	if !diags.HasErrors() {
		t.Errorf("%s: no error diagnostic; got:\n%v", file, diags)
	}
	for _, d := range diags {
		if !namesPlace(d, file) {
			t.Errorf("%s: diagnostic does not name its place (a position in %s with line >= 1, or a data path): %q", file, file, d.Error())
		}
	}
}

// namesPlace reports whether a diagnostic names its place: a position in
// the file with line and column 1 or later, or, when it has no position,
// a data path.
func namesPlace(d *diag.Diagnostic, file string) bool {
	if d.Subject != nil {
		// A position that is printed must be a real one: never
		// "file:0:0", never another file's.
		return d.Subject.Filename == file && d.Subject.Start.Line >= 1 && d.Subject.Start.Column >= 1
	}
	return d.Path != ""
}

func diagLines(diags diag.Diagnostics) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.Error()
	}
	return out
}

// compareGolden compares lines with a golden file, or rewrites it with
// -update. The golden of a known bug holds the output the library should
// give; it is written by hand and never rewritten.
func compareGolden(t *testing.T, golden string, got []string, known bool) {
	t.Helper()
	text := strings.Join(got, "\n")
	if len(got) > 0 {
		text += "\n"
	}
	if updateGolden() && !known {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(b) == 0 {
		want = nil
	}
	if got == nil {
		got = []string{}
	}
	if want == nil {
		want = []string{}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

// TestBadDataGoldensHaveFiles guards against goldens left behind by a
// renamed or deleted corpus file.
func TestBadDataGoldensHaveFiles(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(badRoot, "data", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden")); err != nil {
			t.Errorf("golden without its file: %s", g)
		}
	}
}

// bigSize is the size of the oversized data file: 50 MB, well above
// kiez.MaxFileSize.
const bigSize = 50 << 20

// writeBig writes a YAML file of exactly bigSize bytes: a small header
// and then comment lines.
func writeBig(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	head := "centres:\n  - id: zentrum-a\n"
	chunk := []byte(strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", 1024)) // 1 MiB
	if _, err := f.WriteString(head); err != nil {
		t.Fatal(err)
	}
	left := bigSize - len(head)
	for left > 0 {
		n := min(left, len(chunk))
		if _, err := f.Write(chunk[:n]); err != nil {
			t.Fatal(err)
		}
		left -= n
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != bigSize {
		t.Fatalf("big file: %v, %v", st, err)
	}
}

// allocated returns the bytes allocated while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBadDataTooLarge writes a 50 MB data file into a temporary directory
// (it is never committed) and checks that Load refuses it with a clear
// size error, without reading it into memory first.
func TestBadDataTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB")
	}
	dir := t.TempDir()
	big := filepath.ToSlash(filepath.Join(dir, "big.yaml"))
	writeBig(t, big)
	var diags diag.Diagnostics
	alloc := allocated(func() {
		var ds *kiez.Dataset
		ds, diags = kiez.LoadFiles(big)
		diags = append(diags, ds.Validate()...)
	})
	if len(diags) != 1 || !diags.HasErrors() {
		t.Fatalf("diagnostics = %v, want one size error", diags)
	}
	d := diags[0]
	want := fmt.Sprintf("is %d bytes; data files may be at most %d bytes", bigSize, kiez.MaxFileSize)
	if !strings.Contains(d.Summary, want) {
		t.Errorf("summary = %q, want it to contain %q", d.Summary, want)
	}
	if d.Subject == nil || d.Subject.Filename != big {
		t.Errorf("subject = %+v, want the file %s", d.Subject, big)
	}
	// Refusing must not cost the file's size in memory: a few hundred
	// kilobytes at most, where reading it would take 50 MB.
	if alloc > 4<<20 {
		t.Errorf("refusing a %d-byte file allocated %d bytes; it should not read the file", bigSize, alloc)
	}
	t.Run("position", func(t *testing.T) {
		if d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
			t.Errorf("%q: the size error names no line and column", d.Error())
		}
	})
	t.Run("Decode", func(t *testing.T) {
		// Decode gets the bytes already read; it must still refuse them
		// with the same limit and a position.
		data := make([]byte, kiez.MaxFileSize+1)
		_, diags := kiez.Decode("big.yaml", data)
		want := fmt.Sprintf("big.yaml:1:1: error: the file is %d bytes; data files may be at most %d bytes", kiez.MaxFileSize+1, kiez.MaxFileSize)
		if len(diags) != 1 || diags[0].Error() != want {
			t.Errorf("Decode(%d bytes) = %v, want %s", len(data), diags, want)
		}
	})
}

// streamFS serves one file whose size is not known in advance, like a
// pipe, a device or a file of /proc: Stat reports 0 bytes, reading yields
// size bytes of YAML comment. It counts the bytes read.
type streamFS struct {
	name string
	size int
	read *int
}

func (s streamFS) Open(name string) (fs.File, error) {
	if name != s.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &streamFile{name: name, left: s.size, read: s.read}, nil
}

type streamFile struct {
	name string
	left int
	read *int
}

func (f *streamFile) Stat() (fs.FileInfo, error) { return streamInfo{f.name}, nil }
func (f *streamFile) Close() error               { return nil }
func (f *streamFile) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), f.left)
	for i := range p[:n] {
		p[i] = '#'
	}
	f.left -= n
	*f.read += n
	return n, nil
}

type streamInfo struct{ name string }

func (i streamInfo) Name() string       { return i.name }
func (i streamInfo) Size() int64        { return 0 }
func (i streamInfo) Mode() fs.FileMode  { return 0o444 }
func (i streamInfo) ModTime() time.Time { return time.Time{} }
func (i streamInfo) IsDir() bool        { return false }
func (i streamInfo) Sys() any           { return nil }

// TestBadDataUnknownSize loads a 50 MB file whose size Stat does not
// report (a pipe, /dev/stdin, a file of /proc): Load must stop reading
// soon after MaxFileSize bytes and refuse the file, instead of reading it
// whole.
func TestBadDataUnknownSize(t *testing.T) {
	read := 0
	fsys := streamFS{name: "stream.yaml", size: bigSize, read: &read}
	_, diags := kiez.Load(fsys, "stream.yaml")
	want := fmt.Sprintf("stream.yaml:1:1: error: the file is more than %d bytes; data files may be at most %d bytes", kiez.MaxFileSize, kiez.MaxFileSize)
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("diagnostics = %v, want %s", diags, want)
	}
	if read > kiez.MaxFileSize+1<<16 {
		t.Errorf("Load read %d bytes of a %d-byte stream; want it to stop after MaxFileSize (%d)", read, bigSize, kiez.MaxFileSize)
	}
}

// FuzzDecodePlaces decodes and validates fuzzed files, like
// FuzzDecodeValidate, and also checks that every diagnostic names its
// place: a position in the file with line and column 1 or later, or a
// data path.
func FuzzDecodePlaces(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join(badRoot, "data"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if badDataFile.MatchString(e.Name()) {
			b, err := os.ReadFile(filepath.Join(badRoot, "data", e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(e.Name(), string(b))
		}
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		if name == "" {
			name = "x.yaml"
		}
		ds, diags := kiez.Decode(name, []byte(text))
		diags = append(diags, ds.Validate()...)
		for _, d := range diags {
			if !namesPlace(d, name) {
				t.Errorf("diagnostic does not name its place: %q", d.Error())
			}
		}
	})
}

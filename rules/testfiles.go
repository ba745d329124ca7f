package rules

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kiez-go/kiez/internal/filekind"
)

// RunTestFileIn runs a rule test file from disk, reading its fixtures and
// its rule file only from the directory tree of root: the paths in the
// file are relative to the file's own directory, and a path that leads
// out of root (with "..", as an absolute path or through a symbolic link)
// is an error of the test file that names the path, never its content.
// Use it with a root above the test file when the fixtures lie beside the
// tests' directory (testdata/ next to programmes/). The error is for a
// test file that cannot be read (missing, not a regular file, too large);
// everything else is in the report. Loading the fixtures and evaluating
// stop when ctx ends; the cases left end as errors naming the context's
// error.
func RunTestFileIn(ctx context.Context, root, name string, opts ...EngineOption) (*TestReport, error) {
	data, err := filekind.ReadRegular(name, MaxFileSize)
	if err != nil {
		return nil, err
	}
	tree, err := openTree(root, filepath.Dir(name))
	if err != nil {
		return nil, err
	}
	defer tree.close()
	return runTests(ctx, tree, name, data, opts)
}

// fixtureTree is the directory tree a test file's fixtures and rule file
// are read from.
type fixtureTree struct {
	// root is the tree's top as given; absRoot the same made absolute.
	root, absRoot string
	// dir is the test file's directory, which paths in it are relative
	// to.
	dir string
	// fsys reads below root and refuses any path, symbolic links
	// included, that leads out of it.
	fsys fs.FS
	r    *os.Root
}

func openTree(root, dir string) (*fixtureTree, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if !within(abs, absDir) {
		return nil, fmt.Errorf("the test file's directory %s lies outside the root %s", dir, root)
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, fmt.Errorf("cannot open the root %s: %v", root, err)
	}
	return &fixtureTree{root: root, absRoot: abs, dir: dir, fsys: r.FS(), r: r}, nil
}

func (t *fixtureTree) close() { t.r.Close() }

// within reports whether the absolute path p is root or lies below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// local turns a path written in the test file into a slash-separated path
// below the root, for t.fsys; ok is false when it leads out of the tree.
func (t *fixtureTree) local(p string) (rel string, ok bool) {
	full := filepath.FromSlash(p)
	if !filepath.IsAbs(full) {
		full = filepath.Join(t.dir, full)
	}
	abs, err := filepath.Abs(full)
	if err != nil || !within(t.absRoot, abs) {
		return "", false
	}
	rel, err = filepath.Rel(t.absRoot, abs)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// display names a path below the root as the user would: relative to the
// working directory when the root was given so.
func (t *fixtureTree) display(rel string) string {
	return filepath.Join(t.root, filepath.FromSlash(rel))
}

// name is the tree's top for messages, with a trailing slash to mark a
// directory: "testdata/", "../../", "./".
func (t *fixtureTree) name() string {
	return strings.TrimSuffix(filepath.Clean(t.root), string(filepath.Separator)) + string(filepath.Separator)
}

// escapeDetail is the advice under a path that leads out of the tree.
func (t *fixtureTree) escapeDetail() string {
	return fmt.Sprintf("A rule test reads fixtures and its rule file only from %s and below; copy the file there, or run the tests with a wider root (kiez test --root DIR).", t.name())
}

// overlayFS serves in-memory files by name and everything else from base.
type overlayFS struct {
	base  fs.FS
	files map[string][]byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: name, size: int64(len(b))}}, nil
	}
	return o.base.Open(name)
}

func (o overlayFS) Stat(name string) (fs.FileInfo, error) {
	if b, ok := o.files[name]; ok {
		return memInfo{name: name, size: int64(len(b))}, nil
	}
	return fs.Stat(o.base, name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(o.base, name)
}

// memFile is an in-memory file of an overlayFS.
type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (m memInfo) Name() string       { return m.name }
func (m memInfo) Size() int64        { return m.size }
func (m memInfo) Mode() fs.FileMode  { return 0o444 }
func (m memInfo) ModTime() time.Time { return time.Time{} }
func (m memInfo) IsDir() bool        { return false }
func (m memInfo) Sys() any           { return nil }

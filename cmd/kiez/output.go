package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiez-go/kiez/internal/atomicfile"
)

// output is a file a command writes its result to, checked before the
// command reads anything.
type output struct {
	// tx says its problems in the language of the run.
	tx *texts
	// flag names the flag that gives the file, for messages: "--out".
	flag string
	// name is the file as given; "" and "-" mean standard output.
	name string
	// path is the file written: name, or where the symbolic link name
	// leads (the link is kept).
	path string
	// info is the existing file at path; nil for a new one.
	info fs.FileInfo
	// dir is the directory path lies in.
	dir fs.FileInfo
}

func newOutput(tx *texts, flag, name string) *output { return &output{tx: tx, flag: flag, name: name} }

// toStdout reports whether the output goes to standard output.
func (o *output) toStdout() bool { return o.name == "" || o.name == "-" }

// checkOutputs checks a command's outputs, before anything is read: each
// is standard output or a regular file (existing or new, in an existing
// directory), no two are the same, and none is an input (compared by file
// identity, device and inode, not by path) or a data file inside an input
// directory. It returns the usage problem, or "".
func checkOutputs(outs []*output, inputs []string) string {
	var files []*output
	var toStdout []string
	for _, o := range outs {
		if o.toStdout() {
			toStdout = append(toStdout, o.flag)
			continue
		}
		if msg := o.resolve(); msg != "" {
			return msg
		}
		files = append(files, o)
	}
	if len(toStdout) > 1 {
		return outs[0].tx.t("out.bothStdout", strings.Join(toStdout, outs[0].tx.t("word.and")))
	}
	for i, a := range files {
		for _, b := range files[i+1:] {
			same := a.info != nil && b.info != nil && os.SameFile(a.info, b.info)
			same = same || (os.SameFile(a.dir, b.dir) && filepath.Base(a.path) == filepath.Base(b.path))
			if same {
				return a.tx.t("out.same", a.flag, a.name, b.flag, b.name)
			}
		}
	}
	if len(files) == 0 {
		return ""
	}
	in := collectInputs(inputs)
	for _, o := range files {
		if o.info != nil {
			for _, f := range in.files {
				if os.SameFile(o.info, f.info) {
					return o.tx.t("out.isInput", o.flag, o.name, f.name)
				}
			}
		}
		if base := filepath.Base(o.path); isDataName(base) && !strings.HasPrefix(base, ".") && !strings.HasPrefix(base, "_") {
			for _, d := range in.dirs {
				if os.SameFile(o.dir, d.info) {
					return o.tx.t("out.inInputDir", o.flag, o.name, d.name)
				}
			}
		}
	}
	return ""
}

// resolve finds the file an output names and checks that it can be
// written: a regular file or a new one in an existing directory.
func (o *output) resolve() string {
	o.path = o.name
	st, err := os.Lstat(o.name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Sprintf("%s %s: %v", o.flag, o.name, unwrapPathError(err))
	case st.Mode()&fs.ModeSymlink != 0:
		// A link the kernel resolves but a path cannot name
		// (/dev/stdout to a pipe) is judged by what it leads to.
		if st, err = os.Stat(o.name); err != nil {
			return o.tx.t("out.danglingLink", o.flag, o.name, unwrapPathError(err))
		}
		if st.Mode().IsRegular() {
			target, err := filepath.EvalSymlinks(o.name)
			if err != nil {
				return fmt.Sprintf("%s %s: %v", o.flag, o.name, unwrapPathError(err))
			}
			o.path = target
		}
	}
	if err == nil {
		switch {
		case st.IsDir():
			return o.tx.t("out.isDir", o.flag, o.name)
		case !st.Mode().IsRegular():
			return o.tx.t("out.notRegular", o.flag, o.name, o.tx.fileKind(st.Mode()), o.flag)
		}
		o.info = st
	}
	dir := filepath.Dir(o.path)
	d, err := os.Stat(dir)
	if err != nil || !d.IsDir() {
		return o.tx.t("out.noDir", o.flag, o.name, dir)
	}
	o.dir = d
	return ""
}

// write writes data to the output: to stdout, or atomically to the file
// (see open).
func (o *output) write(data []byte, stdout io.Writer) error {
	p, err := o.open(stdout)
	if err != nil {
		return err
	}
	if _, err := p.Write(data); err != nil {
		p.discard()
		return err
	}
	return p.commit()
}

// open starts writing the output: to stdout, or to a temporary file next
// to the file, which commit flushes to disk and renames over it; an
// existing file keeps its mode, a new one gets the mode the umask leaves
// of rw-rw-rw-. Until commit, the file is untouched; discard removes the
// temporary file.
func (o *output) open(stdout io.Writer) (*pendingOutput, error) {
	if o.toStdout() {
		return &pendingOutput{Writer: stdout, o: o}, nil
	}
	if o.path == "" {
		if msg := o.resolve(); msg != "" {
			return nil, errors.New(msg)
		}
	}
	tmp, err := atomicfile.Create(o.path)
	if err != nil {
		return nil, err
	}
	return &pendingOutput{Writer: tmp, o: o, tmp: tmp}, nil
}

// pendingOutput is an output being written; see output.open.
type pendingOutput struct {
	io.Writer
	o   *output
	tmp *atomicfile.File // nil for standard output
}

// discard drops what was written to a file; the file is untouched.
func (p *pendingOutput) discard() {
	if p.tmp != nil {
		p.tmp.Discard()
	}
}

// commit puts what was written in place of the file, which keeps its
// mode.
func (p *pendingOutput) commit() error {
	if p.tmp == nil {
		return nil
	}
	o := p.o
	// The file may have been replaced since it was checked: never rename
	// over anything but a regular file.
	return p.tmp.Commit(func() error {
		if st, err := os.Lstat(o.path); err == nil && !st.Mode().IsRegular() {
			return errors.New(o.tx.t("out.nowNotRegular", o.flag, o.name, o.tx.fileKind(st.Mode())))
		}
		return nil
	})
}

// inputSet is the files and directories a command reads, by identity.
type inputSet struct {
	files, dirs []namedInfo
}

type namedInfo struct {
	name string
	info fs.FileInfo
}

// collectInputs finds the files a command reads: each named file, and
// below each named directory every data file and directory the loader
// would read (following symbolic links as it does).
func collectInputs(paths []string) inputSet {
	var in inputSet
	var walk func(dir string, st fs.FileInfo, depth int)
	walk = func(dir string, st fs.FileInfo, depth int) {
		for _, d := range in.dirs {
			if os.SameFile(d.info, st) {
				return
			}
		}
		in.dirs = append(in.dirs, namedInfo{dir, st})
		if depth > 64 {
			return
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			base := e.Name()
			if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
				continue
			}
			p := filepath.Join(dir, base)
			st, err := os.Stat(p)
			switch {
			case err != nil:
			case st.IsDir():
				walk(p, st, depth+1)
			case isDataName(base):
				in.files = append(in.files, namedInfo{p, st})
			}
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case err != nil:
		case st.IsDir():
			walk(p, st, 0)
		default:
			in.files = append(in.files, namedInfo{p, st})
		}
	}
	return in
}

func isDataName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// unwrapPathError drops the operation and path of a *fs.PathError, which
// the message names already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/internal/atomicfile"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/internal/rulefmt"
	"github.com/kiez-go/kiez/rules"
)

func runFmt(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fmt", "fmt.synopsis", "fmt.about")
	list := fs.Bool("l", false, "fmt.flag.l")
	diff := fs.Bool("d", false, "fmt.flag.d")
	write := fs.Bool("w", false, "fmt.flag.w")
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		if *write {
			return fs.fail(stderr, "fmt.writeNoPath")
		}
		return fmtStdin(fs.tx, stdout, stderr, *list, *diff)
	}
	failed := false
	for _, p := range paths {
		files, err := fmtFiles(p)
		if err != nil {
			fmt.Fprintf(stderr, "kiez fmt: %v\n", err)
			failed = true
			continue
		}
		for _, f := range files {
			if err := fmtFile(f, stdout, *list, *diff, *write); err != nil {
				fmt.Fprintf(stderr, "kiez fmt: %v\n", err)
				failed = true
			}
		}
	}
	if failed {
		return exitProblems
	}
	return exitOK
}

// fmtFiles returns the files to format for a path: the file itself, or
// the rule and test files below a directory, sorted.
func fmtFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, reason(err))
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d iofs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(p)
		if !d.Type().IsRegular() || ext != ".yaml" && ext != ".yml" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rulefmt.Detect(b) != rulefmt.Other {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot search %s: %w", path, err)
	}
	sort.Strings(files)
	return files, nil
}

// fmtFile formats one file and lists it, prints its diff, writes it back
// or prints it.
func fmtFile(name string, stdout io.Writer, list, diff, write bool) error {
	st, err := os.Lstat(name)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, reason(err))
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, not a regular file; it is not formatted (name the file itself)", name, filekind.Of(st.Mode()))
	}
	if st.Size() > rules.MaxFileSize {
		return fmt.Errorf("%s is %d bytes; rule files may be at most %d bytes", name, st.Size(), rules.MaxFileSize)
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", name, reason(err))
	}
	out, err := rulefmt.Format(src)
	if err != nil {
		return fmtError(name, err)
	}
	changed := !bytes.Equal(src, out)
	if list && changed {
		fmt.Fprintln(stdout, name)
	}
	if diff && changed {
		writeUnifiedDiff(stdout, name, string(src), string(out))
	}
	if write && changed {
		if err := replaceFile(name, out); err != nil {
			return err
		}
	}
	if !list && !diff && !write {
		_, err := stdout.Write(out)
		return err
	}
	return nil
}

// fmtStdin formats the standard input.
func fmtStdin(tx *texts, stdout, stderr io.Writer, list, diff bool) int {
	src, err := io.ReadAll(io.LimitReader(os.Stdin, rules.MaxFileSize+1))
	if err != nil {
		fmt.Fprintln(stderr, tx.t("fmt.stdinUnreadable", err))
		return exitProblems
	}
	if len(src) > rules.MaxFileSize {
		fmt.Fprintln(stderr, tx.t("fmt.stdinTooLarge", rules.MaxFileSize))
		return exitProblems
	}
	out, err := rulefmt.Format(src)
	if err != nil {
		fmt.Fprintf(stderr, "kiez fmt: %v\n", fmtError("<stdin>", err))
		return exitProblems
	}
	changed := !bytes.Equal(src, out)
	switch {
	case list || diff:
		if list && changed {
			fmt.Fprintln(stdout, "<stdin>")
		}
		if diff && changed {
			writeUnifiedDiff(stdout, "<stdin>", string(src), string(out))
		}
	default:
		if _, err := stdout.Write(out); err != nil {
			fmt.Fprintf(stderr, "kiez fmt: %v\n", err)
			return exitProblems
		}
	}
	return exitOK
}

// reason returns the cause of an error about a path, without the path.
func reason(err error) error {
	var pe *iofs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fmtError names the file (and the place in it) of a formatting error.
func fmtError(name string, err error) error {
	var fe *rulefmt.Error
	if errors.As(err, &fe) && fe.Line > 0 {
		return fmt.Errorf("%s:%d:%d: %s", name, fe.Line, fe.Column, fe.Message)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// replaceFile writes data to name through a temporary file in the same
// directory that is renamed over it, so that name holds either the old
// text or the whole new one, never a part; the file keeps its mode.
func replaceFile(name string, data []byte) error {
	if err := atomicfile.WriteFile(name, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

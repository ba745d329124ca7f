package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("test", "kiez test [flags] PATH...", `
Runs rule test files. A file is run as given; a directory is searched
recursively for files ending in _test.yaml. Prints one line per case,
"file: case: PASS|FAIL|ERROR (duration)", under a failing case the
outcomes it expected and got, under an erroring case why it could not run,
then the problems of the test files themselves, then per programme the
rules that no case expects to pass or no case expects to fail, and at the
end "N passed, N failed, N errored".

A test file reads its fixtures and its rule file only from its own
directory and below; a path that leads out of it (with "..", as an
absolute path or through a symbolic link) is an error that names the path
and never shows the file's content. --root widens the tree to a directory
above, e.g. --root . for tests whose fixtures lie in testdata/ beside
them.

Exit code: 0 when every case passed, 1 when any failed or errored (and,
with --fail-untested, when a rule lacks a passing or a failing case), 2 on
wrong usage.`)
	failUntested := fs.Bool("fail-untested", false, "exit 1 when a rule has no case expecting pass or none expecting fail")
	root := fs.String("root", "", "read fixtures and rule files from anywhere below this `directory` (default: each test file's own directory)")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return fs.usageError(stderr, "name at least one rule test file or directory")
	}
	if *root != "" {
		if st, err := os.Stat(*root); err != nil || !st.IsDir() {
			return fs.usageError(stderr, "--root: %s is not a directory", *root)
		}
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	files, err := testFiles(paths)
	if err != nil {
		fmt.Fprintf(stderr, "kiez test: %v\n", err)
		return exitProblems
	}
	var reports []*rules.TestReport
	var diags kiez.Diagnostics
	var passed, failed, errored int
	for _, f := range files {
		if timedOut(ctx) {
			break
		}
		dir := *root
		if dir == "" {
			dir = filepath.Dir(f)
		}
		rep, err := rules.RunTestFileIn(ctx, dir, f)
		if err != nil {
			fmt.Fprintf(stdout, "%s: ERROR (%v)\n", f, err)
			errored++
			continue
		}
		reports = append(reports, rep)
		diags = append(diags, rep.Diagnostics...)
		if len(rep.Results) == 0 && rep.Diagnostics.HasErrors() {
			fmt.Fprintf(stdout, "%s: ERROR (the test file has errors, see below)\n", f)
			errored++
		}
		for _, res := range rep.Results {
			fmt.Fprintln(stdout, res.String())
			switch {
			case res.Errored:
				errored++
				fmt.Fprintf(stdout, "    %s\n", oneLine(res.Error, 400))
			case !res.Passed:
				failed++
				writeMismatches(stdout, res.Mismatches)
			default:
				passed++
			}
		}
	}
	if len(diags) > 0 {
		diags.Sort()
		fmt.Fprintln(stdout)
		if err := kiez.WriteDiagnostics(stdout, diags, newSources().get); err != nil {
			fmt.Fprintf(stderr, "kiez test: %v\n", err)
			return exitProblems
		}
	}
	untested := writeUntested(stdout, reports)
	fmt.Fprintf(stdout, "\n%d passed, %d failed, %d errored\n", passed, failed, errored)
	if timedOut(ctx) {
		limit.noteStopped(stdout)
		return limit.reportTimeout(stderr, "test", "the rule tests ran",
			"The cases shown ran before; a case naming \"context deadline exceeded\" was cut short, and later files were not run.")
	}
	if failed > 0 || errored > 0 || diags.HasErrors() || (*failUntested && untested > 0) {
		return exitProblems
	}
	return exitOK
}

// testFiles finds the rule test files: each path that is a file, and every
// file ending in _test.yaml under each directory, in lexical order.
func testFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("cannot read %s: %v", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), "_test.yaml") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s holds no rule test files (*_test.yaml)", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// writeMismatches prints what a failing case expected and what it got,
// one rule and subject at a time.
func writeMismatches(w io.Writer, ms []rules.Mismatch) {
	for _, m := range ms {
		fmt.Fprintf(w, "    %s %s\n", m.Rule, m.Subject)
		fmt.Fprintf(w, "      - want: %s (%s)\n", m.Want, m.Want.Label())
		if m.Got == 0 {
			msg := m.Message
			if msg == "" {
				msg = "no result"
			}
			fmt.Fprintf(w, "      + got:  %s\n", oneLine(msg, 400))
			continue
		}
		got := fmt.Sprintf("%s (%s)", m.Got, m.Got.Label())
		if m.Message != "" {
			got += ": " + oneLine(m.Message, 400)
		}
		fmt.Fprintf(w, "      + got:  %s\n", got)
	}
}

// writeUntested prints, per programme, the rules that no case of any file
// expects to pass, or none expects to fail. It returns their number.
func writeUntested(w io.Writer, reports []*rules.TestReport) int {
	covered := map[string]map[string]map[string]bool{} // programme → rule → outcome
	for _, rep := range reports {
		if rep.Programme == "" {
			continue
		}
		if covered[rep.Programme] == nil {
			covered[rep.Programme] = map[string]map[string]bool{}
		}
		byRule := covered[rep.Programme]
		for rule := range rep.Untested {
			if byRule[rule] == nil {
				byRule[rule] = map[string]bool{}
			}
		}
		for rule, outs := range rep.Expected {
			if byRule[rule] == nil {
				byRule[rule] = map[string]bool{}
			}
			for _, o := range outs {
				byRule[rule][o] = true
			}
		}
	}
	progs := make([]string, 0, len(covered))
	for p := range covered {
		progs = append(progs, p)
	}
	sort.Strings(progs)
	n := 0
	for _, p := range progs {
		var lines []string
		for rule, outs := range covered[p] {
			var missing []string
			for _, o := range []string{"pass", "fail"} {
				if !outs[o] {
					missing = append(missing, o)
				}
			}
			if len(missing) > 0 {
				lines = append(lines, fmt.Sprintf("    %s: no case expects %s", rule, strings.Join(missing, " or ")))
			}
		}
		if len(lines) == 0 {
			continue
		}
		sort.Strings(lines)
		n += len(lines)
		fmt.Fprintf(w, "\nUntested rules of %s:\n%s\n", p, strings.Join(lines, "\n"))
	}
	return n
}

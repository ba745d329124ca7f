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
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/rules"
)

func runTest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("test", "test.synopsis", "test.about")
	failUntested := fs.Bool("fail-untested", false, "test.flag.failUntested")
	root := fs.String("root", "", "test.flag.root")
	format := fs.String("format", "text", "test.flag.format")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "junit" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json", "junit"))
	}
	at, code, ok := fs.runTime(stderr, *format == "json")
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return fs.fail(stderr, "test.needTests")
	}
	if *root != "" {
		if st, err := os.Stat(*root); err != nil || !st.IsDir() {
			return fs.fail(stderr, "test.badRoot", *root)
		}
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	files, err := testFiles(fs.tx, paths)
	if err != nil {
		fmt.Fprintf(stderr, "kiez test: %v\n", err)
		return exitProblems
	}
	var runs []testRun
	var tally testTally
	text := *format == "text"
	for _, f := range files {
		if timedOut(ctx) {
			break
		}
		dir := *root
		if dir == "" {
			dir = filepath.Dir(f)
		}
		rep, err := rules.RunTestFileIn(ctx, dir, f)
		run := testRun{file: f, rep: rep, err: err}
		runs = append(runs, run)
		tally.add(run)
		if text {
			writeTestRun(fs.tx, stdout, run)
		}
	}
	var reports []*rules.TestReport
	var diags diag.Diagnostics
	for _, r := range runs {
		if r.rep != nil {
			reports = append(reports, r.rep)
			diags = append(diags, r.rep.Diagnostics...)
		}
	}
	untested := untestedRules(reports)
	switch *format {
	case "text":
		// Each report lists its problems in the order that reads best,
		// the cause before what follows from it; they are not re-sorted.
		if len(diags) > 0 {
			fmt.Fprintln(stdout)
			if err := diag.WriteText(stdout, diags, newSources().get); err != nil {
				fmt.Fprintf(stderr, "kiez test: %v\n", err)
				return exitProblems
			}
		}
		writeUntested(fs.tx, stdout, untested)
		fmt.Fprintf(stdout, "\n%s\n", fs.tx.t("test.summary", tally.passed, tally.failed, tally.errored))
	case "json":
		if err := writeTestJSON(stdout, runs, untested, tally, at); err != nil {
			fmt.Fprintf(stderr, "kiez test: %v\n", err)
			return exitProblems
		}
	case "junit":
		if err := writeJUnit(stdout, runs); err != nil {
			fmt.Fprintf(stderr, "kiez test: %v\n", err)
			return exitProblems
		}
		writeUntested(fs.tx, stderr, untested)
	}
	if timedOut(ctx) {
		if text {
			limit.noteStopped(stdout)
		}
		return limit.reportTimeout(stderr, "test", "timeout.whileTests", "timeout.testShown")
	}
	if tally.failed > 0 || tally.errored > 0 || diags.HasErrors() || (*failUntested && untested.count() > 0) {
		return exitProblems
	}
	return exitOK
}

// testRun is a test file run: its report, or why it could not be read.
type testRun struct {
	file string
	rep  *rules.TestReport
	err  error
}

// testTally counts the cases of test runs; a test file that could not
// run at all counts as one errored case.
type testTally struct{ passed, failed, errored int }

func (t *testTally) add(r testRun) {
	if r.rep == nil || (len(r.rep.Results) == 0 && r.rep.Diagnostics.HasErrors()) {
		t.errored++
		return
	}
	for _, res := range r.rep.Results {
		switch {
		case res.Errored:
			t.errored++
		case !res.Passed:
			t.failed++
		default:
			t.passed++
		}
	}
}

// writeTestRun prints the lines of a test file's cases in the language:
// "file: case: PASS (duration)", as rules.TestResult.String says it in
// English.
func writeTestRun(tx *texts, w io.Writer, r testRun) {
	if r.err != nil {
		fmt.Fprintf(w, "%s: %s (%v)\n", r.file, tx.t("test.error"), r.err)
		return
	}
	if len(r.rep.Results) == 0 && r.rep.Diagnostics.HasErrors() {
		fmt.Fprintf(w, "%s: %s (%s)\n", r.file, tx.t("test.error"), tx.t("test.fileHasErrors"))
	}
	for _, res := range r.rep.Results {
		status := tx.t("test.pass")
		switch {
		case res.Errored:
			status = tx.t("test.error")
		case !res.Passed:
			status = tx.t("test.fail")
		}
		fmt.Fprintf(w, "%s: %s: %s (%s)\n", res.File, res.Case, status, res.Duration.Round(time.Microsecond))
		switch {
		case res.Errored:
			fmt.Fprintf(w, "    %s\n", oneLine(res.Error, 400))
		case !res.Passed:
			writeMismatches(tx, w, res.Mismatches)
		}
	}
}

// testFiles finds the rule test files: each path that is a file, and every
// file ending in _test.yaml under each directory, in lexical order.
func testFiles(tx *texts, paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, errors.New(tx.t("test.cannotRead", p, err))
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
			return nil, errors.New(tx.t("test.noTestFiles", p))
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// writeMismatches prints what a failing case expected and what it got,
// one rule and subject at a time, in the language.
func writeMismatches(tx *texts, w io.Writer, ms []rules.Mismatch) {
	for _, m := range ms {
		fmt.Fprintf(w, "    %s %s\n", m.Rule, m.Subject)
		fmt.Fprintf(w, "      %s\n", tx.t("test.want", outcomeWithLabel(tx, m.Want)))
		if m.Got == 0 {
			msg := m.Message
			if msg == "" {
				msg = tx.t("test.noResult")
			}
			fmt.Fprintf(w, "      %s\n", tx.t("test.got", oneLine(msg, 400)))
			continue
		}
		got := outcomeWithLabel(tx, m.Got)
		if m.Message != "" {
			got += ": " + oneLine(m.Message, 400)
		}
		fmt.Fprintf(w, "      %s\n", tx.t("test.got", got))
	}
}

// untested maps programme ids to rule ids to the outcomes, "pass" and
// "fail", that no case of any test file expects.
type untested map[string]map[string][]string

// count is the number of rules that lack a case.
func (u untested) count() int {
	n := 0
	for _, rs := range u {
		n += len(rs)
	}
	return n
}

// untestedRules finds, per programme, the rules that no case of any file
// expects to pass, or none expects to fail.
func untestedRules(reports []*rules.TestReport) untested {
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
	out := untested{}
	for p, byRule := range covered {
		for rule, outs := range byRule {
			var missing []string
			for _, o := range []string{"pass", "fail"} {
				if !outs[o] {
					missing = append(missing, o)
				}
			}
			if len(missing) > 0 {
				if out[p] == nil {
					out[p] = map[string][]string{}
				}
				out[p][rule] = missing
			}
		}
	}
	return out
}

// writeUntested prints, per programme, the rules that no case of any file
// expects to pass, or none expects to fail, in the language.
func writeUntested(tx *texts, w io.Writer, u untested) {
	progs := make([]string, 0, len(u))
	for p := range u {
		progs = append(progs, p)
	}
	sort.Strings(progs)
	for _, p := range progs {
		var lines []string
		for rule, missing := range u[p] {
			lines = append(lines, "    "+tx.t("test.noCaseExpects", rule, tx.or(missing...)))
		}
		sort.Strings(lines)
		fmt.Fprintf(w, "\n%s\n%s\n", tx.t("test.untestedOf", p), strings.Join(lines, "\n"))
	}
}

// outcomeWithLabel writes an outcome's id with its label in the language,
// "fail (nicht erfüllt)", or the id alone where the label is the id
// ("fail" in English).
func outcomeWithLabel(tx *texts, o rules.Outcome) string {
	if label := tx.outcome(o); label != o.String() {
		return fmt.Sprintf("%s (%s)", o, label)
	}
	return o.String()
}

package rules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// A rule test file gives fixtures, a period and the expected outcome per
// rule and subject, the way `opa test` lets policy authors test Rego:
//
//	programme: wiesbaden-kiez.yaml   # a rule file next to this one, or an embedded id
//	period: 2024                     # a year, or 2024-01-01..2024-06-30
//	files: [../../testdata/wiesbaden/programme.yaml]   # fixtures for every case
//	cases:
//	  - name: Elterncafé jede Woche
//	    files: [...]                  # more fixture files for this case
//	    replaceFiles: true            # … read instead of the file's (default: as well)
//	    data: |                       # and/or inline data, as in a data file
//	      centres: [...]
//	    expect:
//	      - {rule: elterncafe-woechentlich, subject: kiez-a, outcome: pass}

type fileTest struct {
	Programme string         `json:"programme"`
	Period    source.Text    `json:"period"`
	Files     []source.Text  `json:"files"`
	Cases     []fileTestCase `json:"cases"`
}

type fileTestCase struct {
	Name   string        `json:"name"`
	Period source.Text   `json:"period"`
	Files  []source.Text `json:"files"`
	// ReplaceFiles makes Files replace the file's files: instead of
	// adding to them.
	ReplaceFiles bool         `json:"replaceFiles"`
	Data         source.Text  `json:"data"`
	Expect       []fileExpect `json:"expect"`
}

type fileExpect struct {
	Rule    source.Text `json:"rule"`
	Subject string      `json:"subject"`
	Outcome source.Text `json:"outcome"`
}

// TestResult is the result of one test case. A case that could not run
// (its fixtures do not load, its rule file does not compile) has Errored
// set and is neither passed nor failed.
type TestResult struct {
	File       string        `json:"file"`
	Case       string        `json:"case"`
	Passed     bool          `json:"passed"`
	Errored    bool          `json:"errored"`
	Error      string        `json:"error,omitempty"`
	Mismatches []Mismatch    `json:"mismatches,omitempty"`
	Duration   time.Duration `json:"duration"`
}

// String formats the result as "file: case: PASS|FAIL|ERROR (duration)".
func (r TestResult) String() string {
	status := "PASS"
	switch {
	case r.Errored:
		status = "ERROR"
	case !r.Passed:
		status = "FAIL"
	}
	return fmt.Sprintf("%s: %s: %s (%s)", r.File, r.Case, status, r.Duration.Round(time.Microsecond))
}

// Mismatch is an expected outcome that the evaluation did not give.
type Mismatch struct {
	Rule    string  `json:"rule"`
	Subject string  `json:"subject"`
	Want    Outcome `json:"want"`
	// Got is the actual outcome, zero when the rule gave no result for
	// the subject.
	Got     Outcome `json:"got,omitempty"`
	Message string  `json:"message,omitempty"`
}

// TestReport is the result of a rule test file.
type TestReport struct {
	File      string       `json:"file"`
	Programme string       `json:"programme"`
	Results   []TestResult `json:"results"`
	// Expected maps each rule id to the outcomes the file's cases expect.
	Expected map[string][]string `json:"expected"`
	// Untested maps each rule id to the outcomes, "pass" and "fail", for
	// which no case of the file has an expectation.
	Untested map[string][]string `json:"untested"`
	// Diagnostics are the problems of the test file itself.
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

// OK reports whether the file loaded and every case passed.
func (r *TestReport) OK() bool {
	if r.Diagnostics.HasErrors() {
		return false
	}
	for _, res := range r.Results {
		if !res.Passed {
			return false
		}
	}
	return true
}

// readTestFile reads the loader's data as a rule test file: its YAML
// and the test-file format, each problem reported at its place. ok is
// false when the YAML does not parse.
func (l *loader) readTestFile() (f fileTest, ok bool) {
	root, err := source.ParseYAML(l.data)
	if err != nil {
		at, msg := diag.Pos{Line: 1, Column: 1}, err.Error()
		var se *source.SyntaxError
		if errors.As(err, &se) {
			at, msg = se.Pos, se.Message
		}
		l.errorf(l.at(at), "", "%s", msg)
		return f, false
	}
	pos, problems := source.Decode(root, &f)
	l.pos = pos
	for _, p := range problems {
		l.errorf(new(p.Range(l.name)), p.Detail, "%s", p.Summary)
	}
	return f, true
}

// RunTestFile runs a rule test file from disk. Relative paths in it are
// read relative to the file's directory; its programme is a rule file
// there or, when no such file exists, an embedded programme id. Fixtures
// and the rule file must lie in the test file's directory or below it:
// RunTestFile is RunTestFileIn with the file's directory as the root. The
// error is for a file that cannot be read; everything else is in the
// report.
func RunTestFile(ctx context.Context, name string, opts ...EngineOption) (*TestReport, error) {
	return RunTestFileIn(ctx, filepath.Dir(name), name, opts...)
}

func runTests(ctx context.Context, tree *fixtureTree, name string, data []byte, opts []EngineOption) (*TestReport, error) {
	rep := &TestReport{File: name, Untested: map[string][]string{}, Expected: map[string][]string{}}
	l := &loader{name: name, data: data, opts: newLoadConfig(nil)}
	f, ok := l.readTestFile()
	if !ok {
		rep.Diagnostics = l.diags
		return rep, nil
	}
	prog, pdiags := l.resolveProgramme(tree, f.Programme)
	if prog == nil && !pdiags.HasErrors() {
		l.errorf(l.valueAt("programme"), "Name a rule file next to the test file or an embedded programme id.", "cannot load programme %q", f.Programme)
	}
	l.diags = append(l.diags, pdiags...)
	var period Period
	if f.Period.Value != "" {
		var err error
		if period, err = ParsePeriod(f.Period.Value); err != nil {
			l.errorf(l.of(f.Period), "", "%v", err)
		}
	}
	rep.Diagnostics = l.diags
	if rep.Diagnostics.HasErrors() {
		return rep, nil
	}
	rep.Programme = prog.ID
	// The fixtures are validated as they are read (caseData).
	eng, err := NewEngine([]*RuleSet{prog}, append([]EngineOption{WithoutValidation()}, opts...)...)
	if err != nil {
		return nil, err
	}
	expected := map[string]map[Outcome]bool{}
	for i := range f.Cases {
		c := &f.Cases[i]
		start := time.Now()
		res := l.runCase(ctx, eng, prog, tree, &f, c, period)
		res.Duration = time.Since(start)
		res.File = name
		rep.Results = append(rep.Results, res)
		for _, e := range c.Expect {
			if o, err := ParseOutcome(e.Outcome.Value); err == nil {
				if expected[e.Rule.Value] == nil {
					expected[e.Rule.Value] = map[Outcome]bool{}
				}
				expected[e.Rule.Value][o] = true
			}
		}
	}
	rep.Diagnostics = unique(l.diags)
	for rule, outs := range expected {
		for _, o := range []Outcome{OutcomePass, OutcomeFail, OutcomeNotApplicable, OutcomeWaived, OutcomeMissingData, OutcomeError} {
			if outs[o] {
				rep.Expected[rule] = append(rep.Expected[rule], o.String())
			}
		}
	}
	for _, r := range prog.Rules {
		var missing []string
		for _, o := range []Outcome{OutcomePass, OutcomeFail} {
			if !expected[r.ID][o] {
				missing = append(missing, o.String())
			}
		}
		if len(missing) > 0 {
			rep.Untested[r.ID] = missing
		}
	}
	return rep, nil
}

// resolveProgramme loads a programme named in a test file: a rule file
// relative to the test file's directory, else an embedded programme. A
// rule file outside the tree is an error and is not read.
func (l *loader) resolveProgramme(tree *fixtureTree, name string) (*RuleSet, diag.Diagnostics) {
	if name == "" {
		return nil, nil
	}
	rel, ok := tree.local(name)
	if !ok {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: l.valueAt("programme"), Detail: tree.escapeDetail(),
			Summary: fmt.Sprintf("the rule file %q lies outside %s; it is not read", name, tree.name())}}
	}
	st, err := fs.Stat(tree.fsys, rel)
	if err != nil {
		return LoadEmbedded(name)
	}
	p := tree.display(rel)
	if !st.Mode().IsRegular() {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: l.valueAt("programme"),
			Summary: fmt.Sprintf("the rule file %s is %s, not a regular file; it is not read", p, filekind.Of(st.Mode()))}}
	}
	if st.Size() > MaxFileSize {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: l.valueAt("programme"),
			Summary: fmt.Sprintf("the rule file %s is %d bytes; at most %d are allowed", p, st.Size(), MaxFileSize)}}
	}
	data, err := fs.ReadFile(tree.fsys, rel)
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: l.valueAt("programme"),
			Summary: fmt.Sprintf("cannot read the rule file %s: %v", p, err)}}
	}
	return Load(p, data)
}

func (l *loader) runCase(ctx context.Context, eng *Engine, prog *RuleSet, tree *fixtureTree, f *fileTest, c *fileTestCase, period Period) TestResult {
	res := TestResult{Case: c.Name}
	fail := func(msg string) TestResult {
		res.Errored, res.Error = true, msg
		return res
	}
	if c.Period.Value != "" {
		p, err := ParsePeriod(c.Period.Value)
		if err != nil {
			l.errorf(l.of(c.Period), "", "%v", err)
			return fail(err.Error())
		}
		period = p
	}
	if period == (Period{}) {
		return fail("no period: give period: at the top of the file or in the case")
	}
	ds, diags := l.caseData(ctx, tree, caseFiles(f, c), c.Data)
	if diags.HasErrors() {
		l.diags = append(l.diags, diags...)
		return fail(fixtureFailure(diags))
	}
	// A waiver naming an unknown rule or programme is a mistake of the
	// test file, reported at its place; one that does not cover the
	// period may be what the case tests, so only its result shows it.
	wd := eng.CheckWaivers(ds, period)
	l.placeData(wd, tree, c.Data)
	for _, d := range wd {
		if d.Severity == diag.Error {
			l.diags = append(l.diags, d)
			res.Errored, res.Error = true, "the fixtures' waivers: "+d.Error()
		}
	}
	if res.Errored {
		return res
	}
	ev, err := eng.Evaluate(ctx, ds, period)
	if err != nil {
		return fail(err.Error())
	}
	results := ev.Results()
	got := map[[2]string]Result{}
	for _, r := range results {
		got[[2]string{r.Rule, r.Subject}] = r
	}
	for _, e := range c.Expect {
		want, err := ParseOutcome(e.Outcome.Value)
		if err != nil {
			l.errorf(l.of(e.Outcome), "", "%v", err)
			return fail(err.Error())
		}
		if prog.Rule(e.Rule.Value) == nil {
			l.errorf(l.of(e.Rule), "", "no rule %q in programme %q", e.Rule.Value, prog.ID)
			return fail(fmt.Sprintf("no rule %q", e.Rule.Value))
		}
		r, ok := got[[2]string{e.Rule.Value, e.Subject}]
		if !ok || r.Outcome != want {
			m := Mismatch{Rule: e.Rule.Value, Subject: e.Subject, Want: want}
			if ok {
				m.Got, m.Message = r.Outcome, r.Message
			} else {
				m.Message = "no result for this subject; subjects of the rule: " + strings.Join(subjectsOf(results, e.Rule.Value), ", ")
			}
			res.Mismatches = append(res.Mismatches, m)
		}
	}
	res.Passed = len(res.Mismatches) == 0
	return res
}

func subjectsOf(results []Result, rule string) []string {
	var out []string
	for _, r := range results {
		if r.Rule == rule {
			out = append(out, r.Subject)
		}
	}
	sort.Strings(out)
	return out
}

// caseData loads a case's fixture files and inline data into one dataset;
// problems in the inline data are reported at their place in the test
// file.
func (l *loader) caseData(ctx context.Context, tree *fixtureTree, files []source.Text, inline source.Text) (*kiez.Dataset, diag.Diagnostics) {
	fsys := overlayFS{base: tree.fsys, files: map[string][]byte{}}
	names := make([]string, 0, len(files)+1)
	var escaped diag.Diagnostics
	for _, f := range files {
		rel, ok := tree.local(f.Value)
		if !ok {
			escaped = append(escaped, &diag.Diagnostic{Severity: diag.Error, Subject: l.of(f), Detail: tree.escapeDetail(),
				Summary: fmt.Sprintf("the fixture %q lies outside %s; it is not read", f.Value, tree.name())})
			continue
		}
		if _, err := fs.Stat(tree.fsys, rel); err != nil {
			if _, err := os.Stat(tree.display(rel)); err == nil {
				// Readable on disk but not within the tree: a symbolic
				// link leads out of it.
				escaped = append(escaped, &diag.Diagnostic{Severity: diag.Error, Subject: l.of(f), Detail: tree.escapeDetail(),
					Summary: fmt.Sprintf("the fixture %q leads out of %s through a symbolic link; it is not read", f.Value, tree.name())})
				continue
			}
		}
		names = append(names, rel)
	}
	if len(escaped) > 0 {
		return nil, escaped
	}
	if strings.TrimSpace(inline.Value) != "" {
		fsys.files[inlineName] = []byte(inline.Value)
		names = append(names, inlineName)
	}
	if len(names) == 0 {
		return nil, diag.Diagnostics{{Severity: diag.Error, Summary: "the case has no files: and no data:"}}
	}
	ds, diags := kiez.LoadContext(ctx, fsys, names...)
	l.placeData(diags, tree, inline)
	// What reading finds (syntax, unknown fields) is the cause of what
	// validation then finds (a missing field, an unknown reference): the
	// causes come first, each group in the order of the files.
	diags.Sort()
	vdiags := ds.Validate()
	l.placeData(vdiags, tree, inline)
	vdiags.Sort()
	return ds, append(diags, vdiags...)
}

// placeData turns the places of diagnostics about a case's data into
// places in the test file (inline data) or in the fixture files.
func (l *loader) placeData(diags diag.Diagnostics, tree *fixtureTree, inline source.Text) {
	for _, d := range diags {
		if d.Subject == nil {
			continue
		}
		if d.Subject.Filename == inlineName {
			start := source.Locate(l.data, inline, 0)
			d.Subject.Filename = l.name
			d.Subject.Start.Line += start.Line - 1
			d.Subject.Start.Column += start.Column - 1
			d.Subject.End = d.Subject.Start
		} else if !filepath.IsAbs(d.Subject.Filename) {
			d.Subject.Filename = tree.display(d.Subject.Filename)
		}
	}
}

// inlineName is the name a case's inline data is loaded under.
const inlineName = "inline.yaml"

// isDigits reports whether s is made of ASCII digits only.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return s != ""
}

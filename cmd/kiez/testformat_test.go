package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The JUnit XML shape as CI systems read it, declared here apart from
// the writer's types so that the test checks the shape, not the writer
// against itself.
type (
	xunitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []xunitSuite `xml:"testsuite"`
	}
	xunitSuite struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Errors     int    `xml:"errors,attr"`
		Time       string `xml:"time,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases     []xunitCase `xml:"testcase"`
		SystemErr string      `xml:"system-err"`
	}
	xunitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *xunitProblem `xml:"failure"`
		Error     *xunitProblem `xml:"error"`
	}
	xunitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// brokenTestFile writes a test file whose programme cannot be loaded, so
// that no case runs, and returns its name.
func brokenTestFile(t *testing.T) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "kaputt_test.yaml")
	text := "programme: gibt-es-nicht\nperiod: 2024\ncases:\n  - name: Fall\n    data: \"centres: []\"\n    expect:\n      - {rule: r, subject: c, outcome: pass}\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestTestJUnit checks that kiez test --format junit writes JUnit XML of
// the usual shape: a suite per file, a case per test case with a failure
// or an error, counts that add up, times in seconds, and a test file that
// could not run as an erroring case.
func TestTestJUnit(t *testing.T) {
	broken := brokenTestFile(t)
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", "--root", "../..", "--format", "junit", "testdata/failing-tests.yaml", "../../rules/testdata/fixture_test.yaml"}, &stdout, &stderr)
	if code != exitProblems {
		t.Errorf("exit code %d, want %d", code, exitProblems)
	}
	var doc xunitSuites
	if err := xml.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("the output is not JUnit XML: %v\n%s", err, stdout.String())
	}
	if !strings.HasPrefix(stdout.String(), xml.Header) {
		t.Errorf("the output does not start with the XML declaration:\n%s", stdout.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr (fixture_test.yaml tests every rule): %s", stderr.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"test", "--format", "junit", broken}, &stdout, &stderr); code != exitProblems {
		t.Errorf("broken file: exit code %d, want %d", code, exitProblems)
	}
	if stderr.Len() > 0 {
		t.Errorf("broken file: stderr: %s", stderr.String())
	}
	var brokenDoc xunitSuites
	if err := xml.Unmarshal(stdout.Bytes(), &brokenDoc); err != nil {
		t.Fatalf("the output is not JUnit XML: %v\n%s", err, stdout.String())
	}
	doc.Suites = append(doc.Suites, brokenDoc.Suites...)

	type caseShape struct {
		Suite, Case, Classname, Problem, Type, Message string
	}
	var got []caseShape
	for _, s := range doc.Suites {
		tests, failures, errs := 0, 0, 0
		for _, c := range s.Cases {
			if _, err := strconv.ParseFloat(c.Time, 64); err != nil {
				t.Errorf("%s/%s: time %q is not in seconds", s.Name, c.Name, c.Time)
			}
			shape := caseShape{Suite: filepath.Base(s.Name), Case: c.Name, Classname: c.Classname}
			tests++
			switch {
			case c.Error != nil:
				errs++
				shape.Problem, shape.Type, shape.Message = "error", c.Error.Type, c.Error.Message
			case c.Failure != nil:
				failures++
				shape.Problem, shape.Type, shape.Message = "failure", c.Failure.Type, c.Failure.Message
				if !strings.Contains(c.Failure.Text, "- want: pass\n") { // English throughout: the id, no German label
					t.Errorf("%s/%s: the failure's text lacks the expected outcome:\n%s", s.Name, c.Name, c.Failure.Text)
				}
			}
			got = append(got, shape)
		}
		if s.Tests != tests || s.Failures != failures || s.Errors != errs {
			t.Errorf("suite %s counts tests=%d failures=%d errors=%d, its cases %d, %d, %d", s.Name, s.Tests, s.Failures, s.Errors, tests, failures, errs)
		}
	}
	if doc.Tests != 2+len(doc.Suites[1].Cases) || doc.Failures != 1 || doc.Errors != 1 {
		t.Errorf("testsuites counts tests=%d failures=%d errors=%d", doc.Tests, doc.Failures, doc.Errors)
	}
	if len(doc.Suites[0].Properties) != 1 || doc.Suites[0].Properties[0].Value != "musterstadt" {
		t.Errorf("the first suite's properties = %+v, want programme musterstadt", doc.Suites[0].Properties)
	}
	if !strings.Contains(doc.Suites[0].SystemErr, `unknown field "staf" in a centre`) {
		t.Errorf("the first suite's system-err lacks the fixture's problem:\n%s", doc.Suites[0].SystemErr)
	}
	if !strings.Contains(doc.Suites[2].Cases[0].Error.Text, "gibt-es-nicht") {
		t.Errorf("the broken file's error does not name the programme:\n%s", doc.Suites[2].Cases[0].Error.Text)
	}
	want := []caseShape{
		{Suite: "failing-tests.yaml", Case: "Erwartung falsch", Classname: "musterstadt", Problem: "failure", Type: "mismatch", Message: "2 expected outcomes differ"},
		{Suite: "failing-tests.yaml", Case: "Daten fehlerhaft", Classname: "musterstadt", Problem: "error", Type: "error",
			Message: `the fixtures do not load: testdata/failing-tests.yaml:17:103: error: unknown field "staf" in a centre; did you mean "staff"? (at centres[0].staf)`},
	}
	for _, c := range doc.Suites[1].Cases {
		want = append(want, caseShape{Suite: "fixture_test.yaml", Case: c.Name, Classname: "musterstadt"})
	}
	want = append(want, caseShape{Suite: "kaputt_test.yaml", Case: "(test file)", Classname: broken, Problem: "error", Type: "test-file", Message: "the test file has errors"})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cases (-want +got):\n%s", diff)
	}
}

// TestTestJUnitUntested checks that with --format junit the rules no
// case tests go to stderr, keeping stdout valid XML.
func TestTestJUnitUntested(t *testing.T) {
	t.Setenv(langEnv, "")
	for _, tt := range []struct {
		lang, want string
	}{
		{"de", "\nUngetestete Regeln von musterstadt:\n    ein-traeger: kein Fall erwartet pass oder fail\n    elterncafe-anteil: kein Fall erwartet pass oder fail\n    freistellung: kein Fall erwartet fail\n"},
		{"en", "\nUntested rules of musterstadt:\n    ein-traeger: no case expects pass or fail\n    elterncafe-anteil: no case expects pass or fail\n    freistellung: no case expects fail\n"},
	} {
		var stdout, stderr bytes.Buffer
		run([]string{"test", "--lang", tt.lang, "--root", "../..", "--format", "junit", "testdata/failing-tests.yaml"}, &stdout, &stderr)
		if err := xml.Unmarshal(stdout.Bytes(), new(xunitSuites)); err != nil {
			t.Fatalf("the output is not JUnit XML: %v\n%s", err, stdout.String())
		}
		if diff := cmp.Diff(tt.want, stderr.String()); diff != "" {
			t.Errorf("--lang %s: stderr (-want +got):\n%s", tt.lang, diff)
		}
	}
}

// TestTestJSON checks that kiez test --format json writes one JSON
// document with the files' cases, their problems, the untested rules and
// the counts, and nothing else on stdout.
func TestTestJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"test", "--root", "../..", "--format", "json", "testdata/failing-tests.yaml", "testdata/waiver-tests.yaml"}, &stdout, &stderr)
	if code != exitProblems {
		t.Errorf("exit code %d, want %d", code, exitProblems)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	var doc struct {
		Files []struct {
			File      string
			Programme string
			Results   []struct {
				Case       string
				Passed     bool
				Errored    bool
				Error      string
				Mismatches []struct{ Rule, Subject, Want, Got string }
			}
			Diagnostics []struct {
				Severity, Summary, Path string
			}
		}
		Untested                map[string]map[string][]string
		Passed, Failed, Errored int
	}
	raw := stdout.Bytes()
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("the output is not JSON: %v\n%s", err, raw)
	}
	var summary []string
	for _, f := range doc.Files {
		for _, r := range f.Results {
			line := f.File + ": " + r.Case
			for _, m := range r.Mismatches {
				line += " | " + m.Rule + " " + m.Subject + " want " + m.Want + " got " + m.Got
			}
			if r.Errored {
				line += " | errored"
			}
			summary = append(summary, line)
		}
		for _, d := range f.Diagnostics {
			summary = append(summary, f.File+": "+d.Severity+": "+d.Summary+" at "+d.Path)
		}
	}
	want := []string{
		"testdata/failing-tests.yaml: Erwartung falsch | freistellung c2/l2 want pass got fail | elterncafe c9 want pass got ",
		"testdata/failing-tests.yaml: Daten fehlerhaft | errored",
		`testdata/failing-tests.yaml: error: unknown field "staf" in a centre; did you mean "staff"? at centres[0].staf`,
		"testdata/waiver-tests.yaml: Ausnahme für eine Regel, die es nicht gibt | errored",
		`testdata/waiver-tests.yaml: error: waiver "w1": programme "musterstadt" has no rule "freistelung"; did you mean "freistellung"? at waivers[0].rule`,
	}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if doc.Passed != 0 || doc.Failed != 1 || doc.Errored != 2 {
		t.Errorf("counts passed=%d failed=%d errored=%d, want 0, 1, 2", doc.Passed, doc.Failed, doc.Errored)
	}
	wantUntested := map[string]map[string][]string{"musterstadt": {
		"ein-traeger": {"pass", "fail"}, "elterncafe-anteil": {"pass", "fail"}, "freistellung": {"fail"},
	}}
	if diff := cmp.Diff(wantUntested, doc.Untested); diff != "" {
		t.Errorf("untested (-want +got):\n%s", diff)
	}
}

// TestTestFormatUnknown checks that an unknown --format is a usage error.
func TestTestFormatUnknown(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"test", "--format", "xml", "testdata"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	if want := "kiez test: --format: unbekanntes Format \"xml\" (text, json oder junit angeben)\n"; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr = %q, want it to start with %q", stderr.String(), want)
	}
}

// TestTestBrokenFixture keeps as a golden transcript how kiez test shows
// a fixture that every case reads and that does not load: its problem
// once, the cause before what follows from it.
func TestTestBrokenFixture(t *testing.T) {
	got, code := transcript("test", "--root", "../..", "testdata/broken-fixture-tests.yaml")
	if code != exitProblems {
		t.Errorf("exit code %d, want %d", code, exitProblems)
	}
	golden(t, filepath.Join("testdata", "test-broken-fixture.golden"), got)
}

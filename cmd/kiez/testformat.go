package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// testDocument is the output of kiez test --format json.
type testDocument struct {
	// Files are the test files in the order they ran.
	Files []testFileDoc `json:"files"`
	// Untested maps programme ids to rule ids to the outcomes, "pass"
	// and "fail", that no case of any file expects.
	Untested untested `json:"untested"`
	Passed   int      `json:"passed"`
	Failed   int      `json:"failed"`
	Errored  int      `json:"errored"`
}

// testFileDoc is a test file's report, or, with Error set and the rest
// empty but the file, why it could not be read.
type testFileDoc struct {
	*rules.TestReport
	Error string `json:"error,omitempty"`
}

// writeTestJSON writes the test runs as one JSON object: the envelope
// of the run, then the document.
func writeTestJSON(w io.Writer, runs []testRun, u untested, t testTally, at time.Time) error {
	doc := testDocument{Files: []testFileDoc{}, Untested: u, Passed: t.passed, Failed: t.failed, Errored: t.errored}
	var files []envelope.InputFile
	for _, r := range runs {
		if data, err := filekind.ReadRegular(r.file, kiez.MaxFileSize); err == nil {
			files = append(files, envelope.InputFile{Name: r.file, Bytes: int64(len(data)), SHA256: envelope.SHA256Hex(data)})
		}
		if r.err != nil {
			doc.Files = append(doc.Files, testFileDoc{TestReport: &rules.TestReport{File: r.file}, Error: r.err.Error()})
			continue
		}
		doc.Files = append(doc.Files, testFileDoc{TestReport: r.rep})
	}
	return writeJSON(w, testEnvelope{toolInfo: newToolInfo(testFormat, files, at), testDocument: doc})
}

// The JUnit XML format as CI systems (Jenkins, GitLab, GitHub Actions
// reporters) read it: testsuites of testsuite of testcase, a testcase
// with at most one failure (it ran and gave other outcomes) or error (it
// could not run).
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Time       string          `xml:"time,attr"`
		Properties []junitProperty `xml:"properties>property,omitempty"`
		Cases      []junitCase     `xml:"testcase"`
		SystemErr  *junitText      `xml:"system-err,omitempty"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
	junitText struct {
		Text string `xml:",cdata"`
	}
)

// junitFileCase names the testcase that stands for a test file that could
// not run at all.
const junitFileCase = "(test file)"

// writeJUnit writes the test runs as JUnit XML: a testsuite per file, a
// testcase per case. The problems of a test file are the suite's
// system-err and, when no case could run, the error of a testcase of
// their own.
func writeJUnit(w io.Writer, runs []testRun) error {
	doc := junitSuites{Name: "kiez test"}
	var total time.Duration
	src := newSources()
	for _, r := range runs {
		s := junitSuite{Name: r.file}
		var took time.Duration
		classname := r.file
		if r.rep != nil && r.rep.Programme != "" {
			classname = r.rep.Programme
			s.Properties = []junitProperty{{Name: "programme", Value: r.rep.Programme}}
		}
		switch {
		case r.err != nil:
			s.Cases = append(s.Cases, junitCase{Name: junitFileCase, Classname: classname, Time: seconds(0),
				Error: &junitProblem{Message: oneLine(r.err.Error(), 400), Type: "unreadable", Text: xmlText(r.err.Error())}})
		default:
			var diags bytes.Buffer
			if len(r.rep.Diagnostics) > 0 {
				if err := diag.WriteText(&diags, r.rep.Diagnostics, src.get); err != nil {
					return err
				}
				s.SystemErr = &junitText{xmlText(diags.String())}
			}
			if len(r.rep.Results) == 0 && r.rep.Diagnostics.HasErrors() {
				s.Cases = append(s.Cases, junitCase{Name: junitFileCase, Classname: classname, Time: seconds(0),
					Error: &junitProblem{Message: "the test file has errors", Type: "test-file", Text: xmlText(diags.String())}})
			}
			for _, res := range r.rep.Results {
				took += res.Duration
				c := junitCase{Name: res.Case, Classname: classname, Time: seconds(res.Duration)}
				switch {
				case res.Errored:
					c.Error = &junitProblem{Message: oneLine(res.Error, 400), Type: "error", Text: xmlText(res.Error)}
				case !res.Passed:
					var b bytes.Buffer
					writeMismatches(newTexts(langEN), &b, res.Mismatches) // JUnit stays English
					c.Failure = &junitProblem{Message: plural(len(res.Mismatches), "expected outcome differs", "expected outcomes differ"),
						Type: "mismatch", Text: xmlText(b.String())}
				}
				s.Cases = append(s.Cases, c)
			}
		}
		for _, c := range s.Cases {
			s.Tests++
			switch {
			case c.Error != nil:
				s.Errors++
			case c.Failure != nil:
				s.Failures++
			}
		}
		s.Time = seconds(took)
		total += took
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	doc.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// seconds formats a duration as JUnit's time attribute: seconds with
// three decimals.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}

// xmlText replaces what XML 1.0 cannot hold (control characters other
// than tab and newline, invalid UTF-8) with U+FFFD, for the CDATA
// sections, which encoding/xml writes as they are.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == utf8.RuneError, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}

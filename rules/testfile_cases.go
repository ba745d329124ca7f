package rules

import (
	"fmt"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// caseFiles lists the fixture files a case reads: the file's files: and
// then the case's own, or with replaceFiles: true the case's own alone.
func caseFiles(f *fileTest, c *fileTestCase) []source.Text {
	if c.ReplaceFiles {
		return append([]source.Text(nil), c.Files...)
	}
	return append(append([]source.Text(nil), f.Files...), c.Files...)
}

// fixtureFailure is the error of a case whose fixtures do not load: the
// first diagnostic, which is the root cause (caseData puts the problems
// of reading before those they cause), and how many follow.
func fixtureFailure(diags diag.Diagnostics) string {
	var errs diag.Diagnostics
	for _, d := range diags {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	msg := "the fixtures do not load: " + errs[0].Error()
	switch n := len(errs) - 1; n {
	case 0:
	case 1:
		msg += " (and 1 more error, listed below)"
	default:
		msg += fmt.Sprintf(" (and %d more errors, listed below)", n)
	}
	return msg
}

// unique drops the repetitions of a diagnostic, keeping the first: a
// fixture that several cases read is reported once, in its place among
// the problems of the first case that read it.
func unique(diags diag.Diagnostics) diag.Diagnostics {
	type key struct {
		sev                 diag.Severity
		summary, path, file string
		line, col           int
	}
	seen := make(map[key]bool, len(diags))
	out := diags[:0:0]
	for _, d := range diags {
		k := key{sev: d.Severity, summary: d.Summary, path: d.Path}
		if d.Subject != nil {
			k.file, k.line, k.col = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

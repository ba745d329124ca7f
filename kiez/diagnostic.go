package kiez

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how serious a diagnostic or a rule verdict is. The zero
// value is invalid, so that a forgotten severity is caught.
type Severity int

// The severities, from most to least serious.
const (
	SeverityInvalid Severity = iota
	SeverityError
	SeverityWarning
	SeverityInfo
)

// String returns the lowercase English name used in files and messages.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	}
	return "invalid"
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	case "info":
		return SeverityInfo, nil
	}
	return SeverityInvalid, fmt.Errorf("unknown severity %q (use error, warning or info)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Pos is a position in a source file. Line and Column count from 1, Column
// in Unicode characters (an umlaut is one column); Byte is the 0-based byte
// offset.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// Range is a span of a source file: Start inclusive, End exclusive. An End
// equal to Start marks a point.
type Range struct {
	Filename string `json:"filename"`
	Start    Pos    `json:"start"`
	End      Pos    `json:"end"`
}

// String formats the range's start as file:line:col.
func (r Range) String() string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// Diagnostic is one problem found in data or in a rule file: a value, not a
// string, so that callers can sort, filter and render it as they need.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Summary says what is wrong in one short sentence.
	Summary string `json:"summary"`
	// Detail says what might be done about it; it may be empty.
	Detail string `json:"detail,omitempty"`
	// Subject is where in a file the problem is, when the input came from
	// a file.
	Subject *Range `json:"subject,omitempty"`
	// Path is the data path of the offending value, such as
	// centres[3].staff[1].hoursPerWeek; empty for whole-file problems.
	Path string `json:"path,omitempty"`
}

// Error formats the diagnostic as "file:line:col: severity: summary (at
// path)", leaving out what is unknown.
func (d *Diagnostic) Error() string {
	var b strings.Builder
	if d.Subject != nil {
		b.WriteString(d.Subject.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if d.Path != "" {
		fmt.Fprintf(&b, " (at %s)", d.Path)
	}
	return b.String()
}

// Diagnostics is a list of diagnostics. It implements error, so a caller
// that only wants to know whether anything went wrong can treat it as one;
// a nil or empty list is returned as a nil error by Err.
type Diagnostics []*Diagnostic

// Error joins the diagnostics, one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// HasErrors reports whether any diagnostic has error severity.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errs returns the diagnostics as an error if any has error severity, and
// nil otherwise. Use it to return diagnostics from a function whose callers
// test err != nil.
func (ds Diagnostics) Errs() error {
	if ds.HasErrors() {
		return ds
	}
	return nil
}

// Sort orders the diagnostics by file, line, column and then path, so that
// output is stable and reads top to bottom.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		af, bf := "", ""
		var al, bl, ac, bc int
		if a.Subject != nil {
			af, al, ac = a.Subject.Filename, a.Subject.Start.Line, a.Subject.Start.Column
		}
		if b.Subject != nil {
			bf, bl, bc = b.Subject.Filename, b.Subject.Start.Line, b.Subject.Start.Column
		}
		if af != bf {
			return af < bf
		}
		if al != bl {
			return al < bl
		}
		if ac != bc {
			return ac < bc
		}
		return a.Path < b.Path
	})
}

package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says how serious a diagnostic, or a rule's verdict, is. The zero
// value is invalid, so that a forgotten severity is caught: String returns
// "invalid" for it and ParseSeverity never returns it without an error.
type Severity int

// The severities, from most to least serious. A diagnostic of severity
// Error makes the input unusable (HasErrors, Err); a Warning leaves it
// usable. Info is the least serious: rule files use it for rules whose
// failure is a hint, not a breach.
const (
	Error Severity = iota + 1
	Warning
	Info
)

// String returns the lowercase English name used in files and messages:
// "error", "warning", "info", or "invalid" for any other value.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return "invalid"
}

// ParseSeverity parses "error", "warning" or "info"; any other text is an
// error that names the accepted ones.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (use error, warning or info)", s)
}

// MarshalText writes the severity's name, as String does.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name, as ParseSeverity does.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Diagnostic is one problem found in data or in a rule file: a value, not a
// string, so that callers can sort, filter and render it as they need. Its
// JSON form has the fields severity, summary, detail (when not empty),
// subject (when known) and path (when not empty).
type Diagnostic struct {
	// Severity says whether the problem stops the input from being used
	// (error) or is worth a look (warning, info).
	Severity Severity `json:"severity"`
	// Summary says what is wrong in one short sentence.
	Summary string `json:"summary"`
	// Detail says what might be done about it; it may be empty.
	Detail string `json:"detail,omitempty"`
	// Subject is where in a file the problem is, when the input came from
	// a file: the whole value at fault, or a point inside it. A Subject
	// with an empty Filename belongs to input not read from a file.
	Subject *Range `json:"subject,omitempty"`
	// Path is the data path of the offending value, such as
	// centres[3].staff[1].hoursPerWeek; empty for whole-file problems.
	Path string `json:"path,omitempty"`
	// Cause is the error behind the problem where one is known (such as
	// context.Canceled for a load that was stopped), so that errors.Is
	// finds it through the diagnostic; it is not written out.
	Cause error `json:"-"`
}

// Unwrap returns the error behind the diagnostic, or nil.
func (d *Diagnostic) Unwrap() error { return d.Cause }

// Error formats the diagnostic as "file:line:col: severity: summary (at
// path)", leaving out what is unknown. The detail is not part of it.
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

// Diagnostics is a list of diagnostics, in the order they were found until
// Sort orders them. It implements error, so that a function can return it
// as one; Err does that only when there is an error among them.
type Diagnostics []*Diagnostic

// Append returns the list with d added, as the built-in append does; a nil
// d is left out.
func (ds Diagnostics) Append(d *Diagnostic) Diagnostics {
	if d == nil {
		return ds
	}
	return append(ds, d)
}

// Extend returns the list with every diagnostic of more added, as the
// built-in append does.
func (ds Diagnostics) Extend(more Diagnostics) Diagnostics {
	return append(ds, more...)
}

// Error joins the diagnostics' Error texts, one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the diagnostics as a list of errors, so that errors.As
// finds the first *Diagnostic in an error that holds a Diagnostics.
func (ds Diagnostics) Unwrap() []error {
	errs := make([]error, len(ds))
	for i, d := range ds {
		errs[i] = d
	}
	return errs
}

// HasErrors reports whether any diagnostic has severity Error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the whole list, warnings included, as an error if any
// diagnostic has severity Error, and nil otherwise. Use it to return
// diagnostics from a function whose callers test err != nil; they get the
// list back with errors.As(err, &ds) for a ds of type Diagnostics.
func (ds Diagnostics) Err() error {
	if ds.HasErrors() {
		return ds
	}
	return nil
}

// Sort orders the diagnostics by file, line, column and then path, keeping
// the order of those that are equal in all four, so that output is stable
// and reads top to bottom. Diagnostics without a Subject come first.
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

package schedule

import (
	"fmt"
	"strconv"
)

// maxQuoted is the number of input bytes an error message quotes before it
// abbreviates, so that hostile input cannot blow up log lines.
const maxQuoted = 100

// ParseError reports text that could not be parsed into one of the package's
// values. It names the offending part and its byte offset so that a person can
// find the mistake in a data or rule file; use errors.As to inspect it.
// Err is the cause; it wraps errors.ErrUnsupported when the text is
// well-formed but asks for something outside the supported subset.
type ParseError struct {
	Kind   string // what was being parsed: "recurrence", "target", "unit", "edge policy", "date" or "closure"
	Input  string // the complete input
	Part   string // the offending part, e.g. "BYSETPOS=1"; empty when the input as a whole is at fault
	Offset int    // byte offset of Part in Input; 0 when Part is empty
	Err    error  // the cause
}

// Error describes the failure in one line, quoting at most the first 100
// bytes of the input.
func (e *ParseError) Error() string {
	if e.Part == "" {
		return fmt.Sprintf("schedule: cannot parse %s %s: %v", e.Kind, quoted(e.Input), e.Err)
	}
	return fmt.Sprintf("schedule: cannot parse %s %s: at offset %d: %v", e.Kind, quoted(e.Input), e.Offset, e.Err)
}

// quoted quotes s for an error message, abbreviating it after 100 bytes.
func quoted(s string) string {
	if len(s) > maxQuoted {
		return strconv.Quote(s[:maxQuoted]) + "..."
	}
	return strconv.Quote(s)
}

// Unwrap returns the cause so that errors.Is and errors.As see through the
// ParseError.
func (e *ParseError) Unwrap() error { return e.Err }

// LimitError reports that a computation stopped because it would have
// produced or examined more items than the package's documented bound
// (MaxOccurrences, MaxBuckets, or the candidate-date bound of expansion).
// It is returned instead of allocating without limit; use errors.As to
// inspect it.
type LimitError struct {
	What  string // what was counted: "occurrences", "buckets" or "candidate dates"
	Limit int    // the bound that was exceeded
}

// Error states which bound was exceeded.
func (e *LimitError) Error() string {
	return fmt.Sprintf("schedule: more than %d %s", e.Limit, e.What)
}

package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/rickb777/date/period"
)

// Target is a count target per bucket: "at least Min and at most Max
// occurrences in every calendar Per (or every rolling Window)". It expresses
// obligations such as "three to four AG §78 meetings a year" or "at least
// once per calendar half-year", which RFC 5545 cannot: an RRULE says when
// something happens, not how often it must have happened.
//
// Its text form therefore has its own part names, written in the RRULE style
// (NAME=VALUE parts separated by semicolons, names case-insensitive) so that
// it can never be mistaken for an RRULE, which always has FREQ:
//
//	PER=week;MIN=1        at least once in every ISO week
//	PER=month;MIN=1       at least once in every month
//	PER=quarter;MIN=1     at least once in every quarter
//	PER=half-year;MIN=1   at least once in every calendar half-year
//	PER=year;MIN=3;MAX=4  three or four times in every year
//	PER=P6W;MIN=1         at least once in every rolling six-week window
//
// PER is a Unit identifier or an ISO 8601 period (whole years, months, weeks
// or days); MIN defaults to 0 and MAX to no maximum. String writes the parts
// in the order PER, MIN, MAX and always writes MIN; for every valid t,
// ParseTarget(t.String()) returns t again.
type Target struct {
	Per    Unit          // the calendar bucket; zero when Window is used
	Window period.Period // the rolling window; zero when Per is used
	Min    int           // the least number of occurrences per bucket, 0 to 1,000,000
	Max    int           // the greatest number of occurrences per bucket, 0 for no maximum; otherwise at least Min
}

// maxTarget bounds Min and Max, far above any real obligation.
const maxTarget = 1_000_000

// String writes t in its text form, such as "PER=year;MIN=3;MAX=4".
func (t Target) String() string {
	var b strings.Builder
	b.WriteString("PER=")
	if t.Per != 0 {
		b.WriteString(t.Per.String())
	} else {
		b.WriteString(t.Window.String())
	}
	b.WriteString(";MIN=")
	b.WriteString(strconv.Itoa(t.Min))
	if t.Max != 0 {
		b.WriteString(";MAX=")
		b.WriteString(strconv.Itoa(t.Max))
	}
	return b.String()
}

// Validate reports whether t is usable: exactly one of Per and Window, a
// valid window, bounds in range, Max not below Min, and Min or Max set.
func (t Target) Validate() error {
	if err := t.check(); err != nil {
		return fmt.Errorf("schedule: invalid target %q: %w", t.String(), err)
	}
	return nil
}

func (t Target) check() error {
	switch {
	case t.Per != 0 && !t.Window.IsZero():
		return errors.New("give either a unit or a window, not both")
	case t.Per != 0 && (t.Per < Week || t.Per > Year):
		return fmt.Errorf("unit %d does not exist", int(t.Per))
	case t.Per == 0 && t.Window.IsZero():
		return errors.New("PER is required")
	case t.Min < 0 || t.Min > maxTarget || t.Max < 0 || t.Max > maxTarget:
		return fmt.Errorf("MIN and MAX must be 0 to %d", maxTarget)
	case t.Max != 0 && t.Max < t.Min:
		return fmt.Errorf("MAX %d is below MIN %d", t.Max, t.Min)
	case t.Min == 0 && t.Max == 0:
		return errors.New("MIN or MAX must be positive")
	}
	if t.Per == 0 {
		return checkWindow(t.Window)
	}
	return nil
}

// MarshalText writes the text form; it fails for an invalid t.
func (t Target) MarshalText() ([]byte, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return []byte(t.String()), nil
}

// UnmarshalText reads the text form like ParseTarget.
func (t *Target) UnmarshalText(text []byte) error {
	v, err := ParseTarget(string(text))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// ParseTarget parses the text form described at Target, such as
// "PER=year;MIN=3;MAX=4". Errors are *ParseError naming the offending part.
func ParseTarget(s string) (Target, error) {
	if s == "" {
		return Target{}, &ParseError{Kind: "target", Input: s, Err: errors.New("empty target (want e.g. PER=month;MIN=1)")}
	}
	parts, err := splitParts("target", s, s, 0)
	if err != nil {
		return Target{}, err
	}
	var t Target
	for _, p := range parts {
		if err := t.setPart(p); err != nil {
			return Target{}, &ParseError{Kind: "target", Input: s, Part: p.raw, Offset: p.offset, Err: err}
		}
	}
	if err := t.check(); err != nil {
		return Target{}, &ParseError{Kind: "target", Input: s, Err: err}
	}
	return t, nil
}

func (t *Target) setPart(p textPart) error {
	switch p.name {
	case "PER":
		return t.setPer(p.value)
	case "MIN", "MAX":
		n, ok := digits(p.value)
		if !ok || n > maxTarget {
			return fmt.Errorf("%s must be a whole number from 0 to %d, not %s", p.name, maxTarget, quoted(p.value))
		}
		if p.name == "MIN" {
			t.Min = n
		} else {
			t.Max = n
		}
		return nil
	}
	return fmt.Errorf("target part %s is not supported (supported: PER, MIN, MAX): %w", quoted(p.name), errors.ErrUnsupported)
}

func (t *Target) setPer(v string) error {
	if u, err := ParseUnit(v); err == nil {
		t.Per = u
		return nil
	}
	if len(v) == 0 || (v[0] != 'P' && v[0] != 'p') {
		return fmt.Errorf("PER must be week, month, quarter, half-year, year or an ISO 8601 period such as P6W, not %s", quoted(v))
	}
	w, err := period.Parse(strings.ToUpper(v))
	if err != nil {
		return fmt.Errorf("PER %s is not an ISO 8601 period: %w", quoted(v), err)
	}
	if err := checkWindow(w); err != nil {
		return err
	}
	t.Window = w
	return nil
}

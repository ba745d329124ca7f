package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date"
)

// Freq is the base unit of a Recurrence, the RFC 5545 FREQ rule part.
type Freq int

// The supported frequencies. SECONDLY, MINUTELY and HOURLY are not supported:
// obligations are planned in whole days.
const (
	Daily   Freq = iota + 1 // FREQ=DAILY
	Weekly                  // FREQ=WEEKLY
	Monthly                 // FREQ=MONTHLY
	Yearly                  // FREQ=YEARLY
)

// String returns the RFC 5545 name of f, such as "WEEKLY".
func (f Freq) String() string {
	switch f {
	case Daily:
		return "DAILY"
	case Weekly:
		return "WEEKLY"
	case Monthly:
		return "MONTHLY"
	case Yearly:
		return "YEARLY"
	}
	return "Freq(" + strconv.Itoa(int(f)) + ")"
}

func parseFreq(s string) (Freq, error) {
	switch strings.ToUpper(s) {
	case "DAILY":
		return Daily, nil
	case "WEEKLY":
		return Weekly, nil
	case "MONTHLY":
		return Monthly, nil
	case "YEARLY":
		return Yearly, nil
	case "SECONDLY", "MINUTELY", "HOURLY":
		return 0, fmt.Errorf("FREQ=%s is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY): %w", strings.ToUpper(s), errors.ErrUnsupported)
	}
	return 0, fmt.Errorf("FREQ value %s is not a frequency (supported: DAILY, WEEKLY, MONTHLY, YEARLY)", quoted(s))
}

// NthWeekday is one entry of the BYDAY rule part: a weekday, optionally with
// an ordinal, as in "MO", "2TU" (second Tuesday) or "-1FR" (last Friday).
type NthWeekday struct {
	N       int          // 0 for every such weekday; 1 to 5 counts from the start of the month, -1 to -5 from its end (MONTHLY only)
	Weekday time.Weekday // the day of the week
}

var weekdayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// String writes w in the BYDAY form, such as "MO", "2TU" or "-1FR".
func (w NthWeekday) String() string {
	code := "??"
	if w.Weekday >= time.Sunday && w.Weekday <= time.Saturday {
		code = weekdayCodes[w.Weekday]
	}
	if w.N == 0 {
		return code
	}
	return strconv.Itoa(w.N) + code
}

// Recurrence is a repeating pattern of dates in the RFC 5545 RRULE
// vocabulary, restricted to the subset obligations need:
//
//	FREQ=WEEKLY;BYDAY=WE            every Wednesday
//	FREQ=WEEKLY;INTERVAL=2;BYDAY=MO every other Monday
//	FREQ=MONTHLY;BYDAY=2TU          the second Tuesday of every month
//	FREQ=MONTHLY;BYDAY=-1FR         the last Friday of every month
//	FREQ=MONTHLY;BYMONTHDAY=15      the 15th of every month
//	FREQ=MONTHLY;INTERVAL=3         quarterly, on the day of the month of DTSTART
//	FREQ=MONTHLY;INTERVAL=6         half-yearly
//	FREQ=YEARLY                     yearly, on the month and day of DTSTART
//
// The start date (DTSTART) is not part of the rule: it is passed to Expand
// and written as its own property by the iCalendar export, as in RFC 5545.
// Weeks start on Monday (WKST=MO, the RFC default and the ISO rule).
//
// ParseRecurrence reads the text form and String writes it; for every valid
// r, ParseRecurrence(r.String()) returns r again (nil and empty slices count
// as equal). The zero value is not valid: Freq is required.
type Recurrence struct {
	Freq     Freq // the base period; required
	Interval int  // the step between periods, 1 to 1000; 0 means 1 and INTERVAL is then not written

	// ByDay limits DAILY rules to the given weekdays, chooses the weekdays of
	// WEEKLY rules, and chooses the (nth) weekdays of MONTHLY rules.
	// YEARLY rules do not support it.
	ByDay []NthWeekday

	// ByMonthDay lists days of the month, 1 to 31 or -31 to -1 counted from
	// the end (-1 is the last day). DAILY rules are limited to them; MONTHLY
	// rules occur on them (and, with ByDay, only where both match). WEEKLY and
	// YEARLY rules do not support it. Days a month lacks are skipped.
	ByMonthDay []int

	Count int        // the number of occurrences from DTSTART on, 0 for no limit; at most MaxOccurrences
	Until *date.Date // the last date an occurrence may fall on (inclusive), nil for no limit; not together with Count
}

// maxInterval bounds INTERVAL; larger steps make no sense for obligations
// and would only invite overflow.
const maxInterval = 1000

// supportedParts is quoted in error messages so that the reader learns what
// is supported.
const supportedParts = "supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL"

// String writes r in the RRULE text form, with the parts in the order FREQ,
// INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL, e.g. "FREQ=MONTHLY;BYDAY=2TU".
// It writes whatever r holds; use Validate or MarshalText to reject invalid
// values.
func (r Recurrence) String() string {
	var b strings.Builder
	b.WriteString("FREQ=")
	b.WriteString(r.Freq.String())
	if r.Interval != 0 {
		b.WriteString(";INTERVAL=")
		b.WriteString(strconv.Itoa(r.Interval))
	}
	if len(r.ByDay) > 0 {
		b.WriteString(";BYDAY=")
		for i, w := range r.ByDay {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(w.String())
		}
	}
	if len(r.ByMonthDay) > 0 {
		b.WriteString(";BYMONTHDAY=")
		for i, d := range r.ByMonthDay {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(d))
		}
	}
	if r.Count != 0 {
		b.WriteString(";COUNT=")
		b.WriteString(strconv.Itoa(r.Count))
	}
	if r.Until != nil {
		b.WriteString(";UNTIL=")
		b.WriteString(basicDate(*r.Until))
	}
	return b.String()
}

// Validate reports whether r is inside the supported subset and consistent,
// so that String, Expand and the iCalendar export can rely on it.
func (r Recurrence) Validate() error {
	if _, err := r.check(); err != nil {
		return fmt.Errorf("schedule: invalid recurrence %q: %w", r.String(), err)
	}
	return nil
}

// check validates r and returns the RRULE part name at fault.
func (r Recurrence) check() (part string, err error) {
	if r.Freq < Daily || r.Freq > Yearly {
		return "FREQ", errors.New("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
	}
	if r.Interval < 0 || r.Interval > maxInterval {
		return "INTERVAL", fmt.Errorf("INTERVAL must be 1 to %d", maxInterval)
	}
	if err := r.checkByDay(); err != nil {
		return "BYDAY", err
	}
	if err := r.checkByMonthDay(); err != nil {
		return "BYMONTHDAY", err
	}
	if r.Count < 0 || r.Count > MaxOccurrences {
		return "COUNT", fmt.Errorf("COUNT must be 1 to %d", MaxOccurrences)
	}
	if r.Until != nil {
		if r.Count != 0 {
			return "UNTIL", errors.New("COUNT and UNTIL must not both be given (RFC 5545)")
		}
		if !supported(*r.Until) {
			return "UNTIL", errors.New("UNTIL must be a date in 0001 to 9999")
		}
	}
	return "", nil
}

func (r Recurrence) checkByDay() error {
	if len(r.ByDay) > 0 && r.Freq == Yearly {
		return fmt.Errorf("BYDAY is not supported with FREQ=YEARLY (YEARLY repeats the month and day of DTSTART): %w", errors.ErrUnsupported)
	}
	for _, w := range r.ByDay {
		if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
			return fmt.Errorf("weekday %d does not exist", int(w.Weekday))
		}
		if w.N == 0 {
			continue
		}
		if r.Freq != Monthly {
			return fmt.Errorf("an ordinal weekday such as %q needs FREQ=MONTHLY", w.String())
		}
		if w.N < -5 || w.N > 5 {
			return fmt.Errorf("ordinal %d in %q must be 1 to 5 or -1 to -5", w.N, w.String())
		}
	}
	return nil
}

func (r Recurrence) checkByMonthDay() error {
	if len(r.ByMonthDay) > 0 && (r.Freq == Weekly || r.Freq == Yearly) {
		return fmt.Errorf("BYMONTHDAY is not supported with FREQ=%s (supported with DAILY and MONTHLY): %w", r.Freq, errors.ErrUnsupported)
	}
	for _, d := range r.ByMonthDay {
		if d == 0 || d < -31 || d > 31 {
			return fmt.Errorf("month day %d must be 1 to 31 or -31 to -1", d)
		}
	}
	return nil
}

// MarshalText writes the RRULE text form; it fails for an invalid r, so that
// invalid rules never reach a data file.
func (r Recurrence) MarshalText() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return []byte(r.String()), nil
}

// UnmarshalText parses the RRULE text form like ParseRecurrence.
func (r *Recurrence) UnmarshalText(text []byte) error {
	v, err := ParseRecurrence(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// textPart is one NAME=VALUE part of a semicolon-separated rule and the byte
// offset where it starts in the complete input.
type textPart struct {
	name, value, raw string
	offset           int
}

// splitParts cuts s (which starts at byte offset base of the input) into
// NAME=VALUE parts, rejecting empty parts, missing "=" and repeated names.
func splitParts(kind, input, s string, base int) ([]textPart, error) {
	var parts []textPart
	seen := map[string]bool{}
	off := base
	for raw := range strings.SplitSeq(s, ";") {
		name, value, ok := strings.Cut(raw, "=")
		switch {
		case raw == "":
			return nil, &ParseError{Kind: kind, Input: input, Part: raw, Offset: off, Err: errors.New("empty part (parts are NAME=VALUE separated by single semicolons)")}
		case !ok || name == "":
			return nil, &ParseError{Kind: kind, Input: input, Part: raw, Offset: off, Err: fmt.Errorf("part %s is not NAME=VALUE", quoted(raw))}
		}
		name = strings.ToUpper(name)
		if seen[name] {
			return nil, &ParseError{Kind: kind, Input: input, Part: raw, Offset: off, Err: fmt.Errorf("part %s is given twice", quoted(name))}
		}
		seen[name] = true
		parts = append(parts, textPart{name: name, value: value, raw: raw, offset: off})
		off += len(raw) + 1
	}
	return parts, nil
}

// ParseRecurrence parses the RRULE text form described at Recurrence, such
// as "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO". Part names and values are
// case-insensitive and may come in any order; an "RRULE:" prefix is allowed.
// Anything outside the supported subset (FREQ, INTERVAL, BYDAY, BYMONTHDAY,
// COUNT, UNTIL as a DATE YYYYMMDD) is rejected with an error that says what
// is supported. Errors are *ParseError naming the offending part.
func ParseRecurrence(s string) (Recurrence, error) {
	body, base := s, 0
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		body, base = s[6:], 6
	}
	if body == "" {
		return Recurrence{}, &ParseError{Kind: "recurrence", Input: s, Err: errors.New("empty rule (want e.g. FREQ=WEEKLY;BYDAY=MO)")}
	}
	parts, err := splitParts("recurrence", s, body, base)
	if err != nil {
		return Recurrence{}, err
	}
	var r Recurrence
	for _, p := range parts {
		if err := r.setPart(p); err != nil {
			return Recurrence{}, &ParseError{Kind: "recurrence", Input: s, Part: p.raw, Offset: p.offset, Err: err}
		}
	}
	if r.Freq == 0 {
		return Recurrence{}, &ParseError{Kind: "recurrence", Input: s, Err: errors.New("FREQ is required")}
	}
	if name, err := r.check(); err != nil {
		pe := &ParseError{Kind: "recurrence", Input: s, Err: err}
		for _, p := range parts {
			if p.name == name {
				pe.Part, pe.Offset = p.raw, p.offset
			}
		}
		return Recurrence{}, pe
	}
	return r, nil
}

// setPart stores one parsed NAME=VALUE part in r.
func (r *Recurrence) setPart(p textPart) error {
	var err error
	switch p.name {
	case "FREQ":
		r.Freq, err = parseFreq(p.value)
	case "INTERVAL":
		r.Interval, err = parseCount(p.name, p.value, maxInterval)
	case "BYDAY":
		r.ByDay, err = parseByDay(p.value)
	case "BYMONTHDAY":
		r.ByMonthDay, err = parseByMonthDay(p.value)
	case "COUNT":
		r.Count, err = parseCount(p.name, p.value, MaxOccurrences)
	case "UNTIL":
		var d date.Date
		if d, err = parseBasicDate(p.value); err != nil {
			return fmt.Errorf("UNTIL must be a DATE value YYYYMMDD (date-times are not supported): %w", err)
		}
		r.Until = &d
	default:
		return fmt.Errorf("RRULE part %s is not supported (%s): %w", quoted(p.name), supportedParts, errors.ErrUnsupported)
	}
	return err
}

// parseCount parses a positive decimal integer no larger than limit.
func parseCount(name, s string, limit int) (int, error) {
	n, ok := digits(s)
	if !ok || n < 1 || n > limit {
		return 0, fmt.Errorf("%s must be a whole number from 1 to %d, not %s", name, limit, quoted(s))
	}
	return n, nil
}

// parseByDay parses a BYDAY list such as "MO,WE" or "2TU,-1FR".
func parseByDay(s string) ([]NthWeekday, error) {
	var out []NthWeekday
	for item := range strings.SplitSeq(s, ",") {
		w, err := parseNthWeekday(item)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, nil
}

func parseNthWeekday(item string) (NthWeekday, error) {
	bad := fmt.Errorf("BYDAY entry %s is not a weekday such as MO, 2TU or -1FR", quoted(item))
	if len(item) < 2 {
		return NthWeekday{}, bad
	}
	code := strings.ToUpper(item[len(item)-2:])
	wd := -1
	for i, c := range weekdayCodes {
		if c == code {
			wd = i
		}
	}
	if wd < 0 {
		return NthWeekday{}, bad
	}
	n, err := parseSigned(item[:len(item)-2], 2)
	if err != nil {
		return NthWeekday{}, bad
	}
	return NthWeekday{N: n, Weekday: time.Weekday(wd)}, nil
}

// parseSigned parses an optionally signed integer of at most maxDigits
// digits; the empty string is 0.
func parseSigned(s string, maxDigits int) (int, error) {
	if s == "" {
		return 0, nil
	}
	sign := 1
	switch s[0] {
	case '+':
		s = s[1:]
	case '-':
		sign, s = -1, s[1:]
	}
	n, ok := digits(s)
	if !ok || len(s) > maxDigits || n == 0 {
		return 0, errors.New("not a non-zero number")
	}
	return sign * n, nil
}

// parseByMonthDay parses a BYMONTHDAY list such as "1,15,-1".
func parseByMonthDay(s string) ([]int, error) {
	var out []int
	for item := range strings.SplitSeq(s, ",") {
		n, err := parseSigned(item, 2)
		if err != nil || item == "" {
			return nil, fmt.Errorf("BYMONTHDAY entry %s is not a day such as 15 or -1", quoted(item))
		}
		out = append(out, n)
	}
	return out, nil
}

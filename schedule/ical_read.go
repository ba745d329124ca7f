package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/rickb777/date"
)

// ICSError is a problem in an iCalendar file that ReadCalendar cannot
// read, at the line where it starts (1-based; a folded content line is at
// the line of its first part).
type ICSError struct {
	File string // the file's name, as given to ReadCalendar
	Line int    // the line, or 0 when the problem has no single line
	Err  error  // what is wrong
}

// Error writes "file:line: problem", or "file: problem" without a line.
func (e *ICSError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the problem.
func (e *ICSError) Unwrap() error { return e.Err }

// icsLine is one unfolded content line and the line it starts at.
type icsLine struct {
	no   int
	text string
}

// eventLines records where a VEVENT and each of its properties start.
type eventLines struct {
	begin int
	props map[string]int
}

// ReadCalendar reads an iCalendar file as WriteTo writes it, e.g. the plan
// exported last time, to compare a new export with it (Revise). It reads
// PRODID, the name and of every VEVENT the properties an Event holds: UID,
// DTSTART and DTEND (dates, or floating date-times on one day), RRULE (as
// ParseRecurrence reads it; a timed event's UID…T235959 is its day),
// EXDATE, SUMMARY, DESCRIPTION, CATEGORIES, SEQUENCE and STATUS; other
// properties and components are ignored. The file is decoded with
// github.com/emersion/go-ical after a check of every content line, so
// that every problem is an *ICSError naming the line; nothing in the file
// makes it panic.
func ReadCalendar(name string, data []byte) (Calendar, error) {
	lines, lerr := unfold(data)
	if lerr != nil {
		lerr.File = name
		return Calendar{}, lerr
	}
	events, lerr := structure(lines)
	if lerr != nil {
		lerr.File = name
		return Calendar{}, lerr
	}
	cal, err := decodeICS(data)
	if err != nil {
		return Calendar{}, &ICSError{File: name, Err: err}
	}
	got := cal.Events()
	if len(got) != len(events) {
		return Calendar{}, &ICSError{File: name, Err: fmt.Errorf("found %d events, the decoder %d", len(events), len(got))}
	}
	out := Calendar{}
	out.ProdID, _ = cal.Props.Text(ical.PropProductID)
	if out.Name, _ = cal.Props.Text(ical.PropName); out.Name == "" {
		out.Name, _ = cal.Props.Text("X-WR-CALNAME")
	}
	seen := map[string]int{}
	for i, ve := range got {
		at := events[i]
		e, eerr := readEvent(ve, at)
		if eerr != nil {
			eerr.File = name
			return Calendar{}, eerr
		}
		if first, dup := seen[e.UID]; dup {
			return Calendar{}, &ICSError{File: name, Line: at.line(ical.PropUID),
				Err: fmt.Errorf("UID %q is used twice (first in the event of line %d)", e.UID, first)}
		}
		seen[e.UID] = at.begin
		if i == 0 {
			if p := ve.Props.Get(ical.PropDateTimeStamp); p != nil {
				if t, err := time.Parse("20060102T150405Z", p.Value); err == nil {
					out.Stamp = t
				}
			}
		}
		out.Events = append(out.Events, e)
	}
	return out, nil
}

// line is the line of the event's property, or of its BEGIN.
func (l eventLines) line(prop string) int {
	if n, ok := l.props[prop]; ok {
		return n
	}
	return l.begin
}

// decodeICS decodes with go-ical. Its decoder panics on some malformed
// parameters; structure rejects those first, and a panic that still
// happens is returned as an error.
func decodeICS(data []byte) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("the iCalendar decoder failed: %v", r)
		}
	}()
	return ical.NewDecoder(bytes.NewReader(data)).Decode()
}

// unfold splits the file into content lines, joining folded lines (a line
// that starts with a space or tab continues the one before).
func unfold(data []byte) ([]icsLine, *ICSError) {
	var out []icsLine
	for i, raw := range strings.Split(string(data), "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		// RFC 5545 allows no control character in a content line but HTAB
		// (CONTROL in 3.1); a bare CR would be read back as a line break.
		if j := strings.IndexFunc(raw, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }); j >= 0 {
			return nil, &ICSError{Line: i + 1, Err: fmt.Errorf("a control character (U+%04X) in a content line; iCalendar allows none but tab", raw[j])}
		}
		if raw != "" && (raw[0] == ' ' || raw[0] == '\t') {
			if len(out) == 0 {
				return nil, &ICSError{Line: i + 1, Err: errors.New("the file starts with a continuation line (a line beginning with a space)")}
			}
			out[len(out)-1].text += raw[1:]
			continue
		}
		if raw == "" {
			continue
		}
		out = append(out, icsLine{no: i + 1, text: raw})
	}
	// Text is UTF-8 (RFC 5545 3.1.4). Checked after unfolding, since a
	// writer may fold inside a multi-octet character.
	for _, l := range out {
		if !utf8.ValidString(l.text) {
			return nil, &ICSError{Line: l.no, Err: errors.New("a content line that is not valid UTF-8; save the file as UTF-8")}
		}
	}
	return out, nil
}

// structure checks every content line's syntax and the nesting of BEGIN
// and END, and records the lines of each VEVENT of the calendar.
func structure(lines []icsLine) ([]eventLines, *ICSError) {
	if len(lines) == 0 {
		return nil, &ICSError{Err: errors.New("the file is empty; want BEGIN:VCALENDAR … END:VCALENDAR")}
	}
	var stack []string
	var events []eventLines
	for i, l := range lines {
		name, value, err := contentLine(l.text)
		if err != nil {
			return nil, &ICSError{Line: l.no, Err: err}
		}
		if i == 0 && (name != "BEGIN" || !strings.EqualFold(value, "VCALENDAR")) {
			return nil, &ICSError{Line: l.no, Err: fmt.Errorf("the file starts with %q; want BEGIN:VCALENDAR", truncate(l.text))}
		}
		if len(stack) == 0 && i > 0 {
			return nil, &ICSError{Line: l.no, Err: fmt.Errorf("%q after END:VCALENDAR; want one calendar per file", truncate(l.text))}
		}
		switch name {
		case "BEGIN":
			comp := strings.ToUpper(value)
			if comp == "" {
				return nil, &ICSError{Line: l.no, Err: errors.New("BEGIN without a component name")}
			}
			stack = append(stack, comp)
			if len(stack) == 2 && comp == ical.CompEvent {
				events = append(events, eventLines{begin: l.no, props: map[string]int{}})
			}
		case "END":
			if !strings.EqualFold(value, stack[len(stack)-1]) {
				return nil, &ICSError{Line: l.no, Err: fmt.Errorf("END:%s, but the open component is %s", value, stack[len(stack)-1])}
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 2 && stack[1] == ical.CompEvent {
				ev := events[len(events)-1]
				if _, ok := ev.props[name]; !ok {
					ev.props[name] = l.no
				}
			}
		}
	}
	if len(stack) > 0 {
		return nil, &ICSError{Line: lines[len(lines)-1].no, Err: fmt.Errorf("the file ends inside %s; END:%s is missing", stack[len(stack)-1], stack[len(stack)-1])}
	}
	return events, nil
}

// contentLine checks the syntax of a content line, name *(";" param) ":"
// value (RFC 5545 3.1), and returns its upper-case name and its value.
func contentLine(s string) (name, value string, err error) {
	i := strings.IndexAny(s, ";:")
	if i < 0 {
		return "", "", fmt.Errorf("%q is not a content line NAME:VALUE (no colon)", truncate(s))
	}
	name = strings.ToUpper(s[:i])
	if name == "" || strings.IndexFunc(name, func(r rune) bool { return !(r == '-' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }) >= 0 {
		return "", "", fmt.Errorf("%q is not a property name (letters, digits and -)", truncate(s[:i]))
	}
	rest := s[i:]
	for rest != "" && rest[0] == ';' {
		eq := strings.IndexByte(rest, '=')
		if eq <= 1 {
			return "", "", fmt.Errorf("property %s: a parameter without NAME=VALUE", name)
		}
		rest = rest[eq+1:]
		for {
			if rest != "" && rest[0] == '"' {
				end := strings.IndexByte(rest[1:], '"')
				if end < 0 {
					return "", "", fmt.Errorf("property %s: a quoted parameter value is not closed", name)
				}
				rest = rest[end+2:]
			} else {
				end := strings.IndexAny(rest, "\";,:")
				if end < 0 {
					return "", "", fmt.Errorf("property %s: no colon before the value", name)
				}
				if rest[end] == '"' {
					return "", "", fmt.Errorf("property %s: a double quote inside an unquoted parameter value", name)
				}
				rest = rest[end:]
			}
			if rest == "" || (rest[0] != ',' && rest[0] != ';' && rest[0] != ':') {
				return "", "", fmt.Errorf("property %s: want , ; or : after a parameter value", name)
			}
			if rest[0] != ',' {
				break
			}
			rest = rest[1:]
		}
	}
	if rest == "" || rest[0] != ':' {
		return "", "", fmt.Errorf("property %s: no colon before the value", name)
	}
	return name, rest[1:], nil
}

// truncate shortens a line for a message.
func truncate(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// readEvent turns a VEVENT into an Event.
func readEvent(ve ical.Event, at eventLines) (Event, *ICSError) {
	fail := func(prop string, format string, args ...any) (Event, *ICSError) {
		return Event{}, &ICSError{Line: at.line(prop), Err: fmt.Errorf(format, args...)}
	}
	var e Event
	var err error
	if e.UID, err = ve.Props.Text(ical.PropUID); err != nil || strings.TrimSpace(e.UID) == "" {
		return fail(ical.PropUID, "the event has no UID")
	}
	start := ve.Props.Get(ical.PropDateTimeStart)
	if start == nil {
		return fail(ical.PropDateTimeStart, "the event %q has no DTSTART", e.UID)
	}
	var startTime time.Duration
	var timed bool
	if e.Date, startTime, timed, err = readDateTime(start); err != nil {
		return fail(ical.PropDateTimeStart, "DTSTART: %v", err)
	}
	if end := ve.Props.Get(ical.PropDateTimeEnd); end != nil {
		d, t, endTimed, err := readDateTime(end)
		if err != nil {
			return fail(ical.PropDateTimeEnd, "DTEND: %v", err)
		}
		if endTimed != timed {
			return fail(ical.PropDateTimeEnd, "DTEND is a %s, DTSTART a %s; want the same type", kindOf(endTimed), kindOf(timed))
		}
		if timed {
			end := time.Duration(d.Sub(e.Date))*24*time.Hour + t
			if end <= startTime || end > 24*time.Hour {
				return fail(ical.PropDateTimeEnd, "DTEND must lie after DTSTART and at the latest at midnight of its day")
			}
			e.Start, e.End = startTime, end
		} else {
			if !d.After(e.Date) {
				return fail(ical.PropDateTimeEnd, "DTEND must lie after DTSTART")
			}
			e.Days = int(d.Sub(e.Date))
		}
	} else if timed {
		return fail(ical.PropDateTimeStart, "the timed event %q has no DTEND", e.UID)
	}
	if e.Days == 1 {
		e.Days = 0 // one day is written the same way, and is the zero value
	}
	if p := ve.Props.Get(ical.PropRecurrenceRule); p != nil {
		rule := p.Value
		if timed {
			rule = untilDay(rule)
		}
		r, err := ParseRecurrence(rule)
		if err != nil {
			return fail(ical.PropRecurrenceRule, "RRULE: %v", err)
		}
		e.Recurrence = &r
	}
	for _, p := range ve.Props.Values(ical.PropExceptionDates) {
		for v := range strings.SplitSeq(p.Value, ",") {
			d, err := parseBasicDate(v[:min(len(v), 8)])
			if err != nil || (len(v) != 8 && len(v) != 15) {
				return fail(ical.PropExceptionDates, "EXDATE: %q is not a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS", v)
			}
			e.Except = append(e.Except, d)
		}
	}
	for _, f := range []struct {
		prop string
		to   *string
	}{{ical.PropSummary, &e.Summary}, {ical.PropDescription, &e.Description}} {
		if p := ve.Props.Get(f.prop); p != nil {
			if *f.to, err = p.Text(); err != nil {
				return fail(f.prop, "%s: %v", f.prop, err)
			}
		}
	}
	for _, p := range ve.Props.Values(ical.PropCategories) {
		list, err := p.TextList()
		if err != nil {
			return fail(ical.PropCategories, "CATEGORIES: %v", err)
		}
		e.Categories = append(e.Categories, list...)
	}
	if p := ve.Props.Get(ical.PropSequence); p != nil {
		if e.Sequence, err = p.Int(); err != nil || e.Sequence < 0 {
			return fail(ical.PropSequence, "SEQUENCE: %q is not a number 0, 1, 2, …", p.Value)
		}
	}
	if p := ve.Props.Get(ical.PropStatus); p != nil {
		e.Cancelled = strings.EqualFold(p.Value, string(ical.EventCancelled))
	}
	if err := e.check(); err != nil {
		return Event{}, &ICSError{Line: at.begin, Err: fmt.Errorf("the event %q: %w", e.UID, err)}
	}
	return e, nil
}

func kindOf(timed bool) string {
	if timed {
		return "date-time"
	}
	return "date"
}

// readDateTime reads a DATE (YYYYMMDD) or a floating DATE-TIME
// (YYYYMMDDTHHMMSS) as WriteTo writes them.
func readDateTime(p *ical.Prop) (date.Date, time.Duration, bool, error) {
	v := p.Value
	if p.Params.Get(ical.ParamTimezoneID) != "" || strings.HasSuffix(v, "Z") {
		return date.Date{}, 0, false, fmt.Errorf("%q has a time zone; only dates and floating local times (as kiez writes them) are read", v)
	}
	switch {
	case len(v) == 8 && p.ValueType() != ical.ValueDateTime:
		d, err := parseBasicDate(v)
		return d, 0, false, err
	case len(v) == 15 && v[8] == 'T' && p.ValueType() != ical.ValueDate:
		d, err := parseBasicDate(v[:8])
		if err != nil {
			return date.Date{}, 0, false, err
		}
		t, err := time.Parse("150405", v[9:])
		if err != nil {
			return date.Date{}, 0, false, fmt.Errorf("%q: the time is not HHMMSS", v)
		}
		return d, time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second, true, nil
	}
	return date.Date{}, 0, false, fmt.Errorf("%q is not a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS", v)
}

// untilDay turns a timed event's UNTIL=YYYYMMDDTHHMMSS into the day, as
// rrule writes it back.
func untilDay(rule string) string {
	parts := strings.Split(rule, ";")
	for i, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(k, "UNTIL") && len(v) == 15 && v[8] == 'T' {
			parts[i] = k + "=" + v[:8]
		}
	}
	return strings.Join(parts, ";")
}

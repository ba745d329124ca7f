package schedule

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date"
)

// Calendar is an iCalendar object (RFC 5545) of planned obligations, ready
// to be written as a .ics file with WriteTo. Its output is deterministic: it
// depends only on the fields, never on the clock.
type Calendar struct {
	ProdID string    // PRODID, who made the calendar, e.g. "-//kiez-go//kiez//DE"; required
	Name   string    // the calendar's display name, written as NAME (RFC 7986) and X-WR-CALNAME; optional
	Stamp  time.Time // DTSTAMP of every event, i.e. when the calendar was made; required, written in UTC
	Events []Event   // the VEVENTs, written in this order
}

// Event is one VEVENT: a single or recurring obligation. It is an all-day
// event lasting Days days unless Start or End is set, which makes it a timed
// event from Start to End on its day. Times are written as floating local
// times (no time zone), so "09:30" stays 09:30 on both sides of a daylight
// saving change.
type Event struct {
	UID         string        // globally unique and stable across exports, e.g. "elterncafe-2025@fz.example"; required and unique within the calendar
	Summary     string        // SUMMARY, the title
	Description string        // DESCRIPTION, optional
	Categories  []string      // CATEGORIES, optional
	Date        date.Date     // DTSTART's day; with a Recurrence, the first occurrence
	Days        int           // all-day events only: the length in days, 0 meaning 1
	Start, End  time.Duration // timed events only: wall-clock start and end as offsets from midnight, 0 ≤ Start < End ≤ 24h
	Recurrence  *Recurrence   // written as RRULE; nil for a single event
	Except      []date.Date   // days the recurrence skips (e.g. Schließzeiten), written as EXDATE; needs a Recurrence
	Sequence    int           // SEQUENCE, the revision of the event: 0 when first published, one more for each change (Revise sets it); not negative
	Cancelled   bool          // written as STATUS:CANCELLED: the event no longer takes place, and a calendar that imports it removes or strikes it
}

func (e Event) timed() bool { return e.Start != 0 || e.End != 0 }

func (e Event) check() error {
	switch {
	case strings.TrimSpace(e.UID) == "":
		return errors.New("UID is required")
	case !supported(e.Date):
		return fmt.Errorf("date %s lies outside 0001-01-01 to 9999-12-31", e.Date)
	case e.Days < 0:
		return fmt.Errorf("the length in days must not be negative, got %d", e.Days)
	case e.Sequence < 0:
		return fmt.Errorf("SEQUENCE must not be negative, got %d", e.Sequence)
	case e.timed() && e.Days != 0:
		return errors.New("a timed event (Start/End) cannot also have Days")
	case e.timed() && (e.Start < 0 || e.End <= e.Start || e.End > 24*time.Hour):
		return fmt.Errorf("want 0 <= Start < End <= 24h, got Start %v, End %v", e.Start, e.End)
	case len(e.Except) > 0 && e.Recurrence == nil:
		return errors.New("exception dates (EXDATE) need a Recurrence")
	}
	if e.Recurrence != nil {
		if err := e.Recurrence.Validate(); err != nil {
			return err
		}
	}
	for _, d := range e.Except {
		if !supported(d) {
			return fmt.Errorf("exception date %s lies outside 0001-01-01 to 9999-12-31", d)
		}
	}
	return nil
}

func (c Calendar) check() error {
	if strings.TrimSpace(c.ProdID) == "" {
		return errors.New("schedule: iCalendar PRODID is required")
	}
	if c.Stamp.IsZero() {
		return errors.New("schedule: iCalendar DTSTAMP (Calendar.Stamp) is required")
	}
	seen := map[string]bool{}
	for i, e := range c.Events {
		if err := e.check(); err != nil {
			return fmt.Errorf("schedule: iCalendar event %d (%q): %w", i, e.UID, err)
		}
		if seen[e.UID] {
			return fmt.Errorf("schedule: iCalendar event %d: UID %q is used twice", i, e.UID)
		}
		seen[e.UID] = true
	}
	return nil
}

// WriteTo writes the calendar in the iCalendar format (RFC 5545): CRLF line
// endings, lines folded at 75 octets without splitting a UTF-8 character,
// TEXT values escaped (backslash, semicolon, comma, newline; other control
// characters dropped, invalid UTF-8 replaced by U+FFFD). It validates the
// whole calendar first and writes nothing when it is invalid: PRODID,
// DTSTAMP and every UID are required, UIDs must be unique, and every event
// must be consistent. It implements io.WriterTo.
func (c Calendar) WriteTo(w io.Writer) (int64, error) {
	if err := c.check(); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	line := func(s string) { fold(&buf, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:" + escapeText(c.ProdID))
	line("CALSCALE:GREGORIAN")
	if c.Name != "" {
		line("NAME:" + escapeText(c.Name))
		line("X-WR-CALNAME:" + escapeText(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		e.write(line, stamp)
	}
	line("END:VCALENDAR")
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// write emits the content lines of one VEVENT.
func (e Event) write(line func(string), stamp string) {
	line("BEGIN:VEVENT")
	line("UID:" + escapeText(e.UID))
	line("DTSTAMP:" + stamp)
	line("SEQUENCE:" + strconv.Itoa(e.Sequence))
	if e.Cancelled {
		line("STATUS:CANCELLED")
	}
	e.content(line)
	line("END:VEVENT")
}

// content emits the content lines that say what the event is: its time,
// recurrence and texts, without the lines about its identity and revision
// (UID, DTSTAMP, SEQUENCE, STATUS). Two events with the same content
// lines are the same to a calendar.
func (e Event) content(line func(string)) {
	if e.timed() {
		line("DTSTART:" + localTime(e.Date, e.Start))
		line("DTEND:" + localTime(e.Date, e.End))
	} else {
		line("DTSTART;VALUE=DATE:" + basicDate(e.Date))
		line("DTEND;VALUE=DATE:" + basicDate(e.Date.Add(date.PeriodOfDays(max(e.Days, 1)))))
	}
	if e.Recurrence != nil {
		line("RRULE:" + e.rrule())
	}
	if len(e.Except) > 0 {
		line(e.exdate())
	}
	if e.Summary != "" {
		line("SUMMARY:" + escapeText(e.Summary))
	}
	if e.Description != "" {
		line("DESCRIPTION:" + escapeText(e.Description))
	}
	if len(e.Categories) > 0 {
		cats := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cats[i] = escapeText(c)
		}
		line("CATEGORIES:" + strings.Join(cats, ","))
	}
}

// rrule writes the RRULE value. UNTIL must have DTSTART's value type
// (RFC 5545 3.3.10), so a timed event gets a floating date-time at the end
// of the UNTIL day.
func (e Event) rrule() string {
	r := *e.Recurrence
	if r.Until == nil || !e.timed() {
		return r.String()
	}
	until := *r.Until
	r.Until = nil
	return r.String() + ";UNTIL=" + basicDate(until) + "T235959"
}

func (e Event) exdate() string {
	vals := make([]string, len(e.Except))
	for i, d := range e.Except {
		if e.timed() {
			vals[i] = localTime(d, e.Start)
		} else {
			vals[i] = basicDate(d)
		}
	}
	if e.timed() {
		return "EXDATE:" + strings.Join(vals, ",")
	}
	return "EXDATE;VALUE=DATE:" + strings.Join(vals, ",")
}

// localTime writes a floating DATE-TIME: the day d at the wall-clock offset.
func localTime(d date.Date, offset time.Duration) string {
	return d.UTC().Add(offset).Format("20060102T150405")
}

// escapeText escapes an RFC 5545 TEXT value.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || (r >= 0x20 && r != 0x7f):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is the longest content line RFC 5545 allows, in octets, without
// the CRLF.
const maxLine = 75

// fold writes one content line, folded so that no physical line exceeds 75
// octets. A continuation line starts with a space, which counts towards its
// 75 octets. Lines are cut only at the start of a UTF-8 character.
func fold(buf *bytes.Buffer, line string) {
	limit := maxLine
	for {
		if len(line) <= limit {
			buf.WriteString(line)
			buf.WriteString("\r\n")
			return
		}
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		buf.WriteString(line[:cut])
		buf.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLine - 1
	}
}

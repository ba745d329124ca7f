package schedule_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/schedule"
)

// normalised is an event as ReadCalendar returns it: no empty lists.
func normalised(events []schedule.Event) []schedule.Event {
	out := make([]schedule.Event, len(events))
	for i, e := range events {
		if len(e.Except) == 0 {
			e.Except = nil
		}
		if len(e.Categories) == 0 {
			e.Categories = nil
		}
		if e.Days == 1 {
			e.Days = 0
		}
		out[i] = e
	}
	return out
}

// TestReadCalendarRoundTrip reads back what WriteTo wrote: the same
// events, and revising against them changes nothing.
func TestReadCalendarRoundTrip(t *testing.T) {
	c := planned2025(t)
	c.Events[1].Sequence = 3
	c.Events[2].Cancelled = true
	data := writeICS(t, c)
	got, err := schedule.ReadCalendar("planned-2025.ics", data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(normalised(c.Events), got.Events, cmpOpts); diff != "" {
		t.Errorf("events read back (-written +read):\n%s", diff)
	}
	if got.ProdID != c.ProdID || got.Name != c.Name || !got.Stamp.Equal(c.Stamp) {
		t.Errorf("calendar read back: %q %q %v", got.ProdID, got.Name, got.Stamp)
	}
	// A cancelled event that is in the new export again is a change.
	next := planned2025(t)
	rev := next.Revise(got.Events)
	if want := (schedule.Revision{Unchanged: 5, Changed: 1}); rev != want {
		t.Errorf("Revise = %+v, want %+v", rev, want)
	}
	if s := next.Events[1].Sequence; s != 3 {
		t.Errorf("unchanged event: SEQUENCE %d, want 3", s)
	}
	if e := next.Events[2]; e.Sequence != 1 || e.Cancelled {
		t.Errorf("event back after a cancellation: SEQUENCE %d, cancelled %t; want 1, false", e.Sequence, e.Cancelled)
	}
}

// TestRevise changes, removes and adds events against an earlier export
// and reads the result with go-ical as a calendar program would.
func TestRevise(t *testing.T) {
	prevCal := planned2025(t)
	prevCal.Events[0].Sequence = 2
	prevCal.Events = append(prevCal.Events, schedule.Event{UID: "abgesagt@fz-sued.example", Summary: "Abgesagt", Date: day("2025-05-05"), Sequence: 4, Cancelled: true})
	prev, err := schedule.ReadCalendar("prev.ics", writeICS(t, prevCal))
	if err != nil {
		t.Fatal(err)
	}
	c := planned2025(t)
	c.Stamp = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	c.Events[0].Summary = "Elterncafé (neu: Raum 3)" // changed text
	c.Events[3].Date = day("2025-01-21")             // moved
	c.Events = append(c.Events[:4], c.Events[5:]...) // ag78 removed
	c.Events = append(c.Events, schedule.Event{UID: "neu@fz-sued.example", Summary: "Neu", Date: day("2025-06-01")})
	rev := c.Revise(prev.Events)
	if want := (schedule.Revision{New: 1, Changed: 2, Unchanged: 3, Cancelled: 1, Gone: 1}); rev != want {
		t.Errorf("Revise = %+v, want %+v", rev, want)
	}
	type seen struct {
		UID, Status string
		Sequence    int
	}
	var got []seen
	data := writeICS(t, c)
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the revised calendar: %v", err)
	}
	for _, e := range cal.Events() {
		var s seen
		s.UID, _ = e.Props.Text(ical.PropUID)
		s.Status, _ = e.Props.Text(ical.PropStatus)
		if s.Sequence, err = e.Props.Get(ical.PropSequence).Int(); err != nil {
			t.Fatal(err)
		}
		if stamp, err := e.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !stamp.Equal(c.Stamp) {
			t.Errorf("%s: DTSTAMP %v, %v; want the time of the new export", s.UID, stamp, err)
		}
		got = append(got, s)
	}
	want := []seen{
		{"elterncafe-2025@fz-sued.example", "", 3},
		{"elterncafe-thema-2025@fz-sued.example", "", 0},
		{"qualitaets-ag-2025@fz-sued.example", "", 0},
		{"ag-kiez-2025@fz-sued.example", "", 1},
		{"prozessbegleitung-2025@fz-sued.example", "", 0},
		{"neu@fz-sued.example", "", 0},
		{"ag78-2025-1@fz-sued.example", "CANCELLED", 1},
		{"abgesagt@fz-sued.example", "CANCELLED", 4},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UID, STATUS, SEQUENCE (-want +got):\n%s", diff)
	}
	checkLines(t, data)

	// Revising the result against itself changes nothing.
	again, err := schedule.ReadCalendar("revised.ics", data)
	if err != nil {
		t.Fatal(err)
	}
	c2 := planned2025(t)
	c2.Stamp = c.Stamp
	c2.Events = append([]schedule.Event(nil), c.Events[:6]...)
	c2.Revise(again.Events)
	if diff := cmp.Diff(string(data), string(writeICS(t, c2))); diff != "" {
		t.Errorf("a second revision against the first differs (-first +second):\n%s", diff)
	}
}

// checkLines checks RFC 5545's physical format: CRLF only, at most 75
// octets per line.
func checkLines(t *testing.T, out []byte) {
	t.Helper()
	if n := bytes.Count(out, []byte("\n")); n != bytes.Count(out, []byte("\r\n")) {
		t.Error("output has a line feed without carriage return")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
	}
}

func TestReadCalendarErrors(t *testing.T) {
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\n"
	event := func(lines ...string) string {
		return head + "BEGIN:VEVENT\r\n" + strings.Join(lines, "\r\n") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	ok := []string{"UID:a", "DTSTART;VALUE=DATE:20250101"}
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty", "", 0, "the file is empty"},
		{"not a calendar", "BEGIN:VCARD\r\nEND:VCARD\r\n", 1, "want BEGIN:VCALENDAR"},
		{"bare CR in a value", event("UID:a\r", "DTSTART;VALUE=DATE:20250101"), 5, "a control character (U+000D)"},
		{"no colon", event("UID:a", "DTSTART;VALUE=DATE"), 6, "no colon"},
		{"param without colon (go-ical panics)", event("UID:a", "DTSTART;VALUE=DATE,DATE"), 6, "no colon"},
		{"text after a quoted param (go-ical panics)", event("UID:a", `X-A;P="q"x:1`, "DTSTART;VALUE=DATE:20250101"), 6, "want , ; or :"},
		{"bad name", event("UID:a", "DT START:20250101"), 6, "not a property name"},
		{"unclosed component", head + "BEGIN:VEVENT\r\nUID:a\r\n", 5, "END:VEVENT is missing"},
		{"wrong END", head + "BEGIN:VEVENT\r\nUID:a\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", 6, "END:VTODO, but the open component is VEVENT"},
		{"after the end", event(ok...) + "BEGIN:VCALENDAR\r\n", 9, "after END:VCALENDAR"},
		{"no UID", event("DTSTART;VALUE=DATE:20250101"), 4, "no UID"},
		{"no DTSTART", event("UID:a", "SUMMARY:x"), 4, "no DTSTART"},
		{"bad date", event("UID:a", "DTSTART;VALUE=DATE:20251301"), 6, "DTSTART"},
		{"time zone", event("UID:a", "DTSTART:20250101T100000Z", "DTEND:20250101T110000Z"), 6, "time zone"},
		{"timed without end", event("UID:a", "DTSTART:20250101T100000"), 6, "no DTEND"},
		{"end before start", event(append(ok, "DTEND;VALUE=DATE:20241231")...), 7, "DTEND must lie after DTSTART"},
		{"mixed types", event(append(ok, "DTEND:20250101T100000")...), 7, "want the same type"},
		{"bad RRULE", event(append(ok, "RRULE:FREQ=HOURLY")...), 7, "RRULE"},
		{"bad EXDATE", event(append(ok, "RRULE:FREQ=DAILY", "EXDATE;VALUE=DATE:2025")...), 8, "EXDATE"},
		{"bad SEQUENCE", event(append(ok, "SEQUENCE:-1")...), 7, "SEQUENCE"},
		{"bad text", event(append(ok, `SUMMARY:a\x`)...), 7, "SUMMARY"},
		{"UID twice", head + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20250101\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20250101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", 9, "used twice"},
		{"continuation first", " x\r\n", 1, "continuation line"},
		{"not UTF-8", event(append(ok, "SUMMARY:Caf\xa9")...), 7, "not valid UTF-8"},
		{"not UTF-8 once unfolded", event(append(ok, "SUMMARY:Caf\xc3\r\n x")...), 7, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schedule.ReadCalendar("alt.ics", []byte(tt.in))
			var ie *schedule.ICSError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *ICSError", err)
			}
			if ie.File != "alt.ics" || ie.Line != tt.line || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q (line %d), want line %d and %q", err, ie.Line, tt.line, tt.msg)
			}
		})
	}
	// A line folded inside a multi-octet character is joined before the
	// UTF-8 check (RFC 5545 3.1 warns that simple writers do this).
	split, err := schedule.ReadCalendar("alt.ics", []byte(event(append(ok, "SUMMARY:Caf\xc3\r\n \xa9")...)))
	if err != nil || split.Events[0].Summary != "Café" {
		t.Errorf("folded inside é: %v, %+v", err, split)
	}
	// Folded lines count from their first line; LF alone is accepted.
	folded := strings.ReplaceAll(event("UID:a", "SUMMARY:lang\r\n  und gefaltet", "DTSTART;VALUE=DATE:2025"), "\r\n", "\n")
	_, err = schedule.ReadCalendar("alt.ics", []byte(folded))
	if err == nil || !strings.HasPrefix(err.Error(), "alt.ics:8: DTSTART") {
		t.Errorf("folded file: %v, want alt.ics:8: DTSTART…", err)
	}
}

// FuzzReadCalendar: no input makes ReadCalendar panic, every error is an
// *ICSError, and what it reads writes and reads back the same.
func FuzzReadCalendar(f *testing.F) {
	var buf bytes.Buffer
	if _, err := planned2025Fuzz().WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20250101\r\nX;P=\"q\"x:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := schedule.ReadCalendar("f.ics", data)
		if err != nil {
			var ie *schedule.ICSError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *ICSError", err)
			}
			return
		}
		if c.ProdID == "" {
			c.ProdID = "-//x//y//DE"
		}
		c.Stamp = time.Unix(0, 0)
		var out bytes.Buffer
		if _, err := c.WriteTo(&out); err != nil {
			t.Fatalf("a calendar read cannot be written: %v", err)
		}
		again, err := schedule.ReadCalendar("again.ics", out.Bytes())
		if err != nil {
			t.Fatalf("reading back what was written: %v\n%s", err, out.Bytes())
		}
		if diff := cmp.Diff(c.Events, again.Events, cmpOpts); diff != "" {
			t.Fatalf("events differ after writing (-read +again):\n%s", diff)
		}
	})
}

// planned2025Fuzz is a small calendar for the fuzz corpus.
func planned2025Fuzz() schedule.Calendar {
	r, _ := schedule.ParseRecurrence("FREQ=WEEKLY;BYDAY=WE;UNTIL=20251217")
	return schedule.Calendar{ProdID: "-//x//y//DE", Stamp: time.Unix(0, 0), Events: []schedule.Event{
		{UID: "a", Summary: "Café, offen; \\ neu", Date: day("2025-01-08"), Start: 9 * time.Hour, End: 11 * time.Hour, Recurrence: &r, Except: days("2025-07-09"), Sequence: 2},
		{UID: "b", Date: day("2025-03-13"), Days: 2, Categories: []string{"A", "B,C"}, Cancelled: true},
	}}
}

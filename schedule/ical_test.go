package schedule_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/teambition/rrule-go"

	"github.com/kiez-go/kiez/schedule"
)

var sommerferien2025 = schedule.Closure{From: day("2025-07-07"), Until: day("2025-08-15"), Label: "Sommerferien"}

// planned2025 is next year's plan of a family centre, as the CLI would
// export it.
func planned2025(t *testing.T) schedule.Calendar {
	t.Helper()
	year := timespan.NewYearOf(2025)
	cafe := mustRule("FREQ=WEEKLY;BYDAY=WE;UNTIL=20251217")
	all := expand(t, cafe.String(), "2025-01-08", year)
	open := expand(t, cafe.String(), "2025-01-08", year, schedule.WithClosures(mustClosures(sommerferien2025)))
	var closed []date.Date
	for _, d := range all {
		if !slicesContains(open, d) {
			closed = append(closed, d)
		}
	}
	long := strings.Repeat("Überprüfung der Qualitätsstandards für Öffentlichkeitsarbeit; Größenordnung äöü ÄÖÜ ß, ", 3)
	return schedule.Calendar{
		ProdID: "-//kiez-go//kiez//DE",
		Name:   "Familienzentrum Süd – Pflichttermine 2025",
		Stamp:  time.Date(2024, time.December, 1, 8, 0, 0, 0, time.FixedZone("CET", 3600)),
		Events: []schedule.Event{
			{
				UID: "elterncafe-2025@fz-sued.example", Summary: "Elterncafé",
				Description: "Offenes Elterncafé für Mütter, Väter; Großeltern\nOrt: Familienzentrum Süd\\Raum 2",
				Categories:  []string{"KiEZ", "Elterncafé", "wöchentlich, offen"},
				Date:        day("2025-01-08"), Start: 9*time.Hour + 30*time.Minute, End: 11*time.Hour + 30*time.Minute,
				Recurrence: &cafe, Except: closed,
			},
			{
				UID: "elterncafe-thema-2025@fz-sued.example", Summary: "Themen-Elterncafé",
				Categories: []string{"KiEZ"}, Date: day("2025-01-08"),
				Recurrence: ptr(mustRule("FREQ=WEEKLY;INTERVAL=6;BYDAY=WE;COUNT=9")),
			},
			{
				UID: "qualitaets-ag-2025@fz-sued.example", Summary: "Qualitäts-AG", Date: day("2025-01-28"),
				Recurrence: ptr(mustRule("FREQ=MONTHLY;BYDAY=-1TU")),
			},
			{
				UID: "ag-kiez-2025@fz-sued.example", Summary: "AG KiEZ", Date: day("2025-01-14"),
				Start: 14 * time.Hour, End: 16 * time.Hour,
				Recurrence: ptr(mustRule("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20251231")),
			},
			{
				UID: "ag78-2025-1@fz-sued.example", Summary: "AG §78 (Klausur)", Date: day("2025-03-13"), Days: 2,
			},
			{
				UID: "prozessbegleitung-2025@fz-sued.example", Summary: "Prozessbegleitung", Description: long,
				Date: day("2025-02-03"), Start: 13 * time.Hour, End: 24 * time.Hour,
			},
		},
	}
}

func slicesContains(list []date.Date, d date.Date) bool {
	for _, x := range list {
		if x == d {
			return true
		}
	}
	return false
}

func writeICS(t *testing.T, c schedule.Calendar) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := c.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if int(n) != buf.Len() {
		t.Errorf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

func TestCalendarGolden(t *testing.T) {
	got := writeICS(t, planned2025(t))
	golden := filepath.Join("testdata", "planned-2025.ics")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", golden, diff)
	}
	if again := writeICS(t, planned2025(t)); !bytes.Equal(got, again) {
		t.Error("two writes of the same calendar differ")
	}
}

// TestCalendarLines checks the physical format: CRLF only, at most 75
// octets per line, and no UTF-8 character split by folding.
func TestCalendarLines(t *testing.T) {
	out := writeICS(t, planned2025(t))
	if !bytes.HasSuffix(out, []byte("\r\n")) {
		t.Error("output does not end with CRLF")
	}
	if n := bytes.Count(out, []byte("\n")); n != bytes.Count(out, []byte("\r\n")) {
		t.Error("output has a line feed without carriage return")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 5 {
		t.Errorf("only %d continuation lines; the test data should force folding", folded)
	}
}

// icsEvent is what a calendar program sees of one VEVENT.
type icsEvent struct {
	UID, Summary, Description string
	Categories                []string
	Start, End, RRule         string
	StartParams               string
	ExDates                   []string
}

// TestCalendarParsesBack reads the output with an independent parser
// (github.com/emersion/go-ical) and compares what it sees.
func TestCalendarParsesBack(t *testing.T) {
	c := planned2025(t)
	cal, err := ical.NewDecoder(bytes.NewReader(writeICS(t, c))).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the output: %v", err)
	}
	head := map[string]string{}
	for _, name := range []string{"VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME"} {
		head[name], _ = cal.Props.Text(name)
	}
	wantHead := map[string]string{
		"VERSION": "2.0", "PRODID": "-//kiez-go//kiez//DE", "CALSCALE": "GREGORIAN",
		"NAME": "Familienzentrum Süd – Pflichttermine 2025", "X-WR-CALNAME": "Familienzentrum Süd – Pflichttermine 2025",
	}
	if diff := cmp.Diff(wantHead, head); diff != "" {
		t.Errorf("calendar properties (-want +got):\n%s", diff)
	}
	var got []icsEvent
	for _, e := range cal.Events() {
		got = append(got, readEvent(t, e))
		stamp, err := e.Props.DateTime(ical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(time.Date(2024, 12, 1, 7, 0, 0, 0, time.UTC)) {
			t.Errorf("DTSTAMP = %v, %v", stamp, err)
		}
	}
	long := c.Events[5].Description
	want := []icsEvent{
		{UID: "elterncafe-2025@fz-sued.example", Summary: "Elterncafé",
			Description: "Offenes Elterncafé für Mütter, Väter; Großeltern\nOrt: Familienzentrum Süd\\Raum 2",
			Categories:  []string{"KiEZ", "Elterncafé", "wöchentlich, offen"},
			Start:       "20250108T093000", End: "20250108T113000", RRule: "FREQ=WEEKLY;BYDAY=WE;UNTIL=20251217T235959",
			ExDates: []string{"20250709T093000,20250716T093000,20250723T093000,20250730T093000,20250806T093000,20250813T093000"}},
		{UID: "elterncafe-thema-2025@fz-sued.example", Summary: "Themen-Elterncafé", Categories: []string{"KiEZ"},
			Start: "20250108", StartParams: "DATE", End: "20250109", RRule: "FREQ=WEEKLY;INTERVAL=6;BYDAY=WE;COUNT=9"},
		{UID: "qualitaets-ag-2025@fz-sued.example", Summary: "Qualitäts-AG",
			Start: "20250128", StartParams: "DATE", End: "20250129", RRule: "FREQ=MONTHLY;BYDAY=-1TU"},
		{UID: "ag-kiez-2025@fz-sued.example", Summary: "AG KiEZ",
			Start: "20250114T140000", End: "20250114T160000", RRule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;UNTIL=20251231T235959"},
		{UID: "ag78-2025-1@fz-sued.example", Summary: "AG §78 (Klausur)", Start: "20250313", StartParams: "DATE", End: "20250315"},
		{UID: "prozessbegleitung-2025@fz-sued.example", Summary: "Prozessbegleitung", Description: long,
			Start: "20250203T130000", End: "20250204T000000"},
	}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("events as go-ical reads them (-want +got):\n%s", diff)
	}
}

func readEvent(t *testing.T, e ical.Event) icsEvent {
	t.Helper()
	var ev icsEvent
	ev.UID, _ = e.Props.Text(ical.PropUID)
	ev.Summary, _ = e.Props.Text(ical.PropSummary)
	ev.Description, _ = e.Props.Text(ical.PropDescription)
	if p := e.Props.Get(ical.PropCategories); p != nil {
		var err error
		if ev.Categories, err = p.TextList(); err != nil {
			t.Errorf("CATEGORIES: %v", err)
		}
	}
	start := e.Props.Get(ical.PropDateTimeStart)
	ev.Start, ev.StartParams = start.Value, start.Params.Get(ical.ParamValue)
	ev.End = e.Props.Get(ical.PropDateTimeEnd).Value
	if p := e.Props.Get(ical.PropRecurrenceRule); p != nil {
		ev.RRule = p.Value
	}
	for _, p := range e.Props.Values(ical.PropExceptionDates) {
		ev.ExDates = append(ev.ExDates, p.Value)
	}
	return ev
}

// TestCalendarRecurrencesAgree expands every exported RRULE with
// github.com/teambition/rrule-go (through go-ical's parse of the file) and
// compares with Expand; EXDATE must remove exactly the closure days.
func TestCalendarRecurrencesAgree(t *testing.T) {
	c := planned2025(t)
	cal, err := ical.NewDecoder(bytes.NewReader(writeICS(t, c))).Decode()
	if err != nil {
		t.Fatal(err)
	}
	year := timespan.NewYearOf(2025)
	closures := mustClosures(sommerferien2025)
	for i, e := range cal.Events() {
		src := c.Events[i]
		if src.Recurrence == nil {
			continue
		}
		opt, err := e.Props.RecurrenceRule()
		if err != nil {
			t.Fatalf("%s: %v", src.UID, err)
		}
		if opt.Dtstart, err = e.Props.DateTime(ical.PropDateTimeStart, time.UTC); err != nil {
			t.Fatal(err)
		}
		rule, err := rrule.NewRRule(*opt)
		if err != nil {
			t.Fatal(err)
		}
		excluded := map[date.Date]bool{}
		for _, p := range e.Props.Values(ical.PropExceptionDates) {
			for v := range strings.SplitSeq(p.Value, ",") {
				tm, err := time.Parse("20060102T150405", v)
				if err != nil {
					t.Fatal(err)
				}
				excluded[date.NewAt(tm)] = true
			}
		}
		var theirs []date.Date
		for _, tm := range rule.Between(year.StartUTC(), year.EndUTC(), true) {
			if d := date.NewAt(tm); !excluded[d] {
				theirs = append(theirs, d)
			}
		}
		var opts []schedule.Option
		if len(src.Except) > 0 { // the export lists the closure days as EXDATE
			opts = append(opts, schedule.WithClosures(closures))
		}
		ours, err := src.Recurrence.Expand(src.Date, year, opts...)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(theirs, ours, cmpOpts); diff != "" {
			t.Errorf("%s: occurrences (-rrule-go +Expand):\n%s", src.UID, diff)
		}
	}
}

func TestCalendarErrors(t *testing.T) {
	valid := func() schedule.Calendar {
		return schedule.Calendar{ProdID: "-//x//y//DE", Stamp: time.Unix(0, 0), Events: []schedule.Event{{UID: "a", Date: day("2025-01-01")}}}
	}
	tests := map[string]func(c *schedule.Calendar){
		"no PRODID":           func(c *schedule.Calendar) { c.ProdID = " " },
		"no DTSTAMP":          func(c *schedule.Calendar) { c.Stamp = time.Time{} },
		"no UID":              func(c *schedule.Calendar) { c.Events[0].UID = "" },
		"UID twice":           func(c *schedule.Calendar) { c.Events = append(c.Events, c.Events[0]) },
		"negative days":       func(c *schedule.Calendar) { c.Events[0].Days = -1 },
		"timed with days":     func(c *schedule.Calendar) { c.Events[0].Days, c.Events[0].End = 2, time.Hour },
		"end before start":    func(c *schedule.Calendar) { c.Events[0].Start, c.Events[0].End = 2*time.Hour, time.Hour },
		"end after midnight":  func(c *schedule.Calendar) { c.Events[0].End = 25 * time.Hour },
		"negative start":      func(c *schedule.Calendar) { c.Events[0].Start, c.Events[0].End = -time.Hour, time.Hour },
		"except without rule": func(c *schedule.Calendar) { c.Events[0].Except = days("2025-01-08") },
		"invalid recurrence":  func(c *schedule.Calendar) { c.Events[0].Recurrence = &schedule.Recurrence{} },
		"date out of range":   func(c *schedule.Calendar) { c.Events[0].Date = day("9999-12-31").Add(1) },
		"exception out of range": func(c *schedule.Calendar) {
			c.Events[0].Recurrence = ptr(mustRule("FREQ=DAILY"))
			c.Events[0].Except = []date.Date{day("0001-01-01").Add(-1)}
		},
	}
	for name, mutate := range tests {
		c := valid()
		mutate(&c)
		var buf bytes.Buffer
		if n, err := c.WriteTo(&buf); err == nil || n != 0 || buf.Len() != 0 {
			t.Errorf("%s: WriteTo = %d, %v; want an error and no output", name, n, err)
		}
	}
	if _, err := valid().WriteTo(&bytes.Buffer{}); err != nil {
		t.Errorf("valid calendar: %v", err)
	}
}

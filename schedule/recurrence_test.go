package schedule_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/period"

	"github.com/kiez-go/kiez/schedule"
)

func TestParseRecurrence(t *testing.T) {
	tests := []struct {
		in   string
		want schedule.Recurrence
		text string // canonical String(); empty means same as in
	}{
		{in: "FREQ=WEEKLY;BYDAY=WE", want: schedule.Recurrence{Freq: schedule.Weekly, ByDay: []schedule.NthWeekday{{Weekday: time.Wednesday}}}},
		{in: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", want: schedule.Recurrence{Freq: schedule.Weekly, Interval: 2, ByDay: []schedule.NthWeekday{{Weekday: time.Monday}}}},
		{in: "FREQ=MONTHLY;BYDAY=2TU", want: schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: 2, Weekday: time.Tuesday}}}},
		{in: "FREQ=MONTHLY;BYDAY=-1FR", want: schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: -1, Weekday: time.Friday}}}},
		{in: "FREQ=MONTHLY;BYMONTHDAY=15,-1", want: schedule.Recurrence{Freq: schedule.Monthly, ByMonthDay: []int{15, -1}}},
		{in: "FREQ=MONTHLY;INTERVAL=3", want: schedule.Recurrence{Freq: schedule.Monthly, Interval: 3}},
		{in: "FREQ=MONTHLY;INTERVAL=6", want: schedule.Recurrence{Freq: schedule.Monthly, Interval: 6}},
		{in: "FREQ=YEARLY", want: schedule.Recurrence{Freq: schedule.Yearly}},
		{in: "FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;COUNT=10", want: schedule.Recurrence{Freq: schedule.Daily, Interval: 1, ByDay: []schedule.NthWeekday{{Weekday: time.Monday}, {Weekday: time.Tuesday}, {Weekday: time.Wednesday}, {Weekday: time.Thursday}, {Weekday: time.Friday}}, Count: 10}},
		{in: "FREQ=WEEKLY;BYDAY=TH;UNTIL=20241231", want: schedule.Recurrence{Freq: schedule.Weekly, ByDay: []schedule.NthWeekday{{Weekday: time.Thursday}}, Until: ptr(day("2024-12-31"))}},
		{in: "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3,4,5,6,7", want: schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{Weekday: time.Monday}}, ByMonthDay: []int{1, 2, 3, 4, 5, 6, 7}}},
		// Case, order, "+" signs and an RRULE: prefix are accepted and normalised.
		{in: "rrule:byday=+2tu;freq=monthly", want: schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: 2, Weekday: time.Tuesday}}}, text: "FREQ=MONTHLY;BYDAY=2TU"},
		{in: "UNTIL=20240229;Freq=Daily", want: schedule.Recurrence{Freq: schedule.Daily, Until: ptr(day("2024-02-29"))}, text: "FREQ=DAILY;UNTIL=20240229"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := schedule.ParseRecurrence(tt.in)
			if err != nil {
				t.Fatalf("ParseRecurrence: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("ParseRecurrence (-want +got):\n%s", diff)
			}
			text := tt.text
			if text == "" {
				text = tt.in
			}
			if got.String() != text {
				t.Errorf("String() = %q, want %q", got.String(), text)
			}
			again, err := schedule.ParseRecurrence(got.String())
			if err != nil {
				t.Fatalf("round trip: %v", err)
			}
			if diff := cmp.Diff(got, again, cmpOpts); diff != "" {
				t.Errorf("round trip (-first +second):\n%s", diff)
			}
		})
	}
}

func TestParseRecurrenceErrors(t *testing.T) {
	tests := []struct {
		in          string
		part        string
		offset      int
		msg         string // substring of the error message
		unsupported bool   // errors.Is(err, errors.ErrUnsupported)
	}{
		{in: "", msg: "empty rule"},
		{in: "RRULE:", msg: "empty rule"},
		{in: "FREQ=WEEKLY;BYSETPOS=1", part: "BYSETPOS=1", offset: 12, unsupported: true,
			msg: `RRULE part "BYSETPOS" is not supported (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL)`},
		{in: "RRULE:FREQ=WEEKLY;WKST=SU", part: "WKST=SU", offset: 18, unsupported: true, msg: `RRULE part "WKST" is not supported`},
		{in: "FREQ=YEARLY;BYMONTH=3", part: "BYMONTH=3", offset: 12, unsupported: true, msg: `"BYMONTH" is not supported`},
		{in: "FREQ=HOURLY", part: "FREQ=HOURLY", unsupported: true, msg: "FREQ=HOURLY is not supported (supported: DAILY, WEEKLY, MONTHLY, YEARLY)"},
		{in: "FREQ=FORTNIGHTLY", part: "FREQ=FORTNIGHTLY", msg: "not a frequency"},
		{in: "INTERVAL=2", msg: "FREQ is required"},
		{in: "FREQ=WEEKLY;FREQ=DAILY", part: "FREQ=DAILY", offset: 12, msg: "given twice"},
		{in: "FREQ=WEEKLY;", part: "", offset: 12, msg: "empty part"},
		{in: "FREQ", part: "FREQ", msg: "not NAME=VALUE"},
		{in: "FREQ=WEEKLY;INTERVAL=0", part: "INTERVAL=0", offset: 12, msg: "INTERVAL must be a whole number from 1 to 1000"},
		{in: "FREQ=WEEKLY;INTERVAL=-1", part: "INTERVAL=-1", offset: 12, msg: "INTERVAL must be"},
		{in: "FREQ=WEEKLY;INTERVAL=1001", part: "INTERVAL=1001", offset: 12, msg: "INTERVAL must be"},
		{in: "FREQ=WEEKLY;COUNT=0", part: "COUNT=0", offset: 12, msg: "COUNT must be"},
		{in: "FREQ=WEEKLY;COUNT=100001", part: "COUNT=100001", offset: 12, msg: "COUNT must be"},
		{in: "FREQ=WEEKLY;BYDAY=2TU", part: "BYDAY=2TU", offset: 12, msg: `ordinal weekday such as "2TU" needs FREQ=MONTHLY`},
		{in: "FREQ=MONTHLY;BYDAY=6MO", part: "BYDAY=6MO", offset: 13, msg: "must be 1 to 5"},
		{in: "FREQ=MONTHLY;BYDAY=XX", part: "BYDAY=XX", offset: 13, msg: "not a weekday"},
		{in: "FREQ=MONTHLY;BYDAY=MO,", part: "BYDAY=MO,", offset: 13, msg: "not a weekday"},
		{in: "FREQ=MONTHLY;BYDAY=0MO", part: "BYDAY=0MO", offset: 13, msg: "not a weekday"},
		{in: "FREQ=WEEKLY;BYMONTHDAY=1", part: "BYMONTHDAY=1", offset: 12, unsupported: true, msg: "BYMONTHDAY is not supported with FREQ=WEEKLY"},
		{in: "FREQ=YEARLY;BYDAY=MO", part: "BYDAY=MO", offset: 12, unsupported: true, msg: "BYDAY is not supported with FREQ=YEARLY"},
		{in: "FREQ=MONTHLY;BYMONTHDAY=0", part: "BYMONTHDAY=0", offset: 13, msg: "not a day"},
		{in: "FREQ=MONTHLY;BYMONTHDAY=32", part: "BYMONTHDAY=32", offset: 13, msg: "month day 32 must be 1 to 31"},
		{in: "FREQ=WEEKLY;COUNT=3;UNTIL=20241231", part: "UNTIL=20241231", offset: 20, msg: "COUNT and UNTIL must not both be given"},
		{in: "FREQ=WEEKLY;UNTIL=20240230", part: "UNTIL=20240230", offset: 12, msg: "day 30 does not exist in 2024-02"},
		{in: "FREQ=WEEKLY;UNTIL=20241231T235959Z", part: "UNTIL=20241231T235959Z", offset: 12, msg: "UNTIL must be a DATE value YYYYMMDD"},
		{in: "FREQ=WEEKLY;UNTIL=00001231", part: "UNTIL=00001231", offset: 12, msg: "year must be 0001 to 9999"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := schedule.ParseRecurrence(tt.in)
			if err == nil {
				t.Fatal("ParseRecurrence succeeded, want an error")
			}
			var pe *schedule.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			got := struct {
				Kind, Input, Part string
				Offset            int
			}{pe.Kind, pe.Input, pe.Part, pe.Offset}
			want := got
			want.Kind, want.Input, want.Part, want.Offset = "recurrence", tt.in, tt.part, tt.offset
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ParseError (-want +got):\n%s", diff)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
			if errors.Is(err, errors.ErrUnsupported) != tt.unsupported {
				t.Errorf("errors.Is(err, ErrUnsupported) = %v, want %v", !tt.unsupported, tt.unsupported)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := schedule.ParseRecurrence("FREQ=WEEKLY;BYSETPOS=1")
	want := `schedule: cannot parse recurrence "FREQ=WEEKLY;BYSETPOS=1": at offset 12: RRULE part "BYSETPOS" is not supported (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL): unsupported operation`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
	long := "FREQ=" + strings.Repeat("X", 500)
	_, err = schedule.ParseRecurrence(long)
	if err == nil || len(err.Error()) > 400 {
		t.Errorf("error for a long input is not abbreviated: %d bytes", len(err.Error()))
	}
}

func TestRecurrenceValidate(t *testing.T) {
	tests := []struct {
		name string
		r    schedule.Recurrence
		msg  string
	}{
		{"zero value", schedule.Recurrence{}, "FREQ must be"},
		{"bad weekday", schedule.Recurrence{Freq: schedule.Weekly, ByDay: []schedule.NthWeekday{{Weekday: 7}}}, "weekday 7 does not exist"},
		{"negative interval", schedule.Recurrence{Freq: schedule.Weekly, Interval: -2}, "INTERVAL must be 1 to 1000"},
		{"until out of range", schedule.Recurrence{Freq: schedule.Weekly, Until: ptr(day("0001-01-01").Add(-1))}, "UNTIL must be a date in 0001 to 9999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.msg)
			}
			if _, err := tt.r.MarshalText(); err == nil {
				t.Error("MarshalText succeeded for an invalid recurrence")
			}
		})
	}
}

// TestRecurrenceRoundTrip builds values in Go (not from text) and checks
// ParseRecurrence(r.String()) == r.
func TestRecurrenceRoundTrip(t *testing.T) {
	values := []schedule.Recurrence{
		{Freq: schedule.Weekly, ByDay: []schedule.NthWeekday{{Weekday: time.Wednesday}}},
		{Freq: schedule.Weekly, Interval: 1},
		{Freq: schedule.Weekly, Interval: 6, ByDay: []schedule.NthWeekday{{Weekday: time.Friday}, {Weekday: time.Monday}}},
		{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: -1, Weekday: time.Friday}, {N: 2, Weekday: time.Tuesday}}, Count: 12},
		{Freq: schedule.Monthly, Interval: 3, ByMonthDay: []int{-1}, Until: ptr(day("2030-12-31"))},
		{Freq: schedule.Monthly, Interval: 6},
		{Freq: schedule.Yearly, Interval: 2, Count: 5},
		{Freq: schedule.Daily, Interval: 1000, ByDay: []schedule.NthWeekday{{Weekday: time.Sunday}}, ByMonthDay: []int{31}},
	}
	for _, r := range values {
		t.Run(r.String(), func(t *testing.T) {
			text, err := r.MarshalText()
			if err != nil {
				t.Fatalf("MarshalText: %v", err)
			}
			var got schedule.Recurrence
			if err := got.UnmarshalText(text); err != nil {
				t.Fatalf("UnmarshalText(%q): %v", text, err)
			}
			if diff := cmp.Diff(r, got, cmpOpts); diff != "" {
				t.Errorf("round trip of %q (-want +got):\n%s", text, diff)
			}
		})
	}
}

// TestTextInJSON shows the types sitting in a JSON data file.
func TestTextInJSON(t *testing.T) {
	type obligation struct {
		Rule   schedule.Recurrence `json:"rule"`
		Target schedule.Target     `json:"target"`
		Unit   schedule.Unit       `json:"unit"`
		Edges  schedule.EdgePolicy `json:"edges"`
	}
	in := obligation{
		Rule:   schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: 2, Weekday: time.Tuesday}}},
		Target: schedule.Target{Per: schedule.Year, Min: 3, Max: 4},
		Unit:   schedule.HalfYear,
		Edges:  schedule.ProrateEdges,
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := `{"rule":"FREQ=MONTHLY;BYDAY=2TU","target":"PER=year;MIN=3;MAX=4","unit":"half-year","edges":"prorate"}`
	if string(data) != wantJSON {
		t.Errorf("json.Marshal = %s\nwant           %s", data, wantJSON)
	}
	var out obligation
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out, cmpOpts); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}
	bad := `{"rule":"FREQ=WEEKLY;BYSETPOS=1"}`
	var pe *schedule.ParseError
	if err := json.Unmarshal([]byte(bad), &out); !errors.As(err, &pe) {
		t.Errorf("json.Unmarshal(%s) = %v, want a *ParseError", bad, err)
	}
	if _, err := json.Marshal(obligation{}); err == nil {
		t.Error("json.Marshal of zero values succeeded, want an error for the invalid recurrence")
	}
}

func TestParseTarget(t *testing.T) {
	tests := []struct {
		in   string
		want schedule.Target
		text string
	}{
		{in: "PER=week;MIN=1", want: schedule.Target{Per: schedule.Week, Min: 1}},
		{in: "PER=month;MIN=1", want: schedule.Target{Per: schedule.Month, Min: 1}},
		{in: "PER=quarter;MIN=1", want: schedule.Target{Per: schedule.Quarter, Min: 1}},
		{in: "PER=half-year;MIN=1", want: schedule.Target{Per: schedule.HalfYear, Min: 1}},
		{in: "PER=year;MIN=3;MAX=4", want: schedule.Target{Per: schedule.Year, Min: 3, Max: 4}},
		{in: "PER=year;MIN=0;MAX=4", want: schedule.Target{Per: schedule.Year, Max: 4}},
		{in: "PER=P6W;MIN=1", want: schedule.Target{Window: period.NewYMD(0, 0, 42), Min: 1}},
		{in: "max=4;per=YEAR", want: schedule.Target{Per: schedule.Year, Max: 4}, text: "PER=year;MIN=0;MAX=4"},
		{in: "PER=p1m;MIN=2", want: schedule.Target{Window: period.NewYMD(0, 1, 0), Min: 2}, text: "PER=P1M;MIN=2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := schedule.ParseTarget(tt.in)
			if err != nil {
				t.Fatalf("ParseTarget: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("ParseTarget (-want +got):\n%s", diff)
			}
			text := tt.text
			if text == "" {
				text = tt.in
			}
			if got.String() != text {
				t.Errorf("String() = %q, want %q", got.String(), text)
			}
			again, err := schedule.ParseTarget(got.String())
			if err != nil || again != got {
				t.Errorf("round trip: %v, %v", again, err)
			}
		})
	}
}

func TestParseTargetErrors(t *testing.T) {
	tests := []struct {
		in, part, msg string
	}{
		{in: "", msg: "empty target"},
		{in: "MIN=1", msg: "PER is required"},
		{in: "PER=fortnight;MIN=1", part: "PER=fortnight", msg: "PER must be week, month"},
		{in: "PER=PT1H;MIN=1", part: "PER=PT1H", msg: "without a time part"},
		{in: "PER=P0D;MIN=1", part: "PER=P0D", msg: "positive"},
		{in: "PER=P1.5M;MIN=1", part: "PER=P1.5M", msg: "whole"},
		{in: "PER=PX;MIN=1", part: "PER=PX", msg: "not an ISO 8601 period"},
		{in: "PER=year;MIN=5;MAX=4", msg: "MAX 4 is below MIN 5"},
		{in: "PER=year;MIN=0", msg: "MIN or MAX must be positive"},
		{in: "PER=year;MIN=-1", part: "MIN=-1", msg: "MIN must be a whole number"},
		{in: "PER=year;MIN=1;FREQ=YEARLY", part: "FREQ=YEARLY", msg: `target part "FREQ" is not supported (supported: PER, MIN, MAX)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := schedule.ParseTarget(tt.in)
			var pe *schedule.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseTarget = %v, want a *ParseError", err)
			}
			if pe.Part != tt.part || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q (part %q), want part %q and message containing %q", err, pe.Part, tt.part, tt.msg)
			}
		})
	}
}

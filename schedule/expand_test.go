package schedule_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/teambition/rrule-go"

	"github.com/kiez-go/kiez/schedule"
)

func mustRule(s string) schedule.Recurrence {
	r, err := schedule.ParseRecurrence(s)
	if err != nil {
		panic(err)
	}
	return r
}

func mustClosures(cs ...schedule.Closure) schedule.Closures {
	c, err := schedule.NewClosures(cs...)
	if err != nil {
		panic(err)
	}
	return c
}

func TestExpand(t *testing.T) {
	summer := mustClosures(schedule.Closure{From: day("2024-07-15"), Until: day("2024-08-23"), Label: "Sommerferien"})
	tests := []struct {
		name    string
		rule    string
		dtstart string
		within  timespan.DateRange
		opts    []schedule.Option
		want    []date.Date
	}{
		{name: "weekly on Wednesday", rule: "FREQ=WEEKLY;BYDAY=WE", dtstart: "2024-01-01", within: span("2024-01-01", "2024-02-01"),
			want: days("2024-01-03", "2024-01-10", "2024-01-17", "2024-01-24", "2024-01-31")},
		{name: "weekly without BYDAY takes the weekday of DTSTART", rule: "FREQ=WEEKLY", dtstart: "2024-01-05", within: span("2024-01-01", "2024-01-25"),
			want: days("2024-01-05", "2024-01-12", "2024-01-19")},
		{name: "every other Monday", rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", dtstart: "2024-01-08", within: span("2024-01-01", "2024-03-01"),
			want: days("2024-01-08", "2024-01-22", "2024-02-05", "2024-02-19")},
		{name: "every other Monday anchored before the range", rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", dtstart: "2023-12-25", within: span("2024-01-01", "2024-02-01"),
			want: days("2024-01-08", "2024-01-22")},
		{name: "every six weeks on two days", rule: "FREQ=WEEKLY;INTERVAL=6;BYDAY=FR,MO", dtstart: "2024-01-03", within: span("2024-01-01", "2024-03-01"),
			want: days("2024-01-05", "2024-02-12", "2024-02-16")},
		{name: "second Tuesday", rule: "FREQ=MONTHLY;BYDAY=2TU", dtstart: "2024-01-01", within: span("2024-01-01", "2024-05-01"),
			want: days("2024-01-09", "2024-02-13", "2024-03-12", "2024-04-09")},
		{name: "last Friday", rule: "FREQ=MONTHLY;BYDAY=-1FR", dtstart: "2024-01-01", within: span("2024-01-01", "2024-04-01"),
			want: days("2024-01-26", "2024-02-23", "2024-03-29")},
		{name: "fifth Thursday only where a month has one", rule: "FREQ=MONTHLY;BYDAY=5TH", dtstart: "2024-01-01", within: span("2024-01-01", "2024-07-01"),
			want: days("2024-02-29", "2024-05-30")},
		{name: "31st skips short months", rule: "FREQ=MONTHLY;BYMONTHDAY=31", dtstart: "2024-01-01", within: span("2024-01-01", "2024-06-01"),
			want: days("2024-01-31", "2024-03-31", "2024-05-31")},
		{name: "last day of the month in a leap year", rule: "FREQ=MONTHLY;BYMONTHDAY=-1", dtstart: "2024-01-01", within: span("2024-01-01", "2024-04-01"),
			want: days("2024-01-31", "2024-02-29", "2024-03-31")},
		{name: "first Monday via BYDAY and BYMONTHDAY", rule: "FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3,4,5,6,7", dtstart: "2024-01-01", within: span("2024-01-01", "2024-04-01"),
			want: days("2024-01-01", "2024-02-05", "2024-03-04")},
		{name: "quarterly", rule: "FREQ=MONTHLY;INTERVAL=3", dtstart: "2024-01-15", within: timespan.NewYearOf(2024),
			want: days("2024-01-15", "2024-04-15", "2024-07-15", "2024-10-15")},
		{name: "half-yearly from the 31st skips September", rule: "FREQ=MONTHLY;INTERVAL=6", dtstart: "2024-03-31", within: span("2024-01-01", "2026-01-01"),
			want: days("2024-03-31", "2025-03-31")},
		{name: "half-yearly", rule: "FREQ=MONTHLY;INTERVAL=6;BYDAY=1WE", dtstart: "2024-01-01", within: span("2024-01-01", "2026-01-01"),
			want: days("2024-01-03", "2024-07-03", "2025-01-01", "2025-07-02")},
		{name: "yearly on 29 February", rule: "FREQ=YEARLY", dtstart: "2024-02-29", within: span("2024-01-01", "2033-01-01"),
			want: days("2024-02-29", "2028-02-29", "2032-02-29")},
		{name: "yearly every other year", rule: "FREQ=YEARLY;INTERVAL=2", dtstart: "2021-09-20", within: span("2024-01-01", "2028-01-01"),
			want: days("2025-09-20", "2027-09-20")},
		{name: "workdays", rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", dtstart: "2024-01-01", within: span("2024-01-04", "2024-01-11"),
			want: days("2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10")},
		{name: "every third day", rule: "FREQ=DAILY;INTERVAL=3", dtstart: "2024-02-26", within: span("2024-02-28", "2024-03-08"),
			want: days("2024-02-29", "2024-03-03", "2024-03-06")},
		{name: "COUNT counts from DTSTART, also before the range", rule: "FREQ=WEEKLY;COUNT=3", dtstart: "2024-01-01", within: span("2024-01-10", "2024-12-31"),
			want: days("2024-01-15")},
		{name: "UNTIL is inclusive", rule: "FREQ=WEEKLY;UNTIL=20240115", dtstart: "2024-01-01", within: timespan.NewYearOf(2024),
			want: days("2024-01-01", "2024-01-08", "2024-01-15")},
		{name: "DTSTART off the rule is no occurrence", rule: "FREQ=WEEKLY;BYDAY=WE", dtstart: "2024-01-01", within: span("2023-12-01", "2024-01-11"),
			want: days("2024-01-03", "2024-01-10")},
		{name: "range before DTSTART", rule: "FREQ=DAILY", dtstart: "2024-01-01", within: timespan.NewYearOf(2023)},
		{name: "empty range", rule: "FREQ=DAILY", dtstart: "2024-01-01", within: span("2024-03-01", "2024-03-01")},
		{name: "closures are skipped", rule: "FREQ=WEEKLY;BYDAY=WE", dtstart: "2024-07-01", within: span("2024-07-01", "2024-09-07"),
			opts: []schedule.Option{schedule.WithClosures(summer)},
			want: days("2024-07-03", "2024-07-10", "2024-08-28", "2024-09-04")},
		{name: "holidays are skipped", rule: "FREQ=WEEKLY;BYDAY=TH", dtstart: "2024-05-01", within: span("2024-05-01", "2024-06-01"),
			opts: []schedule.Option{schedule.WithHolidays("DE-HE")},
			want: days("2024-05-02", "2024-05-16", "2024-05-23")}, // 9 May Christi Himmelfahrt, 30 May Fronleichnam
		{name: "skipped dates still count towards COUNT (EXDATE)", rule: "FREQ=WEEKLY;BYDAY=WE;COUNT=4", dtstart: "2024-07-01", within: timespan.NewYearOf(2024),
			opts: []schedule.Option{schedule.WithClosures(summer)},
			want: days("2024-07-03", "2024-07-10")},
		{name: "options that do not apply are ignored", rule: "FREQ=WEEKLY;BYDAY=SA", dtstart: "2024-01-01", within: span("2024-01-01", "2024-01-10"),
			opts: []schedule.Option{schedule.WithWorkdays(weekdays...), schedule.WithEdges(schedule.ProrateEdges), nil},
			want: days("2024-01-06")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustRule(tt.rule).Expand(day(tt.dtstart), tt.within, tt.opts...)
			if err != nil {
				t.Fatalf("Expand: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("Expand(%s) (-want +got):\n%s", tt.rule, diff)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	all := span("0001-01-01", "9999-12-31")
	tests := []struct {
		name    string
		r       schedule.Recurrence
		dtstart date.Date
		within  timespan.DateRange
		opts    []schedule.Option
		limit   string // LimitError.What, or empty for another error
	}{
		{name: "invalid rule", r: schedule.Recurrence{}, dtstart: day("2024-01-01"), within: timespan.NewYearOf(2024)},
		{name: "range before year 1", r: mustRule("FREQ=DAILY"), dtstart: day("2024-01-01"), within: timespan.NewDateRange(day("0001-01-01").Add(-1), day("2024-01-01"))},
		{name: "range past 9999", r: mustRule("FREQ=DAILY"), dtstart: day("2024-01-01"), within: timespan.NewDateRange(day("2024-01-01"), day("9999-12-31").Add(2))},
		{name: "DTSTART past 9999", r: mustRule("FREQ=DAILY"), dtstart: day("9999-12-31").Add(1), within: timespan.NewYearOf(2024)},
		{name: "unknown Land", r: mustRule("FREQ=DAILY"), dtstart: day("2024-01-01"), within: timespan.NewYearOf(2024), opts: []schedule.Option{schedule.WithHolidays("DE-XX")}},
		{name: "too many occurrences", r: mustRule("FREQ=DAILY"), dtstart: day("0001-01-01"), within: all, limit: "occurrences"},
		{name: "too many candidates", r: mustRule("FREQ=DAILY;BYDAY=MO;BYMONTHDAY=13"), dtstart: day("0001-01-01"), within: all, limit: "candidate dates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.r.Expand(tt.dtstart, tt.within, tt.opts...)
			if err == nil {
				t.Fatalf("Expand = %d dates, want an error", len(got))
			}
			var le *schedule.LimitError
			if errors.As(err, &le) != (tt.limit != "") || (le != nil && le.What != tt.limit) {
				t.Errorf("Expand error = %v, want LimitError %q", err, tt.limit)
			}
		})
	}
}

// TestExpandMatchesRRuleGo compares Expand with an independent RRULE
// implementation (github.com/teambition/rrule-go, which the iCalendar test
// parser brings along) over three years for many rules and anchors.
func TestExpandMatchesRRuleGo(t *testing.T) {
	rules := []string{
		"FREQ=DAILY", "FREQ=DAILY;INTERVAL=5", "FREQ=DAILY;BYDAY=SA,SU", "FREQ=DAILY;BYMONTHDAY=-1,15",
		"FREQ=DAILY;INTERVAL=2;BYDAY=MO;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10",
		"FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=WE", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=WEEKLY;INTERVAL=6;BYDAY=SU,FR",
		"FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=6", "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR,1MO",
		"FREQ=MONTHLY;BYDAY=5SA", "FREQ=MONTHLY;BYDAY=-5WE", "FREQ=MONTHLY;BYDAY=TU", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=-31,30",
		"FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "FREQ=MONTHLY;INTERVAL=2;BYDAY=-2TH",
		"FREQ=YEARLY", "FREQ=YEARLY;INTERVAL=3",
		"FREQ=WEEKLY;BYDAY=MO;COUNT=20", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=7", "FREQ=DAILY;UNTIL=20250305", "FREQ=MONTHLY;BYDAY=-1MO;UNTIL=20251027",
	}
	anchors := days("2023-12-31", "2024-01-31", "2024-02-29", "2024-03-30", "2024-06-03", "2025-01-01")
	within := span("2024-01-01", "2027-01-01")
	for _, text := range rules {
		for _, dtstart := range anchors {
			t.Run(fmt.Sprintf("%s/%s", text, dtstart), func(t *testing.T) {
				got, err := mustRule(text).Expand(dtstart, within)
				if err != nil {
					t.Fatalf("Expand: %v", err)
				}
				want := rruleGo(t, text, dtstart, within)
				if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
					t.Errorf("Expand differs from rrule-go (-rrule-go +Expand):\n%s", diff)
				}
			})
		}
	}
}

// rruleGo expands a rule with github.com/teambition/rrule-go.
func rruleGo(t *testing.T, text string, dtstart date.Date, within timespan.DateRange) []date.Date {
	t.Helper()
	opt, err := rrule.StrToROption(text)
	if err != nil {
		t.Fatalf("rrule-go cannot parse %q: %v", text, err)
	}
	opt.Dtstart = dtstart.UTC()
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		t.Fatalf("rrule-go: %v", err)
	}
	var out []date.Date
	for _, tm := range r.Between(within.StartUTC(), within.EndUTC().Add(-time.Second), true) {
		out = append(out, date.NewAt(tm))
	}
	return out
}

package schedule_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// whole is a complete (not Partial) bucket [start, end).
func whole(label, start, end string) schedule.Bucket {
	r := span(start, end)
	return schedule.Bucket{Label: label, Range: r, Whole: r}
}

// partial is a bucket cut down to [start, end) from [wholeStart, wholeEnd).
func partial(label, start, end, wholeStart, wholeEnd string) schedule.Bucket {
	return schedule.Bucket{Label: label, Range: span(start, end), Whole: span(wholeStart, wholeEnd), Partial: true}
}

func TestUnitBucket(t *testing.T) {
	tests := []struct {
		name string
		unit schedule.Unit
		d    string
		want schedule.Bucket
	}{
		{"first ISO week starts on 1 January", schedule.Week, "2024-01-01", whole("2024-W01", "2024-01-01", "2024-01-08")},
		{"2020 has a week 53", schedule.Week, "2020-12-31", whole("2020-W53", "2020-12-28", "2021-01-04")},
		{"1 January 2021 is in 2020-W53", schedule.Week, "2021-01-01", whole("2020-W53", "2020-12-28", "2021-01-04")},
		{"3 January 2021 is in 2020-W53", schedule.Week, "2021-01-03", whole("2020-W53", "2020-12-28", "2021-01-04")},
		{"4 January 2021 starts 2021-W01", schedule.Week, "2021-01-04", whole("2021-W01", "2021-01-04", "2021-01-11")},
		{"1 January 2022 is in 2021-W52", schedule.Week, "2022-01-01", whole("2021-W52", "2021-12-27", "2022-01-03")},
		{"2026 has a week 53", schedule.Week, "2026-12-31", whole("2026-W53", "2026-12-28", "2027-01-04")},
		{"1 January 2027 is in 2026-W53", schedule.Week, "2027-01-01", whole("2026-W53", "2026-12-28", "2027-01-04")},
		{"30 December 2024 is in 2025-W01", schedule.Week, "2024-12-30", whole("2025-W01", "2024-12-30", "2025-01-06")},
		{"leap day week", schedule.Week, "2024-02-29", whole("2024-W09", "2024-02-26", "2024-03-04")},
		{"leap February", schedule.Month, "2024-02-29", whole("2024-02", "2024-02-01", "2024-03-01")},
		{"plain February", schedule.Month, "2023-02-14", whole("2023-02", "2023-02-01", "2023-03-01")},
		{"December", schedule.Month, "2024-12-31", whole("2024-12", "2024-12-01", "2025-01-01")},
		{"second quarter", schedule.Quarter, "2024-05-15", whole("2024-Q2", "2024-04-01", "2024-07-01")},
		{"fourth quarter", schedule.Quarter, "2024-12-31", whole("2024-Q4", "2024-10-01", "2025-01-01")},
		{"first half-year ends 30 June", schedule.HalfYear, "2024-06-30", whole("2024-H1", "2024-01-01", "2024-07-01")},
		{"second half-year starts 1 July", schedule.HalfYear, "2024-07-01", whole("2024-H2", "2024-07-01", "2025-01-01")},
		{"year", schedule.Year, "2024-02-29", whole("2024", "2024-01-01", "2025-01-01")},
		{"invalid unit", schedule.Unit(0), "2024-01-01", schedule.Bucket{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.unit.Bucket(day(tt.d))
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("%v.Bucket(%s) (-want +got):\n%s", tt.unit, tt.d, diff)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name   string
		within timespan.DateRange
		unit   schedule.Unit
		want   []schedule.Bucket
	}{
		{"weeks across the 2020/2021 boundary", span("2020-12-21", "2021-01-11"), schedule.Week, []schedule.Bucket{
			whole("2020-W52", "2020-12-21", "2020-12-28"),
			whole("2020-W53", "2020-12-28", "2021-01-04"),
			whole("2021-W01", "2021-01-04", "2021-01-11"),
		}},
		{"months of a range starting mid-month", span("2024-03-15", "2024-06-15"), schedule.Month, []schedule.Bucket{
			partial("2024-03", "2024-03-15", "2024-04-01", "2024-03-01", "2024-04-01"),
			whole("2024-04", "2024-04-01", "2024-05-01"),
			whole("2024-05", "2024-05-01", "2024-06-01"),
			partial("2024-06", "2024-06-01", "2024-06-15", "2024-06-01", "2024-07-01"),
		}},
		{"leap February alone", span("2024-02-01", "2024-03-01"), schedule.Month, []schedule.Bucket{
			whole("2024-02", "2024-02-01", "2024-03-01"),
		}},
		{"quarters from mid-February", span("2024-02-15", "2025-01-01"), schedule.Quarter, []schedule.Bucket{
			partial("2024-Q1", "2024-02-15", "2024-04-01", "2024-01-01", "2024-04-01"),
			whole("2024-Q2", "2024-04-01", "2024-07-01"),
			whole("2024-Q3", "2024-07-01", "2024-10-01"),
			whole("2024-Q4", "2024-10-01", "2025-01-01"),
		}},
		{"half-years of a funding period from 1 April", span("2024-04-01", "2025-04-01"), schedule.HalfYear, []schedule.Bucket{
			partial("2024-H1", "2024-04-01", "2024-07-01", "2024-01-01", "2024-07-01"),
			whole("2024-H2", "2024-07-01", "2025-01-01"),
			partial("2025-H1", "2025-01-01", "2025-04-01", "2025-01-01", "2025-07-01"),
		}},
		{"years", span("2023-07-01", "2025-01-01"), schedule.Year, []schedule.Bucket{
			partial("2023", "2023-07-01", "2024-01-01", "2023-01-01", "2024-01-01"),
			whole("2024", "2024-01-01", "2025-01-01"),
		}},
		{"one day", span("2024-02-29", "2024-03-01"), schedule.Week, []schedule.Bucket{
			partial("2024-W09", "2024-02-29", "2024-03-01", "2024-02-26", "2024-03-04"),
		}},
		{"empty range", span("2024-02-29", "2024-02-29"), schedule.Week, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := schedule.Split(tt.within, tt.unit)
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("Split (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSplitCalendarYears checks the first and last weeks of years whose
// 1 January falls in week 52 or 53 of the year before.
func TestSplitCalendarYears(t *testing.T) {
	tests := []struct {
		year        int
		first, last schedule.Bucket
		count       int
	}{
		{2020, partial("2020-W01", "2020-01-01", "2020-01-06", "2019-12-30", "2020-01-06"), partial("2020-W53", "2020-12-28", "2021-01-01", "2020-12-28", "2021-01-04"), 53},
		{2021, partial("2020-W53", "2021-01-01", "2021-01-04", "2020-12-28", "2021-01-04"), partial("2021-W52", "2021-12-27", "2022-01-01", "2021-12-27", "2022-01-03"), 53},
		{2024, whole("2024-W01", "2024-01-01", "2024-01-08"), partial("2025-W01", "2024-12-30", "2025-01-01", "2024-12-30", "2025-01-06"), 53},
		{2026, partial("2026-W01", "2026-01-01", "2026-01-05", "2025-12-29", "2026-01-05"), partial("2026-W53", "2026-12-28", "2027-01-01", "2026-12-28", "2027-01-04"), 53},
	}
	for _, tt := range tests {
		got, err := schedule.Split(timespan.NewYearOf(tt.year), schedule.Week)
		if err != nil {
			t.Fatalf("%d: %v", tt.year, err)
		}
		if len(got) != tt.count {
			t.Errorf("%d: %d weeks, want %d", tt.year, len(got), tt.count)
		}
		if diff := cmp.Diff([]schedule.Bucket{tt.first, tt.last}, []schedule.Bucket{got[0], got[len(got)-1]}, cmpOpts); diff != "" {
			t.Errorf("%d: first and last week (-want +got):\n%s", tt.year, diff)
		}
	}
}

func TestSplitRolling(t *testing.T) {
	tests := []struct {
		name   string
		within timespan.DateRange
		window period.Period
		want   []schedule.Bucket
	}{
		{"six weeks over a quarter", span("2024-01-01", "2024-04-01"), period.NewYMD(0, 0, 42), []schedule.Bucket{
			whole("2024-01-01/P6W", "2024-01-01", "2024-02-12"),
			whole("2024-02-12/P6W", "2024-02-12", "2024-03-25"),
			partial("2024-03-25/P6W", "2024-03-25", "2024-04-01", "2024-03-25", "2024-05-06"),
		}},
		{"months from the 31st do not drift", span("2024-01-31", "2024-05-01"), period.NewYMD(0, 1, 0), []schedule.Bucket{
			whole("2024-01-31/P1M", "2024-01-31", "2024-03-02"), // 31 February is 2 March in 2024
			whole("2024-03-02/P1M", "2024-03-02", "2024-03-31"),
			whole("2024-03-31/P1M", "2024-03-31", "2024-05-01"),
		}},
		{"ten days", span("2024-02-20", "2024-03-05"), period.NewYMD(0, 0, 10), []schedule.Bucket{
			whole("2024-02-20/P10D", "2024-02-20", "2024-03-01"),
			partial("2024-03-01/P10D", "2024-03-01", "2024-03-05", "2024-03-01", "2024-03-11"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := schedule.SplitRolling(tt.within, tt.window)
			if err != nil {
				t.Fatalf("SplitRolling: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
				t.Errorf("SplitRolling (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	all := span("0001-01-01", "9999-12-31")
	var le *schedule.LimitError
	if _, err := schedule.Split(all, schedule.Week); !errors.As(err, &le) || le.Limit != schedule.MaxBuckets {
		t.Errorf("Split of 9999 years into weeks = %v, want a LimitError", err)
	}
	if _, err := schedule.Split(all, schedule.Month); !errors.As(err, &le) {
		t.Errorf("Split of 9999 years into months = %v, want a LimitError", err)
	}
	if got, err := schedule.Split(all, schedule.Quarter); err != nil || len(got) != 39996 {
		t.Errorf("Split of 9999 years into quarters = %d buckets, %v; want 39996", len(got), err)
	}
	if _, err := schedule.SplitRolling(all, period.NewYMD(0, 0, 1)); !errors.As(err, &le) {
		t.Errorf("SplitRolling of 9999 years into days = %v, want a LimitError", err)
	}
	if _, err := schedule.Split(timespan.NewYearOf(2024), schedule.Unit(9)); err == nil {
		t.Error("Split with an invalid unit succeeded")
	}
	for _, w := range []period.Period{{}, period.NewHMS(24, 0, 0), period.NewYMD(0, 0, -7), period.MustParse("P1.5D")} {
		if _, err := schedule.SplitRolling(timespan.NewYearOf(2024), w); err == nil {
			t.Errorf("SplitRolling with window %s succeeded", w)
		}
	}
	if _, err := schedule.Split(timespan.NewDateRange(day("0001-01-01").Add(-1), day("2024-01-01")), schedule.Week); err == nil {
		t.Error("Split of a range before year 1 succeeded")
	}
}

func TestUnitText(t *testing.T) {
	for u := schedule.Week; u <= schedule.Year; u++ {
		text, err := u.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got schedule.Unit
		if err := got.UnmarshalText(text); err != nil || got != u {
			t.Errorf("round trip of %q = %v, %v", text, got, err)
		}
	}
	names := []string{"week", "month", "quarter", "half-year", "year"}
	for i, name := range names {
		if got := (schedule.Week + schedule.Unit(i)).String(); got != name {
			t.Errorf("String() = %q, want %q", got, name)
		}
	}
	if u, err := schedule.ParseUnit("Half-Year"); err != nil || u != schedule.HalfYear {
		t.Errorf("ParseUnit(Half-Year) = %v, %v", u, err)
	}
	var pe *schedule.ParseError
	if _, err := schedule.ParseUnit("halfyear"); !errors.As(err, &pe) {
		t.Errorf("ParseUnit(halfyear) = %v, want a *ParseError", err)
	}
	if _, err := schedule.Unit(0).MarshalText(); err == nil {
		t.Error("MarshalText of the zero Unit succeeded")
	}
}

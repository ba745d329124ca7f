package schedule

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// refInspect is the calendar's inspection as it was before it kept the
// year's holidays in hand and decided untouched ranges by their weekdays:
// day by day, the reference the faster one must agree with.
func refInspect(cal *calendar, r timespan.DateRange) (allClosed bool, labels []string) {
	if cal.empty() || r.IsEmpty() {
		return false, nil
	}
	allClosed = true
	seen := map[string]bool{}
	note := func(label string) {
		if !seen[label] {
			seen[label] = true
			labels = append(labels, label)
		}
	}
	for d := r.Start(); d.Before(r.End()); d = d.Add(1) {
		closed := cal.onlyWorkdays && !cal.workdays[d.Weekday()]
		for _, c := range cal.closures.On(d) {
			closed = true
			note(c.Label)
		}
		if h, ok := cal.holiday(d); ok {
			closed = true
			note(h.Name)
		}
		allClosed = allClosed && closed
	}
	return allClosed, labels
}

// TestInspectAgreesWithReference inspects every week, month and ragged
// stretch of three years, around New Year and a closure over it, under
// calendars with and without closures, holidays and workdays, one
// calendar for all ranges in turn as CheckCount uses it: the answers are
// the reference's.
func TestInspectAgreesWithReference(t *testing.T) {
	d := func(s string) date.Date { return date.MustParseISO(s) }
	closures, err := NewClosures(
		Closure{From: d("2024-07-15"), Until: d("2024-08-23"), Label: "Sommerferien"},
		Closure{From: d("2024-12-23"), Until: d("2025-01-03"), Label: "Weihnachten"},
		Closure{From: d("2024-12-27"), Until: d("2024-12-27"), Label: "Brückentag"},
		Closure{From: d("2025-05-02"), Until: d("2025-05-02"), Label: "Brückentag"},
	)
	if err != nil {
		t.Fatal(err)
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	calendars := map[string][]Option{
		"closures":                   {WithClosures(closures)},
		"holidays":                   {WithHolidays("DE-HE")},
		"workdays":                   {WithWorkdays(weekdays...)},
		"closures, holidays":         {WithClosures(closures), WithHolidays("DE-TH")},
		"closures, holidays, wdays":  {WithClosures(closures), WithHolidays("DE-HE"), WithWorkdays(weekdays...)},
		"holidays, weekend workdays": {WithHolidays("DE-BY"), WithWorkdays(time.Saturday, time.Sunday)},
	}
	var ranges []timespan.DateRange
	for _, u := range []Unit{Week, Month, Quarter} {
		bs, err := Split(timespan.NewDateRange(d("2023-12-01"), d("2026-02-01")), u)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			ranges = append(ranges, b.Range)
		}
	}
	for start := d("2024-12-20"); start.Before(d("2025-01-08")); start = start.Add(1) {
		for n := 1; n <= 10; n++ {
			ranges = append(ranges, timespan.NewDateRange(start, start.Add(date.PeriodOfDays(n))))
		}
	}
	for name, opts := range calendars {
		cfg, err := newConfig(opts)
		if err != nil {
			t.Fatal(err)
		}
		cal, ref := cfg.calendar(), cfg.calendar()
		for _, r := range ranges {
			type answer struct {
				AllClosed bool
				Labels    []string
			}
			var want, got answer
			want.AllClosed, want.Labels = refInspect(ref, r)
			got.AllClosed, got.Labels = cal.inspect(r)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, %s (-reference +inspect):\n%s", name, fmt.Sprint(r), diff)
			}
		}
	}
}

package schedule_test

import (
	"testing"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// BenchmarkExpandWeeklyTenYears expands a weekly rule over ten years (522
// dates).
func BenchmarkExpandWeeklyTenYears(b *testing.B) {
	r := mustRule("FREQ=WEEKLY;BYDAY=WE")
	within := span("2025-01-01", "2035-01-01")
	dtstart := day("2025-01-01")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Expand(dtstart, within); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExpandWeeklyTenYearsClosures is the same with closures and
// holidays skipped.
func BenchmarkExpandWeeklyTenYearsClosures(b *testing.B) {
	r := mustRule("FREQ=WEEKLY;BYDAY=WE")
	within := span("2025-01-01", "2035-01-01")
	dtstart := day("2025-01-01")
	opts := []schedule.Option{schedule.WithClosures(mustClosures(sommerferien2024, sommerferien2025)), schedule.WithHolidays("DE-HE")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Expand(dtstart, within, opts...); err != nil {
			b.Fatal(err)
		}
	}
}

func dailyYear() []date.Date {
	var out []date.Date
	for d := day("2024-01-01"); d.Before(day("2025-01-01")); d = d.Add(1) {
		out = append(out, d)
	}
	return out
}

// BenchmarkCheckCountDailyYear counts a year of daily occurrences per ISO
// week.
func BenchmarkCheckCountDailyYear(b *testing.B) {
	dates := dailyYear()
	year := timespan.NewYearOf(2024)
	target := mustTarget("PER=week;MIN=1")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schedule.CheckCount(dates, year, target); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckCountDailyYearClosures adds closures, holidays and
// workdays, so that every day of every week is inspected.
func BenchmarkCheckCountDailyYearClosures(b *testing.B) {
	dates := dailyYear()
	year := timespan.NewYearOf(2024)
	target := mustTarget("PER=week;MIN=1")
	opts := []schedule.Option{schedule.WithClosures(mustClosures(sommerferien2024)), schedule.WithHolidays("DE-HE"), schedule.WithWorkdays(weekdays...)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schedule.CheckCount(dates, year, target, opts...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckGapsDailyYear measures the 365 gaps of a year of daily
// occurrences.
func BenchmarkCheckGapsDailyYear(b *testing.B) {
	dates := dailyYear()
	year := timespan.NewYearOf(2024)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := schedule.CheckGaps(dates, year, 42); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCountPlanCheckDailyYear is BenchmarkCheckCountDailyYearClosures
// with the plan made once: what each further list of dates costs.
func BenchmarkCountPlanCheckDailyYear(b *testing.B) {
	dates := dailyYear()
	plan, err := schedule.PlanCount(timespan.NewYearOf(2024), mustTarget("PER=week;MIN=1"),
		schedule.WithClosures(mustClosures(sommerferien2024)), schedule.WithHolidays("DE-HE"), schedule.WithWorkdays(weekdays...))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		plan.Check(dates)
	}
}

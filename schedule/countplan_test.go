package schedule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// strictOpts compares results as cmpOpts does, but tells a nil list from
// an empty one: a plan's result must be CheckCount's to the last field.
var strictOpts = cmp.Options{
	cmp.Comparer(func(a, b timespan.DateRange) bool { return a == b }),
	cmp.Comparer(func(a, b period.Period) bool { return a == b }),
}

// TestCountPlanReused checks one plan against many lists of dates, each
// time against CheckCount on the same arguments, under every edge policy
// and with closures, holidays and workdays; and that a later Check leaves
// an earlier result as it was.
func TestCountPlanReused(t *testing.T) {
	within := span("2024-01-10", "2024-12-20")
	lists := [][]date.Date{
		nil,
		days("2024-03-06"),
		days("2024-12-18", "2024-01-03", "2024-06-12", "2024-06-12", "2025-01-07"),
		expand(t, "FREQ=WEEKLY;BYDAY=WE", "2024-01-03", within),
		expand(t, "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH", "2023-12-04", span("2023-12-01", "2025-01-01")),
		days("2023-12-31", "2024-01-01"),
	}
	closures := schedule.WithClosures(mustClosures(sommerferien2024))
	for _, target := range []string{"PER=week;MIN=1", "PER=month;MIN=2;MAX=4", "PER=quarter;MIN=6", "PER=P6W;MIN=1"} {
		for p := schedule.CountEdges; p <= schedule.WholeEdges; p++ {
			tg := mustTarget(target)
			if tg.Per == 0 && p == schedule.WholeEdges {
				continue
			}
			opts := []schedule.Option{closures, schedule.WithHolidays("DE-HE"), schedule.WithWorkdays(weekdays...), schedule.WithEdges(p)}
			plan, err := schedule.PlanCount(within, tg, opts...)
			if err != nil {
				t.Fatalf("%s %s: PlanCount: %v", target, p, err)
			}
			if plan.Target() != tg || plan.Range() != within {
				t.Errorf("%s %s: plan of %s over %v", target, p, plan.Target(), plan.Range())
			}
			var first, firstWant schedule.CountResult
			for i, dates := range lists {
				want, err := schedule.CheckCount(dates, within, tg, opts...)
				if err != nil {
					t.Fatalf("%s %s: CheckCount: %v", target, p, err)
				}
				got := plan.Check(dates)
				if diff := cmp.Diff(want, got, strictOpts); diff != "" {
					t.Errorf("%s %s, list %d: Check differs from CheckCount (-want +got):\n%s", target, p, i, diff)
				}
				if i == 3 {
					first, firstWant = got, want
				}
			}
			if diff := cmp.Diff(firstWant, first, strictOpts); diff != "" {
				t.Errorf("%s %s: a later Check changed an earlier result (-want +got):\n%s", target, p, diff)
			}
		}
	}
}

// TestCountPlanErrors checks that PlanCount fails where CheckCount fails,
// with the same errors.
func TestCountPlanErrors(t *testing.T) {
	year := timespan.NewYearOf(2024)
	bad := timespan.NewDateRange(day("0001-01-01").Add(-5), day("2024-01-01"))
	tests := []struct {
		name   string
		within timespan.DateRange
		target schedule.Target
		opts   []schedule.Option
	}{
		{"invalid target", year, schedule.Target{Per: schedule.Month}, nil},
		{"bad range", bad, mustTarget("PER=month;MIN=1"), nil},
		{"unknown Land", year, mustTarget("PER=month;MIN=1"), []schedule.Option{schedule.WithHolidays("DE-XY")}},
		{"no workdays", year, mustTarget("PER=month;MIN=1"), []schedule.Option{schedule.WithWorkdays()}},
		{"bad workday", year, mustTarget("PER=month;MIN=1"), []schedule.Option{schedule.WithWorkdays(time.Weekday(8))}},
		{"bad edge policy", year, mustTarget("PER=month;MIN=1"), []schedule.Option{schedule.WithEdges(7)}},
		{"whole rolling windows", year, mustTarget("PER=P6W;MIN=1"), []schedule.Option{schedule.WithEdges(schedule.WholeEdges)}},
		{"too many buckets", span("0001-01-01", "9999-12-31"), mustTarget("PER=week;MIN=1"), nil},
	}
	for _, tt := range tests {
		plan, err := schedule.PlanCount(tt.within, tt.target, tt.opts...)
		if err == nil || plan != nil {
			t.Errorf("%s: PlanCount = %v, %v; want no plan and an error", tt.name, plan, err)
			continue
		}
		_, want := schedule.CheckCount(nil, tt.within, tt.target, tt.opts...)
		if want == nil || err.Error() != want.Error() {
			t.Errorf("%s: PlanCount fails with %v, CheckCount with %v", tt.name, err, want)
		}
	}
	var le *schedule.LimitError
	if _, err := schedule.PlanCount(span("0001-01-01", "9999-12-31"), mustTarget("PER=week;MIN=1")); !errors.As(err, &le) {
		t.Errorf("PlanCount over 9999 years of weeks = %v, want a LimitError", err)
	}
}

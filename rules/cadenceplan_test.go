package rules

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// planCmp compares cadence results down to their unexported fields.
var planCmp = cmp.Options{
	cmp.Comparer(func(a, b timespan.DateRange) bool { return a == b }),
	cmp.Comparer(func(a, b period.Period) bool { return a == b }),
}

// callFunction calls the environment's function of that name with the
// arguments as expr passes them (the evaluation's state first for a ctx
// function).
func callFunction(t *testing.T, name string, args ...any) any {
	t.Helper()
	for _, f := range functions() {
		if f.name != name {
			continue
		}
		call := f.fn
		if call == nil && f.fn1 != nil {
			call = func(a ...any) (any, error) { return f.fn1(a[0]) }
		}
		v, err := call(args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	t.Fatalf("no function %s", name)
	return nil
}

// weekly lists the Wednesdays from the first to before the end, skipping
// every skip-th.
func weekly(from, end date.Date, skip int) []date.Date {
	var out []date.Date
	for d, i := from, 1; d.Before(end); d, i = d.Add(7), i+1 {
		if skip == 0 || i%skip != 0 {
			out = append(out, d)
		}
	}
	return out
}

// TestCadencePlansPerCalendar checks that the cadence checks of an
// evaluation keep their plans by calendar: two centres with the same
// closures share a store, a centre with other closures has its own, a
// check without a calendar uses the evaluation's store of such checks
// (outside an evaluation it makes its plan for itself: there is no
// store for the whole process), a check made again finds its plan, and
// every answer is CheckCount's with the calendar's options.
func TestCadencePlansPerCalendar(t *testing.T) {
	summer := kiez.Closure{From: date.New(2024, 7, 15), Until: date.New(2024, 8, 23), Label: "Sommerferien"}
	autumn := kiez.Closure{From: date.New(2024, 10, 14), Until: date.New(2024, 10, 25), Label: "Herbstferien"}
	prog := &kiez.Programme{ID: "p", Land: "DE-HE"}
	a := &kiez.Centre{ID: "a", Closures: []kiez.Closure{summer}}
	b := &kiez.Centre{ID: "b", Closures: []kiez.Closure{summer}}
	c := &kiez.Centre{ID: "c", Closures: []kiez.Closure{summer, autumn}}
	shared := newSharedCache(prog, 0, newRecordFields(reflect.TypeFor[kiez.Programme]()))
	ec := newEvalCtx(context.Background(), shared)
	calendar := func(centre *kiez.Centre) ClosedDays {
		ec.reset() // a centre of its own, as a worker moves on
		return callFunction(t, "calendar", ec, centre, prog).(ClosedDays)
	}
	calA, calB, calC := calendar(a), calendar(b), calendar(c)
	if calA.plans == nil || calA.plans != calB.plans {
		t.Errorf("centres with the same closures: stores %p and %p, want one", calA.plans, calB.plans)
	}
	if calC.plans == nil || calC.plans == calA.plans {
		t.Errorf("a centre with other closures shares the store %p", calC.plans)
	}
	per := Period{From: date.New(2024, 1, 1), Until: date.New(2024, 12, 31)}
	dates := weekly(date.New(2024, 1, 3), date.New(2025, 1, 1), 9)
	for _, tt := range []struct {
		name string
		cal  *ClosedDays
	}{{"a", &calA}, {"b", &calB}, {"c", &calC}, {"none", nil}} {
		args := []any{ec, dates, per, "week", 1, 0}
		opts := []schedule.Option(nil)
		if tt.cal != nil {
			args = append(args, *tt.cal)
			opts = tt.cal.opts
		}
		for range 2 {
			got := callFunction(t, "cadence", args...).(Cadence)
			want, err := schedule.CheckCount(dates, per.Range(), schedule.Target{Per: schedule.Week, Min: 1}, append(opts, schedule.WithEdges(defaultPolicy))...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got.Detail, planCmp); diff != "" {
				t.Errorf("%s: cadence differs from CheckCount (-want +got):\n%s", tt.name, diff)
			}
		}
	}
	if n := calA.plans.size(); n != 1 {
		t.Errorf("the store of a and b holds %d plans, want 1", n)
	}
	if n := calC.plans.size(); n != 1 {
		t.Errorf("the store of c holds %d plans, want 1", n)
	}
	if n := shared.calendars.none.size(); n != 1 {
		t.Errorf("the evaluation's store of checks without a calendar holds %d plans, want 1", n)
	}
	if plansOf([]any{nil, dates, per, "week", 1, 0}, 6) != nil {
		t.Errorf("a check without a calendar outside an evaluation has a store; it makes its plan for itself (no store for the whole process)")
	}
	excused := func(c Cadence) int { return len(c.Excused) }
	withA := callFunction(t, "cadence", ec, dates, per, "week", 1, 0, calA).(Cadence)
	withC := callFunction(t, "cadence", ec, dates, per, "week", 1, 0, calC).(Cadence)
	if excused(withC) != excused(withA)+2 {
		t.Errorf("excused weeks: %d with the autumn closure, %d without; want two more", excused(withC), excused(withA))
	}
	// rhythm's calendar reading uses the same plans.
	callFunction(t, "rhythm", ec, dates, per, "week", 1, calA)
	if n := calA.plans.size(); n != 1 {
		t.Errorf("after rhythm the store of a and b holds %d plans, want 1", n)
	}
	callFunction(t, "rhythm", ec, dates, per, "month", 2, calA)
	if n := calA.plans.size(); n != 2 {
		t.Errorf("after a monthly rhythm the store holds %d plans, want 2", n)
	}
	// Outside an evaluation a calendar has no store, and cadence plans each time.
	lone := callFunction(t, "calendar", nil, a, prog).(ClosedDays)
	if lone.plans != nil {
		t.Errorf("a calendar outside an evaluation has the store %p", lone.plans)
	}
	if got := callFunction(t, "cadence", nil, dates, per, "week", 1, 0, lone).(Cadence); !cmp.Equal(got.Detail, withA.Detail, planCmp) {
		t.Errorf("cadence outside an evaluation differs from inside")
	}
	// The store does not make calendars differ (cmp.Equal through Equal).
	if !cmp.Equal(calA, lone, cmp.AllowUnexported(ClosedDays{}), cmp.Comparer(func(x, y schedule.Option) bool { return true })) {
		t.Errorf("a calendar with a store and one without compare unequal")
	}
}

// TestCadencePlanStoreShared runs cadence checks on one store from
// several goroutines (run with -race): each key gets one plan, and every
// answer is CheckCount's.
func TestCadencePlanStoreShared(t *testing.T) {
	var store cadencePlans
	cl, err := schedule.NewClosures(schedule.Closure{From: date.New(2024, 7, 15), Until: date.New(2024, 8, 23), Label: "Sommerferien"})
	if err != nil {
		t.Fatal(err)
	}
	cal := []schedule.Option{schedule.WithClosures(cl), schedule.WithHolidays("DE-BY")}
	units := []schedule.Unit{schedule.Week, schedule.Month, schedule.Quarter}
	within := timespan.NewYearOf(2024)
	var wg sync.WaitGroup
	plans := make([][]*schedule.CountPlan, 8)
	errs := make(chan error, 8*len(units))
	for g := range plans {
		plans[g] = make([]*schedule.CountPlan, len(units))
		wg.Go(func() {
			dates := weekly(date.New(2024, 1, 3+g), date.New(2025, 1, 1), g+2)
			for i, u := range units {
				target := schedule.Target{Per: u, Min: 1}
				p, err := store.plan(within, target, schedule.CountEdges, cal)
				if err != nil {
					errs <- err
					return
				}
				plans[g][i] = p
				want, err := schedule.CheckCount(dates, within, target, append(cal, schedule.WithEdges(schedule.CountEdges))...)
				if err != nil {
					errs <- err
					return
				}
				if diff := cmp.Diff(want, p.Check(dates), planCmp); diff != "" {
					errs <- fmt.Errorf("goroutine %d, %s (-want +got):\n%s", g, u, diff)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for g := range plans {
		for i := range units {
			if plans[g][i] != plans[0][i] {
				t.Errorf("goroutine %d got another plan for %s", g, units[i])
			}
		}
	}
	if n := store.size(); n != len(units) {
		t.Errorf("the store holds %d plans, want %d", n, len(units))
	}
	if _, err := store.plan(within, schedule.Target{Per: schedule.Week}, schedule.CountEdges, cal); err == nil {
		t.Error("an invalid target gave a plan")
	}
	if n := store.size(); n != len(units) {
		t.Errorf("a failed plan was kept: %d plans", n)
	}
}

// TestCalendarKeyUnambiguous checks that calendars that differ in their
// Land, closures or labels have different keys, also when a label holds
// the characters the key separates its parts with.
func TestCalendarKeyUnambiguous(t *testing.T) {
	d := func(m, day int) date.Date { return date.New(2024, time.Month(m), day) }
	calendars := []struct {
		land     string
		closures []schedule.Closure
	}{
		{"", nil}, {"DE-HE", nil}, {"DE-BY", nil},
		{"", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: "a"}}},
		{"DE-HE", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: "a"}}},
		{"", []schedule.Closure{{From: d(7, 1), Until: d(7, 6), Label: "a"}}},
		{"", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: "a 1:b"}}},
		{"", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: "a"}, {From: d(8, 1), Until: d(8, 2), Label: "b"}}},
		{"", []schedule.Closure{{From: d(8, 1), Until: d(8, 2), Label: "b"}, {From: d(7, 1), Until: d(7, 5), Label: "a"}}},
		{"1:", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: ""}}},
		{"", []schedule.Closure{{From: d(7, 1), Until: d(7, 5), Label: ""}}},
	}
	seen := map[string]int{}
	for i, c := range calendars {
		k := calendarKey(c.closures, c.land)
		if j, dup := seen[k]; dup {
			t.Errorf("calendars %d and %d have the key %q", j, i, k)
		}
		seen[k] = i
	}
	var plans calendarPlans
	first := plans.of(calendars[3].closures, "")
	for i := range maxCalendars + 10 {
		plans.of([]schedule.Closure{{From: d(1, 1).Add(date.PeriodOfDays(i)), Until: d(1, 1).Add(date.PeriodOfDays(i)), Label: "x"}}, "")
		if n := len(plans.byKey); n > maxCalendars {
			t.Fatalf("%d calendars kept, want at most %d", n, maxCalendars)
		}
	}
	if again := plans.of(calendars[3].closures, ""); again == first {
		t.Errorf("the first calendar's store was kept past %d calendars", maxCalendars)
	}
	a, b := calendarKey(calendars[4].closures, "DE-HE"), calendarKey(slices.Clone(calendars[4].closures), "DE-HE")
	if a != b {
		t.Errorf("one calendar, two keys: %q and %q", a, b)
	}
}

// TestCadencePlanStoreBounded fills a store with plans of ranges that
// differ from check to check (as a range read from each centre's data
// would): it never holds more than maxPlans, and every answer stays
// CheckCount's.
func TestCadencePlanStoreBounded(t *testing.T) {
	var store cadencePlans
	target := schedule.Target{Per: schedule.Month, Min: 1}
	for i := range 3 * maxPlans {
		from := date.New(2024, 1, 1).Add(date.PeriodOfDays(i))
		within := timespan.NewDateRange(from, from.AddDate(1, 0, 0))
		p, err := store.plan(within, target, defaultPolicy, nil)
		if err != nil {
			t.Fatal(err)
		}
		dates := weekly(from, from.AddDate(1, 0, 0), 5)
		want, err := schedule.CheckCount(dates, within, target, schedule.WithEdges(defaultPolicy))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, p.Check(dates), planCmp); diff != "" {
			t.Fatalf("range %d: the kept plan's answer differs from CheckCount (-want +got):\n%s", i, diff)
		}
		if n := store.size(); n > maxPlans {
			t.Fatalf("after %d ranges the store holds %d plans, more than %d", i+1, n, maxPlans)
		}
	}
}

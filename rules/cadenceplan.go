package rules

import (
	"strconv"
	"sync"

	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// cadencePlans holds the count plans (schedule.PlanCount) of the cadence
// checks made with one calendar, by range, target and edge policy: the buckets of a check are split and judged against the
// closed days once, however many centres and items count their dates in
// them. The goroutines of an evaluation share it, so it is locked.
type cadencePlans struct {
	mu    sync.Mutex
	plans map[cadencePlanKey]*schedule.CountPlan
}

// cadencePlanKey identifies a plan among those of one calendar.
type cadencePlanKey struct {
	within timespan.DateRange
	target schedule.Target
	policy schedule.EdgePolicy
}

// Equal reports that two stores are alike: a store only saves work, so
// that values holding one (ClosedDays) compare by what they say.
func (*cadencePlans) Equal(*cadencePlans) bool { return true }

// plan returns the plan of a cadence check over within with the calendar's
// options cal, made the first time it is asked for; a nil store makes a
// plan each time. Failures are not kept: they are the caller's error.
func (s *cadencePlans) plan(within timespan.DateRange, t schedule.Target, policy schedule.EdgePolicy, cal []schedule.Option) (*schedule.CountPlan, error) {
	build := func() (*schedule.CountPlan, error) {
		return schedule.PlanCount(within, t, append(cal[:len(cal):len(cal)], schedule.WithEdges(policy))...)
	}
	if s == nil {
		return build()
	}
	k := cadencePlanKey{within: within, target: t, policy: policy}
	if p := s.lookup(k); p != nil {
		return p, nil
	}
	p, err := build()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if q, ok := s.plans[k]; ok {
		return q, nil // another goroutine made it meanwhile
	}
	if s.plans == nil || len(s.plans) >= maxPlans {
		s.plans = map[cadencePlanKey]*schedule.CountPlan{}
	}
	s.plans[k] = p
	return p, nil
}

// maxPlans bounds the plans a store keeps: past it the store forgets
// them and starts again, so that checks over ranges that differ from
// centre to centre (a range read from the centre's data) hold no more
// plans than a few centres' worth.
const maxPlans = 64

// lookup returns the plan kept under k, or nil.
func (s *cadencePlans) lookup(k cadencePlanKey) *schedule.CountPlan {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.plans[k]
}

// size returns the number of plans kept.
func (s *cadencePlans) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.plans)
}

// calendarPlans are the plan stores of an evaluation's calendars, one per
// distinct calendar (closures and Land), so that centres with the same
// closed days share their plans, and one (none) for the checks without a
// calendar. Past maxCalendars calendars it forgets the stores (a calendar
// keeps its own), so that a dataset whose centres each declare other
// closures holds no more plans than a few centres do.
type calendarPlans struct {
	mu    sync.Mutex
	byKey map[string]*cadencePlans
	none  cadencePlans
}

// maxCalendars bounds the calendars whose stores an evaluation keeps.
const maxCalendars = 256

// of returns the store of the calendar of the closures and the Land.
func (c *calendarPlans) of(closures []schedule.Closure, land string) *cadencePlans {
	k := calendarKey(closures, land)
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.byKey[k]
	if !ok {
		if c.byKey == nil || len(c.byKey) >= maxCalendars {
			c.byKey = map[string]*cadencePlans{}
		}
		s = &cadencePlans{}
		c.byKey[k] = s
	}
	return s
}

// calendarKey writes what makes a calendar's closed days: its Land and
// its closures in order, each text preceded by its length, so that two
// different calendars never have one key.
func calendarKey(closures []schedule.Closure, land string) string {
	b := make([]byte, 0, 16+32*len(closures))
	text := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	text(land)
	for _, c := range closures {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(c.From.DaysSinceEpoch()), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(c.Until.DaysSinceEpoch()), 10)
		b = append(b, ' ')
		text(c.Label)
	}
	return string(b)
}

// plansOf returns the plan store for a cadence check whose evaluation
// state is a[0] and whose calendar argument would be at i: the calendar's
// own; without a calendar, the evaluation's store of such checks
// (calendarPlans.none); nil (a plan made for the one check) outside an
// evaluation. Every store lives with an evaluation; there is none for
// the whole process.
func plansOf(a []any, i int) *cadencePlans {
	if len(a) > i {
		if c, ok := a[i].(ClosedDays); ok {
			return c.plans
		}
	}
	if ec := ecOf(a[0]); ec != nil {
		return &ec.shared.calendars.none
	}
	return nil
}

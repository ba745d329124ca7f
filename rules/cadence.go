package rules

import (
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// ClosedDays are the closed days a cadence check excuses: the declared
// closures (Schließzeiten) of a centre and its programme, the public
// holidays of the programme's Land, and weekends.
type ClosedDays struct {
	opts     []schedule.Option
	closures []schedule.Closure // the declared closures, for the description
	land     string             // the Land whose public holidays close days, or ""
	plans    *cadencePlans      // the plans of cadence checks with these closed days, shared by the calendars alike in an evaluation; nil outside one
}

// MarshalText writes the calendar as its German description, so that it
// reads the same in JSON evidence as in messages.
func (c ClosedDays) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// String lists what the calendar closes, in German.
func (c ClosedDays) String() string { return Format(c) }

func newCalendar(centre *kiez.Centre, prog *kiez.Programme) (ClosedDays, error) {
	var list []schedule.Closure
	add := func(cs []kiez.Closure) {
		for _, c := range cs {
			list = append(list, schedule.Closure(c))
		}
	}
	if centre != nil {
		add(centre.Closures)
	}
	if prog != nil {
		add(prog.Closures)
	}
	cl, err := schedule.NewClosures(list...)
	if err != nil {
		return ClosedDays{}, err
	}
	cal := ClosedDays{opts: []schedule.Option{schedule.WithClosures(cl),
		schedule.WithWorkdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)}, closures: list}
	if prog != nil && prog.Land != "" {
		cal.opts = append(cal.opts, schedule.WithHolidays(prog.Land))
		cal.land = prog.Land
	}
	return cal, nil
}

// Cadence is the answer of cadence() and rhythm(): how many occurrences fell
// into each calendar bucket and which buckets fell short or ran over, or,
// for the rolling reading of rhythm(), which stretches held too few.
type Cadence struct {
	OK      bool `expr:"ok" json:"ok"`
	Total   int  `expr:"total" json:"total"`
	Buckets int  `expr:"buckets" json:"buckets"`
	// Missed lists the buckets with too few occurrences, or, for the
	// rolling reading, the stretches that held too few; Exceeded the
	// buckets with too many; Excused the buckets not judged because
	// their working days were all closed.
	Missed   []Stretch `expr:"missed" json:"missed"`
	Exceeded []Stretch `expr:"exceeded" json:"exceeded"`
	Excused  []Stretch `expr:"excused" json:"excused"`
	// Judged lists the plain labels ("2024-W10") of the buckets this check
	// judged, excused ones included, in order; under the default policy
	// consecutive periods judge every bucket exactly once. Empty for the
	// rolling reading.
	Judged []string `expr:"judged" json:"judged"`
	// Rhythm is the unit ("week") or rolling window ("P6M") checked, Policy
	// the edge policy of a calendar reading ("whole", "count", "excuse",
	// "prorate").
	Rhythm string `expr:"rhythm" json:"rhythm,omitempty"`
	Policy string `expr:"policy" json:"policy,omitempty"`
	// Detail is the full evidence of package schedule for the calendar
	// reading, Windows for the rolling reading.
	Detail  schedule.CountResult  `expr:"detail" json:"-"`
	Windows schedule.WindowResult `expr:"windows" json:"-"`
}

// String summarises the check in German: the occurrences per bucket and
// the buckets that fell short, ran over, were closed or were cut, or, for
// the rolling reading, the stretches that held too few.
func (c Cadence) String() string { return Format(c) }

// GapCheck is the answer of gaps(): the longest stretch without an
// occurrence and every stretch over the limit.
type GapCheck struct {
	OK          bool               `expr:"ok" json:"ok"`
	Longest     int                `expr:"longest" json:"longest"`
	Occurrences int                `expr:"occurrences" json:"occurrences"`
	Exceeded    []Stretch          `expr:"exceeded" json:"exceeded"`
	Detail      schedule.GapResult `expr:"detail" json:"-"`
}

// String summarises the check in German: the occurrences, the longest
// gap and the gaps over the limit.
func (g GapCheck) String() string { return Format(g) }

// HoursCheck is the answer of hoursPer(): the sum of hours per bucket and
// the buckets below the minimum.
type HoursCheck struct {
	OK     bool               `expr:"ok" json:"ok"`
	Total  decimal.Decimal    `expr:"total" json:"total"`
	Missed []HoursShort       `expr:"missed" json:"missed"`
	Detail schedule.SumResult `expr:"detail" json:"-"`
}

// String summarises the check in German: the total and the buckets below
// the minimum.
func (h HoursCheck) String() string { return Format(h) }

func calendarArg(a []any, i int) []schedule.Option {
	if len(a) > i {
		if c, ok := a[i].(ClosedDays); ok {
			return c.opts
		}
	}
	return nil
}

func unitArg(s string) (schedule.Unit, error) { return parseUnit(s) }

func cadenceFunctions() []function {
	return []function{
		{name: "calendar", group: "cadence", ctx: true, doc: "calendar(centre, programme) or calendar(programme) collects the closed days a cadence check excuses: declared closures (Schließzeiten) of the centre and the programme, the public holidays of the programme's Land, and weekends",
			types: []any{new(func(*kiez.Centre, *kiez.Programme) ClosedDays), new(func(*kiez.Programme) ClosedDays)},
			fn: func(a ...any) (any, error) {
				var c *kiez.Centre
				var p *kiez.Programme
				if len(a) == 2 {
					p = a[1].(*kiez.Programme)
				} else {
					c, p = a[1].(*kiez.Centre), a[2].(*kiez.Programme)
				}
				type answer struct {
					cal ClosedDays
					err error
				}
				key := memoKey{fn: memoCalendar, centre: c, prog: p}
				ec := ecOf(a[0])
				ans := memo(ec, key, func() answer {
					cal, err := newCalendar(c, p)
					if err == nil && ec != nil {
						cal.plans = ec.shared.calendars.of(cal.closures, cal.land)
					}
					return answer{cal, err}
				})
				return ans.cal, ans.err
			}},
		{name: "cadence", group: "cadence", ctx: true, doc: "cadence(dates, period, unit, min, max[, calendar][, policy]) counts the dates per week, month, quarter, half-year or year and lists the buckets with fewer than min (missed) or, with max > 0, more than max (exceeded) as Stretch values (label, from, until, partial), which a message writes with their days (\"2024-W10 (04.03.–10.03.)\"); with a calendar, buckets whose working days are all closed are excused. Weeks are ISO weeks. The policy says how buckets cut by the period's edges are judged: whole (the default) judges a bucket in the period that holds its last day, with all of its dates, also those before the period (fetch them with span(period, unit)), and leaves a bucket cut by the period's end to the next period, so consecutive periods judge every bucket exactly once; count judges the cut part against the full target, excuse does not judge cut buckets, prorate shrinks the target to the share of days inside. judged lists the labels of the judged buckets",
			types: []any{new(func([]date.Date, Period, string, int, int) Cadence), new(func([]date.Date, Period, string, int, int, ClosedDays) Cadence),
				new(func([]date.Date, Period, string, int, int, string) Cadence), new(func([]date.Date, Period, string, int, int, ClosedDays, string) Cadence)},
			fn: func(a ...any) (any, error) {
				u, err := unitArg(a[3].(string))
				if err != nil {
					return nil, fmt.Errorf("cadence: %v", err)
				}
				policy, err := policyArg(a, 6)
				if err != nil {
					return nil, fmt.Errorf("cadence: %v", err)
				}
				return checkCadence(a[1].([]date.Date), a[2].(Period), u, a[4].(int), a[5].(int), policy, calendarArg(a, 6), plansOf(a, 6))
			}},
		{name: "gaps", group: "cadence", doc: "gaps(dates, period, maxDays[, calendar]) measures the stretches between consecutive dates, and from the period's first day to the first date and from the last date to the period's last day; a gap of exactly maxDays days passes, one day more fails. Each gap is judged once over consecutive periods, in the period that holds the day it first exceeds maxDays: the latest date before the period (fetch with span(period, \"P42D\")) starts the first gap instead of the period's first day, and a gap still within the limit on the period's last day is left to the next period. exceeded lists the gaps over the limit as Stretch values (from, until, days), which a message writes as \"16.01.2024–19.11.2024 (309 Tage)\". With a calendar, closed days inside a gap are not counted",
			types: []any{new(func([]date.Date, Period, int) GapCheck), new(func([]date.Date, Period, int, ClosedDays) GapCheck)},
			fn: func(a ...any) (any, error) {
				res, err := schedule.CheckGapsOnce(a[0].([]date.Date), a[1].(Period).Range(), a[2].(int), calendarArg(a, 3)...)
				if err != nil {
					return nil, err
				}
				g := GapCheck{OK: res.OK(), Longest: res.Longest.Length, Occurrences: res.Occurrences, Exceeded: make([]Stretch, 0, len(res.Exceeded)), Detail: res}
				for _, x := range res.Exceeded {
					g.Exceeded = append(g.Exceeded, gapStretch(x))
				}
				return g, nil
			}},
		{name: "hoursPer", group: "cadence", doc: "hoursPer(quantities, period, unit, min[, calendar][, policy]) adds up hours per week, month, quarter, half-year or year and lists the buckets below min as HoursShort values (label, from, until, partial, hours), which a message writes as \"2024-03 (4,5 h)\"; the policy judges buckets cut by the period's edges as in cadence() (default whole: in the period that holds the bucket's last day, with all of its hours)",
			types: []any{new(func([]schedule.Quantity, Period, string, decimal.Decimal) HoursCheck), new(func([]schedule.Quantity, Period, string, int) HoursCheck),
				new(func([]schedule.Quantity, Period, string, decimal.Decimal, ClosedDays) HoursCheck), new(func([]schedule.Quantity, Period, string, int, ClosedDays) HoursCheck),
				new(func([]schedule.Quantity, Period, string, decimal.Decimal, string) HoursCheck), new(func([]schedule.Quantity, Period, string, int, string) HoursCheck),
				new(func([]schedule.Quantity, Period, string, decimal.Decimal, ClosedDays, string) HoursCheck), new(func([]schedule.Quantity, Period, string, int, ClosedDays, string) HoursCheck)},
			fn: func(a ...any) (any, error) {
				u, err := unitArg(a[2].(string))
				if err != nil {
					return nil, fmt.Errorf("hoursPer: %v", err)
				}
				policy, err := policyArg(a, 4)
				if err != nil {
					return nil, fmt.Errorf("hoursPer: %v", err)
				}
				cal := calendarArg(a, 4)
				opts := append(cal[:len(cal):len(cal)], schedule.WithEdges(policy))
				res, err := schedule.CheckSum(a[0].([]schedule.Quantity), a[1].(Period).Range(), u, dec(a[3]), opts...)
				if err != nil {
					return nil, err
				}
				h := HoursCheck{OK: res.OK(), Total: res.Total, Missed: make([]HoursShort, 0, len(res.Missed)), Detail: res}
				for _, b := range res.Missed {
					h.Missed = append(h.Missed, hoursShort(b))
				}
				return h, nil
			}},
		{name: "facilitation", group: "cadence", doc: "facilitation(centre) lists the process-facilitation hours as quantities booked on the first day of their month, for hoursPer",
			types: []any{new(func(*kiez.Centre) []schedule.Quantity)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				if c == nil {
					return []schedule.Quantity{}, nil
				}
				out := make([]schedule.Quantity, len(c.Facilitation))
				for i, f := range c.Facilitation {
					out[i] = schedule.Quantity{Date: f.Month.First(), Amount: f.Hours}
				}
				return out, nil
			}},
		{name: "facilitationIn", group: "cadence", doc: "facilitationIn(centre, month) adds up the process-facilitation hours of one month",
			types: []any{new(func(*kiez.Centre, kiez.Month) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				sum := decimal.Zero
				if c := a[0].(*kiez.Centre); c != nil {
					for _, f := range c.Facilitation {
						if f.Month == a[1].(kiez.Month) {
							sum = sum.Add(f.Hours)
						}
					}
				}
				return sum, nil
			}},
		{name: "hasFacilitation", group: "cadence", doc: "hasFacilitation(centre, month) reports whether hours of process facilitation are recorded for the month (0 hours recorded counts as recorded)",
			types: []any{new(func(*kiez.Centre, kiez.Month) bool)},
			fn: func(a ...any) (any, error) {
				if c := a[0].(*kiez.Centre); c != nil {
					for _, f := range c.Facilitation {
						if f.Month == a[1].(kiez.Month) {
							return true, nil
						}
					}
				}
				return false, nil
			}},
		{name: "monthsIn", group: "dates", doc: "monthsIn(period) lists the calendar months that overlap the period, for rules checked month by month (each: monthsIn(period))",
			types: []any{new(func(Period) []kiez.Month)},
			fn1: func(x any) (any, error) {
				p := x.(Period)
				var out []kiez.Month
				y, m, _ := p.From.Date()
				for cur := (kiez.Month{Year: y, Month: m}); !cur.First().After(p.Until); {
					out = append(out, cur)
					if len(out) > 1200 {
						return nil, fmt.Errorf("monthsIn: the period spans more than 100 years")
					}
					next := cur.Last().Add(1)
					ny, nm, _ := next.Date()
					cur = kiez.Month{Year: ny, Month: nm}
				}
				return out, nil
			}},
		{name: "firstDay", group: "dates", doc: "firstDay(month) is the first day of a month",
			types: []any{new(func(kiez.Month) date.Date)},
			fn1:   func(m any) (any, error) { return firstDay(m.(kiez.Month)) }},
		{name: "lastDay", group: "dates", doc: "lastDay(month) is the last day of a month",
			types: []any{new(func(kiez.Month) date.Date)},
			fn1:   func(m any) (any, error) { return lastDay(m.(kiez.Month)) }},
	}
}

package schedule

import (
	"fmt"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// MaxOccurrences bounds expansion: Expand returns a *LimitError rather than
// more than this many dates, and COUNT may not exceed it. It also bounds the
// work: Expand examines at most 10 × MaxOccurrences candidate dates (a rule
// that rarely matches, such as the fifth Monday that is also the 1st, fails
// with a *LimitError over a long range instead of running for minutes).
const MaxOccurrences = 100_000

// maxCandidates bounds the candidate dates one expansion examines.
const maxCandidates = 10 * MaxOccurrences

// Expand lists the dates on which r occurs inside within, in ascending order
// and without duplicates. dtstart anchors the rule as RFC 5545's DTSTART does:
// no occurrence precedes it, COUNT counts from it, INTERVAL steps from its
// day, week (Monday-based), month or year, and a rule without BYDAY or
// BYMONTHDAY takes its weekday (WEEKLY), day of the month (MONTHLY) or month
// and day (YEARLY) from it. dtstart itself is an occurrence only if it
// matches the rule. Months that lack a day (the 31st, February 29) are
// skipped, as RFC 5545 requires.
//
// Options: WithClosures and WithHolidays remove the occurrences that fall on
// closed days, like EXDATE does: removed dates still count towards COUNT.
// Other options are ignored.
//
// Expand fails for an invalid r, for dates outside 0001-01-01 to 9999-12-31,
// and with a *LimitError past MaxOccurrences dates (or candidate dates).
func (r Recurrence) Expand(dtstart date.Date, within timespan.DateRange, opts ...Option) ([]date.Date, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if err := checkRange(within); err != nil {
		return nil, err
	}
	if !supported(dtstart) {
		return nil, fmt.Errorf("schedule: DTSTART %s lies outside the supported dates 0001-01-01 to 9999-12-31", dtstart)
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	e := newExpansion(r, dtstart, within, cfg.calendar())
	return e.run()
}

// expansion holds the state of one call to Expand.
type expansion struct {
	r        Recurrence
	interval int
	dtstart  date.Date
	lo, hi   date.Date // the dates to report: [lo, hi)
	cal      *calendar
	out      []date.Date
	matched  int // occurrences from dtstart on, for COUNT
	examined int // candidate dates, for maxCandidates
	done     bool
}

func newExpansion(r Recurrence, dtstart date.Date, within timespan.DateRange, cal *calendar) *expansion {
	e := &expansion{r: r, interval: max(r.Interval, 1), dtstart: dtstart, cal: cal}
	e.lo = dtstart.Max(within.Start())
	e.hi = within.End()
	if r.Until != nil {
		e.hi = e.hi.Min(r.Until.Add(1))
	}
	return e
}

// run walks the periods (days, weeks, months or years) of the rule.
func (e *expansion) run() ([]date.Date, error) {
	if !e.lo.Before(e.hi) {
		return nil, nil
	}
	for k := e.firstPeriod(); !e.done; k++ {
		start := e.periodStart(k)
		if !start.Before(e.hi) {
			break
		}
		if err := e.period(start); err != nil {
			return nil, err
		}
	}
	return e.out, nil
}

// firstPeriod returns the index of the first period worth visiting. With
// COUNT every period from DTSTART on must be visited, because occurrences
// before the range still count; otherwise expansion jumps to the period
// that contains the range start.
func (e *expansion) firstPeriod() int {
	if e.r.Count > 0 || !e.dtstart.Before(e.lo) {
		return 0
	}
	var steps int
	switch e.r.Freq {
	case Daily:
		steps = int(e.lo.Sub(e.dtstart))
	case Weekly:
		steps = int(mondayOf(e.lo).Sub(mondayOf(e.dtstart))) / 7
	case Monthly:
		steps = monthIndex(e.lo) - monthIndex(e.dtstart)
	case Yearly:
		steps = e.lo.Year() - e.dtstart.Year()
	}
	return steps / e.interval
}

// periodStart returns the first day of period k.
func (e *expansion) periodStart(k int) date.Date {
	n := k * e.interval
	switch e.r.Freq {
	case Daily:
		return e.dtstart.Add(date.PeriodOfDays(n))
	case Weekly:
		return mondayOf(e.dtstart).Add(date.PeriodOfDays(7 * n))
	case Monthly:
		return firstOfMonth(monthIndex(e.dtstart) + n)
	default:
		return firstOfMonth((e.dtstart.Year() + n) * 12)
	}
}

// period offers the candidate dates of the period that starts on start, in
// ascending order.
func (e *expansion) period(start date.Date) error {
	switch e.r.Freq {
	case Daily:
		if e.dailyMatch(start) {
			return e.offer(start)
		}
		return e.count()
	case Weekly:
		return e.week(start)
	case Monthly:
		return e.month(start)
	default:
		return e.year(start)
	}
}

// count charges one examined candidate against maxCandidates.
func (e *expansion) count() error {
	e.examined++
	if e.examined > maxCandidates {
		return &LimitError{What: "candidate dates", Limit: maxCandidates}
	}
	return nil
}

// offer takes one date that matches the rule.
func (e *expansion) offer(d date.Date) error {
	if err := e.count(); err != nil {
		return err
	}
	if d.Before(e.dtstart) {
		return nil
	}
	if !d.Before(e.hi) {
		e.done = true
		return nil
	}
	e.matched++
	if e.r.Count > 0 && e.matched >= e.r.Count {
		e.done = true
	}
	if d.Before(e.lo) || e.cal.closedForExpansion(d) {
		return nil
	}
	if len(e.out) >= MaxOccurrences {
		return &LimitError{What: "occurrences", Limit: MaxOccurrences}
	}
	e.out = append(e.out, d)
	return nil
}

func (e *expansion) dailyMatch(d date.Date) bool {
	if len(e.r.ByDay) > 0 && !e.weekdaySet()[d.Weekday()] {
		return false
	}
	if len(e.r.ByMonthDay) == 0 {
		return true
	}
	y, m, day := d.Date()
	return monthDaySet(e.r.ByMonthDay, date.DaysIn(y, m))[day]
}

// weekdaySet returns the weekdays of BYDAY, or DTSTART's weekday without it.
func (e *expansion) weekdaySet() [7]bool {
	var set [7]bool
	if len(e.r.ByDay) == 0 {
		set[e.dtstart.Weekday()] = true
	}
	for _, w := range e.r.ByDay {
		set[w.Weekday] = true
	}
	return set
}

func (e *expansion) week(monday date.Date) error {
	set := e.weekdaySet()
	for i := range 7 {
		d := monday.Add(date.PeriodOfDays(i))
		if !set[d.Weekday()] {
			continue
		}
		if err := e.offer(d); err != nil || e.done {
			return err
		}
	}
	return nil
}

func (e *expansion) month(first date.Date) error {
	y, m, _ := first.Date()
	days := monthDays(e.r, int(first.Weekday()), date.DaysIn(y, m), e.dtstart.Day())
	matched := false
	for day := 1; day <= 31; day++ {
		if !days[day] {
			continue
		}
		matched = true
		if err := e.offer(first.Add(date.PeriodOfDays(day - 1))); err != nil || e.done {
			return err
		}
	}
	if !matched {
		return e.count()
	}
	return nil
}

func (e *expansion) year(jan1 date.Date) error {
	_, m, day := e.dtstart.Date()
	if day > date.DaysIn(jan1.Year(), m) {
		return e.count()
	}
	return e.offer(firstOfMonth(jan1.Year()*12 + int(m) - 1).Add(date.PeriodOfDays(day - 1)))
}

// monthDays marks the days (1 to n) of a month that a MONTHLY rule selects;
// firstWeekday is the weekday of the 1st and n the length of the month.
func monthDays(r Recurrence, firstWeekday, n, dtstartDay int) [32]bool {
	if len(r.ByDay) == 0 && len(r.ByMonthDay) == 0 {
		var set [32]bool
		if dtstartDay <= n {
			set[dtstartDay] = true
		}
		return set
	}
	if len(r.ByDay) == 0 {
		return monthDaySet(r.ByMonthDay, n)
	}
	set := byDaySet(r.ByDay, firstWeekday, n)
	if len(r.ByMonthDay) > 0 {
		md := monthDaySet(r.ByMonthDay, n)
		for i := range set {
			set[i] = set[i] && md[i]
		}
	}
	return set
}

// monthDaySet marks the BYMONTHDAY days of a month of n days.
func monthDaySet(days []int, n int) [32]bool {
	var set [32]bool
	for _, d := range days {
		if d < 0 {
			d = n + d + 1
		}
		if d >= 1 && d <= n {
			set[d] = true
		}
	}
	return set
}

// byDaySet marks the BYDAY days of a month of n days whose 1st is a
// firstWeekday.
func byDaySet(days []NthWeekday, firstWeekday, n int) [32]bool {
	var set [32]bool
	for _, w := range days {
		first := 1 + (int(w.Weekday)-firstWeekday+7)%7
		last := first + 7*((n-first)/7)
		switch {
		case w.N == 0:
			for d := first; d <= n; d += 7 {
				set[d] = true
			}
		case w.N > 0:
			if d := first + 7*(w.N-1); d <= n {
				set[d] = true
			}
		default:
			if d := last + 7*(w.N+1); d >= 1 {
				set[d] = true
			}
		}
	}
	return set
}

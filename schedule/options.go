package schedule

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// Option adjusts Expand, CheckCount, CheckGaps and CheckSum; each function
// documents which options it honours and ignores the rest. Options never
// fail on their own: an invalid argument makes the function that receives
// the option return an error.
type Option func(*config)

// config collects the options of one call.
type config struct {
	closures     Closures
	state        string
	workdays     [7]bool
	onlyWorkdays bool
	edges        EdgePolicy
	err          error
}

func newConfig(opts []Option) (*config, error) {
	c := &config{}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	return c, c.err
}

func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

// WithClosures marks the days of the given closure periods as closed.
// Expand drops occurrences on closed days; the checks excuse buckets whose
// days are all closed and do not count closed days towards gaps. Several
// WithClosures options add up.
func WithClosures(c Closures) Option {
	return func(cfg *config) {
		cfg.closures = cfg.closures.merge(c)
	}
}

// WithHolidays marks the public holidays of a German Land, given as its ISO
// 3166-2 code such as "DE-HE", as closed days, with the same effects as
// WithClosures. The last WithHolidays wins. An unknown code makes the
// function that receives the option fail.
func WithHolidays(state string) Option {
	return func(cfg *config) {
		code, err := stateCode(state)
		if err != nil {
			cfg.fail(err)
			return
		}
		cfg.state = code
	}
}

// WithWorkdays names the weekdays on which the programme can take place,
// such as Monday to Friday. The checks then treat all other weekdays like
// closed days when they decide whether a bucket is excused, so that a week
// closed from Monday to Friday counts as fully closed. Gaps and Expand
// ignore this option. Without it every day is a workday; WithWorkdays with
// no weekday makes the receiving function fail.
func WithWorkdays(days ...time.Weekday) Option {
	return func(cfg *config) {
		if len(days) == 0 {
			cfg.fail(errors.New("schedule: WithWorkdays needs at least one weekday"))
			return
		}
		var set [7]bool
		for _, d := range days {
			if d < time.Sunday || d > time.Saturday {
				cfg.fail(fmt.Errorf("schedule: weekday %d does not exist", int(d)))
				return
			}
			set[d] = true
		}
		cfg.workdays, cfg.onlyWorkdays = set, true
	}
}

// WithEdges sets how CheckCount and CheckSum treat Partial buckets at the
// edges of the checked range; the default is CountEdges.
func WithEdges(p EdgePolicy) Option {
	return func(cfg *config) {
		if p < CountEdges || p > WholeEdges {
			cfg.fail(fmt.Errorf("schedule: invalid edge policy %d", int(p)))
			return
		}
		cfg.edges = p
	}
}

// calendar answers which days are closed, for one call.
type calendar struct {
	closures     Closures
	state        string
	holidays     []holidayYear // the years asked for so far, searched in order: a check asks for one or two, an expansion for the few its range spans
	workdays     [7]bool
	onlyWorkdays bool
	// The holidays of the year inspect looked at last, from yearStart
	// up to yearEnd (zero: none yet), for the next bucket.
	yearStart, yearEnd date.Date
	yearList           []Holiday
}

func (c *config) calendar() *calendar {
	return &calendar{closures: c.closures, state: c.state, workdays: c.workdays, onlyWorkdays: c.onlyWorkdays}
}

// empty reports whether no day can be closed.
func (cal *calendar) empty() bool {
	return cal.closures.IsEmpty() && cal.state == "" && !cal.onlyWorkdays
}

// holidayYear holds the public holidays of a year.
type holidayYear struct {
	year int
	list []Holiday
}

// yearHolidays returns the public holidays of year, computing them once.
func (cal *calendar) yearHolidays(year int) []Holiday {
	for _, y := range cal.holidays {
		if y.year == year {
			return y.list
		}
	}
	list := holidaysOf(cal.state, year)
	cal.holidays = append(cal.holidays, holidayYear{year, list})
	return list
}

// holiday returns the public holiday on d, if any.
func (cal *calendar) holiday(d date.Date) (Holiday, bool) {
	if cal.state == "" {
		return Holiday{}, false
	}
	for _, h := range cal.yearHolidays(d.Year()) {
		if h.Date == d {
			return h, true
		}
	}
	return Holiday{}, false
}

// closedForExpansion reports whether d is in a closure or a public holiday.
func (cal *calendar) closedForExpansion(d date.Date) bool {
	if cal.closures.IsClosed(d) {
		return true
	}
	_, ok := cal.holiday(d)
	return ok
}

// closedDays counts the closure and holiday days of r without visiting
// every day: closure days by overlapping ranges, then the holidays that no
// closure covers.
func (cal *calendar) closedDays(r timespan.DateRange) int {
	if r.IsEmpty() {
		return 0
	}
	n := cal.closures.overlap(r)
	if cal.state == "" {
		return n
	}
	for y := r.Start().Year(); y <= r.Last().Year(); y++ {
		list := cal.yearHolidays(y)
		for i, h := range list {
			repeated := i > 0 && list[i-1].Date == h.Date // two holidays on one day
			if !repeated && r.Contains(h.Date) && !cal.closures.IsClosed(h.Date) {
				n++
			}
		}
	}
	return n
}

// inspect reports whether every day of r is closed (by a closure, a holiday
// or not being a workday) and lists the labels of the closures and holidays
// that close days of r, in order of first appearance. A range no closure
// and no holiday touches is decided by its weekdays alone; otherwise it
// walks the days with the year's holidays in hand. It allocates only for
// the labels.
func (cal *calendar) inspect(r timespan.DateRange) (allClosed bool, labels []string) {
	if cal.empty() || r.IsEmpty() {
		return false, nil
	}
	if !cal.closures.touches(r) && !cal.holidayIn(r) {
		if !cal.onlyWorkdays {
			return false, nil
		}
		for d := r.Start(); d.Before(r.End()); d = d.Add(1) {
			if cal.workdays[d.Weekday()] {
				return false, nil
			}
		}
		return true, nil
	}
	allClosed = true
	note := func(label string) {
		if !slices.Contains(labels, label) {
			labels = append(labels, label)
		}
	}
	var yearEnd date.Date  // the first day after the year of holidays
	var holidays []Holiday // of that year, sorted by date; next is the first not before d
	next := 0
	for d := r.Start(); d.Before(r.End()); d = d.Add(1) {
		closed := cal.onlyWorkdays && !cal.workdays[d.Weekday()]
		cal.closures.eachOn(d, func(c Closure) {
			closed = true
			note(c.Label)
		})
		if cal.state != "" {
			if holidays == nil || !d.Before(yearEnd) {
				holidays, next = cal.holidaysOfYear(d), 0
				yearEnd = cal.yearEnd
			}
			for next < len(holidays) && holidays[next].Date.Before(d) {
				next++
			}
			if next < len(holidays) && holidays[next].Date == d {
				closed = true
				note(holidays[next].Name)
			}
		}
		allClosed = allClosed && closed
	}
	return allClosed, labels
}

// holidaysOfYear returns the public holidays of the year of d, keeping
// that year in hand for the next call.
func (cal *calendar) holidaysOfYear(d date.Date) []Holiday {
	if cal.yearEnd.IsZero() || d.Before(cal.yearStart) || !d.Before(cal.yearEnd) {
		y := d.Year()
		cal.yearStart, cal.yearEnd = date.New(y, time.January, 1), date.New(y+1, time.January, 1)
		cal.yearList = cal.yearHolidays(y)
	}
	return cal.yearList
}

// holidayIn reports whether a public holiday may fall into r: surely not
// when r lies within one year and none of its holidays does.
func (cal *calendar) holidayIn(r timespan.DateRange) bool {
	if cal.state == "" {
		return false
	}
	list := cal.holidaysOfYear(r.Start())
	if r.End().After(cal.yearEnd) {
		return true
	}
	for _, h := range list {
		if !h.Date.Before(r.Start()) && h.Date.Before(r.End()) {
			return true
		}
	}
	return false
}

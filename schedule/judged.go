package schedule

import (
	"errors"
	"fmt"
	"slices"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
)

// JudgedBuckets returns the buckets of unit u that a check over within
// judges under the edge policy p, and the days whose occurrences those
// buckets count.
//
// Under WholeEdges a bucket is judged in the range that holds its last day,
// over all of its days: the first bucket may start before within (its Range
// is then its Whole, days before within included), and a bucket that the
// end of within cuts is left out, for the range that holds its last day.
// So consecutive ranges judge every bucket exactly once, each only when it
// is over. No bucket is Partial, and the returned days run from the first
// judged bucket's first day to the last judged bucket's end (empty, at
// within's start, when no bucket ends inside within).
//
// Under the other policies the buckets are those of Split, and the days are
// within.
func JudgedBuckets(within timespan.DateRange, u Unit, p EdgePolicy) ([]Bucket, timespan.DateRange, error) {
	if p != WholeEdges {
		bs, err := Split(within, u)
		return bs, within, err
	}
	if u < Week || u > Year {
		return nil, timespan.DateRange{}, fmt.Errorf("schedule: invalid unit %d", int(u))
	}
	if err := checkRange(within); err != nil {
		return nil, timespan.DateRange{}, err
	}
	none := timespan.NewDateRange(within.Start(), within.Start())
	if within.IsEmpty() {
		return nil, none, nil
	}
	first := u.Bucket(within.Start())
	if err := checkRange(first.Whole); err != nil {
		return nil, timespan.DateRange{}, err
	}
	bs, err := Split(timespan.NewDateRange(first.Whole.Start(), within.End()), u)
	if err != nil {
		return nil, timespan.DateRange{}, err
	}
	if n := len(bs); n > 0 && bs[n-1].Partial {
		bs = bs[:n-1]
	}
	if len(bs) == 0 {
		return nil, none, nil
	}
	return bs, timespan.NewDateRange(bs[0].Whole.Start(), bs[len(bs)-1].Whole.End()), nil
}

// judged returns the buckets of t that a check over within judges under
// the edge policy p and the days whose occurrences they count.
func (t Target) judged(within timespan.DateRange, p EdgePolicy) ([]Bucket, timespan.DateRange, error) {
	if t.Per != 0 {
		return JudgedBuckets(within, t.Per, p)
	}
	if p == WholeEdges {
		return nil, timespan.DateRange{}, errors.New(`schedule: the edge policy "whole" needs a calendar unit; for a rolling window use CheckWindows`)
	}
	bs, err := SplitRolling(within, t.Window)
	return bs, within, err
}

// CheckGapsOnce measures the gaps like CheckGaps, but judges each gap
// exactly once over consecutive ranges: a gap is judged in the range that
// holds the day on which it first exceeds maxDays.
//
// Dates before within are anchors: the latest of them starts the first gap,
// so a stretch that began in an earlier range and exceeds the limit only
// inside within is judged here, and one that already exceeded the limit
// before within is not (an earlier range judged it). Without a date before
// within, within's first day starts the first gap, as in CheckGaps. A gap
// that runs past within's last day is judged here only if it is already
// too long on that day; otherwise the next range judges it. Dates after
// within are ignored. Gaps, Longest and Exceeded list the gaps from the
// anchor (or within's first day) through the dates inside within to the
// last day; Occurrences counts the distinct dates inside within and
// Outside every other date.
//
// Options and errors are as for CheckGaps.
func CheckGapsOnce(dates []date.Date, within timespan.DateRange, maxDays int, opts ...Option) (GapResult, error) {
	res, cal, err := measureGaps(dates, within, maxDays, opts)
	if err != nil || cal == nil {
		return res, err
	}
	if anchor, ok := lastBefore(dates, within.Start()); ok && len(res.Gaps) > 0 && res.Gaps[0].FromStart {
		// The first gap starts at the anchor, not at within's first day.
		g := &res.Gaps[0]
		g.From, g.FromStart = anchor, false
		g.Days = int(g.To.Sub(anchor))
		g.ClosedDays = cal.closedDays(timespan.NewDateRange(anchor.Add(1), g.To))
		g.Length = g.Days - g.ClosedDays
	} else if ok && (len(res.Gaps) == 0 || !res.Gaps[0].FromStart) {
		// An occurrence on within's first day: the gap from the anchor to it.
		to := within.Start()
		days := int(to.Sub(anchor))
		closed := cal.closedDays(timespan.NewDateRange(anchor.Add(1), to))
		res.Gaps = append([]Gap{{From: anchor, To: to, Days: days, ClosedDays: closed, Length: days - closed}}, res.Gaps...)
	}
	res.judge(func(g Gap) bool {
		return !gapDeadline(g.From, maxDays, cal, within.End()).Before(within.Start().Add(-1))
	})
	return res, nil
}

// lastBefore returns the latest of dates before day.
func lastBefore(dates []date.Date, day date.Date) (date.Date, bool) {
	var best date.Date
	found := false
	for _, d := range dates {
		if d.Before(day) && (!found || d.After(best)) {
			best, found = d, true
		}
	}
	return best, found
}

// gapDeadline is the last day on which the occurrence after from may fall
// without making the gap longer than maxDays, counting no closure or
// holiday day strictly between; it stops at limit.
func gapDeadline(from date.Date, maxDays int, cal *calendar, limit date.Date) date.Date {
	if cal.closures.IsEmpty() && cal.state == "" {
		return from.Add(date.PeriodOfDays(maxDays))
	}
	x, length := from, 0
	for x.Before(limit) {
		step := 1
		if x.After(from) && cal.closedForExpansion(x) {
			step = 0
		}
		if length+step > maxDays {
			break
		}
		x, length = x.Add(1), length+step
	}
	return x
}

// WindowResult is the answer of CheckWindows.
type WindowResult struct {
	Range       timespan.DateRange `json:"-" expr:"range"`                   // the checked range
	Window      period.Period      `json:"window" expr:"window"`             // the length of every stretch
	Min         int                `json:"min" expr:"min"`                   // the least number of occurrences in every stretch
	Occurrences int                `json:"occurrences" expr:"occurrences"`   // occurrences inside Range
	Outside     int                `json:"outside,omitempty" expr:"outside"` // occurrences outside Range (those before it serve as anchors)
	Missed      []Gap              `json:"missed,omitempty" expr:"missed"`   // the stretches judged in Range that hold fewer than Min occurrences, merged where they overlap
}

// OK reports whether no stretch judged in Range fell short.
func (r WindowResult) OK() bool { return len(r.Missed) == 0 }

// CheckWindows checks the rolling reading of a cadence: every stretch of
// consecutive days of the given length (window, e.g. P6M) must hold at
// least min occurrences; for min 1 that is "no gap longer than the
// window". A stretch is judged in the range that holds its last day, so
// consecutive ranges judge every stretch exactly once, each when it is
// over; a stretch still open after within's last day is left to the next
// range.
//
// Dates before within are anchors, as in CheckGapsOnce: stretches start
// the day after an occurrence. Without any date before within, stretches
// start on within's first day at the earliest. Dates after within are
// ignored. Every date counts, so two occurrences on one day count twice.
// With WithClosures or WithHolidays a stretch is longer by the closed days
// inside it. Each Missed entry reaches from the occurrence before the short
// stretch (or within's first day) to the occurrence that ends it (or
// within's last day).
//
// CheckWindows fails for a window that is not a positive number of whole
// years, months, weeks or days, min below 1 or above 1,000,000, an invalid
// option, and dates outside 0001-01-01 to 9999-12-31.
func CheckWindows(dates []date.Date, within timespan.DateRange, window period.Period, min int, opts ...Option) (WindowResult, error) {
	if err := checkWindow(window); err != nil {
		return WindowResult{}, err
	}
	if min < 1 || min > maxTarget {
		return WindowResult{}, fmt.Errorf("schedule: the minimum per window must be 1 to %d, got %d", maxTarget, min)
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return WindowResult{}, err
	}
	if err := checkRange(within); err != nil {
		return WindowResult{}, err
	}
	res := WindowResult{Range: within, Window: window, Min: min}
	if within.IsEmpty() {
		return res, nil
	}
	start, end := within.Start(), within.End()
	var seq []date.Date // occurrences before end, ascending
	for _, d := range dates {
		switch {
		case within.Contains(d):
			res.Occurrences++
		default:
			res.Outside++
		}
		if d.Before(end) {
			seq = append(seq, d)
		}
	}
	slices.SortFunc(seq, func(a, b date.Date) int { return int(a.Sub(b)) })
	virtual := 0
	if len(seq) == 0 || !seq[0].Before(start) {
		// No anchor: the observation starts on within's first day, as if
		// min occurrences had been on the day before.
		virtual = min
		pre := make([]date.Date, min, min+len(seq))
		for i := range pre {
			pre[i] = start.Add(-1)
		}
		seq = append(pre, seq...)
	}
	cal := cfg.calendar()
	last := within.Last()
	for i, o := range seq {
		deadline := windowDeadline(o.Add(1), window, cal, end)
		if deadline.Before(start) || !deadline.Before(end) {
			continue
		}
		if i+min < len(seq) && !seq[i+min].After(deadline) {
			continue
		}
		g := Gap{From: o, To: last, ToEnd: true}
		if i < virtual {
			g.From, g.FromStart = start, true
		}
		if i+min < len(seq) {
			g.To, g.ToEnd = seq[i+min], false
		}
		if n := len(res.Missed); n > 0 && !g.From.After(res.Missed[n-1].To) {
			prev := &res.Missed[n-1]
			if g.To.After(prev.To) {
				prev.To, prev.ToEnd = g.To, g.ToEnd
			}
			g = *prev
			res.Missed = res.Missed[:n-1]
		}
		g.Days = int(g.To.Sub(g.From))
		g.ClosedDays = cal.closedDays(timespan.NewDateRange(g.From.Add(1), g.To))
		g.Length = g.Days - g.ClosedDays
		res.Missed = append(res.Missed, g)
	}
	return res, nil
}

// windowDeadline is the last day of the stretch of the given length that
// starts on from, lengthened by the closure and holiday days inside it; it
// stops at limit.
func windowDeadline(from date.Date, window period.Period, cal *calendar, limit date.Date) date.Date {
	y, m, d := window.Years(), window.Months(), window.Days()
	nominal := from.AddDate(y, m, d)
	end := nominal
	for !end.After(limit) {
		next := nominal.Add(date.PeriodOfDays(cal.closedDays(timespan.NewDateRange(from, end))))
		if next == end {
			break
		}
		end = next
	}
	return end.Add(-1)
}

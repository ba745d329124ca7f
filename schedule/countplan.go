package schedule

import (
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// CountPlan is the part of a CheckCount that does not depend on the dates:
// the buckets of a range and target, each judged against the closed days
// of the options (excused or not, prorated or not, closed by what). A
// check that counts several lists of dates over the same range, target
// and options, such as one per centre, makes the plan once with PlanCount
// and calls Check for each list. A CountPlan is read-only once made and
// safe for concurrent use.
type CountPlan struct {
	target  Target
	within  timespan.DateRange
	days    timespan.DateRange // the days of the judged buckets, within or more under WholeEdges
	buckets []BucketCount      // every bucket, judged, without its count and dates
}

// PlanCount judges the buckets of t over within under the options, as
// CheckCount does, for Check to count dates in. It fails where CheckCount
// fails for the same range, target and options.
func PlanCount(within timespan.DateRange, t Target, opts ...Option) (*CountPlan, error) {
	p := &CountPlan{}
	if err := p.init(within, t, opts); err != nil {
		return nil, err
	}
	return p, nil
}

// init splits within into the judged buckets of t and judges each one
// with the calendar of the options.
func (p *CountPlan) init(within timespan.DateRange, t Target, opts []Option) error {
	if err := t.Validate(); err != nil {
		return err
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return err
	}
	buckets, days, err := t.judged(within, cfg.edges)
	if err != nil {
		return err
	}
	*p = CountPlan{target: t, within: within, days: days, buckets: make([]BucketCount, len(buckets))}
	cal := cfg.calendar()
	for i, b := range buckets {
		p.buckets[i] = judgeBucket(b, t, cal, cfg.edges)
	}
	return nil
}

// Target returns the target the plan checks.
func (p *CountPlan) Target() Target { return p.target }

// Range returns the range the plan checks.
func (p *CountPlan) Range() timespan.DateRange { return p.within }

// Check counts the dates per bucket of the plan and reports the buckets
// with fewer than the minimum or more than a positive maximum, with the
// result CheckCount gives for the dates and the plan's range, target and
// options. The dates need not be sorted. The results of one plan share
// their buckets' ClosedBy lists, which are not to be modified.
func (p *CountPlan) Check(dates []date.Date) CountResult {
	return p.check(dates, make([]BucketCount, len(p.buckets)))
}

// check fills into, a list as long as the plan's buckets (the buckets
// themselves when the plan is used once), with the plan's buckets and
// their counts, and returns the result.
func (p *CountPlan) check(dates []date.Date, into []BucketCount) CountResult {
	sorted, outside := inside(dates, p.days)
	res := CountResult{Target: p.target, Range: p.within, Total: len(sorted), Outside: outside, Buckets: into}
	rest := sorted
	missed, exceeded := 0, 0
	for i := range p.buckets {
		c := p.buckets[i]
		var in []date.Date
		in, rest = cut(rest, c.Range.End())
		c.Count = len(in)
		if len(in) > 0 {
			c.Dates = in
		}
		into[i] = c
		if c.missed() {
			missed++
		}
		if c.exceeded() {
			exceeded++
		}
	}
	// The lists at their length: counted first, then filled.
	if missed > 0 {
		res.Missed = make([]BucketCount, 0, missed)
	}
	if exceeded > 0 {
		res.Exceeded = make([]BucketCount, 0, exceeded)
	}
	for _, c := range into {
		if c.missed() {
			res.Missed = append(res.Missed, c)
		}
		if c.exceeded() {
			res.Exceeded = append(res.Exceeded, c)
		}
	}
	return res
}

// missed reports whether a judged bucket holds fewer than its minimum.
func (c *BucketCount) missed() bool { return !c.Excused && c.Count < c.Min }

// exceeded reports whether a judged bucket holds more than a positive
// maximum.
func (c *BucketCount) exceeded() bool { return !c.Excused && c.Max > 0 && c.Count > c.Max }

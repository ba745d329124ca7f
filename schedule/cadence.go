package schedule

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"
)

// EdgePolicy says how CheckCount and CheckSum judge the Partial buckets at
// the edges of the checked range, e.g. the first month of a range that
// starts on the 15th. Its text form is "count", "excuse" or "prorate".
type EdgePolicy int

// The edge policies; the zero value is CountEdges.
const (
	CountEdges   EdgePolicy = iota // "count": a partial bucket must meet the full target
	ExcuseEdges                    // "excuse": partial buckets are excused (Reason "partial")
	ProrateEdges                   // "prorate": the target shrinks to the share of the bucket's days inside the range, rounded up
	WholeEdges                     // "whole": a bucket is judged in the range that holds its last day, over all of its days; a bucket the range's end cuts is left to the next range (see JudgedBuckets)
)

// String returns the text form of p: "count", "excuse", "prorate" or "whole".
func (p EdgePolicy) String() string {
	switch p {
	case CountEdges:
		return "count"
	case ExcuseEdges:
		return "excuse"
	case ProrateEdges:
		return "prorate"
	case WholeEdges:
		return "whole"
	}
	return fmt.Sprintf("EdgePolicy(%d)", int(p))
}

// MarshalText writes the text form; it fails for an invalid policy.
func (p EdgePolicy) MarshalText() ([]byte, error) {
	if p < CountEdges || p > WholeEdges {
		return nil, fmt.Errorf("schedule: invalid edge policy %d", int(p))
	}
	return []byte(p.String()), nil
}

// UnmarshalText reads an edge policy like ParseEdgePolicy.
func (p *EdgePolicy) UnmarshalText(text []byte) error {
	v, err := ParseEdgePolicy(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// ParseEdgePolicy reads "count", "excuse", "prorate" or "whole" in any
// letter case. Errors are *ParseError.
func ParseEdgePolicy(s string) (EdgePolicy, error) {
	for v := CountEdges; v <= WholeEdges; v++ {
		if strings.EqualFold(s, v.String()) {
			return v, nil
		}
	}
	return 0, &ParseError{Kind: "edge policy", Input: s, Err: fmt.Errorf(`want "count", "excuse", "prorate" or "whole"`)}
}

// The reasons for excusing a bucket.
const (
	reasonClosed  = "closed"
	reasonPartial = "partial"
)

// BucketCount is the evidence for one bucket of a CheckCount.
type BucketCount struct {
	Bucket
	Count    int         `json:"count" expr:"count"`                 // occurrences inside the bucket's Range
	Dates    []date.Date `json:"dates,omitempty" expr:"dates"`       // those occurrences, ascending; nil when there are none
	Min      int         `json:"min" expr:"min"`                     // the minimum that applies to this bucket (prorated under ProrateEdges)
	Max      int         `json:"max,omitempty" expr:"max"`           // the maximum that applies to this bucket, 0 for none (prorated under ProrateEdges)
	Prorated bool        `json:"prorated,omitempty" expr:"prorated"` // Min and Max were prorated because the bucket is Partial
	Excused  bool        `json:"excused,omitempty" expr:"excused"`   // the bucket is not judged
	Reason   string      `json:"reason,omitempty" expr:"reason"`     // why it is excused: "closed" (all its days are closed) or "partial" (an edge bucket under ExcuseEdges); empty otherwise
	ClosedBy []string    `json:"closedBy,omitempty" expr:"closedBy"` // labels of the closures and names of the holidays that close days of the bucket, excused or not
}

// CountResult is the answer of CheckCount: the count in every bucket and the
// buckets that miss the minimum or exceed the maximum.
type CountResult struct {
	Target   Target             `json:"target" expr:"target"`               // the target that was checked
	Range    timespan.DateRange `json:"-" expr:"range"`                     // the checked range
	Buckets  []BucketCount      `json:"buckets" expr:"buckets"`             // every bucket, in order
	Missed   []BucketCount      `json:"missed,omitempty" expr:"missed"`     // the buckets, not excused, with Count below Min
	Exceeded []BucketCount      `json:"exceeded,omitempty" expr:"exceeded"` // the buckets, not excused, with Count above a positive Max
	Total    int                `json:"total" expr:"total"`                 // occurrences inside Range
	Outside  int                `json:"outside,omitempty" expr:"outside"`   // occurrences outside Range, which were ignored
}

// OK reports whether no bucket missed its minimum or exceeded its maximum.
// A rule that treats only one direction as an error (or either as a
// warning) reads Missed and Exceeded instead.
func (r CountResult) OK() bool { return len(r.Missed) == 0 && len(r.Exceeded) == 0 }

// String summarises the result and its evidence in one line, e.g.
// "PER=month;MIN=1 over 2024-01-01..2024-12-31: 11 occurrences; missed
// 2024-03 (0, min 1)".
func (r CountResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s over %s: %d occurrences", r.Target, rangeText(r.Range), r.Total)
	writeCounts(&b, "missed", r.Missed, "min", func(c BucketCount) int { return c.Min })
	writeCounts(&b, "exceeded", r.Exceeded, "max", func(c BucketCount) int { return c.Max })
	if r.OK() {
		b.WriteString("; ok")
	}
	return b.String()
}

func writeCounts(b *strings.Builder, what string, list []BucketCount, bound string, limit func(BucketCount) int) {
	for i, c := range list {
		sep := ", "
		if i == 0 {
			sep = "; " + what + " "
		}
		fmt.Fprintf(b, "%s%s (%d, %s %d)", sep, c.Label, c.Count, bound, limit(c))
	}
}

// CheckCount counts the dates inside within per bucket of t (calendar units
// or rolling windows) and reports the buckets with fewer than t.Min or more
// than a positive t.Max occurrences. Every date counts, so two meetings on
// one day count twice; dates outside within are ignored and counted in
// Outside. The dates need not be sorted.
//
// A bucket is excused (Reason "closed") when every one of its days is closed
// by WithClosures, WithHolidays or, under WithWorkdays, by not being a
// workday. Partial edge buckets are judged by WithEdges: counted against the
// full target (the default), excused (Reason "partial"), held to a
// prorated target ceil(n × days inside ÷ days of the whole bucket) for both
// Min and Max, or (WholeEdges, calendar units only) judged whole in the
// range that holds their last day: then the buckets are those of
// JudgedBuckets, the dates of their days before within count too, and a
// bucket the end of within cuts is not judged. Range stays within; Total
// and Outside refer to the days of the judged buckets.
//
// CheckCount fails for an invalid target or option, for dates outside
// 0001-01-01 to 9999-12-31, and with a *LimitError past MaxBuckets buckets.
func CheckCount(dates []date.Date, within timespan.DateRange, t Target, opts ...Option) (CountResult, error) {
	var p CountPlan
	if err := p.init(within, t, opts); err != nil {
		return CountResult{}, err
	}
	// The plan is used once: its buckets become the result's.
	return p.check(dates, p.buckets), nil
}

// judgeBucket builds the evidence for one bucket but its count and dates.
func judgeBucket(b Bucket, t Target, cal *calendar, edges EdgePolicy) BucketCount {
	c := BucketCount{Bucket: b, Min: t.Min, Max: t.Max}
	c.Excused, c.Reason, c.ClosedBy = judge(b, cal, edges)
	if b.Partial && edges == ProrateEdges {
		c.Min, c.Max, c.Prorated = prorate(t.Min, b), prorate(t.Max, b), true
	}
	return c
}

// judge decides whether a bucket is excused and collects the labels of what
// closes its days.
func judge(b Bucket, cal *calendar, edges EdgePolicy) (excused bool, reason string, closedBy []string) {
	allClosed, labels := cal.inspect(b.Range)
	switch {
	case allClosed:
		return true, reasonClosed, labels
	case b.Partial && edges == ExcuseEdges:
		return true, reasonPartial, labels
	}
	return false, "", labels
}

// prorate scales n to the share of b's days inside the range, rounded up.
func prorate(n int, b Bucket) int {
	part, whole := int64(b.Range.Days()), int64(b.Whole.Days())
	if whole == 0 {
		return n
	}
	return int((int64(n)*part + whole - 1) / whole)
}

// inside returns the dates inside within, sorted ascending (a new slice),
// and how many lay outside.
func inside(dates []date.Date, within timespan.DateRange) (sorted []date.Date, outside int) {
	sorted = make([]date.Date, 0, len(dates))
	for _, d := range dates {
		if within.Contains(d) {
			sorted = append(sorted, d)
		}
	}
	slices.SortFunc(sorted, func(a, b date.Date) int { return int(a.Sub(b)) })
	return sorted, len(dates) - len(sorted)
}

// cut splits sorted dates into those before end and the rest. The first
// part has its capacity capped so that appending to it cannot overwrite the
// rest.
func cut(sorted []date.Date, end date.Date) (before, rest []date.Date) {
	n, _ := slices.BinarySearchFunc(sorted, end, func(d, end date.Date) int {
		if d.Before(end) {
			return -1
		}
		return 1
	})
	return sorted[:n:n], sorted[n:]
}

// Gap is the stretch between two consecutive occurrences, or between an
// edge of the checked range and the nearest occurrence.
type Gap struct {
	From       date.Date `json:"from" expr:"from"`                       // the occurrence before the gap, or the range's first day
	To         date.Date `json:"to" expr:"to"`                           // the occurrence after the gap, or the range's last day
	Days       int       `json:"days" expr:"days"`                       // To minus From in calendar days: from a Monday to the next Monday is 7
	ClosedDays int       `json:"closedDays,omitempty" expr:"closedDays"` // closure and holiday days strictly between From and To (only with WithClosures or WithHolidays)
	Length     int       `json:"length" expr:"length"`                   // Days minus ClosedDays: the number compared with the limit
	FromStart  bool      `json:"fromStart,omitempty" expr:"fromStart"`   // From is the range's first day, not an occurrence
	ToEnd      bool      `json:"toEnd,omitempty" expr:"toEnd"`           // To is the range's last day, not an occurrence
}

// String writes the gap as evidence, e.g. "2024-03-01..2024-04-13 (43 days)".
func (g Gap) String() string {
	s := fmt.Sprintf("%s..%s (%d days", g.From, g.To, g.Days)
	if g.ClosedDays > 0 {
		s += fmt.Sprintf(", %d closed, counted %d", g.ClosedDays, g.Length)
	}
	switch {
	case g.FromStart && g.ToEnd:
		s += ", no occurrence in the range"
	case g.FromStart:
		s += ", from the range start"
	case g.ToEnd:
		s += ", to the range end"
	}
	return s + ")"
}

// GapResult is the answer of CheckGaps.
type GapResult struct {
	Range       timespan.DateRange `json:"-" expr:"range"`                     // the checked range
	MaxDays     int                `json:"maxDays" expr:"maxDays"`             // the limit: no gap may be longer
	Occurrences int                `json:"occurrences" expr:"occurrences"`     // distinct occurrence dates inside Range
	Outside     int                `json:"outside,omitempty" expr:"outside"`   // dates outside Range, which were ignored
	Gaps        []Gap              `json:"gaps" expr:"gaps"`                   // every gap longer than 0 days, in order
	Longest     Gap                `json:"longest" expr:"longest"`             // the gap with the greatest Length (the first of equals); zero when Gaps is empty
	Exceeded    []Gap              `json:"exceeded,omitempty" expr:"exceeded"` // the gaps with Length above MaxDays
}

// OK reports whether no gap is longer than MaxDays.
func (r GapResult) OK() bool { return len(r.Exceeded) == 0 }

// String summarises the result and its evidence in one line.
func (r GapResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "max gap %d days over %s: %d occurrences", r.MaxDays, rangeText(r.Range), r.Occurrences)
	if len(r.Gaps) > 0 {
		fmt.Fprintf(&b, ", longest %s", r.Longest)
	}
	for i, g := range r.Exceeded {
		sep := ", "
		if i == 0 {
			sep = "; exceeded "
		}
		b.WriteString(sep + g.String())
	}
	if r.OK() {
		b.WriteString("; ok")
	}
	return b.String()
}

// CheckGaps measures the gaps between the distinct dates inside within and
// reports every gap longer than maxDays days.
//
// A gap is measured in calendar days between two dates: consecutive
// occurrences on 2024-01-01 and 2024-02-12 are 42 days apart, and "no gap
// longer than 42 days" holds for them, while 2024-01-01 and 2024-02-13 (43
// days) break it. The range's first day and last day (inclusive) count as
// if something happened on them, so the gap before the first occurrence is
// first − range start and the gap after the last is range's last day − last
// occurrence; with no occurrence at all the one gap spans the whole range.
// Gaps of 0 days (an occurrence on the range's first or last day) are left
// out. Dates outside within are ignored and counted in Outside.
//
// With WithClosures or WithHolidays, the closed days strictly between the
// two ends of a gap are not counted (Gap.ClosedDays), so a summer closure
// does not break a cadence. Other options are ignored. CheckGaps fails for
// a negative maxDays, an invalid option, and dates outside 0001-01-01 to
// 9999-12-31.
func CheckGaps(dates []date.Date, within timespan.DateRange, maxDays int, opts ...Option) (GapResult, error) {
	res, _, err := measureGaps(dates, within, maxDays, opts)
	if err != nil {
		return res, err
	}
	res.judge(func(Gap) bool { return true })
	return res, nil
}

// measureGaps checks the arguments of CheckGaps and CheckGapsOnce and
// measures the gaps between within's first day, the distinct dates inside
// within and its last day. It returns the calendar the gaps were measured
// with; nil, with no gaps, for an empty range.
func measureGaps(dates []date.Date, within timespan.DateRange, maxDays int, opts []Option) (GapResult, *calendar, error) {
	if maxDays < 0 {
		return GapResult{}, nil, fmt.Errorf("schedule: the gap limit must not be negative, got %d", maxDays)
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return GapResult{}, nil, err
	}
	if err := checkRange(within); err != nil {
		return GapResult{}, nil, err
	}
	sorted, outside := inside(dates, within)
	sorted = slices.Compact(sorted)
	res := GapResult{Range: within, MaxDays: maxDays, Occurrences: len(sorted), Outside: outside}
	if within.IsEmpty() {
		return res, nil, nil
	}
	cal := cfg.calendar()
	res.Gaps = gaps(sorted, within, cal)
	return res, cal, nil
}

// judge sets Longest to the longest gap and lists in Exceeded the gaps
// longer than MaxDays that the range judges.
func (r *GapResult) judge(judged func(Gap) bool) {
	for _, g := range r.Gaps {
		if g.Length > r.Longest.Length || r.Longest.Days == 0 {
			r.Longest = g
		}
		if g.Length > r.MaxDays && judged(g) {
			r.Exceeded = append(r.Exceeded, g)
		}
	}
}

// gaps lists the gaps between the range's first day, the sorted distinct
// dates and the range's last day.
func gaps(sorted []date.Date, within timespan.DateRange, cal *calendar) []Gap {
	first, last := within.Start(), within.Last()
	out := make([]Gap, 0, len(sorted)+1)
	add := func(from, to date.Date, fromStart, toEnd bool) {
		days := int(to.Sub(from))
		if days <= 0 {
			return
		}
		closed := cal.closedDays(timespan.NewDateRange(from.Add(1), to))
		out = append(out, Gap{From: from, To: to, Days: days, ClosedDays: closed, Length: days - closed, FromStart: fromStart, ToEnd: toEnd})
	}
	prev, prevIsStart := first, true
	for _, d := range sorted {
		add(prev, d, prevIsStart, false)
		prev, prevIsStart = d, false
	}
	add(prev, last, prevIsStart, true)
	return out
}

// Quantity is an amount booked on a date, such as 2.5 hours of process
// facilitation on 2024-03-04.
type Quantity struct {
	Date   date.Date       `json:"date" expr:"date"`     // the day the amount is booked on
	Amount decimal.Decimal `json:"amount" expr:"amount"` // the amount, e.g. hours; exact, never a float
}

// BucketSum is the evidence for one bucket of a CheckSum.
type BucketSum struct {
	Bucket
	Sum      decimal.Decimal `json:"sum" expr:"sum"`                     // the sum of the amounts inside the bucket's Range
	Entries  int             `json:"entries" expr:"entries"`             // how many quantities were summed
	Min      decimal.Decimal `json:"min" expr:"min"`                     // the minimum that applies to this bucket (prorated under ProrateEdges)
	Prorated bool            `json:"prorated,omitempty" expr:"prorated"` // Min was prorated because the bucket is Partial
	Excused  bool            `json:"excused,omitempty" expr:"excused"`   // the bucket is not judged
	Reason   string          `json:"reason,omitempty" expr:"reason"`     // why it is excused: "closed" or "partial", as in BucketCount
	ClosedBy []string        `json:"closedBy,omitempty" expr:"closedBy"` // labels of the closures and names of the holidays that close days of the bucket
}

// SumResult is the answer of CheckSum.
type SumResult struct {
	Per     Unit               `json:"per" expr:"per"`                   // the bucket unit that was checked
	Min     decimal.Decimal    `json:"min" expr:"min"`                   // the minimum per whole bucket that was checked
	Range   timespan.DateRange `json:"-" expr:"range"`                   // the checked range
	Buckets []BucketSum        `json:"buckets" expr:"buckets"`           // every bucket, in order
	Missed  []BucketSum        `json:"missed,omitempty" expr:"missed"`   // the buckets, not excused, whose Sum is below their Min
	Total   decimal.Decimal    `json:"total" expr:"total"`               // the sum of all amounts inside Range
	Outside int                `json:"outside,omitempty" expr:"outside"` // quantities outside Range, which were ignored
}

// OK reports whether every bucket reached its minimum or was excused.
func (r SumResult) OK() bool { return len(r.Missed) == 0 }

// String summarises the result and its evidence in one line, e.g.
// "min 10 per month over 2024-01-01..2024-12-31: total 118.5; missed
// 2024-02 (8.5 of 10)".
func (r SumResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "min %s per %s over %s: total %s", r.Min, r.Per, rangeText(r.Range), r.Total)
	for i, s := range r.Missed {
		sep := ", "
		if i == 0 {
			sep = "; missed "
		}
		fmt.Fprintf(&b, "%s%s (%s of %s)", sep, s.Label, s.Sum, s.Min)
	}
	if r.OK() {
		b.WriteString("; ok")
	}
	return b.String()
}

// CheckSum adds up the amounts per calendar bucket of unit per and reports
// the buckets whose sum is below min, e.g. "at least 10 hours of process
// facilitation per month". Amounts are exact decimals; negative amounts
// (corrections) are added as they are. Quantities outside within are
// ignored and counted in Outside.
//
// Excusing works as in CheckCount. Under ProrateEdges the minimum of a
// partial bucket is min × days inside ÷ days of the whole bucket, rounded
// up to hundredths. Under WholeEdges the buckets are those of
// JudgedBuckets and quantities on their days before within count too. CheckSum fails for an invalid unit or option, a
// negative min, and dates outside 0001-01-01 to 9999-12-31.
func CheckSum(entries []Quantity, within timespan.DateRange, per Unit, min decimal.Decimal, opts ...Option) (SumResult, error) {
	if min.IsNegative() {
		return SumResult{}, fmt.Errorf("schedule: the minimum sum must not be negative, got %s", min)
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return SumResult{}, err
	}
	buckets, days, err := JudgedBuckets(within, per, cfg.edges)
	if err != nil {
		return SumResult{}, err
	}
	res := SumResult{Per: per, Min: min, Range: within, Buckets: make([]BucketSum, len(buckets))}
	cal := cfg.calendar()
	for i, b := range buckets {
		s := BucketSum{Bucket: b, Min: min}
		s.Excused, s.Reason, s.ClosedBy = judge(b, cal, cfg.edges)
		if b.Partial && cfg.edges == ProrateEdges {
			s.Min, s.Prorated = prorateAmount(min, b), true
		}
		res.Buckets[i] = s
	}
	res.Total, res.Outside = addUp(entries, days, res.Buckets)
	for _, s := range res.Buckets {
		if !s.Excused && s.Sum.LessThan(s.Min) {
			res.Missed = append(res.Missed, s)
		}
	}
	return res, nil
}

// addUp adds every quantity inside within to its bucket and returns the
// total and the number of quantities outside.
func addUp(entries []Quantity, within timespan.DateRange, buckets []BucketSum) (total decimal.Decimal, outside int) {
	for _, q := range entries {
		if !within.Contains(q.Date) {
			outside++
			continue
		}
		i, _ := slices.BinarySearchFunc(buckets, q.Date, func(b BucketSum, d date.Date) int {
			if b.Range.End().After(d) {
				return 1
			}
			return -1
		})
		buckets[i].Sum = buckets[i].Sum.Add(q.Amount)
		buckets[i].Entries++
		total = total.Add(q.Amount)
	}
	return total, outside
}

// prorateAmount scales min to the share of b's days inside the range,
// rounded up to hundredths.
func prorateAmount(min decimal.Decimal, b Bucket) decimal.Decimal {
	part, whole := int64(b.Range.Days()), int64(b.Whole.Days())
	q, rem := min.Mul(decimal.NewFromInt(part*100)).QuoRem(decimal.NewFromInt(whole), 0)
	if rem.Sign() > 0 {
		q = q.Add(decimal.NewFromInt(1))
	}
	return q.Shift(-2)
}

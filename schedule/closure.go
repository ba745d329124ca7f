package schedule

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// Closure is a period in which a programme does not take place, such as a
// Schließzeit or school holidays. Both ends are inclusive, as people write
// them ("Sommerferien 15.07.–23.08."); Range gives the half-open DateRange.
//
// In JSON a Closure is {"from": "2024-07-15", "until": "2024-08-23",
// "label": "Sommerferien"}; UnmarshalJSON accepts only real dates (no
// 2024-02-30) with From not after Until. The fields match kiez.Closure, so
// that a conversion schedule.Closure(c) turns one into the other.
type Closure struct {
	From  date.Date `json:"from" expr:"from"`   // the first closed day
	Until date.Date `json:"until" expr:"until"` // the last closed day (inclusive)
	Label string    `json:"label" expr:"label"` // what the closure is, e.g. "Sommerferien"; shown as evidence
}

// Range returns the closed days as a half-open DateRange [From, Until+1).
func (c Closure) Range() timespan.DateRange {
	return timespan.NewDateRange(c.From, c.Until.Add(1))
}

func (c Closure) check() error {
	if !supported(c.From) || !supported(c.Until) {
		return fmt.Errorf("schedule: closure %q (%s to %s) lies outside the supported dates 0001-01-01 to 9999-12-31", c.Label, c.From, c.Until)
	}
	if c.Until.Before(c.From) {
		return fmt.Errorf("schedule: closure %q ends (%s) before it starts (%s)", c.Label, c.Until, c.From)
	}
	return nil
}

// UnmarshalJSON reads the JSON object form strictly: both dates are
// required, must exist, and must be in order. Errors are *ParseError.
func (c *Closure) UnmarshalJSON(data []byte) error {
	var raw struct {
		From  *string `json:"from"`
		Until *string `json:"until"`
		Label string  `json:"label"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return &ParseError{Kind: "closure", Input: string(data), Err: err}
	}
	if raw.From == nil || raw.Until == nil {
		return &ParseError{Kind: "closure", Input: string(data), Err: errors.New(`"from" and "until" are required`)}
	}
	from, err := ParseDate(*raw.From)
	if err != nil {
		return &ParseError{Kind: "closure", Input: string(data), Part: *raw.From, Err: err}
	}
	to, err := ParseDate(*raw.Until)
	if err != nil {
		return &ParseError{Kind: "closure", Input: string(data), Part: *raw.Until, Err: err}
	}
	v := Closure{From: from, Until: to, Label: raw.Label}
	if err := v.check(); err != nil {
		return &ParseError{Kind: "closure", Input: string(data), Err: err}
	}
	*c = v
	return nil
}

// Closures is a set of closure periods that answers whether a day or a whole
// range is closed. Closures may overlap. The zero value is an empty set in
// which nothing is closed. A Closures value is immutable and safe for
// concurrent use.
type Closures struct {
	list   []Closure            // sorted by From, then Until
	merged []timespan.DateRange // the union of list, sorted, without overlaps or adjacency
}

// NewClosures builds the set of the given closures. It fails when a closure
// ends before it starts or lies outside 0001-01-01 to 9999-12-31.
func NewClosures(cs ...Closure) (Closures, error) {
	for _, c := range cs {
		if err := c.check(); err != nil {
			return Closures{}, err
		}
	}
	return buildClosures(slices.Clone(cs)), nil
}

func buildClosures(list []Closure) Closures {
	slices.SortStableFunc(list, func(a, b Closure) int {
		if a.From != b.From {
			return int(a.From.Sub(b.From))
		}
		return int(a.Until.Sub(b.Until))
	})
	var merged []timespan.DateRange
	for _, c := range list {
		r := c.Range()
		if n := len(merged); n > 0 && !merged[n-1].End().Before(r.Start()) {
			merged[n-1] = timespan.NewDateRange(merged[n-1].Start(), merged[n-1].End().Max(r.End()))
			continue
		}
		merged = append(merged, r)
	}
	return Closures{list: list, merged: merged}
}

// merge returns the union of two sets.
func (c Closures) merge(o Closures) Closures {
	if o.IsEmpty() {
		return c
	}
	if c.IsEmpty() {
		return o
	}
	return buildClosures(slices.Concat(c.list, o.list))
}

// IsEmpty reports whether the set holds no closure.
func (c Closures) IsEmpty() bool { return len(c.list) == 0 }

// List returns the closures sorted by their first day (a copy).
func (c Closures) List() []Closure { return slices.Clone(c.list) }

// IsClosed reports whether d lies in any closure.
func (c Closures) IsClosed(d date.Date) bool {
	i := c.firstEndingAfter(d)
	return i < len(c.merged) && !d.Before(c.merged[i].Start())
}

// firstEndingAfter returns the index of the first merged range whose end
// lies after d.
func (c Closures) firstEndingAfter(d date.Date) int {
	i, _ := slices.BinarySearchFunc(c.merged, d, func(r timespan.DateRange, d date.Date) int {
		if r.End().After(d) {
			return 1
		}
		return -1
	})
	return i
}

// Covers reports whether every day of r is closed; an empty r is never
// covered. Use it to ask whether a bucket is fully closed:
// c.Covers(bucket.Range).
func (c Closures) Covers(r timespan.DateRange) bool {
	if r.IsEmpty() {
		return false
	}
	i := c.firstEndingAfter(r.Start())
	return i < len(c.merged) && !r.Start().Before(c.merged[i].Start()) && !c.merged[i].End().Before(r.End())
}

// overlap counts the closed days of r.
func (c Closures) overlap(r timespan.DateRange) int {
	n := 0
	for i := c.firstEndingAfter(r.Start()); i < len(c.merged) && c.merged[i].Start().Before(r.End()); i++ {
		start := c.merged[i].Start().Max(r.Start())
		end := c.merged[i].End().Min(r.End())
		n += int(end.Sub(start))
	}
	return n
}

// touches reports whether any day of r lies in a closure.
func (c Closures) touches(r timespan.DateRange) bool {
	i := c.firstEndingAfter(r.Start())
	return i < len(c.merged) && c.merged[i].Start().Before(r.End())
}

// On returns the closures that contain d, in the order of List; nil when d
// is open.
func (c Closures) On(d date.Date) []Closure {
	var out []Closure
	c.eachOn(d, func(cl Closure) { out = append(out, cl) })
	return out
}

// eachOn calls fn with each closure that contains d, in the order of
// List, without a list of them.
func (c Closures) eachOn(d date.Date, fn func(Closure)) {
	if !c.IsClosed(d) {
		return
	}
	for _, cl := range c.list {
		if cl.From.After(d) {
			break
		}
		if !cl.Until.Before(d) {
			fn(cl)
		}
	}
}

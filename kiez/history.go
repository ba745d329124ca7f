package kiez

import (
	"fmt"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// PositionChange is a dated change of a staff position's weekly hours: a
// position whose hours change mid-year stays one position with one id.
// From the entry's date on, each value it names replaces the one in force
// before; a value it leaves out stays as it was.
type PositionChange struct {
	From date.Date `json:"from" validate:"required" expr:"from"`
	// HoursPerWeek is the contracted working time from From on.
	HoursPerWeek *decimal.Decimal `json:"hoursPerWeek,omitempty" validate:"omitempty,nonneg" expr:"hoursPerWeek"`
	// ReleaseHoursPerWeek is the release time (Leitungsfreistellung)
	// from From on.
	ReleaseHoursPerWeek *decimal.Decimal `json:"releaseHoursPerWeek,omitempty" validate:"omitempty,nonneg" expr:"releaseHoursPerWeek"`
	Note                string           `json:"note,omitempty" expr:"note"`
}

// HoursOn returns the weekly hours in force on day d: HoursPerWeek, as
// replaced by the latest History entry dated on or before d that gives
// hours. It does not check that the position is held on d (see ActiveOn).
func (p *Position) HoursOn(d date.Date) decimal.Decimal {
	return p.inForce(d, p.HoursPerWeek, func(h *PositionChange) *decimal.Decimal { return h.HoursPerWeek })
}

// ReleaseHoursOn returns the weekly release hours in force on day d, like
// HoursOn for ReleaseHoursPerWeek.
func (p *Position) ReleaseHoursOn(d date.Date) decimal.Decimal {
	return p.inForce(d, p.ReleaseHoursPerWeek, func(h *PositionChange) *decimal.Decimal { return h.ReleaseHoursPerWeek })
}

// inForce returns base as replaced by the latest History entry dated on or
// before d whose value (as field reads it) is given.
func (p *Position) inForce(d date.Date, base decimal.Decimal, field func(*PositionChange) *decimal.Decimal) decimal.Decimal {
	v := base
	for i := range p.History {
		h := &p.History[i]
		if v2 := field(h); v2 != nil && !h.From.After(d) {
			v = *v2
		}
	}
	return v
}

// ChangeDays returns the days on which the position's values change: the
// dates of its History entries, in order.
func (p *Position) ChangeDays() []date.Date {
	out := make([]date.Date, 0, len(p.History))
	for i := range p.History {
		out = append(out, p.History[i].From)
	}
	return out
}

// history checks a position's dated changes: each gives a value, none is
// more than a week has (negative values fail the struct tags), they ascend, and each lies after the
// position's from and not after its until.
func (c *checker) history(s *Position, path string) {
	for k := range s.History {
		h := &s.History[k]
		hp := fmt.Sprintf("%s.history[%d]", path, k)
		if h.From.IsZero() {
			continue // reported as a missing required field
		}
		if h.HoursPerWeek == nil && h.ReleaseHoursPerWeek == nil {
			c.errorf(hp, "Give hoursPerWeek or releaseHoursPerWeek (or both) for the change, or remove the entry.", "history entry from %s changes nothing", h.From)
		}
		for _, v := range []struct {
			field string
			val   *decimal.Decimal
		}{{"hoursPerWeek", h.HoursPerWeek}, {"releaseHoursPerWeek", h.ReleaseHoursPerWeek}} {
			// Negative values are reported by the nonneg tag.
			if v.val != nil && v.val.GreaterThan(maxWeekHours) {
				c.errorf(hp+"."+v.field, "Give the weekly hours in force from this date.", "%s %s is more than a week has", v.field, v.val)
			}
		}
		if k > 0 && !h.From.After(s.History[k-1].From) {
			c.errorf(hp+".from", "List the changes oldest first, one per date.", "history entry from %s is not after the one before (from %s)", h.From, s.History[k-1].From)
		}
		if s.From != nil && !h.From.After(*s.From) {
			c.errorf(hp+".from", "A change applies after the position began; change the position's own values for its first day.", "history entry from %s is not after the position's from %s", h.From, s.From)
		}
		if s.Until != nil && h.From.After(*s.Until) {
			c.errorf(hp+".from", "Remove the entry or extend the position's until.", "history entry from %s is after the position's until %s", h.From, s.Until)
		}
	}
}

// derivedChanges rejects change events that claim to be derived: only the
// rules derive changes.
func (c *checker) derivedChanges(ce *Centre, path string) {
	for j := range ce.Changes {
		if ce.Changes[j].Derived {
			c.errorf(fmt.Sprintf("%s.changes[%d].derived", path, j), "Remove derived: the rules mark the changes they derive from the staff records themselves.", "derived is set by the rules, not in data")
		}
	}
}

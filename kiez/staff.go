package kiez

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// Position is a staff position of a centre. It is identified by a
// pseudonymous id and its role; the model never stores staff names.
type Position struct {
	// ID is pseudonymous (e.g. "kv-1"); published reports leave it out.
	ID string `json:"id" validate:"required,id" expr:"id"`
	// Role is one of the roles of the glossary (kiez-verantwortliche,
	// leitung-familienzentrum, thekiz-koordination, kita-sozialarbeit,
	// elternberatung, prozessbegleitung, …).
	Role string `json:"role" validate:"required,id" vocab:"role" expr:"role"`
	// HoursPerWeek is the contracted working time of the position.
	HoursPerWeek decimal.Decimal `json:"hoursPerWeek" validate:"nonneg" expr:"hoursPerWeek"`
	// ReleaseHoursPerWeek is additional release time from management or
	// group duties (Leitungsfreistellung) funded by the programme.
	ReleaseHoursPerWeek decimal.Decimal `json:"releaseHoursPerWeek,omitempty" validate:"nonneg" expr:"releaseHoursPerWeek"`
	From                *date.Date      `json:"from,omitempty" expr:"from"`
	Until               *date.Date      `json:"until,omitempty" expr:"until"`
	// Employer is the id of the employing provider, or the name of
	// another employer.
	Employer string `json:"employer,omitempty" expr:"employer"`
	// Qualification is the professional qualification, e.g.
	// sozialarbeit, sozialpaedagogik, kindheitspaedagogik, erzieherin.
	Qualification string `json:"qualification,omitempty" validate:"omitempty,id" expr:"qualification"`
	// LineSupervisor holds Dienstaufsicht, TechnicalSupervisor holds
	// Fachaufsicht: ids such as traeger, leitung-familienzentrum,
	// koordinierungsstelle-sozialraumbudget, kreisjugendamt.
	LineSupervisor      string `json:"lineSupervisor,omitempty" validate:"omitempty,id" expr:"lineSupervisor"`
	TechnicalSupervisor string `json:"technicalSupervisor,omitempty" validate:"omitempty,id" expr:"technicalSupervisor"`
	// BasicQualification is the date the Basisqualifizierung was completed.
	BasicQualification *date.Date `json:"basicQualification,omitempty" expr:"basicQualification"`
	// External marks a position held from outside the centre's own
	// system, e.g. an external process facilitator.
	External bool `json:"external,omitempty" expr:"external"`
	// Funding names the budget that pays for the position.
	Funding string `json:"funding,omitempty" validate:"omitempty,id" expr:"funding"`
	// Kitas lists the catchment Kitas the position serves.
	Kitas []string `json:"kitas,omitempty" validate:"dive,id" expr:"kitas"`
	// History lists dated changes of the position's hours, oldest first:
	// HoursPerWeek and ReleaseHoursPerWeek hold from From, and each entry
	// replaces the values it names from its own date on. Use HoursOn and
	// ReleaseHoursOn for the value in force on a day.
	History []PositionChange `json:"history,omitempty" validate:"dive" expr:"history"`
}

// ActiveOn reports whether the position is held on day d: From and Until
// are included, and a missing bound is open.
func (p *Position) ActiveOn(d date.Date) bool {
	return within(d, p.From, p.Until)
}

// Overlaps reports whether the position is held on any day of the
// inclusive range [from, until].
func (p *Position) Overlaps(from, until date.Date) bool {
	return overlaps(p.From, p.Until, from, until)
}

func within(d date.Date, from, until *date.Date) bool {
	return (from == nil || !d.Before(*from)) && (until == nil || !d.After(*until))
}

func overlaps(from, until *date.Date, a, b date.Date) bool {
	return (from == nil || !from.After(b)) && (until == nil || !until.Before(a))
}

// ErrNoFullTime is returned by FTE when the full-time week is zero or
// negative.
var ErrNoFullTime = errors.New("kiez: the full-time week must be more than 0 hours")

// FTE converts weekly hours into full-time equivalents for a full-time week
// of fullTime hours, exactly to four decimal places (rounded half away from
// zero). The full-time week is an input because it differs between
// collective agreements and changes over time.
func FTE(hoursPerWeek, fullTime decimal.Decimal) (decimal.Decimal, error) {
	if !fullTime.IsPositive() {
		return decimal.Decimal{}, ErrNoFullTime
	}
	return hoursPerWeek.DivRound(fullTime, 4), nil
}

// StaffHours sums the weekly hours in force on day d (see
// Position.HoursOn) of the centre's positions with the given role that are
// held on day d; an empty role sums all positions.
func (c *Centre) StaffHours(role string, d date.Date) decimal.Decimal {
	sum := decimal.Zero
	for i := range c.Staff {
		p := &c.Staff[i]
		if (role == "" || p.Role == role) && p.ActiveOn(d) {
			sum = sum.Add(p.HoursOn(d))
		}
	}
	return sum
}

// Month is a calendar month, written YYYY-MM in files.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth parses a month written as YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("%q is not a month of the form YYYY-MM", s)
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// String writes the month as YYYY-MM.
func (m Month) String() string {
	if m.Year < 0 || m.Year > 9999 || m.Month < 1 || m.Month > 12 {
		return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
	}
	// The months of rules and reports, written digit by digit: one
	// allocation, the text (fmt boxes the year and reads the format).
	y, mo := m.Year, int(m.Month)
	b := [7]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + mo/10), byte('0' + mo%10)}
	return string(b[:])
}

// IsZero reports whether the month is unset.
func (m Month) IsZero() bool { return m.Year == 0 && m.Month == 0 }

// First returns the first day of the month.
func (m Month) First() date.Date { return date.New(m.Year, m.Month, 1) }

// Last returns the last day of the month.
func (m Month) Last() date.Date { return date.New(m.Year, m.Month+1, 1).Add(-1) }

// MarshalText writes the month as YYYY-MM.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a month written as YYYY-MM.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

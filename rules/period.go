package rules

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// Period is the period an evaluation judges, from its first day to its
// last, both included; expressions read it as period.from and
// period.until. It is the one period type of the public API: Year,
// Between and ParsePeriod make one, and Evaluate, Stream, Explain and
// CheckWaivers take one.
type Period struct {
	From  date.Date `expr:"from"`
	Until date.Date `expr:"until"`
}

// NewPeriod returns the period of the days of a date range.
func NewPeriod(r timespan.DateRange) Period {
	r = r.Normalise()
	return Period{From: r.Start(), Until: r.End().Add(-1)}
}

// Range returns the period as a half-open date range.
func (p Period) Range() timespan.DateRange { return timespan.NewDateRange(p.From, p.Until.Add(1)) }

// Contains reports whether d lies in the period.
func (p Period) Contains(d date.Date) bool { return !d.Before(p.From) && !d.After(p.Until) }

// String formats the period as from..until.
func (p Period) String() string { return p.From.String() + ".." + p.Until.String() }

// Year returns the period of a calendar year, 1 January to 31 December.
func Year(year int) Period { return NewPeriod(timespan.NewYearOf(year)) }

// Between returns the period from the calendar day of from to that of
// until, both included, each read in its own location.
func Between(from, until time.Time) Period {
	return Period{From: date.NewAt(from), Until: date.NewAt(until)}
}

// check reports a period that is not one: the zero value, or one that
// ends before it starts.
func (p Period) check() error {
	if p == (Period{}) {
		return fmt.Errorf("rules: no period: make one with Year, Between or ParsePeriod")
	}
	if p.Until.Before(p.From) {
		return fmt.Errorf("rules: the period %s ends before it starts", p)
	}
	return nil
}

// ParsePeriod parses an evaluation period: a year ("2024"), a half-year
// ("2024-H1"), a quarter ("2024-Q3"), a month ("2024-03") or a range of
// days with both ends included ("2024-01-01..2024-06-30").
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	if from, until, ok := strings.Cut(s, ".."); ok {
		a, err := source.ParseDate(strings.TrimSpace(from))
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %v", s, err)
		}
		b, err := source.ParseDate(strings.TrimSpace(until))
		if err != nil {
			return Period{}, fmt.Errorf("period %q: %v", s, err)
		}
		if b.Before(a) {
			return Period{}, fmt.Errorf("period %q ends before it starts", s)
		}
		return Period{From: a, Until: b}, nil
	}
	// The other forms start with a year of four digits: 2024, 2024-H1,
	// 2024-Q3, 2024-03.
	if len(s) >= 4 && isDigits(s[:4]) {
		year, _ := strconv.Atoi(s[:4])
		tail := s[4:]
		switch {
		case tail == "" && year > 0:
			return Year(year), nil
		case len(tail) == 3 && tail[0] == '-' && tail[1] == 'H' && (tail[2] == '1' || tail[2] == '2'):
			n := int(tail[2] - '0')
			return monthsPeriod(year, (n-1)*6+1, 6), nil
		case len(tail) == 3 && tail[0] == '-' && tail[1] == 'Q' && tail[2] >= '1' && tail[2] <= '4':
			n := int(tail[2] - '0')
			return monthsPeriod(year, (n-1)*3+1, 3), nil
		case len(tail) == 3 && tail[0] == '-' && isDigits(tail[1:]):
			if m, err := kiez.ParseMonth(s); err == nil {
				return monthsPeriod(m.Year, int(m.Month), 1), nil
			}
		}
	}
	return Period{}, fmt.Errorf("period %q: write a year (2024), a half-year (2024-H1), a quarter (2024-Q3), a month (2024-03) or from..until (2024-01-01..2024-06-30)", s)
}

func monthsPeriod(year, firstMonth, months int) Period {
	from := kiez.Month{Year: year, Month: timeMonth(firstMonth)}.First()
	return Period{From: from, Until: addMonths(from, months).Add(-1)}
}

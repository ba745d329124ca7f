package report

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// tally adds up sessions and their aggregated attendance.
type tally struct {
	sessions, cancelled        int
	adults, children, families int
	hours                      decimal.Decimal
	offers                     int
}

func (t *tally) add(s *kiez.Session) {
	if s.Cancelled {
		t.cancelled++
		return
	}
	t.sessions++
	t.adults += s.Attendance.Adults
	t.children += s.Attendance.Children
	t.families += s.Attendance.Families
	t.hours = t.hours.Add(s.Hours)
}

func (t *tally) merge(o tally) {
	t.sessions += o.sessions
	t.cancelled += o.cancelled
	t.adults += o.adults
	t.children += o.children
	t.families += o.families
	t.hours = t.hours.Add(o.hours)
	t.offers += o.offers
}

// attendance is the number of attendances: adults and children.
func (t tally) attendance() int { return t.adults + t.children }

// activeOffers returns the centre's offers that run in the period.
func activeOffers(c *kiez.Centre, p rules.Period) []*kiez.Offer {
	var out []*kiez.Offer
	for i := range c.Offers {
		o := &c.Offers[i]
		if (o.From == nil || !o.From.After(p.Until)) && (o.Until == nil || !o.Until.Before(p.From)) {
			out = append(out, o)
		}
	}
	return out
}

// sessionsIn returns the centre's sessions in the period, held or
// cancelled.
func sessionsIn(c *kiez.Centre, p rules.Period) []*kiez.Session {
	var out []*kiez.Session
	for i := range c.Sessions {
		if p.Contains(c.Sessions[i].Date) {
			out = append(out, &c.Sessions[i])
		}
	}
	return out
}

// centreTally adds up all of a centre's sessions in the period.
func centreTally(c *kiez.Centre, p rules.Period) tally {
	var t tally
	for _, s := range sessionsIn(c, p) {
		t.add(s)
	}
	t.offers = len(activeOffers(c, p))
	return t
}

// months lists the months of the period.
func months(p rules.Period) []kiez.Month {
	var out []kiez.Month
	y, m := p.From.Year(), p.From.Month()
	for i := 0; i < 1200; i++ {
		mo := kiez.Month{Year: y, Month: m}
		if mo.First().After(p.Until) {
			break
		}
		out = append(out, mo)
		m++
		if m > time.December {
			m, y = time.January, y+1
		}
	}
	return out
}

// monthOf returns the month of a day.
func monthOf(y int, m time.Month) kiez.Month { return kiez.Month{Year: y, Month: m} }

// offerIndex maps a centre's offer ids to the offers.
func offerIndex(c *kiez.Centre) map[string]*kiez.Offer {
	idx := make(map[string]*kiez.Offer, len(c.Offers))
	for i := range c.Offers {
		idx[c.Offers[i].ID] = &c.Offers[i]
	}
	return idx
}

// countsAs reports whether an offer counts as the given kind: its own kind
// or the kind it stands in for.
func countsAs(o *kiez.Offer, kind string) bool {
	return kind == "" || o.Kind == kind || o.EquivalentTo == kind
}

// meetingsIn returns the meetings of a list in the period, held or
// cancelled.
func meetingsIn(list []kiez.Meeting, p rules.Period) []*kiez.Meeting {
	var out []*kiez.Meeting
	for i := range list {
		if p.Contains(list[i].Date) {
			out = append(out, &list[i])
		}
	}
	return out
}

// takesPart reports whether a centre took part in a programme meeting.
func takesPart(m *kiez.Meeting, centre string) bool {
	for _, p := range m.Participants {
		if p.Centre == centre {
			return true
		}
	}
	return false
}

// activeStaff returns the positions held on the period's last day; their
// hours are read as in force that day (Position.HoursOn).
func activeStaff(c *kiez.Centre, p rules.Period) []*kiez.Position {
	var out []*kiez.Position
	for i := range c.Staff {
		if c.Staff[i].ActiveOn(p.Until) {
			out = append(out, &c.Staff[i])
		}
	}
	return out
}

// budgetOf returns the centre's budget lines of a year.
func budgetOf(c *kiez.Centre, year int) []*kiez.BudgetLine {
	var out []*kiez.BudgetLine
	for i := range c.Budget {
		if c.Budget[i].Year == year {
			out = append(out, &c.Budget[i])
		}
	}
	return out
}

// delivered counts what a centre delivered in the period towards a
// target: sessions held, attendances, families, or offers run, of offers
// of the target's offer kind (or standing in for it).
func delivered(c *kiez.Centre, t *kiez.Target, p rules.Period) (int, bool) {
	idx := offerIndex(c)
	switch t.Metric {
	case "offers":
		n := 0
		for _, o := range activeOffers(c, p) {
			if countsAs(o, t.OfferKind) {
				n++
			}
		}
		return n, true
	case "sessions", "attendance", "families":
		var tl tally
		for _, s := range sessionsIn(c, p) {
			if o := idx[s.Offer]; o != nil && countsAs(o, t.OfferKind) {
				tl.add(s)
			}
		}
		switch t.Metric {
		case "sessions":
			return tl.sessions, true
		case "attendance":
			return tl.attendance(), true
		}
		return tl.families, true
	}
	return 0, false
}

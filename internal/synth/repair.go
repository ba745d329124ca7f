package synth

import (
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// repairFunc fixes the failure r of a template centre.
type repairFunc func(pt *programmeTemplate, c *kiez.Centre, r rules.Result, year int)

// repairFor returns the repair of a failing rule of the embedded rule sets,
// or nil when Generate knows none: the template is then not cloned. The
// repairs cover the deliberate shortfalls of the shipped testdata.
func repairFor(rule string) repairFunc {
	switch rule {
	case "elterncafe-woechentlich":
		return repairWeekly("elterncafe")
	case "babycafe-woechentlich":
		return repairWeekly("babycafe")
	case "elterncafe-thematisch":
		return repairThemed
	case "leitungsfreistellung":
		return repairRelease
	case "planungstreffen-team":
		return repairHalfYear("planungstreffen-team")
	case "prozessbegleitung-erste-zwei-jahre", "prozessbegleitung-nach-veraenderung", "prozessbegleitung-laufend":
		return repairFacilitation
	case "steuerungsteam-sitzungen":
		return repairCancelledMeetings("steuerungsteam")
	}
	return nil
}

func countsAs(o *kiez.Offer, kind string) bool { return o.Kind == kind || o.EquivalentTo == kind }

// offerIDs returns the ids of the centre's offers that pass keep.
func offerIDs(c *kiez.Centre, keep func(o *kiez.Offer) bool) map[string]bool {
	ids := map[string]bool{}
	for i := range c.Offers {
		if keep(&c.Offers[i]) {
			ids[c.Offers[i].ID] = true
		}
	}
	return ids
}

// closed reports whether a day is no working day for the centre: a
// weekend, a public holiday of the Land or a closure.
func (pt *programmeTemplate) closed(c *kiez.Centre, d date.Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || pt.holidays[d] {
		return true
	}
	for _, list := range [][]kiez.Closure{c.Closures, pt.prog.Closures} {
		for _, cl := range list {
			if !d.Before(cl.From) && !d.After(cl.Until) {
				return true
			}
		}
	}
	return false
}

// repairWeekly holds the cancelled sessions of a weekly offer kind and
// gives every ISO week of the year that has an open working day but no
// session one, a copy of the session before it.
func repairWeekly(kind string) repairFunc {
	return func(pt *programmeTemplate, c *kiez.Centre, _ rules.Result, year int) {
		ids := offerIDs(c, func(o *kiez.Offer) bool { return countsAs(o, kind) })
		have := map[int]bool{}
		var model *kiez.Session
		for i := range c.Sessions {
			s := &c.Sessions[i]
			if !ids[s.Offer] || s.Date.Year() != year {
				continue
			}
			s.Cancelled = false
			y, w := s.Date.ISOWeek()
			have[y*100+w] = true
			if model == nil {
				model = s
			}
		}
		if model == nil {
			return
		}
		tmpl := *model
		first := date.New(year, time.January, 1)
		monday := first.Add(-date.PeriodOfDays((int(first.Weekday()) + 6) % 7))
		for ; monday.Year() <= year; monday = monday.Add(7) {
			y, w := monday.ISOWeek()
			if have[y*100+w] {
				continue
			}
			for i := 0; i < 5; i++ {
				d := monday.Add(date.PeriodOfDays(i))
				if d.Year() != year || pt.closed(c, d) {
					continue
				}
				s := tmpl
				s.Date, s.Themed, s.Theme, s.Cancelled = d, false, "", false
				c.Sessions = append(c.Sessions, s)
				break
			}
		}
	}
}

// repairThemed gives a theme to Elterncafé sessions until no stretch of
// the year is longer than five weeks without a themed one.
func repairThemed(_ *programmeTemplate, c *kiez.Centre, _ rules.Result, year int) {
	ids := offerIDs(c, func(o *kiez.Offer) bool { return countsAs(o, "elterncafe") })
	const maxGap = 35
	for range 60 {
		var themed []date.Date
		theme := "Thema"
		for _, s := range c.Sessions {
			if ids[s.Offer] && s.Themed && !s.Cancelled && s.Date.Year() == year {
				themed = append(themed, s.Date)
				theme = s.Theme
			}
		}
		edges := append([]date.Date{date.New(year, time.January, 1)}, sortedDates(themed)...)
		edges = append(edges, date.New(year, time.December, 31))
		from, until := date.Date{}, date.Date{}
		for i := 1; i < len(edges); i++ {
			if edges[i].Sub(edges[i-1]) > maxGap {
				from, until = edges[i-1], edges[i]
				break
			}
		}
		if from.IsZero() {
			return
		}
		mid := from.Add(until.Sub(from) / 2)
		best := -1
		for i, s := range c.Sessions {
			if !ids[s.Offer] || s.Themed || s.Cancelled || !s.Date.After(from) || !s.Date.Before(until) {
				continue
			}
			if best < 0 || absDays(s.Date.Sub(mid)) < absDays(c.Sessions[best].Date.Sub(mid)) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		c.Sessions[best].Themed, c.Sessions[best].Theme = true, theme
	}
}

func absDays(d date.PeriodOfDays) date.PeriodOfDays {
	if d < 0 {
		return -d
	}
	return d
}

func sortedDates(ds []date.Date) []date.Date {
	out := append([]date.Date(nil), ds...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Before(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// evidenceDecimal returns the decimal evidence value of a result by name.
func evidenceDecimal(r rules.Result, name string) (decimal.Decimal, bool) {
	for _, e := range r.Evidence {
		if e.Name == name {
			if d, ok := e.Value.(decimal.Decimal); ok {
				return d, true
			}
		}
	}
	return decimal.Decimal{}, false
}

// item returns the item a per-item result is about.
func item(r rules.Result) string { return r.Item }

// repairRelease raises the release time of a Leitung to what the rule
// expects (its evidence "vorgesehen").
func repairRelease(_ *programmeTemplate, c *kiez.Centre, r rules.Result, _ int) {
	want, ok := evidenceDecimal(r, "vorgesehen")
	if !ok {
		return
	}
	for i := range c.Staff {
		if c.Staff[i].ID == item(r) && c.Staff[i].ReleaseHoursPerWeek.LessThan(want) {
			c.Staff[i].ReleaseHoursPerWeek = want
		}
	}
}

// repairHalfYear adds a meeting of the kind to the half-year the result
// names, copied from one of another half-year, six months on or back.
func repairHalfYear(kind string) repairFunc {
	return func(_ *programmeTemplate, c *kiez.Centre, r rules.Result, year int) {
		label := item(r)
		second := strings.HasSuffix(label, "-H2")
		for _, m := range c.Meetings {
			if m.Kind != kind || m.Cancelled || m.Date.Year() != year || (m.Date.Month() > time.June) == second {
				continue
			}
			months := 6
			if !second {
				months = -6
			}
			m.Date = m.Date.AddDate(0, months, 0)
			m.ID = kind + "-" + strings.ToLower(label)
			m.Participants = append([]kiez.Participant(nil), m.Participants...)
			m.Kitas = append([]string(nil), m.Kitas...)
			c.Meetings = append(c.Meetings, m)
			return
		}
	}
}

// repairFacilitation raises the process facilitation of the month the
// result names to what the rule recommends (its evidence "empfohlen").
func repairFacilitation(_ *programmeTemplate, c *kiez.Centre, r rules.Result, _ int) {
	want, ok := evidenceDecimal(r, "empfohlen")
	if !ok {
		return
	}
	month := item(r)
	for i := range c.Facilitation {
		if c.Facilitation[i].Month.String() == month {
			if c.Facilitation[i].Hours.LessThan(want) {
				c.Facilitation[i].Hours = want
			}
			return
		}
	}
}

// repairCancelledMeetings holds the cancelled meetings of a kind.
func repairCancelledMeetings(kind string) repairFunc {
	return func(_ *programmeTemplate, c *kiez.Centre, _ rules.Result, year int) {
		for i := range c.Meetings {
			if c.Meetings[i].Kind == kind && c.Meetings[i].Date.Year() == year {
				c.Meetings[i].Cancelled = false
			}
		}
	}
}

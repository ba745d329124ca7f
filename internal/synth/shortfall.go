package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// injection is one kind of shortfall: the rule it makes fail and the
// change. apply returns what it changed, or false when the centre offers
// nothing to change.
type injection struct {
	rule  string
	apply func(x *target) (string, bool)
}

// target is what an injection may change: the centre, its programme record
// and the generator's state.
type target struct {
	c    *kiez.Centre
	p    *kiez.Programme
	pt   *programmeTemplate
	year int
	rng  *rand.Rand
}

// menu returns the shortfalls Generate can inject into a centre of the
// programme, keyed by the embedded rule each makes fail.
func menu(programme string) []injection {
	switch programme {
	case "wiesbaden-kiez":
		return []injection{
			{"elterncafe-woechentlich", dropWeek("elterncafe")},
			{"elterncafe-thematisch", unthemeTwo},
			{"vollzeit-kiez-verantwortliche", partTime},
			{"sprechstunde-kiez-verantwortliche", dropConsultationMonth},
			{"qualitaets-ag-teilnahme", missProgrammeMeeting("qualitaets-ag")},
		}
	case "bad-kreuznach-familienzentren":
		return []injection{
			{"leitungsfreistellung", lessRelease},
			{"planungstreffen-team", dropSecondHalf("planungstreffen-team")},
			{"austauschtreffen-teilnahme", missProgrammeMeeting("austauschtreffen-jugendamt")},
			{"feedbackschleifen", dropQuarter("feedback-kita-sozialarbeit")},
			{"sozialraumtreffen-protokoll", noMinutes("sozialraumtreffen")},
		}
	case "thueringen-thekiz":
		return []injection{
			{"steuerungsteam-sitzungen", cancelBelowMinimum("steuerungsteam", "steuerungsteamSitzungenJeJahr")},
			{"angebote-dokumentiert", noAttendance},
			{"kooperationsvertrag", noAgreement},
			{"sachbericht", noReport("sachbericht")},
		}
	}
	return nil
}

// injectShortfalls gives round(share × centres) centres, chosen at
// random, one or two shortfalls each.
func injectShortfalls(ds *kiez.Dataset, pts []*programmeTemplate, share float64, year int, rng *rand.Rand) []Shortfall {
	n := int(math.Round(share * float64(len(ds.Centres))))
	if n == 0 {
		return nil
	}
	chosen := rng.Perm(len(ds.Centres))[:n]
	sort.Ints(chosen)
	progs := map[string]*kiez.Programme{}
	byID := map[string]*programmeTemplate{}
	for i := range ds.Programmes {
		progs[ds.Programmes[i].ID] = &ds.Programmes[i]
	}
	for _, pt := range pts {
		byID[pt.prog.ID] = pt
	}
	var out []Shortfall
	for _, i := range chosen {
		c := &ds.Centres[i]
		m := menu(c.Programme)
		if len(m) == 0 {
			continue
		}
		want := 1 + rng.IntN(2)
		x := &target{c: c, p: progs[c.Programme], pt: byID[c.Programme], year: year, rng: rng}
		done := 0
		for _, k := range rng.Perm(len(m)) {
			if done == want {
				break
			}
			if what, ok := m[k].apply(x); ok {
				out = append(out, Shortfall{Centre: c.ID, Rule: m[k].rule, What: what})
				done++
			}
		}
	}
	return out
}

// pick returns a random element of a non-empty list.
func pick[T any](rng *rand.Rand, list []T) T { return list[rng.IntN(len(list))] }

// keepSessions keeps the centre's sessions for which drop is false.
func keepSessions(c *kiez.Centre, drop func(s *kiez.Session) bool) int {
	out := c.Sessions[:0:0]
	n := 0
	for i := range c.Sessions {
		if drop(&c.Sessions[i]) {
			n++
			continue
		}
		out = append(out, c.Sessions[i])
	}
	c.Sessions = out
	return n
}

// dropWeek removes the sessions of a weekly offer kind in one ISO week
// inside the year (not the first or last).
func dropWeek(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		ids := offerIDs(x.c, func(o *kiez.Offer) bool { return countsAs(o, kind) })
		var weeks []int
		seen := map[int]bool{}
		for _, s := range x.c.Sessions {
			if !ids[s.Offer] || s.Cancelled || s.Date.Year() != x.year {
				continue
			}
			y, w := s.Date.ISOWeek()
			if y != x.year || w < 2 || w > 51 || seen[y*100+w] {
				continue
			}
			seen[y*100+w] = true
			weeks = append(weeks, y*100+w)
		}
		if len(weeks) == 0 {
			return "", false
		}
		wk := pick(x.rng, weeks)
		n := keepSessions(x.c, func(s *kiez.Session) bool {
			y, w := s.Date.ISOWeek()
			return ids[s.Offer] && y*100+w == wk
		})
		return fmt.Sprintf("no %s session in ISO week %d-W%02d (%d removed)", kind, wk/100, wk%100, n), true
	}
}

// unthemeTwo takes the theme from two consecutive themed Elterncafé
// sessions, leaving a gap of three themed intervals.
func unthemeTwo(x *target) (string, bool) {
	ids := offerIDs(x.c, func(o *kiez.Offer) bool { return countsAs(o, "elterncafe") })
	var themed []int
	for i, s := range x.c.Sessions {
		if ids[s.Offer] && s.Themed && !s.Cancelled && s.Date.Year() == x.year {
			themed = append(themed, i)
		}
	}
	sort.SliceStable(themed, func(a, b int) bool { return x.c.Sessions[themed[a]].Date.Before(x.c.Sessions[themed[b]].Date) })
	if len(themed) < 4 {
		return "", false
	}
	k := 1 + x.rng.IntN(len(themed)-3)
	a, b := &x.c.Sessions[themed[k]], &x.c.Sessions[themed[k+1]]
	a.Themed, a.Theme, b.Themed, b.Theme = false, "", false, ""
	return fmt.Sprintf("no themed Elterncafé between %s and %s", x.c.Sessions[themed[k-1]].Date, x.c.Sessions[themed[k+2]].Date), true
}

// partTime cuts the KiEZ-Verantwortliche to 30 hours a week.
func partTime(x *target) (string, bool) {
	thirty := decimal.NewFromInt(30)
	for i := range x.c.Staff {
		s := &x.c.Staff[i]
		if s.Role == "kiez-verantwortliche" && s.HoursPerWeek.GreaterThan(thirty) {
			s.HoursPerWeek = thirty
			return fmt.Sprintf("KiEZ-Verantwortliche %s at 30 h/week", s.ID), true
		}
	}
	return "", false
}

// dropConsultationMonth removes the sessions of the
// KiEZ-Verantwortliche's consultation hours in one month.
func dropConsultationMonth(x *target) (string, bool) {
	ids := offerIDs(x.c, func(o *kiez.Offer) bool {
		return o.Role == "kiez-verantwortliche" && (o.Kind == "sprechstunde" || o.Kind == "offene-sprechstunde")
	})
	var months []time.Month
	for _, s := range x.c.Sessions {
		if ids[s.Offer] && !s.Cancelled && s.Date.Year() == x.year && !slices.Contains(months, s.Date.Month()) {
			months = append(months, s.Date.Month())
		}
	}
	if len(months) == 0 {
		return "", false
	}
	m := pick(x.rng, months)
	n := keepSessions(x.c, func(s *kiez.Session) bool {
		return ids[s.Offer] && s.Date.Year() == x.year && s.Date.Month() == m
	})
	return fmt.Sprintf("no Sprechstunde of the KiEZ-Verantwortliche in %d-%02d (%d removed)", x.year, int(m), n), true
}

// missProgrammeMeeting takes the centre off the participants of one
// programme meeting of the kind.
func missProgrammeMeeting(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		var idx []int
		for i, m := range x.p.Meetings {
			if m.Kind == kind && !m.Cancelled && m.Date.Year() == x.year {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return "", false
		}
		m := &x.p.Meetings[pick(x.rng, idx)]
		kept := m.Participants[:0:0]
		for _, p := range m.Participants {
			if p.Centre != x.c.ID {
				kept = append(kept, p)
			}
		}
		if len(kept) == len(m.Participants) {
			return "", false
		}
		m.Participants = kept
		return fmt.Sprintf("not at the %s of %s", kind, m.Date), true
	}
}

// lessRelease sets the Leitung's release time half an hour below the
// param in force.
func lessRelease(x *target) (string, bool) {
	want := decimal.NewFromInt(2)
	if x.pt.rules != nil {
		if p := x.pt.rules.Param("leitungsfreistellung"); p != nil {
			if v, ok := p.At(date0(x.year)); ok {
				if d, ok := v.Value.(decimal.Decimal); ok {
					want = d
				}
			}
		}
	}
	less := want.Sub(decimal.NewFromFloat(0.5))
	for i := range x.c.Staff {
		s := &x.c.Staff[i]
		if s.Role == "leitung-familienzentrum" {
			s.ReleaseHoursPerWeek = less
			return fmt.Sprintf("Leitung %s with %s h/week release time", s.ID, less), true
		}
	}
	return "", false
}

// dropSecondHalf removes the centre's meetings of the kind in the second
// half of the year.
func dropSecondHalf(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		n := keepMeetings(x.c, func(m *kiez.Meeting) bool {
			return m.Kind == kind && m.Date.Year() == x.year && m.Date.Month() > time.June
		})
		return fmt.Sprintf("no %s in %d-H2 (%d removed)", kind, x.year, n), n > 0
	}
}

// dropQuarter removes the centre's meetings of the kind in one quarter.
func dropQuarter(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		var quarters []int
		for _, m := range x.c.Meetings {
			q := (int(m.Date.Month())-1)/3 + 1
			if m.Kind == kind && !m.Cancelled && m.Date.Year() == x.year && !slices.Contains(quarters, q) {
				quarters = append(quarters, q)
			}
		}
		if len(quarters) == 0 {
			return "", false
		}
		q := pick(x.rng, quarters)
		n := keepMeetings(x.c, func(m *kiez.Meeting) bool {
			return m.Kind == kind && m.Date.Year() == x.year && (int(m.Date.Month())-1)/3+1 == q
		})
		return fmt.Sprintf("no %s in %d-Q%d (%d removed)", kind, x.year, q, n), true
	}
}

func keepMeetings(c *kiez.Centre, drop func(m *kiez.Meeting) bool) int {
	out := c.Meetings[:0:0]
	n := 0
	for i := range c.Meetings {
		if drop(&c.Meetings[i]) {
			n++
			continue
		}
		out = append(out, c.Meetings[i])
	}
	c.Meetings = out
	return n
}

// noMinutes leaves one meeting of the kind without minutes.
func noMinutes(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		var idx []int
		for i, m := range x.c.Meetings {
			if m.Kind == kind && !m.Cancelled && m.Minutes && m.Date.Year() == x.year {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			return "", false
		}
		m := &x.c.Meetings[pick(x.rng, idx)]
		m.Minutes = false
		return fmt.Sprintf("%s of %s without minutes", kind, m.Date), true
	}
}

// cancelBelowMinimum cancels meetings of the kind until one fewer is held
// than the param asks per year.
func cancelBelowMinimum(kind, param string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		minimum := 4
		if x.pt.rules != nil {
			if p := x.pt.rules.Param(param); p != nil {
				if v, ok := p.At(date0(x.year)); ok {
					if n, ok := v.Value.(int); ok {
						minimum = n
					}
				}
			}
		}
		var held []int
		for i, m := range x.c.Meetings {
			if m.Kind == kind && !m.Cancelled && m.Date.Year() == x.year {
				held = append(held, i)
			}
		}
		cancel := len(held) - minimum + 1
		if len(held) == 0 || cancel < 1 {
			return "", false
		}
		for _, k := range x.rng.Perm(len(held))[:cancel] {
			x.c.Meetings[held[k]].Cancelled = true
		}
		return fmt.Sprintf("%d of %d %s meetings cancelled", cancel, len(held), kind), true
	}
}

// noAttendance clears the head count of one held session.
func noAttendance(x *target) (string, bool) {
	var idx []int
	for i, s := range x.c.Sessions {
		if !s.Cancelled && s.Date.Year() == x.year {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return "", false
	}
	s := &x.c.Sessions[pick(x.rng, idx)]
	s.Attendance = kiez.Attendance{}
	return fmt.Sprintf("session of %s on %s without attendance", s.Offer, s.Date), true
}

// noAgreement removes the cooperation agreement of one partner.
func noAgreement(x *target) (string, bool) {
	var idx []int
	for i, p := range x.c.Partners {
		if p.Agreement != nil {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return "", false
	}
	p := &x.c.Partners[pick(x.rng, idx)]
	p.Agreement = nil
	return fmt.Sprintf("partner %s without cooperation agreement", p.ID), true
}

// noReport removes the report of the kind about the year before.
func noReport(kind string) func(x *target) (string, bool) {
	return func(x *target) (string, bool) {
		kept := x.c.Evidence[:0:0]
		for _, e := range x.c.Evidence {
			if e.Kind == kind && e.Year == x.year-1 {
				continue
			}
			kept = append(kept, e)
		}
		if len(kept) == len(x.c.Evidence) {
			return "", false
		}
		x.c.Evidence = kept
		return fmt.Sprintf("no %s about %d", kind, x.year-1), true
	}
}

package main

import (
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"time"
)

// rng returns the attendance generator of one centre: a PCG seeded from
// the centre's id, so that changing one centre leaves the others' figures
// alone.
func rng(id string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(h.Sum64(), 0x6b69657a2d676f))
}

// between returns a whole number in lo..hi.
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// room is a room a centre uses.
type room struct {
	id, name  string
	kinds     []string
	owner     string
	partner   string
	inLicence bool
	// licenceKnown writes inLicence also when it is false.
	licenceKnown bool
	available    bool
}

func (r room) yaml() M {
	m := M{{"id", r.id}, {"name", r.name}, {"kinds", strs(r.kinds...)}, {"owner", r.owner}, {"partner", r.partner}}
	if r.inLicence || r.licenceKnown {
		m = append(m, KV{"inLicence", r.inLicence})
	}
	if r.available {
		m = append(m, KV{"available", true})
	}
	return m
}

// partner is a network partner.
type partner struct {
	id, name, kind string
	signed         *time.Time // cooperation agreement, if any
	from, until    *time.Time
	reference      string
}

func (p partner) yaml() M {
	m := M{{"id", p.id}, {"name", p.name}, {"kind", p.kind}}
	if p.signed != nil {
		a := M{{"signed", *p.signed}}
		if p.from != nil {
			a = append(a, KV{"from", *p.from})
		}
		if p.until != nil {
			a = append(a, KV{"until", *p.until})
		}
		a = append(a, KV{"reference", p.reference})
		m = append(m, KV{"agreement", a})
	}
	return m
}

// offer is an offer of a centre.
type offer struct {
	id, title, kind, equivalentTo string
	fields, topics                []string
	childcare                     bool
	format                        string
	room                          string // venue: one of the centre's rooms
	venueName, venueOwner         string // venue outside the centre's rooms
	partner, funding              string
	audience                      []string
	rrule                         string
	from, until                   *time.Time
}

func (o offer) yaml(rooms []room) M {
	m := M{{"id", o.id}, {"title", o.title}, {"kind", o.kind}, {"equivalentTo", o.equivalentTo}}
	if len(o.fields) > 0 {
		m = append(m, KV{"fields", strs(o.fields...)})
	}
	if len(o.topics) > 0 {
		m = append(m, KV{"topics", strs(o.topics...)})
	}
	if o.childcare {
		m = append(m, KV{"childcare", true})
	}
	m = append(m, KV{"format", o.format})
	switch {
	case o.room != "":
		var r *room
		for i := range rooms {
			if rooms[i].id == o.room {
				r = &rooms[i]
			}
		}
		if r == nil {
			problemf("offer %s: no room %s", o.id, o.room)
			break
		}
		m = append(m, KV{"venue", F{{"room", r.id}, {"owner", r.owner}, {"partner", r.partner}}})
	case o.venueName != "":
		m = append(m, KV{"venue", F{{"name", o.venueName}, {"owner", o.venueOwner}}})
	}
	m = append(m, KV{"partner", o.partner}, KV{"funding", o.funding})
	if len(o.audience) > 0 {
		m = append(m, KV{"audience", strs(o.audience...)})
	}
	m = append(m, KV{"recurrence", o.rrule})
	if o.from != nil {
		m = append(m, KV{"from", *o.from})
	}
	if o.until != nil {
		m = append(m, KV{"until", *o.until})
	}
	return m
}

// session is one dated occurrence of an offer.
type session struct {
	offer     string
	date      time.Time
	themed    bool
	theme     string
	cancelled bool
	hours     int // tenths of an hour; 0 leaves it out
	adults    int
	children  int
	families  int
	kita      string
}

func (s session) yaml() F {
	f := F{{"offer", s.offer}, {"date", s.date}}
	if s.themed {
		f = append(f, KV{"themed", true}, KV{"theme", s.theme})
	}
	if s.cancelled {
		f = append(f, KV{"cancelled", true})
		return f
	}
	if s.hours > 0 {
		f = append(f, KV{"hours", hours(s.hours)})
	}
	a := F{}
	if s.adults > 0 {
		a = append(a, KV{"adults", s.adults})
	}
	if s.children > 0 {
		a = append(a, KV{"children", s.children})
	}
	if s.families > 0 {
		a = append(a, KV{"families", s.families})
	}
	if len(a) > 0 {
		f = append(f, KV{"attendance", a})
	}
	f = append(f, KV{"kita", s.kita})
	return f
}

// sessionList sorts sessions by date, then offer, and writes them.
func sessionList(ss []session) L {
	sort.SliceStable(ss, func(i, j int) bool {
		if !ss[i].date.Equal(ss[j].date) {
			return ss[i].date.Before(ss[j].date)
		}
		return ss[i].offer < ss[j].offer
	})
	out := make(L, len(ss))
	for i, s := range ss {
		out[i] = s.yaml()
	}
	return out
}

// participant is a role taking part in a meeting or sitting on a committee.
type participant struct {
	role, centre, kita, organisation string
	count                            int
}

func (p participant) yaml() F {
	f := F{{"role", p.role}, {"centre", p.centre}, {"kita", p.kita}, {"organisation", p.organisation}}
	if p.count > 0 {
		f = append(f, KV{"count", p.count})
	}
	return f
}

func participants(ps []participant) L {
	out := make(L, len(ps))
	for i, p := range ps {
		out[i] = p.yaml()
	}
	return out
}

// meeting is a dated meeting.
type meeting struct {
	id, kind     string
	date         time.Time
	participants []participant
	kitas        []string
	minutes      bool
	agreements   bool
	place, topic string
	cancelled    bool
}

func (m meeting) yaml() M {
	out := M{{"id", m.id}, {"kind", m.kind}, {"date", m.date}}
	if len(m.participants) > 0 {
		out = append(out, KV{"participants", participants(m.participants)})
	}
	if len(m.kitas) > 0 {
		out = append(out, KV{"kitas", strs(m.kitas...)})
	}
	if m.minutes {
		out = append(out, KV{"minutes", true})
	}
	if m.agreements {
		out = append(out, KV{"agreements", true})
	}
	out = append(out, KV{"place", m.place}, KV{"topic", m.topic})
	if m.cancelled {
		out = append(out, KV{"cancelled", true})
	}
	return out
}

func meetingList(ms []meeting) L {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].date.Before(ms[j].date) })
	out := make(L, len(ms))
	for i, m := range ms {
		out[i] = m.yaml()
	}
	return out
}

// evidence is a dated record that a document or act exists.
type evidence struct {
	id, kind    string
	date        time.Time
	from, until *time.Time
	year        int
	subject     string
	by          string
	reference   string
	note        string
}

func (e evidence) yaml() M {
	m := M{{"id", e.id}, {"kind", e.kind}, {"date", e.date}}
	if e.from != nil {
		m = append(m, KV{"from", *e.from})
	}
	if e.until != nil {
		m = append(m, KV{"until", *e.until})
	}
	if e.year > 0 {
		m = append(m, KV{"year", e.year})
	}
	m = append(m, KV{"subject", e.subject}, KV{"by", e.by}, KV{"reference", e.reference}, KV{"note", e.note})
	return m
}

func evidenceList(es []evidence) L {
	sort.SliceStable(es, func(i, j int) bool { return es[i].date.Before(es[j].date) })
	out := make(L, len(es))
	for i, e := range es {
		out[i] = e.yaml()
	}
	return out
}

// position is a staff position.
type position struct {
	id, role           string
	hours              int // tenths per week
	release            int // tenths per week
	from, until        *time.Time
	employer           string
	qualification      string
	lineSup, techSup   string
	basicQualification *time.Time
	external           bool
	funding            string
	kitas              []string
	history            []positionChange
}

// positionChange is a dated change of a position's hours (history): each
// value given (tenths per week, -1 for none) replaces the one before.
type positionChange struct {
	from           time.Time
	hours, release int
	note           string
}

func (c positionChange) yaml() M {
	m := M{{"from", c.from}}
	if c.hours >= 0 {
		m = append(m, KV{"hoursPerWeek", hours(c.hours)})
	}
	if c.release >= 0 {
		m = append(m, KV{"releaseHoursPerWeek", hours(c.release)})
	}
	return append(m, KV{"note", c.note})
}

func (p position) yaml() M {
	m := M{{"id", p.id}, {"role", p.role}, {"hoursPerWeek", hours(p.hours)}}
	if p.release > 0 {
		m = append(m, KV{"releaseHoursPerWeek", hours(p.release)})
	}
	if p.from != nil {
		m = append(m, KV{"from", *p.from})
	}
	if p.until != nil {
		m = append(m, KV{"until", *p.until})
	}
	m = append(m, KV{"employer", p.employer}, KV{"qualification", p.qualification},
		KV{"lineSupervisor", p.lineSup}, KV{"technicalSupervisor", p.techSup})
	if p.basicQualification != nil {
		m = append(m, KV{"basicQualification", *p.basicQualification})
	}
	if p.external {
		m = append(m, KV{"external", true})
	}
	m = append(m, KV{"funding", p.funding})
	if len(p.kitas) > 0 {
		m = append(m, KV{"kitas", strs(p.kitas...)})
	}
	if len(p.history) > 0 {
		h := make(L, len(p.history))
		for i, c := range p.history {
			h[i] = c.yaml()
		}
		m = append(m, KV{"history", h})
	}
	return m
}

// budgetLine is an amount for one category and year.
type budgetLine struct {
	year           int
	category       string
	planned, spent int64 // cents
	note           string
}

func (b budgetLine) yaml() M {
	m := M{{"year", b.year}, {"category", b.category}, {"planned", euro(b.planned)}}
	if b.spent > 0 {
		m = append(m, KV{"spent", euro(b.spent)})
	}
	m = append(m, KV{"note", b.note})
	return m
}

// listOf writes a list of values with a yaml method.
func listOf[T interface{ yaml() M }](xs []T) L {
	out := make(L, len(xs))
	for i, x := range xs {
		out[i] = x.yaml()
	}
	return out
}

// held returns the sessions of offer that were not cancelled.
func held(ss []session, offers ...string) []session {
	var out []session
	for _, s := range ss {
		if s.cancelled {
			continue
		}
		for _, o := range offers {
			if s.offer == o {
				out = append(out, s)
			}
		}
	}
	return out
}

// missedWeeks returns the Mondays of the ISO weeks of the period (weeks
// starting 2024-01-01 … 2024-12-30) that are not fully inside a closure and
// hold no session of ss.
func missedWeeks(ss []session, closures []closure) []time.Time {
	have := map[string]bool{}
	for _, s := range ss {
		have[key(mondayOf(s.date))] = true
	}
	var out []time.Time
	for m := mondayOf(periodStart); !m.After(periodEnd); m = addDays(m, 7) {
		excused := false
		for _, c := range closures {
			if !m.Before(c.from) && !addDays(m, 6).After(c.until) {
				excused = true
			}
		}
		if !excused && !have[key(m)] {
			out = append(out, m)
		}
	}
	return out
}

// maxThemedGap returns the longest gap in days between period start,
// the themed sessions and period end.
func maxThemedGap(ss []session) int {
	last := periodStart
	gap := 0
	for _, s := range ss {
		if !s.themed || s.cancelled {
			continue
		}
		if g := daysBetween(last, s.date); g > gap {
			gap = g
		}
		last = s.date
	}
	if g := daysBetween(last, periodEnd); g > gap {
		gap = g
	}
	return gap
}

// monthsWithout returns the months of the period without a session of ss.
func monthsWithout(ss []session) []time.Month {
	have := map[time.Month]bool{}
	for _, s := range ss {
		if s.date.Year() == 2024 {
			have[s.date.Month()] = true
		}
	}
	var out []time.Month
	for m := time.January; m <= time.December; m++ {
		if !have[m] {
			out = append(out, m)
		}
	}
	return out
}

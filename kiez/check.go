package kiez

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
)

// checker runs the semantic checks that struct tags cannot express.
type checker struct {
	ds     *Dataset
	diags  diag.Diagnostics
	vocabs map[string]Vocabulary
}

func (c *checker) errorf(path, detail, format string, args ...any) {
	c.add(diag.Error, path, detail, format, args...)
}

func (c *checker) warnf(path, detail, format string, args ...any) {
	c.add(diag.Warning, path, detail, format, args...)
}

func (c *checker) add(sev diag.Severity, path, detail, format string, args ...any) {
	if c.ds.src.failed(path) {
		return // already reported when decoding
	}
	c.diags = append(c.diags, &diag.Diagnostic{Severity: sev, Summary: fmt.Sprintf(format, args...), Detail: detail,
		Path: path, Subject: c.ds.src.rangeOf(path)})
}

// ids records the ids of one scope and reports duplicates naming both
// places.
type ids struct {
	c     *checker
	what  string
	first map[string]string
}

func (c *checker) newIDs(what string) *ids {
	return &ids{c: c, what: what, first: map[string]string{}}
}

func (s *ids) add(id, path string) {
	if id == "" {
		return
	}
	if prev, dup := s.first[id]; dup {
		where := prev
		if r := s.c.ds.src.rangeOf(prev); r != nil {
			where = fmt.Sprintf("%s (%s)", prev, r)
		}
		s.c.errorf(path, "Ids must be unique; rename one of them.", "duplicate %s id %q: already used at %s", s.what, id, where)
		return
	}
	s.first[id] = path
}

func (s *ids) has(id string) bool { _, ok := s.first[id]; return ok }

func (s *ids) list() []string {
	out := make([]string, 0, len(s.first))
	for id := range s.first {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// ref reports a reference that does not resolve.
func (c *checker) ref(s *ids, id, path string) {
	if id == "" || s.has(id) {
		return
	}
	known := s.list()
	detail := ""
	if len(known) > 0 && len(known) <= 30 {
		detail = "Known " + s.what + " ids: " + strings.Join(known, ", ") + "."
	}
	c.errorf(path, detail, "unknown %s %q%s", s.what, id, suggestion(id, known))
}

// term checks a value against a vocabulary: an error in a closed one, a
// warning in an open one.
func (c *checker) term(vocab, id, path string) {
	if id == "" {
		return
	}
	v := c.vocabs[vocab]
	if v.Has(id) {
		return
	}
	if v.Closed {
		c.errorf(path, "Allowed: "+strings.Join(v.IDs(), ", ")+".", "%q is not a known %s (%s)%s", id, v.Name, v.Title, suggestion(id, v.IDs()))
		return
	}
	if !IsID(id) {
		return // reported by the id tag
	}
	c.warnf(path, "The list is open: a new term is allowed, but check the spelling. Known: "+strings.Join(v.IDs(), ", ")+".",
		"%q is not in the glossary's %s list (%s)%s", id, v.Name, v.Title, suggestion(id, v.IDs()))
}

// ordered reports an until before a from.
func (c *checker) ordered(from, until *date.Date, path string) {
	if from != nil && until != nil && until.Before(*from) {
		c.errorf(path+".until", "The end date must be on or after the start date.", "until %s is before from %s", until, from)
	}
}

var lands = []string{"DE-BB", "DE-BE", "DE-BW", "DE-BY", "DE-HB", "DE-HE", "DE-HH", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SH", "DE-SL", "DE-SN", "DE-ST", "DE-TH"}

// maxWeekHours is the number of hours in a week; no position can exceed it.
var maxWeekHours = decimal.NewFromInt(168)

// vocabulariesByName returns the glossary's vocabularies by name.
func vocabulariesByName() map[string]Vocabulary {
	vocabs := map[string]Vocabulary{}
	for _, v := range glossary {
		vocabs[v.Name] = v
	}
	return vocabs
}

// run runs the checks that relate records to each other; the terms of
// every record are checked before (see termWalker), and c.vocabs is set.
func (c *checker) run() {
	ds := c.ds
	progs := c.newIDs("programme")
	providers := map[string]*ids{}
	for i := range ds.Programmes {
		p := &ds.Programmes[i]
		path := fmt.Sprintf("programmes[%d]", i)
		progs.add(p.ID, path+".id")
		if p.Land != "" && !contains(lands, p.Land) {
			c.errorf(path+".land", "Use the ISO 3166-2 code of a German Land: "+strings.Join(lands, ", ")+".",
				"unknown Land %q%s", p.Land, suggestion(p.Land, lands))
		}
		pv := c.newIDs("provider")
		for j := range p.Providers {
			pv.add(p.Providers[j].ID, fmt.Sprintf("%s.providers[%d].id", path, j))
		}
		providers[p.ID] = pv
		for j := range p.Closures {
			c.closure(&p.Closures[j], fmt.Sprintf("%s.closures[%d]", path, j))
		}
		for j := range p.Evidence {
			c.evidence(&p.Evidence[j], fmt.Sprintf("%s.evidence[%d]", path, j))
		}
	}
	centres := c.newIDs("centre")
	for i := range ds.Centres {
		centres.add(ds.Centres[i].ID, fmt.Sprintf("centres[%d].id", i))
	}
	// Every Kita and centre is known before any reference is checked, so
	// that a reference resolves the same whatever the order of the files.
	kitas := c.newIDs("Kita")
	scopes := c.kitaScopes(kitas)
	catchmentOf := map[string]string{}
	for i := range ds.Centres {
		ce := &ds.Centres[i]
		path := fmt.Sprintf("centres[%d]", i)
		c.ref(progs, ce.Programme, path+".programme")
		c.centre(ce, path, providers[ce.Programme], scopes.centre(i))
		for j := range ce.Catchment {
			k := &ce.Catchment[j]
			if prev, dup := catchmentOf[k.ID]; dup && prev != ce.ID {
				c.errorf(fmt.Sprintf("%s.catchment[%d].id", path, j), "A Kita belongs to the catchment of one Familienzentrum only.",
					"Kita %q is in the catchment of both %q and %q", k.ID, prev, ce.ID)
			}
			catchmentOf[k.ID] = ce.ID
		}
	}
	// Programme-level records may refer to centres and Kitas.
	for i := range ds.Programmes {
		p := &ds.Programmes[i]
		path := fmt.Sprintf("programmes[%d]", i)
		pk, pc := scopes.programme(p.ID)
		for j := range p.Meetings {
			c.meeting(&p.Meetings[j], fmt.Sprintf("%s.meetings[%d]", path, j), pc, pk, nil)
		}
		for j := range p.Committees {
			c.participants(p.Committees[j].Members, fmt.Sprintf("%s.committees[%d].members", path, j), pc, pk, nil)
		}
	}
	for i := range ds.Centres {
		ce := &ds.Centres[i]
		path := fmt.Sprintf("centres[%d]", i)
		partners := &ids{what: "partner", first: map[string]string{}}
		for j := range ce.Partners {
			partners.first[ce.Partners[j].ID] = fmt.Sprintf("%s.partners[%d]", path, j)
		}
		own := scopes.centre(i)
		_, pc := scopes.programme(ce.Programme)
		for j := range ce.Meetings {
			c.meeting(&ce.Meetings[j], fmt.Sprintf("%s.meetings[%d]", path, j), pc, own, partners)
		}
		for j := range ce.Committees {
			c.participants(ce.Committees[j].Members, fmt.Sprintf("%s.committees[%d].members", path, j), pc, own, partners)
		}
	}
	waivers := c.newIDs("waiver")
	for i := range ds.Waivers {
		w := &ds.Waivers[i]
		path := fmt.Sprintf("waivers[%d]", i)
		waivers.add(w.ID, path+".id")
		c.ref(progs, w.Programme, path+".programme")
		c.ordered(&w.From, w.Until, path)
		c.waiverSubject(w, path+".subject")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (c *checker) centre(ce *Centre, path string, providers *ids, kitas *kitaScope) {
	switch {
	case ce.Provider != "":
		if providers != nil {
			c.ref(providers, ce.Provider, path+".provider")
		}
	case len(ce.ProviderCandidates) > 0 || ce.ProviderNote != "":
		if ce.ProviderNote == "" {
			c.errorf(path+".providerNote", "Say why the provider is not known.", "providerCandidates needs a providerNote")
		}
		for j, pc := range ce.ProviderCandidates {
			if providers != nil {
				c.ref(providers, pc, fmt.Sprintf("%s.providerCandidates[%d]", path, j))
			}
		}
	default:
		c.errorf(path+".provider", "Name the centre's Träger by its id in the programme's providers, or say in providerNote why it is not known (with providerCandidates when the source names some).",
			"missing required field %q", "provider")
	}
	for j := range ce.Phases {
		p := &ce.Phases[j]
		pp := fmt.Sprintf("%s.phases[%d]", path, j)
		if j > 0 && !p.From.After(ce.Phases[j-1].From) {
			c.errorf(pp+".from", "List the phases oldest first, each starting after the one before.",
				"phase %q starts %s, not after the previous phase (%s)", p.Phase, p.From, ce.Phases[j-1].From)
		}
	}
	rooms := c.newIDs("room")
	for j := range ce.Rooms {
		r := &ce.Rooms[j]
		rp := fmt.Sprintf("%s.rooms[%d]", path, j)
		rooms.add(r.ID, rp+".id")
	}
	partners := c.newIDs("partner")
	for j := range ce.Partners {
		p := &ce.Partners[j]
		pp := fmt.Sprintf("%s.partners[%d]", path, j)
		partners.add(p.ID, pp+".id")
		if p.Agreement != nil {
			c.ordered(p.Agreement.From, p.Agreement.Until, pp+".agreement")
		}
	}
	for j := range ce.Rooms {
		if ce.Rooms[j].Partner != "" {
			c.ref(partners, ce.Rooms[j].Partner, fmt.Sprintf("%s.rooms[%d].partner", path, j))
		}
	}
	staff := c.newIDs("staff position")
	for j := range ce.Staff {
		s := &ce.Staff[j]
		sp := fmt.Sprintf("%s.staff[%d]", path, j)
		staff.add(s.ID, sp+".id")
		c.ordered(s.From, s.Until, sp)
		if s.HoursPerWeek.GreaterThan(maxWeekHours) {
			c.errorf(sp+".hoursPerWeek", "Give the weekly hours of the position.", "%s hours per week is more than a week has", s.HoursPerWeek)
		}
		if s.ReleaseHoursPerWeek.GreaterThan(maxWeekHours) {
			c.errorf(sp+".releaseHoursPerWeek", "Give the weekly release hours.", "%s release hours per week is more than a week has", s.ReleaseHoursPerWeek)
		}
		for k, kita := range s.Kitas {
			c.kitaRef(kitas, kita, fmt.Sprintf("%s.kitas[%d]", sp, k))
		}
		c.history(s, sp)
	}
	c.derivedChanges(ce, path)
	offers := c.newIDs("offer")
	offerByID := map[string]*Offer{}
	for j := range ce.Offers {
		o := &ce.Offers[j]
		op := fmt.Sprintf("%s.offers[%d]", path, j)
		offers.add(o.ID, op+".id")
		offerByID[o.ID] = o
		c.ordered(o.From, o.Until, op)
		c.ref(partners, o.Partner, op+".partner")
		if v := o.Venue; v != nil {
			c.ref(rooms, v.Room, op+".venue.room")
			c.ref(partners, v.Partner, op+".venue.partner")
		}
	}
	for j := range ce.Sessions {
		s := &ce.Sessions[j]
		sp := fmt.Sprintf("%s.sessions[%d]", path, j)
		c.ref(offers, s.Offer, sp+".offer")
		c.kitaRef(kitas, s.Kita, sp+".kita")
		if o := offerByID[s.Offer]; o != nil && !within(s.Date, o.From, o.Until) {
			c.warnf(sp+".date", "Check the date, or the offer's from/until.", "session on %s is outside the validity of offer %q", s.Date, o.ID)
		}
		if s.Themed && strings.TrimSpace(s.Theme) == "" {
			c.warnf(sp+".theme", "Name the theme of a themed session.", "themed session without a theme")
		}
	}
	evidence := c.newIDs("evidence")
	for j := range ce.Evidence {
		e := &ce.Evidence[j]
		ep := fmt.Sprintf("%s.evidence[%d]", path, j)
		evidence.add(e.ID, ep+".id")
		c.evidence(e, ep)
	}
	months := map[string]string{}
	for j := range ce.Facilitation {
		f := &ce.Facilitation[j]
		fp := fmt.Sprintf("%s.facilitation[%d]", path, j)
		c.ref(staff, f.By, fp+".by")
		key := f.Month.String() + "/" + f.By
		if prev, dup := months[key]; dup {
			c.errorf(fp+".month", "Give one entry per month and facilitator; add the hours up.", "facilitation for %s is already given at %s", f.Month, prev)
		}
		months[key] = fp
	}
	for j := range ce.Budget {
		if providers != nil && ce.Budget[j].ManagedBy != "" {
			c.ref(providers, ce.Budget[j].ManagedBy, fmt.Sprintf("%s.budget[%d].managedBy", path, j))
		}
	}
	targets := c.newIDs("target")
	for j := range ce.Targets {
		t := &ce.Targets[j]
		tp := fmt.Sprintf("%s.targets[%d]", path, j)
		targets.add(t.ID, tp+".id")
	}
	goals := c.newIDs("impact goal")
	for j := range ce.ImpactGoals {
		g := &ce.ImpactGoals[j]
		gp := fmt.Sprintf("%s.impactGoals[%d]", path, j)
		goals.add(g.ID, gp+".id")
		if g.Reviewed != nil && g.Reviewed.Before(g.Set) {
			c.errorf(gp+".reviewed", "A goal is reviewed after it is set.", "reviewed %s is before set %s", g.Reviewed, g.Set)
		}
	}
	channels := c.newIDs("channel")
	for j := range ce.Channels {
		channels.add(ce.Channels[j].ID, fmt.Sprintf("%s.channels[%d].id", path, j))
	}
	for j := range ce.CaseExchanges {
		c.ref(evidence, ce.CaseExchanges[j].Consent, fmt.Sprintf("%s.caseExchanges[%d].consent", path, j))
	}
	for j := range ce.Closures {
		c.closure(&ce.Closures[j], fmt.Sprintf("%s.closures[%d]", path, j))
	}
}

func (c *checker) evidence(e *Evidence, path string) {
	c.ordered(e.From, e.Until, path)
}

func (c *checker) closure(cl *Closure, path string) {
	if cl.Until.Before(cl.From) {
		c.errorf(path+".until", "The end date must be on or after the start date.", "until %s is before from %s", cl.Until, cl.From)
	}
}

func (c *checker) meeting(m *Meeting, path string, centres *ids, kitas *kitaScope, partners *ids) {
	c.participants(m.Participants, path+".participants", centres, kitas, partners)
	for k, kita := range m.Kitas {
		c.kitaRef(kitas, kita, fmt.Sprintf("%s.kitas[%d]", path, k))
	}
}

func (c *checker) participants(ps []Participant, path string, centres *ids, kitas *kitaScope, partners *ids) {
	for k := range ps {
		pp := fmt.Sprintf("%s[%d]", path, k)
		if ps[k].Partner != "" && partners != nil {
			c.ref(partners, ps[k].Partner, pp+".partner")
		}
		c.ref(centres, ps[k].Centre, pp+".centre")
		c.kitaRef(kitas, ps[k].Kita, pp+".kita")
	}
}

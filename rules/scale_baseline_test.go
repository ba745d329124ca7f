package rules_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// The plain-Go baseline: sixteen rules of the Bad Kreuznach rule set
// (rules/programmes/bad-kreuznach-familienzentren.yaml) written once more
// as Go functions, reaching the same verdicts as the engine (rule,
// subject, outcome, severity, waiver; TestPlainBadKreuznachMatchesEngine
// checks that) and writing messages and evidence as the engine does. BenchmarkBadKreuznachSubset runs both on the same
// synthetic centres, so that the cost of the rules engine over
// hand-written Go can be read off.
//
// The subset is representative of the shapes of the whole file: counts of
// staff by role; a rule per staff position, per offer, per catchment Kita,
// per case exchange and per meeting of the centre or the programme; rules
// per calendar year and half-year, each judged whole in the period that
// holds its last day (the edge policy of the param randregel); missing
// data; a lookup in the provider registry; Kitas visited by meetings;
// attendance of programme-wide meetings (indexed, like the engine); the
// latest evidence of a kind; sessions of some offers and their hours;
// warnings.

// plainRules are the ids of the rules of the baseline, in file order.
var plainRules = []string{
	"multiprofessionelles-team", "gemeinsamer-raum", "leitungsfreistellung", "angebotsformat",
	"information-wiederholt", "aushang-in-allen-kitas", "profil-in-konzeption", "vorstellung-kita-sozialarbeit",
	"austauschtreffen-teilnahme", "planungstreffen-team", "sozialraumtreffen-teilnehmende",
	"fallaustausch-einwilligung", "vereinbarung-8a", "offene-sprechstunde-angeboten", "zustaendigkeit-alle-kitas",
	"leitung-anstellungstraeger",
}

// plainSubset returns the embedded Bad Kreuznach programme with only the
// rules of the baseline, for the engine's side of the comparison.
func plainSubset(tb testing.TB) *rules.Programme {
	tb.Helper()
	p, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	sub := *p
	sub.Rules = nil
	for _, r := range p.Rules {
		if slices.Contains(plainRules, r.ID) {
			sub.Rules = append(sub.Rules, r)
		}
	}
	if len(sub.Rules) != len(plainRules) {
		tb.Fatalf("the baseline names %d rules, the rule file has %d of them", len(plainRules), len(sub.Rules))
	}
	return &sub
}

// plainBK evaluates the baseline's rules.
type plainBK struct {
	prog      *rules.Programme
	programme *kiez.Programme
	period    rules.Period
	waivers   []kiez.Waiver
	rule      map[string]*rules.Rule
	checks    []func(c *kiez.Centre, out []rules.Result) []rules.Result

	// The params in force.
	freistellung                        decimal.Decimal
	veroeffentlichungsArten             []string
	veroeffentlichungenJeJahr           int
	aushaengeJeKitaUndJahr              int
	planungstreffenMindestzahl          int
	policy                              schedule.EdgePolicy
	besprechungsRhythmus                schedule.Unit
	vorstellungTakt, besprechungsTakt   string
	sozialraumtreffenRollen             []string
	years, halfYears, vorstellungBucket []schedule.Bucket

	// attendance indexes the participants of the programme's meetings,
	// as the engine does: meeting → "centre\x00role".
	attendance map[*kiez.Meeting]map[string]bool
	leitungen  map[*kiez.Meeting]int
	providers  map[string]string
}

func newPlainBK(prog *rules.Programme, ds *kiez.Dataset, per rules.Period) *plainBK {
	b := &plainBK{prog: prog, period: per, rule: map[string]*rules.Rule{}}
	for i := range ds.Programmes {
		if ds.Programmes[i].ID == prog.ID {
			b.programme = &ds.Programmes[i]
		}
	}
	for _, w := range ds.Waivers {
		if w.Programme == prog.ID {
			b.waivers = append(b.waivers, w)
		}
	}
	for _, r := range prog.Rules {
		b.rule[r.ID] = r
	}
	param := func(name string) any {
		v, _ := prog.Param(name).At(per.From)
		return v.Value
	}
	b.freistellung = param("leitungsfreistellung").(decimal.Decimal)
	b.veroeffentlichungsArten = param("veroeffentlichungsArten").([]string)
	b.veroeffentlichungenJeJahr = param("veroeffentlichungenJeJahr").(int)
	b.aushaengeJeKitaUndJahr = param("aushaengeJeKitaUndJahr").(int)
	b.planungstreffenMindestzahl = param("planungstreffenMindestzahl").(int)
	b.policy, _ = schedule.ParseEdgePolicy(param("randregel").(string))
	// The baseline knows the calendar reading of the meetings' rhythm only.
	b.besprechungsRhythmus, _ = schedule.ParseUnit(param("besprechungsRhythmus").(string))
	b.vorstellungTakt = param("vorstellungTakt").(string)
	b.besprechungsTakt = param("besprechungsTakt").(string)
	b.sozialraumtreffenRollen = param("sozialraumtreffenRollen").([]string)
	b.years = split(per, "year", b.policy)
	b.halfYears = split(per, b.besprechungsTakt, b.policy)
	b.vorstellungBucket = split(per, b.vorstellungTakt, b.policy)
	b.attendance = map[*kiez.Meeting]map[string]bool{}
	b.leitungen = map[*kiez.Meeting]int{}
	b.providers = map[string]string{}
	if p := b.programme; p != nil {
		for i := range p.Meetings {
			m := &p.Meetings[i]
			set := map[string]bool{}
			for _, x := range m.Participants {
				set[x.Centre+"\x00"+x.Role] = true
				if x.Role == "leitung-familienzentrum" {
					b.leitungen[m]++
				}
			}
			b.attendance[m] = set
		}
		for _, pv := range p.Providers {
			if _, ok := b.providers[pv.ID]; !ok {
				b.providers[pv.ID] = pv.Name
			}
		}
	}
	b.checks = []func(c *kiez.Centre, out []rules.Result) []rules.Result{
		b.multiprofessionellesTeam, b.gemeinsamerRaum, b.leitungsfreistellung, b.angebotsformat,
		b.informationWiederholt, b.aushangInAllenKitas, b.profilInKonzeption, b.vorstellungKitaSozialarbeit,
		b.austauschtreffenTeilnahme, b.planungstreffenTeam, b.sozialraumtreffenTeilnehmende,
		b.fallaustauschEinwilligung, b.vereinbarung8a, b.offeneSprechstundeAngeboten, b.zustaendigkeitAlleKitas,
		b.leitungAnstellungstraeger,
	}
	return b
}

// split returns the buckets buckets(period, unit, policy) judges.
func split(per rules.Period, unit string, policy schedule.EdgePolicy) []schedule.Bucket {
	u, _ := schedule.ParseUnit(unit)
	bs, _, _ := schedule.JudgedBuckets(per.Range(), u, policy)
	if policy == schedule.ExcuseEdges {
		bs = slices.DeleteFunc(bs, func(b schedule.Bucket) bool { return b.Partial })
	}
	return bs
}

// evaluate checks the centres of the programme in data order, each rule in
// file order, as the engine does.
func (b *plainBK) evaluate(ds *kiez.Dataset) []rules.Result {
	var out []rules.Result
	for i := range ds.Centres {
		c := &ds.Centres[i]
		if c.Programme != b.prog.ID {
			continue
		}
		for _, check := range b.checks {
			out = check(c, out)
		}
	}
	return out
}

func (b *plainBK) base(id string, c *kiez.Centre, subject string) rules.Result {
	r := b.rule[id]
	return rules.Result{Programme: b.prog.ID, Rule: r.ID, Title: r.Title, Severity: r.Severity, Requirements: r.Requirements,
		Source: r.Source, Centre: c.ID, Subject: subject}
}

func (b *plainBK) missing(res rules.Result) rules.Result {
	res.Outcome = rules.OutcomeMissingData
	res.Message = "Keine Angaben im Zeitraum " + b.period.German() + "."
	if text := strings.TrimSpace(b.rule[res.Rule].Missing); text != "" {
		res.Message = text // the rule's own text (written without {{ }})
	}
	return res
}

func (b *plainBK) notApplicable(res rules.Result) rules.Result {
	res.Outcome = rules.OutcomeNotApplicable
	res.Message = "Nicht anwendbar."
	if text := strings.TrimSpace(b.rule[res.Rule].NotApplicable); text != "" {
		res.Message = text // the rule's own text (written without {{ }})
	}
	return res
}

// verdict sets the outcome, applying a waiver to a failure.
func (b *plainBK) verdict(res rules.Result, ok bool, msg string) rules.Result {
	res.Message = strings.TrimSpace(msg)
	if ok {
		res.Outcome = rules.OutcomePass
		return res
	}
	res.Outcome = rules.OutcomeFail
	for _, w := range b.waivers {
		if w.Rule == res.Rule && (w.Subject == "" || w.Subject == res.Programme || w.Subject == res.Subject || (res.Centre != "" && w.Subject == res.Centre)) &&
			!w.From.After(b.period.From) && (w.Until == nil || !w.Until.Before(b.period.Until)) {
			res.Outcome = rules.OutcomeWaived
			res.Waiver = &rules.WaiverRef{ID: w.ID, Reason: w.Reason, GrantedBy: w.GrantedBy, Granted: w.Granted, From: w.From, Until: w.Until}
			break
		}
	}
	return res
}

func ev(name string, v any) rules.Evidence {
	return rules.Evidence{Name: name, Text: rules.Format(v), Value: v}
}

func inRange(from, until *date.Date, p rules.Period) bool {
	return (from == nil || !from.After(p.Until)) && (until == nil || !until.Before(p.From))
}

func staff(c *kiez.Centre, role string, p rules.Period) []*kiez.Position {
	var out []*kiez.Position
	for i := range c.Staff {
		s := &c.Staff[i]
		if (role == "" || s.Role == role) && inRange(s.From, s.Until, p) {
			out = append(out, s)
		}
	}
	return out
}

func meetings(list []kiez.Meeting, kind string, p rules.Period) []*kiez.Meeting {
	var out []*kiez.Meeting
	for i := range list {
		m := &list[i]
		if (kind == "" || m.Kind == kind) && !m.Cancelled && p.Contains(m.Date) {
			out = append(out, m)
		}
	}
	return out
}

func (b *plainBK) multiprofessionellesTeam(c *kiez.Centre, out []rules.Result) []rules.Result {
	res := b.base("multiprofessionelles-team", c, c.ID)
	if len(staff(c, "", b.period)) == 0 {
		return append(out, b.missing(res))
	}
	ksa, eb := staff(c, "kita-sozialarbeit", b.period), staff(c, "elternberatung", b.period)
	hours := func(l []*kiez.Position) []decimal.Decimal {
		out := make([]decimal.Decimal, len(l))
		for i, s := range l {
			out[i] = s.HoursPerWeek
		}
		return out
	}
	ksaCov, ebCov := plainCoverage(positionSpans(ksa), b.period), plainCoverage(positionSpans(eb), b.period)
	res.Evidence = []rules.Evidence{ev("kitaSozialarbeitUnbesetzt", ksaCov.Gaps), ev("elternberatungUnbesetzt", ebCov.Gaps),
		ev("kitaSozialarbeitStunden", hours(ksa)), ev("elternberatungStunden", hours(eb))}
	return append(out, b.verdict(res, ksaCov.OK && ebCov.OK,
		fmt.Sprintf("Kita-Sozialarbeit: %d Stelle(n), %s; Elternberatung: %d Stelle(n), %s", len(ksa), ksaCov, len(eb), ebCov)))
}

// positionSpans returns the days the positions are held, open ends as nil.
func positionSpans(l []*kiez.Position) [][2]*date.Date {
	out := make([][2]*date.Date, len(l))
	for i, p := range l {
		out[i] = [2]*date.Date{p.From, p.Until}
	}
	return out
}

// plainCoverage merges the validity ranges (open ends nil) within the
// period, as the rule function coverage does.
func plainCoverage(ranges [][2]*date.Date, p rules.Period) rules.DayCoverage {
	covered := make([]bool, int(p.Until.Sub(p.From))+1)
	for _, r := range ranges {
		for d := p.From; !d.After(p.Until); d = d.Add(1) {
			if (r[0] == nil || !d.Before(*r[0])) && (r[1] == nil || !d.After(*r[1])) {
				covered[d.Sub(p.From)] = true
			}
		}
	}
	c := rules.DayCoverage{Days: len(covered), Gaps: []rules.Span{}}
	for i, ok := range covered {
		d := p.From.Add(date.PeriodOfDays(i))
		switch {
		case ok:
			c.Covered++
		case i > 0 && !covered[i-1]:
			c.Gaps[len(c.Gaps)-1].Until = d
		default:
			c.Gaps = append(c.Gaps, rules.Span{From: d, Until: d})
		}
	}
	c.OK = len(c.Gaps) == 0
	return c
}

func (b *plainBK) gemeinsamerRaum(c *kiez.Centre, out []rules.Result) []rules.Result {
	res := b.base("gemeinsamer-raum", c, c.ID)
	if len(c.Rooms) == 0 {
		return append(out, b.missing(res))
	}
	var all, shared []string
	ok := false
	for _, r := range c.Rooms {
		all = append(all, r.Name)
		if slices.Contains(r.Kinds, "gemeinsamer-raum") {
			ok = ok || r.Available
			if r.Available {
				shared = append(shared, r.Name+" (verfügbar)")
			} else {
				shared = append(shared, r.Name+" (nicht verlässlich verfügbar)")
			}
		}
	}
	res.Evidence = []rules.Evidence{ev("raeume", all)}
	return append(out, b.verdict(res, ok, "Gemeinsamer Raum: "+rules.Format(shared)))
}

func (b *plainBK) leitungsfreistellung(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, s := range staff(c, "leitung-familienzentrum", b.period) {
		res := b.base("leitungsfreistellung", c, c.ID+"/"+s.ID)
		// The release hours in force on each of the position's days.
		least, seen := decimal.Decimal{}, false
		below := []rules.Span{}
		for d := b.period.From; !d.After(b.period.Until); d = d.Add(1) {
			if !s.ActiveOn(d) {
				continue
			}
			r := s.ReleaseHoursOn(d)
			if !seen || r.LessThan(least) {
				least, seen = r, true
			}
			if r.LessThan(b.freistellung) {
				if n := len(below); n > 0 && below[n-1].Until.Add(1) == d {
					below[n-1].Until = d
				} else {
					below = append(below, rules.Span{From: d, Until: d})
				}
			}
		}
		msg := "Zusätzliche Leitungsfreistellung mindestens " + rules.Format(least) + " Std./Woche, vorgesehen " + rules.Format(b.freistellung) + " Std./Woche"
		if len(below) > 0 {
			parts := make([]string, len(below))
			for i, sp := range below {
				parts[i] = sp.String()
			}
			msg += "; darunter: " + strings.Join(parts, ", ")
		}
		res.Evidence = []rules.Evidence{ev("freistellung", least), ev("darunter", below), ev("vorgesehen", b.freistellung)}
		out = append(out, b.verdict(res, len(below) == 0, msg))
	}
	return out
}

var formatLabels = map[string]string{"in-person": "Präsenz", "digital": "digital", "hybrid": "hybrid (Präsenz und digital)"}

func (b *plainBK) angebotsformat(c *kiez.Centre, out []rules.Result) []rules.Result {
	for i := range c.Offers {
		o := &c.Offers[i]
		if !inRange(o.From, o.Until, b.period) {
			continue
		}
		res := b.base("angebotsformat", c, c.ID+"/"+o.ID)
		label, ok := formatLabels[o.Format]
		if !ok {
			label = "nicht angegeben"
		}
		res.Evidence = []rules.Evidence{ev("format", o.Format)}
		out = append(out, b.verdict(res, o.Format != "", o.Title+": Format "+label))
	}
	return out
}

func (b *plainBK) informationWiederholt(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, bucket := range b.years {
		res := b.base("information-wiederholt", c, c.ID+"/"+bucket.Label)
		if len(c.Evidence) == 0 {
			out = append(out, b.missing(res))
			continue
		}
		in := rules.NewPeriod(bucket.Range)
		var found []*kiez.Evidence
		for i := range c.Evidence {
			e := &c.Evidence[i]
			if slices.Contains(b.veroeffentlichungsArten, e.Kind) && in.Contains(e.Date) {
				found = append(found, e)
			}
		}
		res.Evidence = []rules.Evidence{ev("veroeffentlichungen", found)}
		out = append(out, b.verdict(res, len(found) >= b.veroeffentlichungenJeJahr,
			fmt.Sprintf("%s: %d Veröffentlichungen der Information zum Familienzentrum, mindestens %d", bucket.Label, len(found), b.veroeffentlichungenJeJahr)))
	}
	return out
}

func (b *plainBK) aushangInAllenKitas(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, bucket := range b.years {
		res := b.base("aushang-in-allen-kitas", c, c.ID+"/"+bucket.Label)
		if len(c.Evidence) == 0 {
			out = append(out, b.missing(res))
			continue
		}
		in := rules.NewPeriod(bucket.Range)
		perKita := map[string]int{}
		n := 0
		for _, e := range c.Evidence {
			if e.Kind == "aushang" && in.Contains(e.Date) {
				perKita[e.Subject]++
				n++
			}
		}
		var without []string
		for _, k := range c.Catchment {
			if perKita[k.ID] < b.aushaengeJeKitaUndJahr {
				without = append(without, k.Name)
			}
		}
		res.Evidence = []rules.Evidence{ev("aushaenge", n), ev("kitas", len(c.Catchment))}
		out = append(out, b.verdict(res, len(without) == 0,
			fmt.Sprintf("%s: Kitas ohne Aushang (mindestens %d): %s", bucket.Label, b.aushaengeJeKitaUndJahr, rules.Format(without))))
	}
	return out
}

func (b *plainBK) profilInKonzeption(c *kiez.Centre, out []rules.Result) []rules.Result {
	for i := range c.Catchment {
		k := &c.Catchment[i]
		res := b.base("profil-in-konzeption", c, c.ID+"/"+k.ID)
		if k.ProfileInKonzeption == nil {
			out = append(out, b.missing(res))
			continue
		}
		res.Evidence = []rules.Evidence{ev("seit", k.ProfileInKonzeption)}
		out = append(out, b.verdict(res, !k.ProfileInKonzeption.After(b.period.Until),
			k.Name+": Familienzentrum in der Konzeption seit "+rules.Format(k.ProfileInKonzeption)))
	}
	return out
}

func (b *plainBK) vorstellungKitaSozialarbeit(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, bucket := range b.vorstellungBucket {
		res := b.base("vorstellung-kita-sozialarbeit", c, c.ID+"/"+bucket.Label)
		if len(meetings(c.Meetings, "", b.period)) == 0 {
			out = append(out, b.missing(res))
			continue
		}
		held := meetings(c.Meetings, "vorstellung-kita-sozialarbeit", rules.NewPeriod(bucket.Range))
		visited := map[string]bool{}
		for _, m := range held {
			if slices.ContainsFunc(m.Participants, func(p kiez.Participant) bool { return p.Role == "kita-sozialarbeit" }) {
				for _, k := range m.Kitas {
					visited[k] = true
				}
			}
		}
		var missing []string
		for _, k := range c.Catchment {
			if !visited[k.ID] {
				missing = append(missing, k.Name)
			}
		}
		res.Evidence = []rules.Evidence{ev("vorstellungen", len(held)), ev("kitas", len(c.Catchment))}
		out = append(out, b.verdict(res, len(missing) == 0,
			bucket.Label+": Kitas ohne Vorstellung der Kita-Sozialarbeit: "+rules.Format(missing)))
	}
	return out
}

func (b *plainBK) austauschtreffenTeilnahme(c *kiez.Centre, out []rules.Result) []rules.Result {
	if b.programme == nil {
		return out
	}
	for _, m := range meetings(b.programme.Meetings, "austauschtreffen-jugendamt", b.period) {
		subject := m.ID
		if subject == "" {
			subject = "austauschtreffen-" + m.Date.String()
		}
		res := b.base("austauschtreffen-teilnahme", c, c.ID+"/"+subject)
		if c.Since != nil && c.Since.After(m.Date) {
			out = append(out, b.notApplicable(res))
			continue
		}
		present := b.attendance[m][c.ID+"\x00leitung-familienzentrum"]
		res.Evidence = []rules.Evidence{ev("datum", m.Date), ev("leitungenAnwesend", b.leitungen[m])}
		state := "fehlt (Teilnahme verpflichtend)"
		if present {
			state = "hat teilgenommen"
		}
		out = append(out, b.verdict(res, present, "Austauschtreffen am "+rules.Format(m.Date)+": Leitung Familienzentrum "+state))
	}
	return out
}

func (b *plainBK) planungstreffenTeam(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, bucket := range b.halfYears {
		res := b.base("planungstreffen-team", c, c.ID+"/"+bucket.Label)
		if len(meetings(c.Meetings, "", b.period)) == 0 {
			out = append(out, b.missing(res))
			continue
		}
		// span(periodOf(item), rhythm): from the first day of the rhythm's
		// bucket that holds the item's first day.
		from := b.besprechungsRhythmus.Bucket(bucket.Range.Start()).Whole.Start()
		held := meetings(c.Meetings, "planungstreffen-team", rules.Period{From: from, Until: bucket.Range.Last()})
		dates := make([]date.Date, len(held))
		for i, m := range held {
			dates[i] = m.Date
		}
		takt, err := schedule.CheckCount(dates, bucket.Range, schedule.Target{Per: b.besprechungsRhythmus, Min: b.planungstreffenMindestzahl}, schedule.WithEdges(b.policy))
		if err != nil {
			panic(err)
		}
		judged := make([]string, len(takt.Buckets))
		for i, x := range takt.Buckets {
			judged[i] = x.Label
		}
		res.Evidence = []rules.Evidence{ev("termine", dates), ev("beurteilt", judged)}
		out = append(out, b.verdict(res, takt.OK(),
			fmt.Sprintf("%s: Planungstreffen mit dem Team, mindestens %d: %s", bucket.Label, b.planungstreffenMindestzahl, cadenceText(takt))))
	}
	return out
}

// cadenceText writes a calendar-reading result of one-bucket units the way
// rules.Cadence does for half-years: "1 Termin in 1 Halbjahr; zu wenige in
// 2024-H2 (01.07.–31.12.)".
func cadenceText(r schedule.CountResult) string {
	count := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	s := count(r.Total, "Termin", "Termine") + " in " + count(len(r.Buckets), "Halbjahr", "Halbjahren")
	for i, m := range r.Missed {
		sep := ", "
		if i == 0 {
			sep = "; zu wenige in "
		}
		day := func(d date.Date) string { return rules.Format(d)[:6] }
		s += sep + m.Label + " (" + day(m.Range.Start()) + "–" + day(m.Range.Last()) + ")"
	}
	return s
}

func (b *plainBK) sozialraumtreffenTeilnehmende(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, m := range meetings(c.Meetings, "sozialraumtreffen", b.period) {
		subject := m.ID
		if subject == "" {
			subject = "sozialraumtreffen-" + m.Date.String()
		}
		res := b.base("sozialraumtreffen-teilnehmende", c, c.ID+"/"+subject)
		var roles, kitas []string
		present := map[string]bool{}
		for _, p := range m.Participants {
			if !slices.Contains(roles, p.Role) {
				roles = append(roles, p.Role)
			}
			if p.Kita != "" && !present[p.Kita] {
				present[p.Kita] = true
				kitas = append(kitas, p.Kita)
			}
		}
		var missingRoles, missingKitas []string
		for _, r := range b.sozialraumtreffenRollen {
			if !slices.Contains(roles, r) {
				missingRoles = append(missingRoles, r)
			}
		}
		for _, k := range c.Catchment {
			if !present[k.ID] {
				missingKitas = append(missingKitas, k.Name)
			}
		}
		res.Evidence = []rules.Evidence{ev("rollen", roles), ev("kitasDabei", len(kitas)), ev("kitasImEinzugsbereich", len(c.Catchment))}
		out = append(out, b.verdict(res, len(missingRoles) == 0 && len(missingKitas) == 0,
			"Sozialraumtreffen am "+rules.Format(m.Date)+": es fehlen die Rollen "+rules.Format(missingRoles)+" und die Kitas "+rules.Format(missingKitas)))
	}
	return out
}

func (b *plainBK) fallaustauschEinwilligung(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, x := range c.CaseExchanges {
		res := b.base("fallaustausch-einwilligung", c, c.ID+"/fallaustausch-"+x.Date.String())
		if !b.period.Contains(x.Date) {
			out = append(out, b.notApplicable(res))
			continue
		}
		var consent *kiez.Evidence
		var dates []date.Date
		before := false
		for i := range c.Evidence {
			e := &c.Evidence[i]
			if e.Kind == "schweigepflichtsentbindung" && e.ID == x.Consent {
				if consent == nil {
					consent = e
				}
				dates = append(dates, e.Date)
				before = before || !e.Date.After(x.Date)
			}
		}
		how := "anonym"
		if !x.Anonymous {
			how = "mit Klarnamen, ohne Schweigepflichtsentbindung"
			if x.Consent != "" {
				how = "mit Schweigepflichtsentbindung " + x.Consent
			}
		}
		named := !x.Anonymous && x.Consent != ""
		switch {
		case named && len(dates) == 0:
			how += " – diese liegt nicht vor"
		case named && !before:
			how += " vom " + rules.Format(dates) + ", also erst nach dem Austausch"
		case named:
			how += " vom " + rules.Format(dates)
		}
		res.Evidence = []rules.Evidence{ev("einwilligung", consent)}
		out = append(out, b.verdict(res, x.Anonymous || before, "Fallaustausch am "+rules.Format(x.Date)+": "+how))
	}
	return out
}

func (b *plainBK) vereinbarung8a(c *kiez.Centre, out []rules.Result) []rules.Result {
	res := b.base("vereinbarung-8a", c, c.ID)
	if len(c.Evidence) == 0 {
		return append(out, b.missing(res))
	}
	var v *kiez.Evidence
	for i := range c.Evidence {
		e := &c.Evidence[i]
		if e.Kind == "vereinbarung-8a" && !e.Date.After(b.period.Until) && (v == nil || e.Date.After(v.Date)) {
			v = e
		}
	}
	var valid [][2]*date.Date
	for i := range c.Evidence {
		e := &c.Evidence[i]
		if e.Kind == "vereinbarung-8a" && !e.Date.After(b.period.Until) {
			from := e.From
			if from == nil {
				from = &e.Date
			}
			valid = append(valid, [2]*date.Date{from, e.Until})
		}
	}
	gilt := plainCoverage(valid, b.period)
	res.Evidence = []rules.Evidence{ev("vereinbarung", v), ev("ohneVereinbarung", gilt.Gaps)}
	msg := "Vereinbarung nach § 8a SGB VIII: keine, die bis zum Ende des Zeitraums datiert ist "
	if v != nil {
		msg = "Vereinbarung nach § 8a SGB VIII: zuletzt vom " + rules.Format(v.Date)
		if v.Until != nil {
			msg += ", gültig bis " + rules.Format(v.Until)
		}
	}
	return append(out, b.verdict(res, gilt.OK, msg+"; im Zeitraum "+gilt.String()))
}

func (b *plainBK) offeneSprechstundeAngeboten(c *kiez.Centre, out []rules.Result) []rules.Result {
	res := b.base("offene-sprechstunde-angeboten", c, c.ID)
	if !slices.ContainsFunc(c.Sessions, func(s kiez.Session) bool { return b.period.Contains(s.Date) }) {
		return append(out, b.missing(res))
	}
	var offers []string
	for i := range c.Offers {
		o := &c.Offers[i]
		if (o.Kind == "offene-sprechstunde" || o.EquivalentTo == "offene-sprechstunde") && inRange(o.From, o.Until, b.period) && o.Role == "elternberatung" {
			offers = append(offers, o.ID)
		}
	}
	n, hours := 0, decimal.Zero
	for i := range c.Sessions {
		s := &c.Sessions[i]
		if !s.Cancelled && b.period.Contains(s.Date) && slices.Contains(offers, s.Offer) {
			n++
			hours = hours.Add(s.Hours)
		}
	}
	res.Evidence = []rules.Evidence{ev("stunden", hours)}
	return append(out, b.verdict(res, n > 0, fmt.Sprintf("%d Termine offener Sprechstunden der Elternberatung im Zeitraum", n)))
}

func (b *plainBK) zustaendigkeitAlleKitas(c *kiez.Centre, out []rules.Result) []rules.Result {
	all := staff(c, "", b.period)
	for i := range c.Catchment {
		k := &c.Catchment[i]
		res := b.base("zustaendigkeit-alle-kitas", c, c.ID+"/"+k.ID)
		if !slices.ContainsFunc(all, func(s *kiez.Position) bool { return len(s.Kitas) > 0 }) {
			out = append(out, b.missing(res))
			continue
		}
		serving := func(role string) []string {
			var ids []string
			for _, s := range all {
				if (role == "" || s.Role == role) && slices.Contains(s.Kitas, k.ID) {
					ids = append(ids, s.ID)
				}
			}
			return ids
		}
		ksa, eb := serving("kita-sozialarbeit"), serving("elternberatung")
		res.Evidence = []rules.Evidence{ev("stellen", serving(""))}
		out = append(out, b.verdict(res, len(ksa) > 0 && len(eb) > 0,
			k.Name+": Kita-Sozialarbeit "+rules.Format(ksa)+", Elternberatung "+rules.Format(eb)))
	}
	return out
}

func (b *plainBK) leitungAnstellungstraeger(c *kiez.Centre, out []rules.Result) []rules.Result {
	for _, s := range staff(c, "leitung-familienzentrum", b.period) {
		res := b.base("leitung-anstellungstraeger", c, c.ID+"/"+s.ID)
		if s.Employer == "" {
			out = append(out, b.missing(res))
			continue
		}
		name, ok := b.providers[c.Provider]
		if !ok {
			name = c.Provider
		}
		res.Evidence = []rules.Evidence{ev("anstellungstraeger", s.Employer), ev("traeger", name)}
		out = append(out, b.verdict(res, s.Employer == c.Provider,
			"Leitung "+s.ID+": angestellt bei "+s.Employer+", Träger des Familienzentrums ist "+c.Provider))
	}
	return out
}

// TestPlainBadKreuznachMatchesEngine holds the baseline to the engine: on
// a synthetic year and on partial periods, both reach the same verdicts
// (verdictOf) in the same order. Messages and evidence texts are prose of
// the rule file and are not compared, so that rewording a rule file does
// not break a Go test; the baseline still writes them, so that the
// benchmark measures the same work on both sides.
func TestPlainBadKreuznachMatchesEngine(t *testing.T) {
	data := synthetic(t, 150)
	sub := plainSubset(t)
	eng, err := rules.NewEngine([]*rules.Programme{sub})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"2024", "2024-H1", "2024-03-15..2024-10-20", "2023"} {
		per, err := rules.ParsePeriod(p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Evaluate(context.Background(), data.Dataset, per)
		if err != nil {
			t.Fatal(err)
		}
		// The engine gives the programme rules first; the subset has none.
		got := verdictsOf(newPlainBK(sub, data.Dataset, rules.NewPeriod(per)).evaluate(data.Dataset))
		want := verdictsOf(res)
		t.Logf("%s: %d results", p, len(got))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: the baseline's verdicts differ from the engine's (-engine +plain):\n%s", p, diff)
		}
	}
}

// verdict is what the baseline must agree on with the engine: which rule
// judged which subject of which centre, with what outcome and severity,
// and which waiver (if any) excused a failure.
type verdict struct {
	Programme, Rule, Centre, Subject string
	Outcome                          rules.Outcome
	Severity                         kiez.Severity
	Waiver                           string
}

func verdictsOf(rs []rules.Result) []verdict {
	out := make([]verdict, len(rs))
	for i, r := range rs {
		out[i] = verdict{Programme: r.Programme, Rule: r.Rule, Centre: r.Centre, Subject: r.Subject, Outcome: r.Outcome, Severity: r.Severity}
		if r.Waiver != nil {
			out[i].Waiver = r.Waiver.ID
		}
	}
	return out
}

// resultLine writes every field of a result on one line, evidence texts
// included: the tests that hold the engine to itself (one worker against
// eight, Stream against Evaluate) compare these lines.
func resultLine(r rules.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s|%s|%v|%v", r.Programme, r.Rule, r.Subject, r.Centre, r.Outcome, r.Severity, r.Message, r.Requirements, r.Source)
	for _, e := range r.Evidence {
		fmt.Fprintf(&b, "|%s=%s", e.Name, e.Text)
	}
	return b.String()
}

// BenchmarkBadKreuznachSubset evaluates the sixteen rules of the baseline
// on the Bad Kreuznach centres of the 1,000 synthetic centres, with the
// engine (one worker) and as plain Go: the ratio of the two times is the
// engine's cost over hand-written Go.
func BenchmarkBadKreuznachSubset(b *testing.B) {
	data := synthetic(b, 1000)
	sub := plainSubset(b)
	per := rules.NewPeriod(data.Period())
	b.Run("engine", func(b *testing.B) {
		eng, err := rules.NewEngine([]*rules.Programme{sub}, rules.WithWorkers(1))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := eng.Evaluate(context.Background(), data.Dataset, data.Period()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			newPlainBK(sub, data.Dataset, per).evaluate(data.Dataset)
		}
	})
}

package rules_test

import (
	"fmt"
	"slices"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// The plain-Go baseline's rules on meetings, case exchanges, agreements,
// open consultation hours and the responsibilities and employers of staff
// (see scale_baseline_test.go).

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

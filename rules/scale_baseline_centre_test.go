package rules_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The plain-Go baseline's rules on a centre's team, rooms, offers,
// publications and Kitas (see scale_baseline_test.go).

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

package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// KindImpact is the kind of the impact report (Impact).
const KindImpact Kind = "impact"

// pick returns the German or the English text. The impact report keeps
// its labels here, beside the builder, rather than in the package's table.
func (l Language) pick(de, en string) string {
	if l == English {
		return en
	}
	return de
}

// Impact builds the impact report (Folgenabschätzung) of a comparison
// (whatif.Compare): what a draft rule set, changed params or another
// period would change on the same data. It shows the two sides, the
// params that differ with their histories, the rules added, removed or
// renamed, the counts per rule before and after with a chart of the
// problems per rule, the counts per requirement and per centre, every
// changed result, and the hours missing where a changed verdict rests on
// hours.
//
// The data, the new side's rule sets (for the rules' version) and its
// period are those of the comparison's Evaluation. A published report
// shows no staff ids and no free-text notes of the data, as the other
// reports; it holds no counts of people.
func Impact(c *whatif.Comparison, opts ...Option) (*Report, error) {
	if c == nil {
		return nil, errors.New("report: Impact: nil comparison")
	}
	e, err := newEnv(c.Evaluation(), opts)
	if err != nil {
		return nil, err
	}
	l := e.l
	title := l.pick("Folgenabschätzung", "Impact assessment")
	d := e.begin(KindImpact, title, c.Old.Label+" → "+c.New.Label)
	d.meta("old", l.pick("Bisher", "Before"), sideText(l, c.Old))
	d.meta("new", l.pick("Neu", "After"), sideText(l, c.New))
	var progs []string
	for _, p := range c.New.Programmes {
		progs = append(progs, p.ID)
	}

	worse, better := whatif.Effects(c.Changes)
	sum := newSection("summary", l.pick("Überblick", "Summary"))
	differ := l.pick("unterscheiden sich", "params differ")
	if len(c.Params) == 1 {
		differ = l.pick("unterscheidet sich", "param differs")
	}
	sum.text(l.pick(
		fmt.Sprintf("%d von %d Ergebnissen ändern sich: %d werden zum Problem (nicht erfüllt, keine Angaben oder Prüffehler), %d sind keines mehr; %d bleiben gleich. %d Parameter %s.",
			len(c.Changes), max(c.Old.Results, c.New.Results), worse, better, c.Unchanged, len(c.Params), differ),
		fmt.Sprintf("%d of %d results change: %d become a problem (not met, no data or evaluation error), %d stop being one; %d stay the same. %d %s.",
			len(c.Changes), max(c.Old.Results, c.New.Results), worse, better, c.Unchanged, len(c.Params), differ)))
	if c.YearShift != 0 {
		sum.text(l.pick(
			fmt.Sprintf("Die Jahre in Gegenständen und Meldungen von %s sind vor dem Vergleich um %d verschoben.", c.Old.Label, c.YearShift),
			fmt.Sprintf("The years in subjects and messages of %s are shifted by %d before comparing.", c.Old.Label, c.YearShift)))
	}
	d.add(sum)

	if len(c.Params) > 0 {
		s := newSection("params", l.pick("Geänderte Parameter", "Changed params"))
		t := l.table("params", "",
			textCol("programme", l.pick("Programm", "Programme")), textCol("param", l.pick("Parameter", "Param")),
			textCol("unit", l.pick("Einheit", "Unit")),
			textCol("old-value", c.Old.Label), textCol("new-value", c.New.Label),
			textCol("old-history", l.pick("Verlauf ", "History ")+c.Old.Label), textCol("new-history", l.pick("Verlauf ", "History ")+c.New.Label),
			textCol("rules", l.pick("Regeln", "Rules")))
		for _, p := range c.Params {
			t.row(p.Programme, labelled{p.Name, p.Name}, p.Unit, paramText(l, p.OldValue, p.OldRaw), paramText(l, p.NewValue, p.NewRaw),
				historyOf(l, p.Old), historyOf(l, p.New), strings.Join(p.Rules, ", "))
		}
		s.table(t)
		d.add(s)
	}

	if len(c.RulesAdded)+len(c.RulesRemoved)+len(c.Renamed) > 0 {
		s := newSection("rule-changes", l.pick("Neue, entfallene und umbenannte Regeln", "Rules added, removed or renamed"))
		t := l.table("rule-changes", "", textCol("programme", l.pick("Programm", "Programme")), textCol("rule", l.pick("Regel", "Rule")),
			textCol("change", l.pick("Änderung", "Change")), textCol("title", l.pick("Titel", "Title")))
		for _, r := range c.RulesAdded {
			t.row(r.Programme, r.ID, l.pick("neu", "added"), r.Title)
		}
		for _, r := range c.RulesRemoved {
			t.row(r.Programme, r.ID, l.pick("entfällt", "removed"), r.Title)
		}
		for _, r := range c.Renamed {
			t.row(r.Programme, r.New, l.pick("umbenannt, bisher ", "renamed, before ")+r.Old, "")
		}
		s.table(t)
		d.add(s)
	}

	byRule := newSection("by-rule", l.pick("Ergebnisse je Regel", "Results per rule"))
	rt := countTable(l, "by-rule", l.pick("Regel", "Rule"), c, c.Rules, true)
	if !rt.empty() {
		byRule.table(rt)
		byRule.chart(Chart{ID: "by-rule-chart", Title: l.pick("Probleme je Regel, bisher und neu", "Problems per rule, before and after"),
			Type: ChartBar, Table: "by-rule", Category: "key", Series: []string{"old-problems", "new-problems"}})
	} else {
		byRule.text(l.pick("Kein Ergebnis ändert sich.", "No result changes."))
	}
	d.add(byRule)
	if t := countTable(l, "by-requirement", l.pick("Anforderung", "Requirement"), c, c.Requirements, false); !t.empty() {
		s := newSection("by-requirement", l.pick("Ergebnisse je Anforderung", "Results per requirement"))
		s.table(t)
		d.add(s)
	}
	if t := countTable(l, "by-centre", l.pick("Zentrum", "Centre"), c, c.Centres, false); !t.empty() {
		s := newSection("by-centre", l.pick("Ergebnisse je Zentrum", "Results per centre"))
		s.table(t)
		d.add(s)
	}

	if len(c.Changes) > 0 {
		d.add(e.impactChanges(c))
	}
	if len(c.HoursTotal) > 0 {
		d.add(e.impactHours(c))
	}
	return e.end(d, progs...)
}

// impactChanges lists every changed result. A published report shows
// the message built from rule and outcome (as the compliance report does)
// and no hours: the hours one centre lacks would show its staff's hours.
func (e *env) impactChanges(c *whatif.Comparison) *sectionBuilder {
	l := e.l
	s := newSection("changes", l.pick("Geänderte Ergebnisse", "Changed results"))
	cols := []Column{textCol("programme", l.pick("Programm", "Programme")), textCol("centre", l.pick("Zentrum", "Centre")),
		textCol("rule", l.pick("Regel", "Rule")), textCol("subject", l.pick("Gegenstand", "Subject")),
		textCol("kind", l.pick("Änderung", "Change")),
		outcomeCol("old", c.Old.Label), outcomeCol("new", c.New.Label)}
	if !e.cfg.Published {
		cols = append(cols, decimalCol("missing", l.pick("fehlende Stunden", "hours missing"), "", -1), textCol("unit", l.pick("Einheit", "Unit")))
	}
	cols = append(cols, textCol("message", l.pick("Meldung ", "Message ")+c.New.Label))
	t := l.table("changes", "", cols...)
	for _, ch := range c.Changes {
		old, now, ref := ch.Results()
		rule := ch.Rule
		if ch.OldRule != "" {
			rule += l.pick(" (bisher ", " (before ") + ch.OldRule + ")"
		}
		row := []any{ch.Programme, ch.Centre, rule, ch.Subject, kindLabel(l, ch.Kind), old, now}
		if !e.cfg.Published {
			var missing any
			unit := ""
			if ch.Hours != nil {
				missing, unit = ch.Hours.Missing, ch.Hours.Unit
			} else if ch.OldHours != nil {
				missing, unit = decimal.Zero, ch.OldHours.Unit
			}
			row = append(row, missing, unit)
		}
		t.row(append(row, oneLine(e.message(ref)))...)
	}
	s.table(t)
	return s
}

// impactHours sums the hours missing per centre and per param. A
// published report shows only the sums per param over at least the
// threshold's number of subjects, so that no centre's staff hours can be
// read from it.
func (e *env) impactHours(c *whatif.Comparison) *sectionBuilder {
	l := e.l
	s := newSection("hours", l.pick("Fehlende Stunden", "Hours missing"))
	s.text(l.pick(
		"Je Zentrum und Parameter die Summe der Fehlbeträge der geänderten Ergebnisse, jeder in der Einheit des Parameters: bei h/Woche über mehrere Stellen die Wochenstunden, die zusammen fehlen; bei h/Monat über mehrere Monate die Stunden, die in diesen Monaten fehlen.",
		"Per centre and param the sum of the shortfalls of the changed results, each in the param's unit: for h/Woche over several positions the weekly hours they lack together; for h/Monat over several months the hours lacking in those months."))
	cols := []Column{textCol("programme", l.pick("Programm", "Programme")), textCol("centre", l.pick("Zentrum", "Centre")),
		textCol("param", l.pick("Parameter", "Param")), textCol("unit", l.pick("Einheit", "Unit")),
		countCol("subjects", l.pick("Gegenstände", "Subjects")),
		decimalCol("old-missing", l.pick("fehlen ", "missing ")+c.Old.Label, "", -1),
		decimalCol("new-missing", l.pick("fehlen ", "missing ")+c.New.Label, "", -1),
		decimalCol("extra", l.pick("Mehrbedarf", "Extra"), "", -1)}
	if !e.cfg.Published {
		t := l.table("hours", "", cols...)
		for _, h := range c.Hours {
			t.row(h.Programme, h.Centre, h.Param, h.Unit, h.Subjects, h.OldMissing, h.Missing, h.Extra())
		}
		s.table(t)
	} else {
		s.text(l.pick(
			fmt.Sprintf("In der veröffentlichten Fassung stehen nur Summen über mindestens %d Gegenstände, keine Stunden einzelner Zentren.", e.cfg.Threshold),
			fmt.Sprintf("The published edition shows only sums over at least %d subjects, no hours of single centres.", e.cfg.Threshold)))
	}
	tt := l.table("hours-total", l.pick("Summe je Parameter", "Sum per param"), cols...)
	for _, h := range c.HoursTotal {
		if e.cfg.Published && h.Subjects < e.cfg.Threshold {
			continue
		}
		tt.row(h.Programme, l.pick("alle", "all"), h.Param, h.Unit, h.Subjects, h.OldMissing, h.Missing, h.Extra())
	}
	s.table(tt)
	return s
}

// countTable lists the counts with changes: results that pass and that
// are a problem on each side, and the changes.
func countTable(l Language, id, what string, c *whatif.Comparison, counts []whatif.Count, withTitle bool) *tableBuilder {
	cols := []Column{textCol("programme", l.pick("Programm", "Programme")), textCol("key", what)}
	if withTitle {
		cols = append(cols, textCol("title", l.pick("Titel", "Title")))
	}
	cols = append(cols,
		countCol("old-pass", l.pick("erfüllt ", "met ")+c.Old.Label), countCol("old-problems", l.pick("Probleme ", "problems ")+c.Old.Label),
		countCol("new-pass", l.pick("erfüllt ", "met ")+c.New.Label), countCol("new-problems", l.pick("Probleme ", "problems ")+c.New.Label),
		countCol("changes", l.pick("geändert", "changed")), countCol("worse", l.pick("neu mit Problem", "new problems")),
		countCol("better", l.pick("ohne Problem mehr", "problems resolved")))
	t := l.table(id, "", cols...)
	for _, cnt := range counts {
		if cnt.Changes == 0 {
			continue
		}
		row := []any{cnt.Programme, cnt.Key}
		if withTitle {
			row = append(row, cnt.Title)
		}
		row = append(row, cnt.Old[rules.OutcomePass], problems(cnt.Old), cnt.New[rules.OutcomePass], problems(cnt.New),
			cnt.Changes, cnt.Worse, cnt.Better)
		t.row(row...)
	}
	return t
}

// problems counts the results that fail, lack data or could not be
// evaluated.
func problems(t whatif.Tally) int {
	return t[rules.OutcomeFail] + t[rules.OutcomeMissingData] + t[rules.OutcomeError]
}

func kindLabel(l Language, k whatif.Kind) string {
	if l == English {
		switch k {
		case whatif.KindOutcome:
			return "outcome changed"
		case whatif.KindAdded:
			return "added"
		case whatif.KindRemoved:
			return "removed"
		case whatif.KindMessage:
			return "message changed"
		}
	}
	return k.Label()
}

// sideText describes a side: its programmes with their versions and its
// period.
func sideText(l Language, s whatif.SideInfo) string {
	var parts []string
	for _, p := range s.Programmes {
		t := p.ID
		if p.Version != "" {
			t += " " + p.Version
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, ", ") + "; " + l.formatDate(s.Period.From) + " – " + l.formatDate(s.Period.Until)
}

// historyOf formats a param's history, "–" for none.
func historyOf(l Language, h []whatif.ParamValue) string {
	if h == nil {
		return emptyText
	}
	var parts []string
	for _, v := range h {
		parts = append(parts, paramText(l, v.Value, v.Raw)+l.pick(" ab ", " from ")+l.formatDate(v.From))
	}
	return strings.Join(parts, ", ")
}

// paramText writes a param's value in the report's language: the value
// itself when the comparison holds it, else its German text.
func paramText(l Language, text string, raw any) string {
	if raw == nil || l != English {
		return text
	}
	return rules.FormatIn(string(l), raw)
}

// oneLine joins the lines of a message.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

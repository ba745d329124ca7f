package report

import (
	"fmt"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// WithPreviousYear adds the year-over-year section (Vorjahresvergleich)
// to the centre and programme annual reports: the verdicts that changed
// since an earlier period, with their outcomes then and now. c compares
// the earlier period (old side) with the report's period (new side) on
// the same data, as whatif.Compare does with the same rules over both
// periods; its new period must be the report's. A published report shows
// the messages built from rule and outcome, as the compliance report.
func WithPreviousYear(c *whatif.Comparison) Option { return func(cfg *Config) { cfg.Previous = c } }

// checkPrevious refuses a comparison whose new side is not the report's
// period: its verdicts would not be the report's.
func (e *env) checkPrevious() error {
	c := e.cfg.Previous
	if c == nil {
		return nil
	}
	if c.New.Period != e.per {
		return fmt.Errorf("report: the comparison of WithPreviousYear ends with the period %s, the report is for %s; compare the earlier period with the report's", c.New.Period.German(), e.per.German())
	}
	return nil
}

// centrePreviousSection is a centre's Vorjahresvergleich: how many of its
// results changed, and each change.
func (e *env) centrePreviousSection(c *kiez.Centre) *sectionBuilder {
	cmp := e.cfg.Previous
	if cmp == nil {
		return newSection("previous-year", "") // left out: no text, no table
	}
	l := e.l
	s := newSection("previous-year", l.pick("Vorjahresvergleich", "Compared with the previous year"))
	var changes []whatif.Change
	for _, ch := range cmp.Changes {
		if ch.Programme == c.Programme && ch.Centre == c.ID {
			changes = append(changes, ch)
		}
	}
	s.text(previousSummary(l, cmp, changes))
	if len(changes) > 0 {
		s.table(e.previousChanges(cmp, changes, false))
	}
	return s
}

// programmePreviousSection is a programme's Vorjahresvergleich: the
// counts of changed results per centre and the changes of the
// programme-wide rules.
func (e *env) programmePreviousSection(programme string, centres []*kiez.Centre) *sectionBuilder {
	cmp := e.cfg.Previous
	if cmp == nil {
		return newSection("previous-year", "") // left out: no text, no table
	}
	l := e.l
	s := newSection("previous-year", l.pick("Vorjahresvergleich", "Compared with the previous year"))
	var all, wide []whatif.Change
	names := map[string]string{} // the report's centres, id → name
	for _, c := range centres {
		names[c.ID] = c.Name
	}
	for _, ch := range cmp.Changes {
		if _, shown := names[ch.Centre]; ch.Programme != programme || (ch.Centre != "" && !shown) {
			continue
		}
		all = append(all, ch)
		if ch.Centre == "" {
			wide = append(wide, ch)
		}
	}
	s.text(previousSummary(l, cmp, all))
	if len(all) == 0 {
		return s
	}
	t := l.table("previous-by-centre", l.pick("Geänderte Ergebnisse je Zentrum", "Changed results per centre"),
		textCol("centre", l.pick("Zentrum", "Centre")),
		countCol("old-problems", l.pick("Probleme ", "problems ")+cmp.Old.Label), countCol("new-problems", l.pick("Probleme ", "problems ")+cmp.New.Label),
		countCol("changes", l.pick("geändert", "changed")), countCol("worse", l.pick("neu mit Problem", "new problems")),
		countCol("better", l.pick("ohne Problem mehr", "problems resolved")))
	for _, cnt := range cmp.Centres {
		name, shown := names[cnt.Key]
		if cnt.Programme != programme || cnt.Changes == 0 || !shown {
			continue
		}
		t.row(name, problems(cnt.Old), problems(cnt.New), cnt.Changes, cnt.Worse, cnt.Better)
	}
	if !t.empty() {
		s.table(t)
	}
	if len(wide) > 0 {
		s.table(e.previousChanges(cmp, wide, true))
	}
	return s
}

// previousSummary says how many results changed and in which direction.
func previousSummary(l Language, cmp *whatif.Comparison, changes []whatif.Change) string {
	if len(changes) == 0 {
		return l.pick(
			fmt.Sprintf("Gegenüber %s hat sich kein Ergebnis geändert.", cmp.Old.Label),
			fmt.Sprintf("No result changed since %s.", cmp.Old.Label))
	}
	worse, better := whatif.Effects(changes)
	return l.pick(
		fmt.Sprintf("Gegenüber %s haben sich %d Ergebnisse geändert: %d sind neu ein Problem (nicht erfüllt, keine Angaben oder Prüffehler), %d sind keines mehr; bei den übrigen änderte sich die Meldung oder die Regel ist neu oder entfallen.", cmp.Old.Label, len(changes), worse, better),
		fmt.Sprintf("Since %s %d results changed: %d became a problem (not met, no data or evaluation error), %d stopped being one; for the others the message changed or the rule was added or removed.", cmp.Old.Label, len(changes), worse, better))
}

// previousChanges lists changed results with their outcomes before and
// now; wide marks the programme-wide rules (no centre column needed).
func (e *env) previousChanges(cmp *whatif.Comparison, changes []whatif.Change, wide bool) *tableBuilder {
	l := e.l
	title := l.pick("Geänderte Ergebnisse", "Changed results")
	if wide {
		title = l.pick("Geänderte Ergebnisse der Regeln für das ganze Programm", "Changed results of the programme-wide rules")
	}
	t := l.table("previous-changes", title,
		textCol("rule", l.pick("Regel", "Rule")), textCol("title", l.pick("Titel", "Title")),
		textCol("subject", l.pick("Gegenstand", "Subject")), textCol("kind", l.pick("Änderung", "Change")),
		outcomeCol("old", cmp.Old.Label), outcomeCol("new", cmp.New.Label),
		textCol("message", l.pick("Meldung ", "Message ")+cmp.New.Label))
	for _, ch := range changes {
		old, now, ref := ch.Results()
		t.row(ch.Rule, ch.Title, e.previousSubject(ref), kindLabel(l, ch.Kind), old, now, oneLine(e.message(ref)))
	}
	return t
}

// previousSubject names a changed result's subject as the compliance
// report does (a published report shows no staff ids).
func (e *env) previousSubject(r *rules.Result) any {
	return e.itemName(r, e.centre(r.Centre))
}

package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// ProgrammeAnnual builds the annual report of a programme: all its
// centres side by side — key figures, attendance per month and per centre
// and month, offers by kind and field, the Kitas of the catchments, the
// reports each centre delivered for the year, the programme-wide meetings
// and who took part, development phases and organisation forms, process
// facilitation, staffing by role, budget by category and the rules'
// verdicts per centre. Sections without data are left out.
//
// For Wiesbaden it shows the ten KiEZ side by side, as the Sachgebiet's
// control of attendance and of the annual evaluations and business
// reports (WI-06) needs; for Bad Kreuznach it merges the Familienzentren'
// figures and the Verwendungsnachweise and annual reports of
// Kita-Sozialarbeit and Elternberatung into the Jahresbericht
// Sozialraumbudget (BK-20; build it with WithPublished to publish it into
// the Sozialraum, and name it with WithTitle); for Thüringen it gives the
// overview by phase and organisation form.
func ProgrammeAnnual(ev *rules.Evaluation, programme string, opts ...Option) (*Report, error) {
	e, err := newEnv(ev, opts)
	if err != nil {
		return nil, err
	}
	if err := e.checkPrevious(); err != nil {
		return nil, err
	}
	prog := e.programme(programme)
	centres := e.centres(programme)
	if prog == nil && len(centres) == 0 {
		return nil, fmt.Errorf("report: no programme %q in the data", programme)
	}
	l := e.l
	name := e.programmeName(programme)
	d := e.begin(KindProgrammeAnnual, l.tf("programme.title", e.periodTitle(), name), "")
	d.meta("programme", l.t("meta.programme"), name)
	if prog != nil {
		d.meta("authority", l.t("meta.authority"), prog.Authority)
	}
	d.metaData("period", l.t("meta.period"), l.formatPeriod(e.per.From, e.per.Until), isoPeriod(e.per.From, e.per.Until))
	d.metaData("centres", l.t("meta.centres"), fmt.Sprint(len(centres)), len(centres))
	if ft, ok := e.fullTime(programme); ok {
		d.metaData("full-time", l.t("meta.fullTime"), l.formatDecimal(ft, -1, true)+" "+l.t("unit.hoursWeek"), ft.String())
	}

	d.add(e.centreListSection(centres))
	d.add(e.figureSection(programme, centres))
	d.add(e.monthSection("months", centres))
	d.add(e.matrixSection(centres))
	d.add(e.kindSection(centres))
	d.add(e.fieldSection(centres))
	d.add(e.catchmentSection(centres))
	d.add(e.reportSection(prog, centres))
	d.add(e.programmeMeetingSection(prog, centres))
	d.add(e.phaseSection(centres))
	d.add(e.facilitationMatrix(centres))
	d.add(e.programmeStaffSection(programme, centres))
	d.add(e.programmeBudgetSection(centres))
	d.add(e.programmeVerdictSection(programme, centres))
	d.add(e.programmePreviousSection(programme, centres))
	return e.end(d, programme)
}

func (e *env) centreListSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("centres", l.t("section.centres"))
	thekiz := slices.ContainsFunc(centres, func(c *kiez.Centre) bool { return len(c.Phases) > 0 || len(c.OrganisationForms) > 0 })
	catchment := slices.ContainsFunc(centres, func(c *kiez.Centre) bool { return len(c.Catchment) > 0 })
	since := slices.ContainsFunc(centres, func(c *kiez.Centre) bool { return c.Since != nil })
	cols := []Column{textCol("centre", l.t("col.centre")), textCol("location", l.t("col.location")),
		textCol("provider", l.t("col.provider"))}
	if since {
		cols = append(cols, dateCol("since", l.t("col.since")))
	}
	if thekiz {
		cols = append(cols, textCol("phase", l.t("col.phase")), dateCol("phaseSince", l.t("col.phaseSince")),
			textCol("organisationForm", l.t("col.organisationForm")))
	}
	if catchment {
		cols = append(cols, countCol("kitas", l.t("col.catchmentKitas")))
	}
	t := l.table("centres", "", cols...)
	for _, c := range centres {
		vals := []any{labelled{c.ID, c.Name}, place(c), e.providerName(c)}
		if since {
			vals = append(vals, c.Since)
		}
		if thekiz {
			var phase, since any
			if ph, ok := phaseAt(c, e.per.Until); ok {
				phase, since = labelled{ph.Phase, l10nTerm(l, kiez.VocabPhase, ph.Phase)}, ph.From
			}
			vals = append(vals, phase, since, l.terms(kiez.VocabOrganisationForm, c.OrganisationForms))
		}
		if catchment {
			vals = append(vals, len(c.Catchment))
		}
		t.row(vals...)
	}
	s.table(t)
	return s
}

// figureSection sets the centres' key figures side by side.
func (e *env) figureSection(programme string, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("figures", l.t("section.figures"))
	ft, ftOK := e.fullTime(programme)
	t := l.table("figures", "", textCol("centre", l.t("col.centre")), countCol("offers", l.t("col.offers")),
		countCol("sessions", l.t("col.sessions")), measured(personsCol("attendance", l.t("col.attendance")), "attendance", ""),
		measured(personsCol("families", l.t("col.families")), "families", ""), countCol("meetings", l.t("col.meetings")),
		countCol("positions", l.t("col.positions")), decimalCol("fte", l.t("col.fte"), "", 2),
		decimalCol("planned", l.t("col.planned"), "€", 2), decimalCol("spent", l.t("col.spent"), "€", 2))
	var sum tally
	meetings, positions := 0, 0
	hours, planned, spent := decimal.Zero, decimal.Zero, decimal.Zero
	for _, c := range centres {
		tl := centreTally(c, e.per)
		m := 0
		for _, x := range meetingsIn(c.Meetings, e.per) {
			if !x.Cancelled {
				m++
			}
		}
		staff := activeStaff(c, e.per)
		h := decimal.Zero
		for _, p := range staff {
			h = h.Add(p.HoursOn(e.per.Until))
		}
		pl, sp := decimal.Zero, decimal.Zero
		for _, b := range budgetOf(c, e.year()) {
			pl, sp = pl.Add(b.Planned), sp.Add(b.Spent)
		}
		t.row(labelled{c.ID, c.Name}, tl.offers, tl.sessions, tl.attendance(), tl.families, m, len(staff), e.publicFTE(h, ft, ftOK), pl, sp)
		t.rowFacet("centre=" + c.ID)
		sum.merge(tl)
		meetings += m
		positions += len(staff)
		hours, planned, spent = hours.Add(h), planned.Add(pl), spent.Add(sp)
	}
	if len(centres) == 0 {
		return s
	}
	t.total(l.t("total"), sum.offers, sum.sessions, sum.attendance(), sum.families, meetings, positions, e.publicFTE(hours, ft, ftOK), planned, spent)
	s.text(l.tf("figures.text", l.formatDate(e.per.Until)))
	s.table(t)
	s.chart(Chart{ID: "figures-chart", Title: l.t("chart.attendanceCentre"), Type: ChartBar, Table: "figures",
		Category: "centre", Series: []string{"attendance"}, Horizontal: true})
	return s
}

// publicFTE is the full-time equivalent of a centre's or programme's
// hours in an internal report; a published one leaves it out, as the
// hours of a centre with one position are that position's.
func (e *env) publicFTE(hours, fullTime decimal.Decimal, ok bool) *decimal.Decimal {
	if e.cfg.Published {
		return nil
	}
	return fte(hours, fullTime, ok)
}

// matrixSection sets attendance per centre and month, with sums in both
// directions.
func (e *env) matrixSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("centre-months", l.t("section.centreMonths"))
	ms := months(e.per)
	if len(ms) > 24 || len(centres) == 0 {
		return s
	}
	cols := []Column{textCol("centre", l.t("col.centre"))}
	var keys []string
	for _, m := range ms {
		cols = append(cols, measured(personsCol(m.String(), l.monthShort(m.Month)), "attendance", "month="+m.String()))
		keys = append(keys, m.String())
	}
	total := measured(personsCol("total", l.t("total")), "attendance", "")
	total.SumOf = keys
	cols = append(cols, total)
	t := l.table("centre-months", "", cols...)
	colSum := make([]int, len(ms)+1)
	for _, c := range centres {
		by := map[kiez.Month]int{}
		for _, ss := range sessionsIn(c, e.per) {
			if !ss.Cancelled {
				by[monthOf(ss.Date.Year(), ss.Date.Month())] += ss.Attendance.Adults + ss.Attendance.Children
			}
		}
		vals := []any{labelled{c.ID, c.Name}}
		rowSum := 0
		for i, m := range ms {
			vals = append(vals, by[m])
			rowSum += by[m]
			colSum[i] += by[m]
		}
		colSum[len(ms)] += rowSum
		t.row(append(vals, rowSum)...)
		t.rowFacet("centre=" + c.ID)
	}
	vals := []any{l.t("total")}
	for _, n := range colSum {
		vals = append(vals, n)
	}
	t.total(vals...)
	s.text(l.t("centreMonths.text"))
	s.table(t)
	return s
}

// kindSection counts offers, sessions and attendance by offer kind over
// the centres.
func (e *env) kindSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("offer-kinds", l.t("section.offerKinds"))
	by := map[string]*tally{}
	with := map[string]map[string]bool{}
	var kinds []string
	for _, c := range centres {
		idx := offerIndex(c)
		for _, o := range activeOffers(c, e.per) {
			if by[o.Kind] == nil {
				by[o.Kind], with[o.Kind] = &tally{}, map[string]bool{}
				kinds = append(kinds, o.Kind)
			}
			by[o.Kind].offers++
			with[o.Kind][c.ID] = true
		}
		for _, ss := range sessionsIn(c, e.per) {
			if o := idx[ss.Offer]; o != nil && by[o.Kind] != nil {
				by[o.Kind].add(ss)
			}
		}
	}
	cols := append([]Column{textCol("kind", l.t("col.offerKind")), countCol("centres", l.t("col.centres")),
		countCol("offers", l.t("col.offers"))}, l.attendanceColumns()...)
	t := l.table("offer-kinds", "", cols...)
	t.facet(e.offerScope(centres))
	var sum tally
	for _, k := range l.orderedTerms(kiez.VocabOfferKind, kinds) {
		t.row(append([]any{labelled{k, l10nTerm(l, kiez.VocabOfferKind, k)}, len(with[k]), by[k].offers}, by[k].values()...)...)
		t.rowFacet("kind=" + k)
		sum.merge(*by[k])
	}
	if len(kinds) > 0 {
		t.total(append([]any{l.t("total"), nil, sum.offers}, sum.values()...)...)
	}
	s.table(t)
	return s
}

// catchmentSection sets, per Familienzentrum, the Kitas of its catchment
// and how many of them its sessions and Sozialraum meetings reached.
func (e *env) catchmentSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("catchment", l.t("section.catchment"))
	if !slices.ContainsFunc(centres, func(c *kiez.Centre) bool { return len(c.Catchment) > 0 }) {
		return s
	}
	t := l.table("catchment", "", textCol("centre", l.t("col.centre")), countCol("kitas", l.t("col.catchmentKitas")),
		countCol("reached", l.t("col.kitasReached")), countCol("sessions", l.t("col.kitaSessions")),
		measured(personsCol("families", l.t("col.families")), "families", ""))
	t.facet(e.kitaScope(centres))
	var kitas, reached int
	var sum tally
	for _, c := range centres {
		by := map[string]*tally{}
		var tl tally
		for _, ss := range sessionsIn(c, e.per) {
			if ss.Kita == "" {
				continue
			}
			if by[ss.Kita] == nil {
				by[ss.Kita] = &tally{}
			}
			by[ss.Kita].add(ss)
			tl.add(ss)
		}
		r := countReached(c.Catchment, by)
		t.row(labelled{c.ID, c.Name}, len(c.Catchment), r, tl.sessions, tl.families)
		t.rowFacet("centre=" + c.ID)
		kitas += len(c.Catchment)
		reached += r
		sum.merge(tl)
	}
	t.total(l.t("total"), kitas, reached, sum.sessions, sum.families)
	s.text(l.t("catchment.text"))
	s.table(t)
	return s
}

// reportKey is a kind of report and, when it names a role, who writes it.
type reportKey struct{ kind, by string }

// reportSection sets which annual reports about the period's year each
// centre delivered, and when; and the programme's own.
func (e *env) reportSection(prog *kiez.Programme, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	year := e.year()
	s := newSection("reports", l.tf("section.reports", year))
	roles, _ := kiez.LookupVocabulary(kiez.VocabRole)
	keyOf := func(ev *kiez.Evidence) reportKey {
		k := reportKey{kind: ev.Kind}
		if roles.Has(ev.By) {
			k.by = ev.By
		}
		return k
	}
	var keys []reportKey
	for _, c := range centres {
		for i := range c.Evidence {
			ev := &c.Evidence[i]
			if ev.Year == year && !slices.Contains(keys, keyOf(ev)) {
				keys = append(keys, keyOf(ev))
			}
		}
	}
	if len(keys) > 0 {
		cols := []Column{textCol("centre", l.t("col.centre"))}
		for _, k := range keys {
			label := l10nTerm(l, kiez.VocabEvidenceKind, k.kind)
			key := k.kind
			if k.by != "" {
				label += " (" + l10nTerm(l, kiez.VocabRole, k.by) + ")"
				key += "/" + k.by
			}
			cols = append(cols, dateCol(key, label))
		}
		t := l.table("reports", "", cols...)
		for _, c := range centres {
			vals := []any{labelled{c.ID, c.Name}}
			for _, k := range keys {
				var at any
				for i := range c.Evidence {
					ev := &c.Evidence[i]
					if ev.Year == year && keyOf(ev) == k {
						at = ev.Date
						break
					}
				}
				vals = append(vals, at)
			}
			t.row(vals...)
		}
		s.text(l.tf("reports.text", year))
		s.table(t)
	}
	if prog != nil {
		t := l.table("programme-reports", l.t("table.programmeReports"), textCol("kind", l.t("col.evidenceKind")),
			dateCol("date", l.t("col.date")), dateCol("published", l.t("col.published")), textCol("by", l.t("col.by")))
		for i := range prog.Evidence {
			ev := &prog.Evidence[i]
			if ev.Year == year {
				t.row(labelled{ev.Kind, l10nTerm(l, kiez.VocabEvidenceKind, ev.Kind)}, ev.Date, ev.Published, e.byName(ev.By))
			}
		}
		s.table(t)
	}
	return s
}

// programmeMeetingSection lists the programme-wide meetings by kind and
// how many of them each centre attended.
func (e *env) programmeMeetingSection(prog *kiez.Programme, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("programme-meetings", l.t("section.programmeMeetings"))
	if prog == nil {
		return s
	}
	list := meetingsIn(prog.Meetings, e.per)
	if len(list) == 0 {
		return s
	}
	var kinds []string
	by := map[string][]*kiez.Meeting{}
	for _, m := range list {
		if by[m.Kind] == nil {
			kinds = append(kinds, m.Kind)
		}
		by[m.Kind] = append(by[m.Kind], m)
	}
	cols := []Column{textCol("kind", l.t("col.meetingKind")), countCol("held", l.t("col.held")),
		countCol("cancelled", l.t("col.cancelled")), textCol("dates", l.t("col.dates"))}
	withVerdicts := len(e.resultsOf(prog.ID, "")) > 0
	if withVerdicts {
		cols = append(cols, outcomeCol("outcome", l.t("col.outcome")), textCol("message", l.t("col.ruleMessage")))
	}
	t := l.table("programme-meetings", "", cols...)
	var attended []string
	for _, k := range kinds {
		held, cancelled := 0, 0
		var dates []string
		withCentres := false
		for _, m := range by[k] {
			if m.Cancelled {
				cancelled++
				continue
			}
			held++
			dates = append(dates, l.shortDate(m.Date))
			for _, p := range m.Participants {
				if p.Centre != "" {
					withCentres = true
				}
			}
		}
		if withCentres {
			attended = append(attended, k)
		}
		vals := []any{labelled{k, l10nTerm(l, kiez.VocabMeetingKind, k)}, held, cancelled, strings.Join(dates, ", ")}
		if withVerdicts {
			if r := e.meetingVerdict(prog.ID, "", k); r != nil {
				vals = append(vals, r.Outcome, e.message(r))
			} else {
				vals = append(vals, nil, nil)
			}
		}
		t.row(vals...)
	}
	if withVerdicts {
		s.text(l.t("meetings.text"))
	}
	s.table(t)
	if len(attended) > 0 && len(centres) > 0 {
		cols := []Column{textCol("centre", l.t("col.centre"))}
		for _, k := range attended {
			cols = append(cols, countCol(k, l10nTerm(l, kiez.VocabMeetingKind, k)))
		}
		a := l.table("attendance-meetings", l.t("table.meetingAttendance"), cols...)
		for _, c := range centres {
			vals := []any{labelled{c.ID, c.Name}}
			for _, k := range attended {
				n := 0
				for _, m := range by[k] {
					if !m.Cancelled && takesPart(m, c.ID) {
						n++
					}
				}
				vals = append(vals, n)
			}
			a.row(vals...)
		}
		s.table(a)
	}
	return s
}

// phaseSection counts the centres by development phase and by
// organisation form.
func (e *env) phaseSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("phases", l.t("section.phases"))
	phases := map[string]int{}
	forms := map[string]int{}
	mixed := 0
	for _, c := range centres {
		if ph, ok := phaseAt(c, e.per.Until); ok {
			phases[ph.Phase]++
		}
		for _, f := range c.OrganisationForms {
			forms[f]++
		}
		if len(c.OrganisationForms) > 1 {
			mixed++
		}
	}
	if len(phases) > 0 {
		t := l.table("phases", l.t("table.phases"), textCol("phase", l.t("col.phase")), countCol("centres", l.t("col.centres")))
		n := 0
		for _, p := range l.orderedTerms(kiez.VocabPhase, sortedKeys(phases)) {
			t.row(labelled{p, l10nTerm(l, kiez.VocabPhase, p)}, phases[p])
			n += phases[p]
		}
		t.total(l.t("total"), n)
		s.table(t)
	}
	if len(forms) > 0 {
		t := l.table("organisation-forms", l.t("table.organisationForms"), textCol("form", l.t("col.organisationForm")),
			countCol("centres", l.t("col.centres")))
		for _, f := range l.orderedTerms(kiez.VocabOrganisationForm, sortedKeys(forms)) {
			t.row(labelled{f, l10nTerm(l, kiez.VocabOrganisationForm, f)}, forms[f])
		}
		if mixed > 0 {
			t.note(l.tf("phases.mixed", mixed))
		}
		s.table(t)
	}
	return s
}

// facilitationMatrix sets process facilitation hours per centre and
// month.
func (e *env) facilitationMatrix(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("facilitation", l.t("section.facilitation"))
	ms := months(e.per)
	if len(ms) > 24 || !slices.ContainsFunc(centres, func(c *kiez.Centre) bool { return len(c.Facilitation) > 0 }) {
		return s
	}
	cols := []Column{textCol("centre", l.t("col.centre"))}
	var keys []string
	for _, m := range ms {
		cols = append(cols, decimalCol(m.String(), l.monthShort(m.Month), l.t("unit.hours"), -1))
		keys = append(keys, m.String())
	}
	total := decimalCol("total", l.t("total"), l.t("unit.hours"), -1)
	total.SumOf = keys
	cols = append(cols, total)
	t := l.table("facilitation", "", cols...)
	colSum := make([]decimal.Decimal, len(ms)+1)
	for _, c := range centres {
		if len(c.Facilitation) == 0 {
			continue
		}
		by := map[kiez.Month]decimal.Decimal{}
		for _, f := range c.Facilitation {
			by[f.Month] = by[f.Month].Add(f.Hours)
		}
		vals := []any{labelled{c.ID, c.Name}}
		rowSum := decimal.Zero
		for i, m := range ms {
			vals = append(vals, by[m])
			rowSum = rowSum.Add(by[m])
			colSum[i] = colSum[i].Add(by[m])
		}
		colSum[len(ms)] = colSum[len(ms)].Add(rowSum)
		t.row(append(vals, rowSum)...)
	}
	vals := []any{l.t("total")}
	for _, n := range colSum {
		vals = append(vals, n)
	}
	t.total(vals...)
	s.table(t)
	return s
}

func (e *env) programmeStaffSection(programme string, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("staff", l.t("section.staff"))
	var staff []*kiez.Position
	for _, c := range centres {
		staff = append(staff, activeStaff(c, e.per)...)
	}
	if len(staff) == 0 {
		return s
	}
	ft, ok := e.fullTime(programme)
	s.text(l.tf("staff.text", l.formatDate(e.per.Until)))
	if !ok {
		s.text(l.t("staff.noFullTime"))
	}
	if e.cfg.Published {
		s.text(l.tf("staff.published", e.cfg.Threshold))
	}
	s.table(e.roleTable("staff-roles", staff, ft, ok))
	s.chart(Chart{ID: "staff-chart", Title: l.t("chart.staffRoles"), Type: ChartBar, Table: "staff-roles",
		Category: "role", Series: []string{"hours"}, Horizontal: true})
	return s
}

func (e *env) programmeBudgetSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("budget", l.tf("section.budget", e.year()))
	type agg struct{ planned, spent decimal.Decimal }
	by := map[string]*agg{}
	var cats []string
	for _, c := range centres {
		for _, b := range budgetOf(c, e.year()) {
			if by[b.Category] == nil {
				by[b.Category] = &agg{}
				cats = append(cats, b.Category)
			}
			by[b.Category].planned = by[b.Category].planned.Add(b.Planned)
			by[b.Category].spent = by[b.Category].spent.Add(b.Spent)
		}
	}
	if len(cats) == 0 {
		return s
	}
	t := l.table("budget", "", textCol("category", l.t("col.category")), decimalCol("planned", l.t("col.planned"), "€", 2),
		decimalCol("spent", l.t("col.spent"), "€", 2), decimalCol("difference", l.t("col.difference"), "€", 2),
		decimalCol("share", l.t("col.share"), "%", 1))
	var sum agg
	for _, k := range l.orderedTerms(kiez.VocabBudgetCategory, cats) {
		a := by[k]
		t.row(labelled{k, l10nTerm(l, kiez.VocabBudgetCategory, k)}, a.planned, a.spent, a.spent.Sub(a.planned), share(a.spent, a.planned))
		sum.planned, sum.spent = sum.planned.Add(a.planned), sum.spent.Add(a.spent)
	}
	t.total(l.t("total"), sum.planned, sum.spent, sum.spent.Sub(sum.planned), share(sum.spent, sum.planned))
	s.table(t)
	return s
}

func (e *env) programmeVerdictSection(programme string, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("verdicts", l.t("section.verdicts"))
	var rows []summaryRow
	if res := e.resultsOf(programme, ""); len(res) > 0 {
		rows = append(rows, summaryRow{programme, l.t("subject.programme"), countStatus(requirementStatus(res))})
	}
	for _, c := range centres {
		if res := e.resultsOf(programme, c.ID); len(res) > 0 {
			rows = append(rows, summaryRow{c.ID, c.Name, countStatus(requirementStatus(res))})
		}
	}
	if len(rows) == 0 {
		return s
	}
	manual := 0
	if rp := e.rulesFor(programme); rp != nil {
		manual = len(rp.Coverage().Manual)
	}
	s.text(l.t("compliance.statusRule"))
	s.table(e.summaryTable("verdicts", rows, manual))
	s.chart(verdictChart("verdicts-chart", l.t("chart.verdicts"), "verdicts"))
	return s
}

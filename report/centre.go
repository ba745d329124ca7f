package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// CentreAnnual builds the annual report of one centre for the period:
// its offers by kind and field, sessions and aggregated attendance per
// month and per offer, meetings held and the counts the rules required,
// staffing in hours and full-time equivalents by role, release time,
// process facilitation per month, budget by category, target agreements
// against delivery, impact goals against their indicators, the reports on
// file and the verdicts of the rules. Sections without data are left out.
//
// It is the content of a Wiesbaden KiEZ's Jahresauswertung, a Bad
// Kreuznach Familienzentrum's part of the Jahresbericht Sozialraumbudget
// and a ThEKiZ's Sachbericht.
func CentreAnnual(ev *rules.Evaluation, centre string, opts ...Option) (*Report, error) {
	e, err := newEnv(ev, opts)
	if err != nil {
		return nil, err
	}
	if err := e.checkPrevious(); err != nil {
		return nil, err
	}
	c := e.centre(centre)
	if c == nil {
		return nil, fmt.Errorf("report: no centre %q in the data", centre)
	}
	l := e.l
	d := e.begin(KindCentreAnnual, l.tf("centre.title", e.periodTitle(), c.Name), e.programmeName(c.Programme))
	e.centreMeta(d, c)
	d.metaData("period", l.t("meta.period"), l.formatPeriod(e.per.From, e.per.Until), isoPeriod(e.per.From, e.per.Until))

	d.add(e.offerKindSection(c))
	d.add(e.fieldSection([]*kiez.Centre{c}))
	d.add(e.monthSection("months", []*kiez.Centre{c}))
	d.add(e.offerSection(c))
	d.add(e.kitaSection(c))
	d.add(e.meetingSection(c))
	d.add(e.cadenceSection(c))
	d.add(e.staffSection(c))
	d.add(e.facilitationSection(c))
	d.add(e.budgetSection(c))
	d.add(e.targetSection(c))
	d.add(e.impactSection(c))
	d.add(e.evidenceSection(c))
	d.add(e.centreVerdictSection(c))
	d.add(e.centrePreviousSection(c))
	return e.end(d, c.Programme)
}

func (e *env) centreMeta(d *docBuilder, c *kiez.Centre) {
	l := e.l
	d.meta("centre", l.t("meta.centre"), c.Name)
	d.meta("programme", l.t("meta.programme"), e.programmeName(c.Programme))
	d.meta("kind", l.t("meta.kind"), l10nTerm(l, kiez.VocabCentreKind, c.Kind))
	d.meta("provider", l.t("meta.provider"), e.providerName(c))
	d.meta("location", l.t("meta.location"), place(c))
	if ph, ok := phaseAt(c, e.per.Until); ok {
		d.meta("phase", l.t("meta.phase"), l10nTerm(l, kiez.VocabPhase, ph.Phase)+" ("+l.tf("since", l.formatDate(ph.From))+")")
	}
	if len(c.OrganisationForms) > 0 {
		d.meta("organisation-form", l.t("meta.organisationForm"), l.terms(kiez.VocabOrganisationForm, c.OrganisationForms))
	}
	if ft, ok := e.fullTime(c.Programme); ok {
		d.metaData("full-time", l.t("meta.fullTime"), l.formatDecimal(ft, -1, true)+" "+l.t("unit.hoursWeek"), ft.String())
	}
}

// attendanceColumns are the columns of a tally.
func (l Language) attendanceColumns() []Column {
	att := measured(personsCol("attendance", l.t("col.attendance")), "attendance", "")
	att.SumOf = []string{"adults", "children"}
	return []Column{
		countCol("sessions", l.t("col.sessions")),
		measured(personsCol("adults", l.t("col.adults")), "adults", ""),
		measured(personsCol("children", l.t("col.children")), "children", ""),
		att,
		measured(personsCol("families", l.t("col.families")), "families", ""),
	}
}

func (t tally) values() []any {
	return []any{t.sessions, t.adults, t.children, t.attendance(), t.families}
}

func (e *env) offerKindSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("offer-kinds", l.t("section.offerKinds"))
	idx := offerIndex(c)
	byKind := map[string]*tally{}
	var kinds []string
	for _, o := range activeOffers(c, e.per) {
		if byKind[o.Kind] == nil {
			byKind[o.Kind] = &tally{}
			kinds = append(kinds, o.Kind)
		}
		byKind[o.Kind].offers++
	}
	for _, ss := range sessionsIn(c, e.per) {
		if o := idx[ss.Offer]; o != nil && byKind[o.Kind] != nil {
			byKind[o.Kind].add(ss)
		}
	}
	cols := append([]Column{textCol("kind", l.t("col.offerKind")), countCol("offers", l.t("col.offers"))}, l.attendanceColumns()...)
	t := l.table("offer-kinds", "", cols...)
	t.facet(e.offerScope([]*kiez.Centre{c}))
	var sum tally
	for _, k := range kinds {
		tl := byKind[k]
		t.row(append([]any{labelled{k, l10nTerm(l, kiez.VocabOfferKind, k)}, tl.offers}, tl.values()...)...)
		t.rowFacet("kind=" + k)
		sum.merge(*tl)
	}
	if len(kinds) > 0 {
		t.total(append([]any{l.t("total"), sum.offers}, sum.values()...)...)
	}
	s.table(t)
	return s
}

// fieldSection counts offers, sessions and attendance by ThEKiZ field.
func (e *env) fieldSection(centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("fields", l.t("section.fields"))
	byField := map[string]*tally{}
	for _, c := range centres {
		idx := offerIndex(c)
		for _, o := range activeOffers(c, e.per) {
			for _, f := range o.Fields {
				if byField[f] == nil {
					byField[f] = &tally{}
				}
				byField[f].offers++
			}
		}
		for _, ss := range sessionsIn(c, e.per) {
			if o := idx[ss.Offer]; o != nil {
				for _, f := range o.Fields {
					if byField[f] != nil {
						byField[f].add(ss)
					}
				}
			}
		}
	}
	if len(byField) == 0 {
		return s
	}
	t := l.table("fields", "", textCol("field", l.t("col.field")), countCol("offers", l.t("col.offers")),
		countCol("sessions", l.t("col.sessions")), personsCol("attendance", l.t("col.attendance")),
		personsCol("families", l.t("col.families")))
	for _, f := range l.orderedTerms(kiez.VocabField, sortedKeys(byField)) {
		tl := byField[f]
		t.row(labelled{f, l10nTerm(l, kiez.VocabField, f)}, tl.offers, tl.sessions, tl.attendance(), tl.families)
	}
	t.note(l.t("note.fieldsOverlap"))
	s.table(t)
	return s
}

// monthSection counts sessions and attendance per month over centres,
// with a chart of attendance per month.
func (e *env) monthSection(id string, centres []*kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection(id, l.t("section.months"))
	byMonth := map[kiez.Month]*tally{}
	found := false
	for _, c := range centres {
		for _, ss := range sessionsIn(c, e.per) {
			m := monthOf(ss.Date.Year(), ss.Date.Month())
			if byMonth[m] == nil {
				byMonth[m] = &tally{}
			}
			byMonth[m].add(ss)
			found = true
		}
	}
	if !found {
		return s
	}
	cols := append([]Column{textCol("month", l.t("col.month"))}, l.attendanceColumns()...)
	t := l.table(id, "", cols...)
	ms := months(e.per)
	if len(ms) > 0 && ms[len(ms)-1].Last().Before(e.per.Until) {
		// The months listed end before the period: their total is not
		// the period's.
		t.facet("months=" + ms[0].String() + ".." + ms[len(ms)-1].String())
	}
	var sum tally
	for _, m := range ms {
		var tl tally
		if p := byMonth[m]; p != nil {
			tl = *p
		}
		t.row(append([]any{labelled{m.String(), l.monthShort(m.Month) + " " + fmt.Sprint(m.Year)}}, tl.values()...)...)
		t.rowFacet("month=" + m.String())
		sum.merge(tl)
	}
	t.total(append([]any{l.t("total")}, sum.values()...)...)
	s.table(t)
	s.chart(Chart{ID: id + "-chart", Title: l.t("chart.attendanceMonth"), Type: ChartBar, Table: id,
		Category: "month", Series: []string{"adults", "children"}, Stacked: true})
	return s
}

func (e *env) offerSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("offers", l.t("section.offers"))
	byOffer := map[string]*tally{}
	for _, ss := range sessionsIn(c, e.per) {
		if byOffer[ss.Offer] == nil {
			byOffer[ss.Offer] = &tally{}
		}
		byOffer[ss.Offer].add(ss)
	}
	cols := []Column{textCol("offer", l.t("col.offer")), textCol("kind", l.t("col.offerKind")),
		textCol("format", l.t("col.format"))}
	cols = append(cols, l.attendanceColumns()...)
	cols = append(cols, countCol("cancelled", l.t("col.cancelled")))
	t := l.table("offers", "", cols...)
	t.facet(e.offerScope([]*kiez.Centre{c}))
	var sum tally
	for _, o := range activeOffers(c, e.per) {
		var tl tally
		if p := byOffer[o.ID]; p != nil {
			tl = *p
		}
		kind := l10nTerm(l, kiez.VocabOfferKind, o.Kind)
		if o.EquivalentTo != "" {
			kind += " (" + l.tf("equivalentTo", l10nTerm(l, kiez.VocabOfferKind, o.EquivalentTo)) + ")"
		}
		var format any
		if o.Format != "" {
			format = labelled{o.Format, l10nTerm(l, kiez.VocabFormat, o.Format)}
		}
		vals := []any{labelled{o.ID, o.Title}, labelled{o.Kind, kind}, format}
		vals = append(vals, tl.values()...)
		t.row(append(vals, tl.cancelled)...)
		t.rowFacet("offer=" + o.ID)
		sum.merge(tl)
	}
	if !t.empty() {
		t.total(append(append([]any{l.t("total"), nil, nil}, sum.values()...), sum.cancelled)...)
	}
	s.table(t)
	return s
}

// kitaSection counts the sessions held in or for each Kita of a
// Familienzentrum's catchment.
func (e *env) kitaSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("kitas", l.t("section.kitas"))
	kitas := append(append([]kiez.Kita(nil), c.Catchment...), c.VerbundKitas...)
	if len(kitas) == 0 {
		return s
	}
	by := map[string]*tally{}
	for _, ss := range sessionsIn(c, e.per) {
		if ss.Kita != "" {
			if by[ss.Kita] == nil {
				by[ss.Kita] = &tally{}
			}
			by[ss.Kita].add(ss)
		}
	}
	meet := map[string]int{}
	for _, m := range meetingsIn(c.Meetings, e.per) {
		if !m.Cancelled {
			for _, k := range m.Kitas {
				meet[k]++
			}
		}
	}
	t := l.table("kitas", "", textCol("kita", l.t("col.kita")), textCol("municipality", l.t("col.municipality")),
		countCol("sessions", l.t("col.sessions")), personsCol("families", l.t("col.families")),
		countCol("meetings", l.t("col.meetings")))
	var sum tally
	meetings := 0
	for _, k := range kitas {
		var tl tally
		if p := by[k.ID]; p != nil {
			tl = *p
		}
		t.row(labelled{k.ID, k.Name}, k.Municipality, tl.sessions, tl.families, meet[k.ID])
		sum.merge(tl)
		meetings += meet[k.ID]
	}
	t.total(l.t("total"), nil, sum.sessions, sum.families, meetings)
	s.text(l.tf("kitas.text", len(kitas), countReached(kitas, by)))
	s.table(t)
	return s
}

func countReached(kitas []kiez.Kita, by map[string]*tally) int {
	n := 0
	for _, k := range kitas {
		if p := by[k.ID]; p != nil && p.sessions > 0 {
			n++
		}
	}
	return n
}

// meetingSection lists the meetings the centre held, and the programme
// meetings it took part in, by kind.
func (e *env) meetingSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("meetings", l.t("section.meetings"))
	cols := []Column{textCol("kind", l.t("col.meetingKind")), textCol("scope", l.t("col.scope")),
		countCol("held", l.t("col.held")), countCol("cancelled", l.t("col.cancelled")), textCol("dates", l.t("col.dates"))}
	withVerdicts := len(e.resultsOf(c.Programme, c.ID)) > 0
	if withVerdicts {
		cols = append(cols, outcomeCol("outcome", l.t("col.outcome")), textCol("message", l.t("col.ruleMessage")))
	}
	t := l.table("meetings", "", cols...)
	add := func(list []*kiez.Meeting, scope labelled) {
		var kinds []string
		by := map[string][]*kiez.Meeting{}
		for _, m := range list {
			if by[m.Kind] == nil {
				kinds = append(kinds, m.Kind)
			}
			by[m.Kind] = append(by[m.Kind], m)
		}
		for _, k := range kinds {
			held, cancelled := 0, 0
			var dates []string
			for _, m := range by[k] {
				if m.Cancelled {
					cancelled++
					continue
				}
				held++
				dates = append(dates, l.shortDate(m.Date))
			}
			vals := []any{labelled{k, l10nTerm(l, kiez.VocabMeetingKind, k)}, scope, held, cancelled, strings.Join(dates, ", ")}
			if withVerdicts {
				if r := e.meetingVerdict(c.Programme, c.ID, k); r != nil {
					vals = append(vals, r.Outcome, e.message(r))
				} else {
					vals = append(vals, nil, nil)
				}
			}
			t.row(vals...)
		}
	}
	add(meetingsIn(c.Meetings, e.per), labelled{"centre", l.t("scope.centre")})
	if p := e.programme(c.Programme); p != nil {
		var mine []*kiez.Meeting
		for _, m := range meetingsIn(p.Meetings, e.per) {
			if takesPart(m, c.ID) {
				mine = append(mine, m)
			}
		}
		add(mine, labelled{"programme", l.t("scope.programme")})
	}
	if withVerdicts && !t.empty() {
		s.text(l.t("meetings.text"))
	}
	s.table(t)
	return s
}

// meetingVerdict returns the most serious verdict, for a centre (or, when
// it has none, for the programme, centre ""), of the rules whose
// conditions name a meeting kind as a text (rules.Rule.Texts), or nil. These are the
// rules that say how many meetings of the kind are required.
func (e *env) meetingVerdict(programme, centre, kind string) *rules.Result {
	rp := e.rulesFor(programme)
	if rp == nil {
		return nil
	}
	names := map[string]bool{}
	for _, r := range rp.Rules {
		if r.NamesText(kind) {
			names[r.ID] = true
		}
	}
	for _, subject := range []string{centre, ""} {
		var worst *rules.Result
		for _, r := range e.resultsOf(programme, subject) {
			if names[r.Rule] && (worst == nil || outcomeRank(r.Outcome) > outcomeRank(worst.Outcome)) {
				worst = r
			}
		}
		if worst != nil {
			return worst
		}
		if subject == "" {
			break
		}
	}
	return nil
}

// cadenceSection sets what the rules counted against what they required,
// from the cadence and hours checks in the verdicts' evidence.
func (e *env) cadenceSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("required", l.t("section.required"))
	t := l.table("required", "", textCol("rule", l.t("col.rule")), textCol("requirements", l.t("col.requirements")),
		decimalCol("actual", l.t("col.actual"), "", -1), decimalCol("required", l.t("col.required"), "", -1),
		textCol("short", l.t("col.short")), outcomeCol("outcome", l.t("col.outcome")))
	for _, r := range e.resultsOf(c.Programme, c.ID) {
		if e.cfg.Published && staffItem(r, c) {
			continue // the figures of one position identify its holder
		}
		for _, ev := range r.Evidence {
			actual, required, short, ok := cadenceFigures(l, ev.Value)
			if !ok {
				continue
			}
			title := r.Title
			if item := e.itemName(r, c); item != nil {
				switch x := item.(type) {
				case string:
					title += " – " + x
				case labelled:
					title += " – " + x.text
				}
			}
			t.row(labelled{r.Rule, title}, strings.Join(r.Requirements, ", "), actual, required, strings.Join(short, ", "), r.Outcome)
		}
	}
	if !t.empty() {
		s.text(l.t("required.text"))
	}
	s.table(t)
	return s
}

// cadenceFigures reads what a cadence or hours check counted, what it
// required (the minimums of the buckets not excused) and the buckets or
// stretches that fell short, written in the language.
func cadenceFigures(l Language, v any) (actual, required decimal.Decimal, short []string, ok bool) {
	lang := string(l)
	switch x := v.(type) {
	case rules.Cadence:
		min := 0
		for _, b := range x.Detail.Buckets {
			if !b.Excused {
				min += b.Min
			}
		}
		for _, s := range x.Missed {
			short = append(short, rules.FormatIn(lang, s))
		}
		return decimal.NewFromInt(int64(x.Total)), decimal.NewFromInt(int64(min)), short, true
	case rules.HoursCheck:
		min := decimal.Zero
		for _, b := range x.Detail.Buckets {
			if !b.Excused {
				min = min.Add(b.Min)
			}
		}
		for _, s := range x.Missed {
			short = append(short, rules.FormatIn(lang, s))
		}
		return x.Total, min, short, true
	}
	return decimal.Zero, decimal.Zero, nil, false
}

// staffSection sums the positions held on the period's last day by role
// and lists them with their release time.
func (e *env) staffSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("staff", l.t("section.staff"))
	staff := activeStaff(c, e.per)
	if len(staff) == 0 {
		return s
	}
	ft, ok := e.fullTime(c.Programme)
	s.text(l.tf("staff.text", l.formatDate(e.per.Until)))
	if !ok {
		s.text(l.t("staff.noFullTime"))
	}
	if e.cfg.Published {
		s.text(l.tf("staff.published", e.cfg.Threshold))
	}
	s.table(e.roleTable("staff-roles", staff, ft, ok))
	s.table(e.positionTable("staff-positions", []*kiez.Centre{c}, ft, ok, false))
	return s
}

// staffItem reports whether a verdict is about one staff position of
// the centre.
func staffItem(r *rules.Result, c *kiez.Centre) bool {
	return r.ItemKind == rules.ItemPosition && r.Centre == c.ID &&
		slices.ContainsFunc(c.Staff, func(p kiez.Position) bool { return p.ID == r.Item })
}

// roleTable sums positions by role, with the hours in force on the
// period's last day. In a published report a role with
// fewer positions than the threshold is summed with the other such roles
// into one row, which is left out, with the total, when it too has
// fewer positions than the threshold: no hours of a single position can
// be read or recomputed.
func (e *env) roleTable(id string, staff []*kiez.Position, ft decimal.Decimal, ftOK bool) *tableBuilder {
	l := e.l
	t := l.table(id, l.t("table.byRole"), textCol("role", l.t("col.role")), countCol("positions", l.t("col.positions")),
		decimalCol("hours", l.t("col.hours"), l.t("unit.hoursWeek"), -1), decimalCol("fte", l.t("col.fte"), "", 2),
		decimalCol("release", l.t("col.release"), l.t("unit.hoursWeek"), -1))
	type agg struct {
		n              int
		hours, release decimal.Decimal
	}
	by := map[string]*agg{}
	var roles []string
	for _, p := range staff {
		if by[p.Role] == nil {
			by[p.Role] = &agg{}
			roles = append(roles, p.Role)
		}
		a := by[p.Role]
		a.n++
		a.hours = a.hours.Add(p.HoursOn(e.per.Until))
		a.release = a.release.Add(p.ReleaseHoursOn(e.per.Until))
	}
	roles = l.orderedTerms(kiez.VocabRole, roles)
	var sum, other agg
	for _, r := range roles {
		a := by[r]
		sum.n += a.n
		sum.hours = sum.hours.Add(a.hours)
		sum.release = sum.release.Add(a.release)
		if e.cfg.Published && a.n < e.cfg.Threshold {
			other.n += a.n
			other.hours = other.hours.Add(a.hours)
			other.release = other.release.Add(a.release)
			continue
		}
		t.row(labelled{r, l10nTerm(l, kiez.VocabRole, r)}, a.n, a.hours, fte(a.hours, ft, ftOK), a.release)
	}
	if other.n > 0 && other.n < e.cfg.Threshold {
		return t // neither the other roles nor the total
	}
	if other.n > 0 {
		t.row(labelled{"other", l.t("role.other")}, other.n, other.hours, fte(other.hours, ft, ftOK), other.release)
	}
	if len(roles) > 0 {
		t.total(l.t("total"), sum.n, sum.hours, fte(sum.hours, ft, ftOK), sum.release)
	}
	return t
}

// positionTable lists positions held on the period's last day. A
// published report lists no positions: a position's hours, release time
// and start identify who holds it (see roleTable).
func (e *env) positionTable(id string, centres []*kiez.Centre, ft decimal.Decimal, ftOK bool, withCentre bool) *tableBuilder {
	l := e.l
	if e.cfg.Published {
		centres = nil
	}
	var cols []Column
	if withCentre {
		cols = append(cols, textCol("centre", l.t("col.centre")))
	}
	cols = append(cols, textCol("role", l.t("col.role")))
	if !e.cfg.Published {
		cols = append(cols, textCol("id", l.t("col.staffID")))
	}
	cols = append(cols, decimalCol("hours", l.t("col.hours"), l.t("unit.hoursWeek"), -1),
		decimalCol("fte", l.t("col.fte"), "", 2), decimalCol("release", l.t("col.release"), l.t("unit.hoursWeek"), -1),
		textCol("funding", l.t("col.funding")), boolCol("external", l.t("col.external")), dateCol("from", l.t("col.since")))
	t := l.table(id, l.t("table.positions"), cols...)
	for _, c := range centres {
		for _, p := range activeStaff(c, e.per) {
			var vals []any
			if withCentre {
				vals = append(vals, labelled{c.ID, c.Name})
			}
			vals = append(vals, labelled{p.Role, l10nTerm(l, kiez.VocabRole, p.Role)})
			if !e.cfg.Published {
				vals = append(vals, p.ID)
			}
			external := p.External
			hours := p.HoursOn(e.per.Until)
			vals = append(vals, hours, fte(hours, ft, ftOK), p.ReleaseHoursOn(e.per.Until),
				l10nFunding(l, p.Funding), external, p.From)
			t.row(vals...)
		}
	}
	return t
}

func (e *env) facilitationSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("facilitation", l.t("section.facilitation"))
	byMonth := map[kiez.Month]decimal.Decimal{}
	byWho := map[kiez.Month][]string{}
	found := false
	for _, f := range c.Facilitation {
		if !e.per.Contains(f.Month.First()) && !e.per.Contains(f.Month.Last()) {
			continue
		}
		found = true
		byMonth[f.Month] = byMonth[f.Month].Add(f.Hours)
		if f.By != "" {
			who := e.positionName(c, f.By)
			if !slices.Contains(byWho[f.Month], who) {
				byWho[f.Month] = append(byWho[f.Month], who)
			}
		}
	}
	if !found {
		return s
	}
	t := l.table("facilitation", "", textCol("month", l.t("col.month")),
		decimalCol("hours", l.t("col.facilitationHours"), l.t("unit.hours"), -1), textCol("by", l.t("col.by")))
	sum := decimal.Zero
	for _, m := range months(e.per) {
		h := byMonth[m]
		t.row(labelled{m.String(), l.monthShort(m.Month) + " " + fmt.Sprint(m.Year)}, h, strings.Join(byWho[m], ", "))
		sum = sum.Add(h)
	}
	t.total(l.t("total"), sum, nil)
	s.table(t)
	s.chart(Chart{ID: "facilitation-chart", Title: l.t("chart.facilitation"), Type: ChartLine, Table: "facilitation",
		Category: "month", Series: []string{"hours"}})
	return s
}

// positionName names a staff position by its role, with its
// pseudonymous id in internal reports.
func (e *env) positionName(c *kiez.Centre, id string) string {
	for _, p := range c.Staff {
		if p.ID == id {
			name := l10nTerm(e.l, kiez.VocabRole, p.Role)
			if !e.cfg.Published {
				name += " (" + p.ID + ")"
			}
			return name
		}
	}
	if e.cfg.Published {
		return ""
	}
	return id
}

func (e *env) budgetSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("budget", l.tf("section.budget", e.year()))
	lines := budgetOf(c, e.year())
	if len(lines) == 0 {
		return s
	}
	cols := []Column{textCol("category", l.t("col.category")), decimalCol("planned", l.t("col.planned"), "€", 2),
		decimalCol("spent", l.t("col.spent"), "€", 2), decimalCol("difference", l.t("col.difference"), "€", 2),
		decimalCol("share", l.t("col.share"), "%", 1)}
	if !e.cfg.Published {
		cols = append(cols, textCol("note", l.t("col.note")))
	}
	t := l.table("budget", "", cols...)
	planned, spent := decimal.Zero, decimal.Zero
	for _, b := range lines {
		vals := []any{labelled{b.Category, l10nTerm(l, kiez.VocabBudgetCategory, b.Category)}, b.Planned, b.Spent,
			b.Spent.Sub(b.Planned), share(b.Spent, b.Planned)}
		if !e.cfg.Published {
			vals = append(vals, b.Note)
		}
		t.row(vals...)
		planned, spent = planned.Add(b.Planned), spent.Add(b.Spent)
	}
	vals := []any{l.t("total"), planned, spent, spent.Sub(planned), share(spent, planned)}
	if !e.cfg.Published {
		vals = append(vals, nil)
	}
	t.total(vals...)
	s.table(t)
	return s
}

// share returns part as a percentage of whole, nil when whole is zero.
func share(part, whole decimal.Decimal) *decimal.Decimal {
	if whole.IsZero() {
		return nil
	}
	v := part.Mul(decimal.NewFromInt(100)).DivRound(whole, 1)
	return &v
}

func (e *env) targetSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("targets", l.tf("section.targets", e.year()))
	t := l.table("targets", "", textCol("target", l.t("col.target")), textCol("metric", l.t("col.metric")),
		textCol("kind", l.t("col.offerKind")), decimalCol("value", l.t("col.targetValue"), "", -1),
		personsDecimal("delivered", l.t("col.delivered")), personsDecimal("reported", l.t("col.reported")),
		boolCol("reached", l.t("col.reached")))
	for i := range c.Targets {
		tg := &c.Targets[i]
		if tg.Year != e.year() {
			continue
		}
		var deliveredV any
		reachedBy := decimal.Zero
		if n, ok := delivered(c, tg, e.per); ok {
			deliveredV = decimal.NewFromInt(int64(n))
			reachedBy = decimal.NewFromInt(int64(n))
		}
		reached := deliveredV != nil && reachedBy.GreaterThanOrEqual(tg.Value)
		var kind any
		if tg.OfferKind != "" {
			kind = labelled{tg.OfferKind, l10nTerm(l, kiez.VocabOfferKind, tg.OfferKind)}
		}
		t.row(labelled{tg.ID, tg.Title}, labelled{tg.Metric, l10nTerm(l, kiez.VocabTargetMetric, tg.Metric)}, kind,
			tg.Value, deliveredV, tg.Reported, reached)
	}
	if !t.empty() {
		s.text(l.t("targets.text"))
	}
	s.table(t)
	return s
}

// personsDecimal is a decimal column of values that may count people.
func personsDecimal(key, label string) Column {
	c := decimalCol(key, label, "", -1)
	c.Persons = true
	return c
}

func (e *env) impactSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("impact", l.t("section.impact"))
	t := l.table("impact", "", textCol("goal", l.t("col.goal")), textCol("indicator", l.t("col.indicator")),
		textCol("unit", l.t("col.unit")), personsDecimal("baseline", l.t("col.baseline")),
		personsDecimal("target", l.t("col.targetValue")), personsDecimal("measured", l.t("col.measured")),
		dateCol("measuredOn", l.t("col.measuredOn")), dateCol("reviewed", l.t("col.reviewed")))
	for _, g := range c.ImpactGoals {
		for _, ind := range g.Indicators {
			t.row(labelled{g.ID, g.Title}, ind.Name, ind.Unit, ind.Baseline, ind.Target, ind.Measured, ind.MeasuredOn, g.Reviewed)
		}
		if len(g.Indicators) == 0 {
			t.row(labelled{g.ID, g.Title}, nil, nil, nil, nil, nil, nil, g.Reviewed)
		}
	}
	s.table(t)
	return s
}

// evidenceSection lists the records dated in the period and the reports
// about its year.
func (e *env) evidenceSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("evidence", l.t("section.evidence"))
	var list []*kiez.Evidence
	for i := range c.Evidence {
		ev := &c.Evidence[i]
		if e.per.Contains(ev.Date) || ev.Year == e.year() {
			list = append(list, ev)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Date.Before(list[j].Date) })
	t := l.table("evidence", "", textCol("kind", l.t("col.evidenceKind")), dateCol("date", l.t("col.date")),
		textCol("year", l.t("col.reportYear")), textCol("by", l.t("col.by")), textCol("subject", l.t("col.about")))
	for _, ev := range list {
		year := ""
		if ev.Year != 0 {
			year = fmt.Sprint(ev.Year)
		}
		t.row(labelled{ev.Kind, l10nTerm(l, kiez.VocabEvidenceKind, ev.Kind)}, ev.Date, year, e.byName(ev.By), e.subjectName(c, ev.Subject))
	}
	s.table(t)
	return s
}

// byName names who produced a record: a role by its label, anything else
// as written.
func (e *env) byName(by string) any {
	if by == "" {
		return nil
	}
	if v, ok := kiez.LookupVocabulary(kiez.VocabRole); ok && v.Has(by) {
		return labelled{by, l10nTerm(e.l, kiez.VocabRole, by)}
	}
	return by
}

// subjectName names what a record is about: a Kita or channel of the
// centre, else the id.
func (e *env) subjectName(c *kiez.Centre, id string) any {
	if id == "" {
		return nil
	}
	for _, list := range [][]kiez.Kita{c.Catchment, c.VerbundKitas} {
		for _, k := range list {
			if k.ID == id {
				return labelled{k.ID, k.Name}
			}
		}
	}
	for _, ch := range c.Channels {
		if ch.ID == id {
			return labelled{ch.ID, ch.Name}
		}
	}
	return id
}

// centreVerdictSection summarises and lists the rules' verdicts on the
// centre.
func (e *env) centreVerdictSection(c *kiez.Centre) *sectionBuilder {
	l := e.l
	s := newSection("verdicts", l.t("section.verdicts"))
	res := e.resultsOf(c.Programme, c.ID)
	if len(res) == 0 {
		return s
	}
	manual := 0
	if rp := e.rulesFor(c.Programme); rp != nil {
		manual = len(rp.Coverage().Manual)
	}
	s.text(l.t("compliance.statusRule"))
	s.table(e.summaryTable("verdict-summary", []summaryRow{{c.ID, c.Name, countStatus(requirementStatus(res))}}, manual))
	var shown []*rules.Result
	for _, r := range res {
		if r.Outcome != rules.OutcomeNotApplicable {
			shown = append(shown, r)
		}
	}
	t := e.resultTable("verdict-results", shown, c)
	if len(shown) < len(res) {
		t.note(l.tf("verdicts.notApplicable", len(res)-len(shown)))
	}
	s.table(t)
	return s
}

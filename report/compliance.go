package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Compliance builds the compliance report of an evaluation: per programme
// a summary (requirements met, failed, waived, without data, in error,
// not applicable, and those a reviewer checks by hand), the programme-wide
// verdicts, one section per centre with every verdict — requirement ids,
// rule, subject, outcome, severity, message, evidence, waiver and source
// section — and the manual requirements with the evidence a reviewer
// looks at instead.
//
// The programmes are the evaluation's rule sets, or, when it has none, those the
// results name. A requirement's status for a subject is the most serious
// outcome of the rules citing it: error, fail, missing data, waived,
// pass, not applicable.
func Compliance(ev *rules.Evaluation, opts ...Option) (*Report, error) {
	e, err := newEnv(ev, opts)
	if err != nil {
		return nil, err
	}
	l := e.l
	progs := e.compliancePrograms()
	title := l.tf("compliance.title", e.periodTitle())
	var names []string
	for _, id := range progs {
		names = append(names, e.programmeName(id))
	}
	d := e.begin(KindCompliance, title, strings.Join(names, " · "))
	d.metaData("period", l.t("meta.period"), l.formatPeriod(e.per.From, e.per.Until), isoPeriod(e.per.From, e.per.Until))
	for _, id := range progs {
		e.complianceProgramme(d, id, len(progs) > 1)
	}
	if len(e.results) == 0 {
		d.r.Notes = append(d.r.Notes, l.t("note.noResults"))
	}
	return e.end(d, progs...)
}

// periodTitle names the period in titles: the year when it is one
// calendar year.
func (e *env) periodTitle() string {
	y := e.per.From.Year()
	if e.per.From.YearDay() == 1 && e.per.Until.Year() == y && e.per.Until.Month() == 12 && e.per.Until.Day() == 31 {
		return fmt.Sprint(y)
	}
	return e.l.formatPeriod(e.per.From, e.per.Until)
}

// compliancePrograms returns the ids of the programmes to report.
func (e *env) compliancePrograms() []string {
	var ids []string
	for _, p := range e.sets {
		if p != nil && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) == 0 {
		for _, r := range e.results {
			if !slices.Contains(ids, r.Programme) {
				ids = append(ids, r.Programme)
			}
		}
	}
	return ids
}

// resultsOf returns the results of a programme for a subject: the
// programme rules for centre "" and a centre's rules otherwise.
// The results are grouped once per report (env.bySubject), not searched
// for every centre: a report of a thousand centres asks thousands of
// times. The list is shared: callers do not change it.
func (e *env) resultsOf(programme, centre string) []*rules.Result {
	return e.bySubject[[2]string{programme, centre}]
}

// groupResults groups results by programme and centre, in their order.
func groupResults(results []rules.Result) map[[2]string][]*rules.Result {
	m := map[[2]string][]*rules.Result{}
	for i := range results {
		r := &results[i]
		k := [2]string{r.Programme, r.Centre}
		m[k] = append(m[k], r)
	}
	return m
}

// outcomeRank orders outcomes by how much they matter for a
// requirement's status.
func outcomeRank(o rules.Outcome) int {
	switch o {
	case rules.OutcomeError:
		return 6
	case rules.OutcomeFail:
		return 5
	case rules.OutcomeMissingData:
		return 4
	case rules.OutcomeWaived:
		return 3
	case rules.OutcomePass:
		return 2
	case rules.OutcomeNotApplicable:
		return 1
	}
	return 0
}

// statusCount is how many requirements have each status.
type statusCount map[rules.Outcome]int

// requirementStatus returns, for a subject's results, the status of each
// requirement they cite.
func requirementStatus(results []*rules.Result) map[string]rules.Outcome {
	st := map[string]rules.Outcome{}
	for _, r := range results {
		for _, id := range r.Requirements {
			if cur, ok := st[id]; !ok || outcomeRank(r.Outcome) > outcomeRank(cur) {
				st[id] = r.Outcome
			}
		}
	}
	return st
}

func countStatus(st map[string]rules.Outcome) statusCount {
	c := statusCount{}
	for _, o := range st {
		c[o]++
	}
	return c
}

// summaryOutcomes returns the columns of the summary, in order.
func summaryOutcomes() []rules.Outcome {
	return []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeWaived,
		rules.OutcomeMissingData, rules.OutcomeError, rules.OutcomeNotApplicable}
}

// summaryTable builds the table of requirement statuses per subject.
func (e *env) summaryTable(id string, rows []summaryRow, manual int) *tableBuilder {
	l := e.l
	cols := []Column{textCol("subject", l.t("col.subject"))}
	for _, o := range summaryOutcomes() {
		cols = append(cols, countCol(o.String(), l.outcome(o)))
	}
	cols = append(cols, countCol("manual", l.t("col.manual")), countCol("requirements", l.t("col.requirements")))
	t := l.table(id, l.t("table.requirementStatus"), cols...)
	for _, r := range rows {
		vals := []any{labelled{r.id, r.name}}
		total := 0
		for _, o := range summaryOutcomes() {
			vals = append(vals, r.count[o])
			total += r.count[o]
		}
		vals = append(vals, manual, total+manual)
		t.row(vals...)
	}
	return t
}

type summaryRow struct {
	id, name string
	count    statusCount
}

// verdictChart draws the summary table as stacked bars.
func verdictChart(id, title, table string) Chart {
	outcomes := summaryOutcomes()
	series := make([]string, 0, len(outcomes)-1)
	for _, o := range outcomes[:len(outcomes)-1] {
		series = append(series, o.String())
	}
	return Chart{ID: id, Title: title, Type: ChartBar, Table: table, Category: "subject",
		Series: series, Stacked: true, Horizontal: true}
}

func (e *env) complianceProgramme(d *docBuilder, prog string, several bool) {
	l := e.l
	rp := e.rulesFor(prog)
	centres := e.centres(prog)
	seen := make(map[string]bool, len(centres))
	for _, c := range centres {
		seen[c.ID] = true
	}
	for _, r := range e.results {
		if r.Programme == prog && r.Centre != "" && !seen[r.Centre] {
			seen[r.Centre] = true
			if c := e.centre(r.Centre); c != nil && (len(e.cfg.Centres) == 0 || slices.Contains(e.cfg.Centres, c.ID)) {
				centres = append(centres, c)
			}
		}
	}
	var manual []rules.Manual
	var cov rules.Coverage
	if rp != nil {
		manual, cov = rp.Manual, rp.Coverage()
	}
	suffix := ""
	if several {
		suffix = ": " + e.programmeName(prog)
	}

	// Summary.
	sum := newSection("summary-"+prog, l.t("section.summary")+suffix)
	var rows []summaryRow
	progResults := e.resultsOf(prog, "")
	if len(progResults) > 0 {
		rows = append(rows, summaryRow{prog, l.t("subject.programme"), countStatus(requirementStatus(progResults))})
	}
	for _, c := range centres {
		rows = append(rows, summaryRow{c.ID, c.Name, countStatus(requirementStatus(e.resultsOf(prog, c.ID)))})
	}
	if rp != nil {
		sum.text(l.tf("compliance.rules", len(rp.Rules), len(rp.Requirements), len(cov.Manual)))
		if !cov.Complete() {
			sum.text(l.tf("compliance.uncovered", strings.Join(cov.Missing, ", ")))
		}
	}
	sum.text(l.t("compliance.statusRule"))
	sum.table(e.summaryTable("summary-"+prog, rows, len(cov.Manual)))
	sum.chart(verdictChart("verdicts-"+prog, l.t("chart.verdicts"), "summary-"+prog))
	d.add(sum)

	// Programme-wide verdicts.
	if len(progResults) > 0 {
		s := newSection("programme-"+prog, l.t("section.programmeRules")+suffix)
		s.table(e.resultTable("results-"+prog, progResults, nil))
		d.add(s)
	}
	for _, c := range centres {
		res := e.resultsOf(prog, c.ID)
		s := newSection("centre-"+c.ID, c.Name)
		if len(res) == 0 {
			s.text(l.t("compliance.noCentreResults"))
		}
		s.table(e.resultTable("results-"+c.ID, res, c))
		d.add(s)
	}

	// Manual requirements.
	if len(manual) > 0 {
		s := newSection("manual-"+prog, l.t("section.manual")+suffix)
		s.text(l.t("compliance.manualText"))
		t := l.table("manual-"+prog, "", textCol("requirement", l.t("col.requirement")),
			textCol("text", l.t("col.requirementText")), textCol("reason", l.t("col.reason")),
			textCol("evidence", l.t("col.reviewEvidence")))
		for _, m := range manual {
			t.row(m.Requirement, requirementText(rp, m.Requirement), m.Reason, m.Evidence)
		}
		s.table(t)
		d.add(s)
	}
}

func requirementText(p *rules.RuleSet, id string) string {
	if p == nil {
		return ""
	}
	for _, r := range p.Requirements {
		if r.ID == id {
			return r.Text
		}
	}
	return ""
}

// resultTable lists verdicts. In a published report it leaves out the
// evidence and the waivers' reasons.
func (e *env) resultTable(id string, results []*rules.Result, c *kiez.Centre) *tableBuilder {
	l := e.l
	cols := []Column{
		textCol("requirements", l.t("col.requirements")),
		textCol("rule", l.t("col.rule")),
		textCol("item", l.t("col.item")),
		outcomeCol("outcome", l.t("col.outcome")),
		textCol("severity", l.t("col.severity")),
		textCol("message", l.t("col.message")),
	}
	if !e.cfg.Published {
		cols = append(cols, textCol("evidence", l.t("col.evidence")))
	}
	cols = append(cols, textCol("waiver", l.t("col.waiver")), textCol("source", l.t("col.source")))
	t := l.table(id, "", cols...)
	for _, r := range results {
		vals := []any{strings.Join(r.Requirements, ", "), labelled{r.Rule, r.Title}, e.itemName(r, c),
			r.Outcome, labelled{r.Severity.String(), l.severity(r.Severity)}, e.message(r)}
		if !e.cfg.Published {
			var ev []string
			for _, x := range r.Evidence {
				ev = append(ev, x.Name+": "+l.evidenceText(x))
			}
			vals = append(vals, strings.Join(ev, "; "))
		}
		vals = append(vals, e.waiverText(r.Waiver), r.Source.String())
		t.row(vals...)
	}
	return t
}

// evidenceText writes a piece of evidence in the report's language: in
// German the engine's text as it is, in English its value written anew.
// A result restored without its value, or with a value read back from
// JSON as an object, keeps its text.
func (l Language) evidenceText(x rules.Evidence) string {
	if l.words() == words.German || x.Value == nil || decodedObject(x.Value) {
		return x.Text
	}
	return l.formatValue(x.Value)
}

// decodedObject reports whether v is, or holds, an object as encoding/json
// decodes it into an interface: its fields are no longer the engine's
// values, so only the stored text says what it was.
func decodedObject(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		return true
	case []any:
		return slices.ContainsFunc(x, decodedObject)
	}
	return false
}

// message is the message of a verdict: as the rule wrote it in an
// internal report. A published report rebuilds it from structured values
// — the rule's title and the outcome — and never shows the rule's
// message, which a rule may build from any value of the data (a note,
// a part of a note, a name in capitals), so that no scrubbing of
// substrings decides what is published.
func (e *env) message(r *rules.Result) string {
	if !e.cfg.Published {
		return r.Message
	}
	key := "message." + r.Outcome.String()
	if _, _, ok := phrase(key); !ok {
		key = "message.error"
	}
	return e.l.tf(key, r.Title)
}

// itemName names the item of a per-item verdict: a staff position by its
// role (and, in internal reports, its pseudonymous id), a Kita, offer or
// partner by its name, anything else by its id.
func (e *env) itemName(r *rules.Result, c *kiez.Centre) any {
	if r.ItemKind == "" {
		return nil
	}
	item := r.Item
	if c == nil {
		return item
	}
	switch r.ItemKind {
	case rules.ItemPosition:
		if i := slices.IndexFunc(c.Staff, func(p kiez.Position) bool { return p.ID == item }); i >= 0 {
			p := c.Staff[i]
			name := l10nTerm(e.l, kiez.VocabRole, p.Role)
			if e.cfg.Published {
				return labelled{p.Role, name}
			}
			return labelled{p.ID, name + " (" + p.ID + ")"}
		}
	case rules.ItemKita:
		for _, list := range [][]kiez.Kita{c.Catchment, c.VerbundKitas} {
			if i := slices.IndexFunc(list, func(k kiez.Kita) bool { return k.ID == item }); i >= 0 {
				return labelled{list[i].ID, list[i].Name}
			}
		}
	case rules.ItemOffer:
		if i := slices.IndexFunc(c.Offers, func(o kiez.Offer) bool { return o.ID == item }); i >= 0 {
			return labelled{c.Offers[i].ID, c.Offers[i].Title}
		}
	case rules.ItemPartner:
		if i := slices.IndexFunc(c.Partners, func(p kiez.Partner) bool { return p.ID == item }); i >= 0 {
			return labelled{c.Partners[i].ID, c.Partners[i].Name}
		}
	}
	return item
}

func (e *env) waiverText(w *rules.WaiverRef) string {
	if w == nil {
		return ""
	}
	s := w.ID
	if !e.cfg.Published && w.Reason != "" {
		s += ": " + w.Reason
	}
	return s + " (" + w.GrantedBy + ", " + e.l.formatDate(w.Granted) + ")"
}

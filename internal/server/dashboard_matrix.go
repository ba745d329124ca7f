package server

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/rules"
)

// The page models built from an evaluation's results: the matrix of
// centres × requirements, the lists of verdicts, an explanation.

// programmeRow is the row key of the results of programme rules (no
// centre) in the matrix and in the verdict lists' query.
const programmeRow = "-"

// matrixOf builds the matrix of one rule set: a row per centre that has
// results of the set (in the order of centres, then those the dataset
// does not name), a row of the programme-wide rules, a total row; a
// column per requirement of the set's catalogue, in catalogue order,
// then requirements the results name that the catalogue lacks.
func matrixOf(base string, set *rules.RuleSet, centres []centreName, results []rules.Result) matrixView {
	var mine []rules.Result
	for _, r := range results {
		if r.Programme == set.ID {
			mine = append(mine, r)
		}
	}
	var cols []matrixColumn
	seenCol := map[string]bool{}
	for _, q := range set.Requirements {
		if !seenCol[q.ID] {
			seenCol[q.ID] = true
			cols = append(cols, matrixColumn{ID: q.ID, Text: cut(q.Text, 200)})
		}
	}
	var extra []string
	for _, r := range mine {
		for _, q := range r.Requirements {
			if !seenCol[q] {
				seenCol[q] = true
				extra = append(extra, q)
			}
		}
	}
	sort.Strings(extra)
	for _, q := range extra {
		cols = append(cols, matrixColumn{ID: q, Text: q})
	}

	rowOf := func(r rules.Result) string {
		if r.Centre == "" {
			return programmeRow
		}
		return r.Centre
	}
	present := map[string]bool{}
	for _, r := range mine {
		present[rowOf(r)] = true
	}
	var rows []matrixRow
	named := map[string]bool{}
	addRow := func(id, header string) {
		if !present[id] || named[id] {
			return
		}
		named[id] = true
		rows = append(rows, matrixRow{Header: header, ID: id, URL: verdictsURL(base, id, "")})
	}
	for _, c := range centres {
		header := c.ID
		if c.Name != "" {
			header = c.Name + " (" + c.ID + ")"
		}
		addRow(c.ID, header)
	}
	var others []string
	for id := range present {
		if id != programmeRow && !named[id] {
			others = append(others, id)
		}
	}
	sort.Strings(others)
	for _, id := range others {
		addRow(id, id)
	}
	addRow(programmeRow, "Programmweite Regeln")

	for i := range rows {
		rows[i].Cells = cellsOf(base, rows[i].ID, cols, mine, func(r rules.Result) bool { return rowOf(r) == rows[i].ID })
	}
	if len(rows) > 0 {
		total := matrixRow{Header: "Alle zusammen", Total: true}
		total.Cells = cellsOf(base, "", cols, mine, func(rules.Result) bool { return true })
		rows = append(rows, total)
	}
	for i := range rows {
		for j := range rows[i].Cells {
			rows[i].Cells[j].Where = rows[i].Header + ", " + cols[j].ID
		}
	}
	caption := fmt.Sprintf("%s, Regelwerk %s: ungünstigstes Ergebnis und Zahl der Ergebnisse je Zentrum und Anforderung", set.Name, set.Version)
	return matrixView{Caption: caption, Columns: cols, Rows: rows}
}

// cellsOf returns the cells of one row: per column the worst outcome of
// the results the row keeps that check the column's requirement.
func cellsOf(base, row string, cols []matrixColumn, results []rules.Result, keep func(rules.Result) bool) []matrixCell {
	cells := make([]matrixCell, len(cols))
	worst := make([]rules.Outcome, len(cols))
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		index[c.ID] = i
	}
	for _, r := range results {
		if !keep(r) {
			continue
		}
		for _, q := range r.Requirements {
			i, ok := index[q]
			if !ok {
				continue
			}
			cells[i].N++
			if cells[i].N == 1 || outcomeRank(r.Outcome) < outcomeRank(worst[i]) {
				worst[i] = r.Outcome
			}
		}
	}
	for i := range cells {
		if cells[i].N == 0 {
			continue
		}
		cells[i].Class = worst[i].String()
		cells[i].Label = german.OutcomeLabel(worst[i])
		cells[i].URL = verdictsURL(base, row, cols[i].ID)
	}
	return cells
}

// verdictsURL is the page of the verdicts of a row (a centre id,
// programmeRow, or "" for all) and, when not empty, one requirement.
func verdictsURL(base, row, requirement string) string {
	q := url.Values{}
	if row != "" {
		q.Set("zentrum", row)
	}
	if requirement != "" {
		q.Set("anforderung", requirement)
	}
	if len(q) == 0 {
		return base + "/urteile"
	}
	return base + "/urteile?" + q.Encode()
}

// centreName is a centre's id and name from the dataset.
type centreName struct {
	ID, Name string
}

// filterResults keeps the results of a row (a centre id, programmeRow, or
// "" for every row) that check the requirement ("" for any).
func filterResults(results []rules.Result, row, requirement string) []rules.Result {
	var out []rules.Result
	for _, r := range results {
		switch {
		case row == programmeRow && r.Centre != "":
			continue
		case row != "" && row != programmeRow && r.Centre != row:
			continue
		}
		if requirement != "" && !slices.Contains(r.Requirements, requirement) {
			continue
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return outcomeRank(out[i].Outcome) < outcomeRank(out[j].Outcome)
	})
	return out
}

// verdictOf is the page model of a result. A visitor's view (published)
// leaves out what a published report leaves out: the rule's message
// (rebuilt from the title and outcome), the evidence, the waiver's reason,
// the error text; explainURL is "" then.
func verdictOf(r rules.Result, published bool, explainURL string) verdictView {
	v := verdictView{
		Rule:         r.Rule,
		Title:        r.Title,
		Subject:      r.Subject,
		Class:        r.Outcome.String(),
		Label:        german.OutcomeLabel(r.Outcome),
		Severity:     german.SeverityLabel(r.Severity),
		Requirements: strings.Join(r.Requirements, ", "),
		URL:          explainURL,
	}
	if r.Source.Doc != "" {
		v.Source = r.Source.String()
	}
	if published {
		if r.ItemKind == rules.ItemPosition {
			// Published reports name a position by its role, never by
			// its pseudonymous id.
			v.Subject = r.Centre + "/Stelle"
		}
		v.Message = fmt.Sprintf("Die Regel „%s“ ist %s.", r.Title, german.OutcomeLabel(r.Outcome))
		if r.Waiver != nil {
			v.Waiver = "Ausnahme " + r.Waiver.ID
		}
		v.URL = ""
		return v
	}
	v.Message = r.Message
	for _, e := range r.Evidence {
		v.Evidence = append(v.Evidence, valueView{Name: e.Name, Text: cut(e.Text, 2000)})
	}
	if w := r.Waiver; w != nil {
		v.Waiver = fmt.Sprintf("%s: %s (gewährt von %s am %s, gilt ab %s", w.ID, w.Reason, w.GrantedBy,
			rules.FormatIn("de", w.Granted), rules.FormatIn("de", w.From))
		if w.Until != nil {
			v.Waiver += " bis " + rules.FormatIn("de", w.Until)
		}
		v.Waiver += ")"
	}
	v.Error = r.Error
	return v
}

// explainURL is the page of the explanation of a verdict.
func explainURL(base, rule, subject string) string {
	q := url.Values{}
	q.Set("regel", rule)
	q.Set("gegenstand", subject)
	return base + "/urteil?" + q.Encode()
}

// explanationOf is the page model of an explanation: the verdict, the
// rule's expressions, the tree (or the parts), the params the rule reads
// with their values on the first day of the judged period.
func explanationOf(x *rules.Explanation, set *rules.RuleSet, per rules.Period) verdictPage {
	p := verdictPage{Verdict: verdictOf(x.Result, false, "")}
	rule := (*rules.Rule)(nil)
	if set != nil {
		rule = set.Rule(x.Result.Rule)
		p.Programme = fmt.Sprintf("Regelwerk %s (%s), Version %s", set.Name, set.ID, set.Version)
	}
	if rule != nil {
		p.Description = rule.Description
		for _, e := range []valueView{{"each", rule.Each}, {"subject", rule.Subject}} {
			if e.Text != "" {
				p.Expressions = append(p.Expressions, e)
			}
		}
		for i, name := range rule.Let {
			if i < len(rule.LetExprs) {
				p.Expressions = append(p.Expressions, valueView{Name: "let " + name, Text: rule.LetExprs[i]})
			}
		}
	}
	for _, e := range []valueView{{"when", x.When}, {"needs", x.Needs}, {"assert", x.Assert}} {
		if e.Text != "" {
			p.Expressions = append(p.Expressions, e)
		}
	}
	for _, s := range x.Tree {
		p.Tree = append(p.Tree, stepOf(s, 0))
	}
	for _, e := range x.Parts {
		p.Parts = append(p.Parts, valueView{Name: e.Name, Text: cut(e.Text, 2000)})
	}
	switch x.Result.Outcome {
	case rules.OutcomeNotApplicable:
		p.PartsMissing = "Die Bedingung wurde nicht ausgewertet: die Regel ist für diesen Gegenstand nicht anwendbar (when)."
	case rules.OutcomeError:
		p.PartsMissing = "Die Bedingung wurde nicht ausgewertet: die Regel konnte nicht ausgewertet werden."
	default:
		p.PartsMissing = "Zu dieser Bedingung sind keine Teilwerte bekannt."
	}
	if rule == nil || set == nil {
		return p
	}
	judged, ok := rule.Judged(per)
	if !ok {
		return p
	}
	p.ParamsFrom = rules.FormatIn("de", judged.From)
	names := rule.Params()
	sort.Strings(names)
	for _, n := range names {
		param := set.Param(n)
		if param == nil {
			continue
		}
		p.Params = append(p.Params, valueView{Name: n, Text: paramText(param, judged)})
	}
	return p
}

// maxTreeDepth bounds the tree a page shows; deeper steps are summed up.
const maxTreeDepth = 40

func stepOf(s rules.Step, depth int) stepView {
	v := stepView{Kind: s.Kind, Expr: cut(s.Expr, 500), Text: cut(s.Text, 1000), Note: s.Note}
	if s.Count != nil {
		v.Count = *s.Count
	}
	if depth >= maxTreeDepth {
		if len(s.Steps) > 0 {
			v.Text += fmt.Sprintf(" (%d weitere Teilausdrücke nicht gezeigt)", len(s.Steps))
		}
		return v
	}
	for _, k := range s.Steps {
		v.Steps = append(v.Steps, stepOf(k, depth+1))
	}
	return v
}

// paramText is a param's value on the period's first day, with its unit,
// since when it applies and the earlier values.
func paramText(param *rules.Param, per rules.Period) string {
	cur, ok := param.At(per.From)
	if !ok {
		return "ohne Wert"
	}
	s := rules.FormatIn("de", cur.Value)
	if param.Unit != "" {
		s += " " + param.Unit
	}
	s += " (seit " + rules.FormatIn("de", cur.From)
	var earlier []string
	for _, h := range param.History {
		if h.From.Before(cur.From) {
			earlier = append(earlier, rules.FormatIn("de", h.Value)+" ab "+rules.FormatIn("de", h.From))
		}
	}
	if len(earlier) > 0 {
		s += "; vorher " + strings.Join(earlier, ", ")
	}
	s += ")"
	if param.Title != "" {
		s = param.Title + ": " + s
	}
	return s
}

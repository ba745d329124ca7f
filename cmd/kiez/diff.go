package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "diff.synopsis", "diff.about")
	var programmes, renames listFlag
	var ruleFiles, newRuleFiles, sets pathFlag
	fs.Var(&programmes, "programme", "diff.flag.programme")
	fs.Var(&ruleFiles, "rules", "diff.flag.rules")
	fs.Var(&newRuleFiles, "rules-new", "diff.flag.rulesNew")
	fs.Var(&sets, "set", "diff.flag.set")
	fs.Var(&renames, "rename", "diff.flag.rename")
	period := fs.String("period", "", "diff.flag.period")
	periodOld := fs.String("period-old", "", "diff.flag.periodOld")
	format := fs.String("format", "text", "diff.flag.format")
	published := fs.Bool("published", false, "diff.flag.published")
	strict := fs.Bool("strict", false, "diff.flag.strict")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	var reportFormat report.Format
	var err error
	switch *format {
	case "text", "json":
	default:
		f, err := report.ParseFormat(*format)
		if err != nil {
			return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json", "md", "html", "csv", "xlsx"))
		}
		reportFormat = f
	}
	if reportFormat == report.FormatXLSX && isTerminal(stdout) {
		return fs.fail(stderr, "diff.xlsxTerminal")
	}
	at, code, ok := fs.runTime(stderr, *format == "json")
	if !ok {
		return code
	}
	if *published && reportFormat == "" {
		return fs.fail(stderr, "diff.publishedText")
	}
	if *period == "" {
		return fs.fail(stderr, "err.needPeriod", "2025")
	}
	newPeriod, err := rules.ParsePeriod(*period)
	if err != nil {
		return fs.fail(stderr, "err.value", "--period", err)
	}
	oldPeriod, oldPeriodText := newPeriod, *period
	if *periodOld != "" {
		if oldPeriod, err = rules.ParsePeriod(*periodOld); err != nil {
			return fs.fail(stderr, "err.value", "--period-old", err)
		}
		oldPeriodText = *periodOld
	}
	var overrides []override
	for _, s := range sets {
		o, err := parseOverride(s)
		if err != nil {
			return fs.fail(stderr, "diff.setProblem", err)
		}
		overrides = append(overrides, o)
	}
	renameMap := map[string]string{}
	for _, r := range renames {
		o, n, ok := strings.Cut(r, "=")
		if o, n = strings.TrimSpace(o), strings.TrimSpace(n); !ok || o == "" || n == "" {
			return fs.fail(stderr, "diff.badRename", r)
		}
		renameMap[o] = n
	}
	if len(paths) == 0 {
		return fs.fail(stderr, "err.needData")
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	diagOut := stdout
	if *format == "json" {
		diagOut = stderr // keep stdout valid JSON
	}

	ds, inputs, err := loadDataInputs(ctx, diagOut, paths)
	if timedOut(ctx) {
		return limit.reportTimeout(stderr, "diff", "timeout.whileData", "timeout.nothingCompared")
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez diff: %v\n", err)
		return exitProblems
	}
	if ds == nil {
		fmt.Fprintln(stderr, fs.tx.t("diff.dataErrors"))
		return exitProblems
	}
	src := newSources()
	oldSel := selectProgrammes(fs.tx, ds, programmes, ruleFiles, src)
	newSel, sels := oldSel, []*selection{oldSel}
	if len(newRuleFiles) > 0 {
		newSel = replaceSets(fs.tx, oldSel, programmes, newRuleFiles, src)
		sels = append(sels, newSel)
	}
	if code, ok := reportSelections(fs.tx, diagOut, stderr, src, sels...); !ok {
		return code
	}
	oldProgs, newProgs := programmesOf(oldSel.sets), programmesOf(newSel.sets)
	newProgs, err = applyOverrides(newProgs, overrides)
	if err != nil {
		return fs.fail(stderr, "diff.setProblem", err)
	}
	if code, ok := checkDiffWaivers(fs.tx, diagOut, stderr, ds, oldProgs, oldPeriod, newProgs, newPeriod); !ok {
		return code
	}

	// The sides' labels head columns of the tables and reports; in
	// English (--lang en) the Folgenabschätzung and the text tables have
	// English ones, the JSON keeps the German.
	before, after := "bisher", "neu"
	if *format != "json" && fs.tx.lang == langEN {
		before, after = "before", "after"
	}
	oldLabel, newLabel := before, after
	if oldPeriodText != *period {
		oldLabel, newLabel = oldPeriodText, *period
		if len(newRuleFiles) > 0 || len(overrides) > 0 {
			oldLabel, newLabel = before+" "+oldPeriodText, after+" "+*period
		}
	}
	c, err := whatif.Compare(ctx, ds,
		whatif.Side{Label: oldLabel, RuleSets: oldProgs, Period: oldPeriod},
		whatif.Side{Label: newLabel, RuleSets: newProgs, Period: newPeriod},
		whatif.WithRenames(renameMap), whatif.WithEngineOptions(rules.WithoutValidation(), rules.WithLanguage(fs.tx.lang.code()))) // validated above
	if timedOut(ctx) {
		return limit.reportTimeout(stderr, "diff", "timeout.whileRules", "timeout.nothingCompared")
	}
	var re *whatif.RenameError
	if errors.As(err, &re) {
		return fs.fail(stderr, "diff.renameProblem", re.Old, re.New, re.Problem)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez diff: %v\n", err)
		return exitProblems
	}
	d := diffOutput{c: c, oldSets: oldSel.sets, newSets: newSel.sets, overrides: overrides, tx: fs.tx}
	var buf bytes.Buffer
	switch {
	case *format == "json":
		sets := append(append([]*ruleSet(nil), oldSel.sets...), newRuleSets(oldSel, newSel)...)
		ev := &evaluation{period: newPeriod, sets: sets, inputs: inputs, tx: fs.tx}
		var b []byte
		if b, err = envelope.Wrap(diffEnvelope{RunInfo: newRunInfo(diffFormat, ev, *period, at), Comparison: *c}); err == nil {
			buf.Write(b)
		}
	case reportFormat != "":
		opts := []report.Option{}
		if *published {
			opts = append(opts, report.WithPublished())
		}
		if fs.tx.lang == langEN {
			opts = append(opts, report.WithLanguage(report.English))
		}
		var r *report.Report
		r, err = report.Impact(c, opts...)
		if err == nil {
			err = report.Write(&buf, r, reportFormat)
		}
	default:
		d.write(&buf)
	}
	if err == nil {
		_, err = stdout.Write(buf.Bytes())
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez diff: %v\n", err)
		return exitProblems
	}
	if *strict && c.Changed() {
		fmt.Fprintln(stderr, fs.tx.t("diff.strictFailed", len(c.Changes), len(c.Params)))
		return exitProblems
	}
	return exitOK
}

// newRuleSets returns the rule sets of the new side that the old side
// does not have (those of --rules-new).
func newRuleSets(old, new *selection) []*ruleSet {
	var out []*ruleSet
	for _, s := range new.sets {
		if !slices.Contains(old.sets, s) {
			out = append(out, s)
		}
	}
	return out
}

// replaceSets returns the old selection with the programmes of the new
// rule files in place of those of their ids (added when the old side has
// no programme of that id and ids, the --programme list, is empty or
// names it).
func replaceSets(tx *texts, old *selection, ids []string, files []string, src *sources) *selection {
	sel := &selection{notes: old.notes, usage: old.usage}
	sel.sets = append(sel.sets, old.sets...)
	seen := map[string]string{}
	for _, f := range files {
		rs := loadRules(f, src)
		sel.diags = append(sel.diags, rs.diags...)
		if rs.prog == nil {
			continue
		}
		if prev, dup := seen[rs.prog.ID]; dup {
			sel.diags = append(sel.diags, &diag.Diagnostic{Severity: diag.Error,
				Summary: fmt.Sprintf("programme %q is given twice with --rules-new: %s and %s", rs.prog.ID, prev, f),
				Detail:  "Name one new rule file per programme."})
			continue
		}
		seen[rs.prog.ID] = f
		replaced := false
		for i, s := range sel.sets {
			if s.prog.ID == rs.prog.ID {
				sel.sets[i], replaced = rs, true
			}
		}
		switch {
		case replaced:
		case len(ids) == 0 || slices.Contains(ids, rs.prog.ID):
			sel.sets = append(sel.sets, rs)
		default:
			sel.notes = append(sel.notes, tx.t("sel.notCompared", f, rs.prog.ID))
		}
	}
	return sel
}

// reportSelections prints the problems of both sides' rules and the
// notes, and says whether the comparison can go on.
func reportSelections(tx *texts, diagOut, stderr io.Writer, src *sources, sels ...*selection) (int, bool) {
	var diags diag.Diagnostics
	var notes []string
	for _, s := range sels {
		diags = append(diags, s.diags...)
		for _, n := range s.notes {
			if !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
	}
	if len(diags) > 0 {
		diags.Sort()
		if err := diag.WriteText(diagOut, diags, src.get); err != nil {
			fmt.Fprintf(stderr, "kiez diff: %v\n", err)
			return exitProblems, false
		}
		fmt.Fprintf(diagOut, "%s in the rules\n\n", countLine(diags))
	}
	if diags.HasErrors() {
		fmt.Fprintln(stderr, tx.t("diff.ruleErrors"))
		return exitProblems, false
	}
	for _, s := range sels {
		if s.usage != "" {
			fmt.Fprintf(stderr, "kiez diff: %s\n%s\n", noRulesMessage(tx, s.usage), tx.t("usage.runHelp", "diff"))
			return exitUsage, false
		}
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	if len(sels[0].sets) == 0 {
		fmt.Fprintln(stderr, tx.t("diff.noProgramme"))
		return exitProblems, false
	}
	return exitOK, true
}

// checkDiffWaivers prints the problems of the dataset's waivers with
// each side's programmes and period (each problem once), and refuses data
// whose waivers name unknown programmes or rules, as check does.
func checkDiffWaivers(tx *texts, diagOut, stderr io.Writer, ds *kiez.Dataset, oldProgs []*rules.RuleSet, oldPeriod rules.Period,
	newProgs []*rules.RuleSet, newPeriod rules.Period) (int, bool) {
	var all diag.Diagnostics
	seen := map[string]bool{}
	for _, side := range []struct {
		progs  []*rules.RuleSet
		period rules.Period
	}{{oldProgs, oldPeriod}, {newProgs, newPeriod}} {
		eng, err := rules.NewEngine(side.progs)
		if err != nil {
			fmt.Fprintf(stderr, "kiez diff: %v\n", err)
			return exitProblems, false
		}
		for _, d := range eng.CheckWaivers(ds, side.period) {
			if !seen[d.Error()] {
				seen[d.Error()] = true
				all = append(all, d)
			}
		}
	}
	if len(all) == 0 {
		return exitOK, true
	}
	if err := diag.WriteText(diagOut, all, ds.Source); err != nil {
		fmt.Fprintf(stderr, "kiez diff: %v\n", err)
		return exitProblems, false
	}
	fmt.Fprintf(diagOut, "%s in the waivers\n\n", countLine(all))
	if all.HasErrors() {
		fmt.Fprintln(stderr, tx.t("diff.waiverErrors"))
		return exitProblems, false
	}
	return exitOK, true
}

// override is a --set: a param override, optionally for one programme.
type override struct {
	programme string
	rules.ParamOverride
}

// parseOverride reads "[programme:]name=value@YYYY-MM-DD".
func parseOverride(s string) (override, error) {
	var o override
	text := s
	if eq := strings.Index(s, "="); eq >= 0 {
		if prog, name, ok := strings.Cut(s[:eq], ":"); ok {
			o.programme = strings.TrimSpace(prog)
			text = name + s[eq:]
		}
	}
	po, err := rules.ParseParamOverride(text)
	if err != nil {
		return o, err
	}
	o.ParamOverride = po
	return o, nil
}

// applyOverrides returns the programmes with the overrides applied, each
// to the programme it names or, without one, to the one programme that
// has the param.
func applyOverrides(progs []*rules.RuleSet, overrides []override) ([]*rules.RuleSet, error) {
	out := append([]*rules.RuleSet(nil), progs...)
	for _, o := range overrides {
		var at []int
		var ids []string
		for i, p := range out {
			ids = append(ids, p.ID)
			if o.programme == p.ID || (o.programme == "" && p.Param(o.Name) != nil) {
				at = append(at, i)
			}
		}
		switch {
		case len(at) == 0 && o.programme != "":
			return nil, fmt.Errorf("%s:%s: programme %q is not compared (compared: %s)", o.programme, o.ParamOverride, o.programme, strings.Join(ids, ", "))
		case len(at) == 0:
			return nil, fmt.Errorf("%s: no compared programme has a param %q (compared: %s); see the params: section of the rule file", o.ParamOverride, o.Name, strings.Join(ids, ", "))
		case len(at) > 1:
			var names []string
			for _, i := range at {
				names = append(names, out[i].ID+":"+o.ParamOverride.String())
			}
			return nil, fmt.Errorf("%s: several programmes have a param %q; name one: %s", o.ParamOverride, o.Name, strings.Join(names, " or "))
		}
		p, err := out[at[0]].WithParams(o.ParamOverride)
		if err != nil {
			return nil, err
		}
		out[at[0]] = p
	}
	return out, nil
}

// diffOutput writes a comparison as text tables in the language of tx.
type diffOutput struct {
	c                *whatif.Comparison
	oldSets, newSets []*ruleSet
	overrides        []override
	// tx is the language of the tables.
	tx *texts
}

// table writes rows as an aligned text table.
func (d *diffOutput) table(w io.Writer, indent string, header []string, rows [][]string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s%s\n", indent, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s%s\n", indent, strings.Join(r, "\t"))
	}
	_ = tw.Flush() // the buffer it writes to does not fail
}

func (d *diffOutput) heading(w io.Writer, level int, text string) {
	if level == 1 {
		fmt.Fprintf(w, "%s\n", text)
		return
	}
	fmt.Fprintf(w, "\n%s%s\n", strings.Repeat("  ", level-2), text)
}

// text writes a paragraph line.
func (d *diffOutput) text(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "  "+format+"\n", args...)
}

func (d *diffOutput) write(w io.Writer) {
	c, tx := d.c, d.tx
	d.heading(w, 1, tx.t("diff.title", c.Old.Label, c.New.Label))
	d.text(w, "%s", tx.t("diff.side", c.Old.Label, describeSets(tx, d.oldSets, nil), tx.span(c.Old.Period)))
	d.text(w, "%s", tx.t("diff.side", c.New.Label, describeSets(tx, d.newSets, d.overrides), tx.span(c.New.Period)))
	if c.YearShift != 0 {
		d.text(w, "%s", tx.t("diff.yearShift", c.Old.Label, c.YearShift,
			fmt.Sprint(c.Old.Period.From.Year()), fmt.Sprint(c.New.Period.From.Year())))
	}
	worse, better := whatif.Effects(c.Changes)
	d.text(w, "%s", tx.t("diff.changed",
		len(c.Changes), max(c.Old.Results, c.New.Results), worse, better, c.Unchanged, tx.count(len(c.Params), "word.param")))

	if len(c.Params) > 0 {
		d.heading(w, 2, tx.t("diff.params"))
		var rows [][]string
		for _, p := range c.Params {
			rows = append(rows, []string{p.Programme, p.Name, orDash(p.OldValue), orDash(p.NewValue), orDash(p.Unit),
				historyText(tx, p.Old), historyText(tx, p.New), orDash(strings.Join(p.Rules, ", "))})
		}
		d.table(w, "    ", []string{tx.t("diff.col.programme"), tx.t("diff.col.param"), c.Old.Label, c.New.Label, tx.t("diff.col.unit"),
			tx.t("diff.col.history", c.Old.Label), tx.t("diff.col.history", c.New.Label), tx.t("diff.col.rules")}, rows)
	}
	if len(c.RulesAdded)+len(c.RulesRemoved)+len(c.Renamed) > 0 {
		d.heading(w, 2, tx.t("diff.rules"))
		var rows [][]string
		for _, r := range c.RulesAdded {
			rows = append(rows, []string{r.Programme, r.ID, tx.t("diff.ruleAdded"), r.Title})
		}
		for _, r := range c.RulesRemoved {
			rows = append(rows, []string{r.Programme, r.ID, tx.t("diff.ruleRemoved"), r.Title})
		}
		for _, r := range c.Renamed {
			rows = append(rows, []string{r.Programme, r.New, tx.t("diff.ruleRenamed", r.Old), ""})
		}
		d.table(w, "    ", []string{tx.t("diff.col.programme"), tx.t("diff.col.rule"), tx.t("diff.col.change"), tx.t("diff.col.title")}, rows)
	}
	if len(c.Changes) == 0 {
		d.heading(w, 2, tx.t("diff.noChanges"))
		fmt.Fprintln(w, "    "+tx.t("diff.allEqual"))
	} else {
		d.changes(w)
		d.counts(w, tx.t("diff.perRule"), tx.t("diff.col.rule"), c.Rules)
		d.counts(w, tx.t("diff.perRequirement"), tx.t("diff.col.requirement"), c.Requirements)
		d.counts(w, tx.t("diff.perCentre"), tx.t("diff.col.centre"), c.Centres)
	}
	if len(c.HoursTotal) > 0 {
		// A sum adds the shortfall of each failing subject, each in the
		// param's unit: for h/Woche over several Leitungen the weekly
		// hours they lack together, for h/Monat over several months the
		// hours lacking in those months.
		d.heading(w, 2, tx.t("diff.hours"))
		lang := tx.lang.code()
		var rows [][]string
		for _, h := range c.Hours {
			rows = append(rows, []string{h.Programme, centreLabel(tx, h.Centre), h.Param, h.Unit, fmt.Sprint(h.Subjects),
				rules.FormatIn(lang, h.OldMissing), rules.FormatIn(lang, h.Missing), rules.FormatIn(lang, h.Extra())})
		}
		for _, h := range c.HoursTotal {
			rows = append(rows, []string{h.Programme, tx.t("diff.sum"), h.Param, h.Unit, fmt.Sprint(h.Subjects),
				rules.FormatIn(lang, h.OldMissing), rules.FormatIn(lang, h.Missing), rules.FormatIn(lang, h.Extra())})
		}
		d.table(w, "    ", []string{tx.t("diff.col.programme"), tx.t("diff.col.centre"), tx.t("diff.col.param"), tx.t("diff.col.unit"),
			tx.t("diff.col.subjects"), tx.t("diff.col.missing", c.Old.Label), tx.t("diff.col.missing", c.New.Label), tx.t("diff.col.extra")}, rows)
	}
}

// changes writes the changed results: a table per programme, the
// programme rules first, then the centres, each in the order the
// comparison lists them.
func (d *diffOutput) changes(w io.Writer) {
	c, tx := d.c, d.tx
	var progs []string
	byProg := map[string][]whatif.Change{}
	for _, ch := range c.Changes {
		if _, ok := byProg[ch.Programme]; !ok {
			progs = append(progs, ch.Programme)
		}
		byProg[ch.Programme] = append(byProg[ch.Programme], ch)
	}
	d.heading(w, 2, tx.t("diff.changes"))
	for _, prog := range progs {
		d.heading(w, 3, tx.t("diff.programme", prog))
		var centres []string
		byCentre := map[string][]whatif.Change{}
		for _, ch := range byProg[prog] {
			if _, ok := byCentre[ch.Centre]; !ok {
				centres = append(centres, ch.Centre)
			}
			byCentre[ch.Centre] = append(byCentre[ch.Centre], ch)
		}
		var rows [][]string
		for _, centre := range centres {
			for _, ch := range byCentre[centre] {
				rule := ch.Rule
				if ch.OldRule != "" {
					rule += tx.t("diff.before", ch.OldRule)
				}
				subject := ch.Subject
				if ch.OldSubject != "" {
					subject += tx.t("diff.before", ch.OldSubject)
				}
				rows = append(rows, []string{centreLabel(tx, centre), tx.reportLang().ChangeLabel(ch.Kind), rule, subject,
					outcomeOf(tx, ch.Old), outcomeOf(tx, ch.New), orDash(missingHours(tx, ch)), messageOf(tx, ch)})
			}
		}
		d.table(w, "      ", []string{tx.t("diff.col.centre"), tx.t("diff.col.change"), tx.t("diff.col.rule"), tx.t("diff.col.subject"),
			c.Old.Label, c.New.Label, tx.t("diff.col.missingHours"), tx.t("diff.col.message", c.New.Label)}, rows)
	}
}

// counts writes the counts of the keys with changes.
func (d *diffOutput) counts(w io.Writer, title, what string, counts []whatif.Count) {
	var rows [][]string
	for _, cnt := range counts {
		if cnt.Changes == 0 {
			continue
		}
		rows = append(rows, []string{cnt.Programme, cnt.Key, tallyText(d.tx, cnt.Old), tallyText(d.tx, cnt.New),
			fmt.Sprint(cnt.Changes), fmt.Sprint(cnt.Worse), fmt.Sprint(cnt.Better)})
	}
	d.heading(w, 2, title)
	d.table(w, "    ", []string{d.tx.t("diff.col.programme"), what, d.c.Old.Label, d.c.New.Label,
		d.tx.t("diff.col.changed"), d.tx.t("diff.col.worse"), d.tx.t("diff.col.better")}, rows)
}

// tallyText lists the non-zero counts of a side in the language, or "–".
func tallyText(tx *texts, t whatif.Tally) string {
	for _, n := range t {
		if n > 0 {
			return tally(t).in(tx)
		}
	}
	return "–"
}

// describeSets names the rule files of a side and the overrides.
func describeSets(tx *texts, sets []*ruleSet, overrides []override) string {
	var parts []string
	for _, s := range sets {
		parts = append(parts, s.describe(tx))
	}
	out := strings.Join(parts, "; ")
	if len(overrides) > 0 {
		var os []string
		for _, o := range overrides {
			os = append(os, o.ParamOverride.String())
		}
		out += tx.t("diff.overrides", strings.Join(os, ", "))
	}
	return out
}

// centreLabel names the centre of a change, or says the rule is
// programme-wide.
func centreLabel(tx *texts, id string) string {
	if id == "" {
		return tx.t("diff.programmeWide")
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// historyText formats a param history: "2 ab 01.01.2023, 3 ab 01.01.2025",
// "2 from 2023-01-01, 3 from 2025-01-01".
func historyText(tx *texts, h []whatif.ParamValue) string {
	if h == nil {
		return "–"
	}
	var parts []string
	for _, v := range h {
		parts = append(parts, tx.t("explain.earlierValue", v.Value, tx.words().Date(v.From)))
	}
	return strings.Join(parts, ", ")
}

func outcomeOf(tx *texts, r *rules.Result) string {
	if r == nil {
		return "–"
	}
	return tx.outcome(r.Outcome)
}

func messageOf(tx *texts, ch whatif.Change) string {
	_, _, r := ch.Results()
	return resultMessage(tx, *r)
}

// missingHours shows the hours a change lacks: "1 h/Woche (bisher 0)".
func missingHours(tx *texts, ch whatif.Change) string {
	if ch.Hours == nil && ch.OldHours == nil {
		return ""
	}
	var now, before decimal.Decimal
	unit := ""
	if ch.Hours != nil {
		now, unit = ch.Hours.Missing, ch.Hours.Unit
	}
	if ch.OldHours != nil {
		before = ch.OldHours.Missing
		if unit == "" {
			unit = ch.OldHours.Unit
		}
	}
	lang := tx.lang.code()
	return rules.FormatIn(lang, now) + " " + unit + tx.t("diff.before", rules.FormatIn(lang, before))
}

package main

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kiez-go/kiez/rules"
)

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", "explain.synopsis", "explain.about")
	var ruleFiles pathFlag
	ruleID := fs.String("rule", "", "explain.flag.rule")
	subject := fs.String("subject", "", "explain.flag.subject")
	period := fs.String("period", "", "flag.period")
	programme := fs.String("programme", "", "explain.flag.programme")
	fs.Var(&ruleFiles, "rules", "flag.rules")
	format := fs.String("format", "text", "explain.flag.format")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *ruleID == "" || *subject == "" {
		return fs.fail(stderr, "explain.needRule")
	}
	if *format != "text" && *format != "json" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json"))
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	var ids []string
	if *programme != "" {
		ids = []string{*programme}
	}
	var at time.Time
	diagOut := stdout
	if *format == "json" {
		diagOut = stderr // keep stdout valid JSON
		var err error
		if at, err = runTime(); err != nil {
			return fs.usageError(stderr, "%v", err)
		}
	}
	ev, code, ok := prepare(fs, evalArgs{data: paths, programmes: ids, ruleFiles: ruleFiles, period: *period, ctx: ctx, limit: limit}, diagOut, stderr)
	if !ok {
		return code
	}
	rs, msg := ruleOwner(fs.tx, ev, *ruleID, *subject)
	if rs == nil {
		return fs.usageError(stderr, "%s", msg)
	}
	// One engine per explained programme: Engine.Explain takes the first
	// programme that has the rule.
	eng, err := rules.NewEngine([]*rules.RuleSet{rs.prog}, rules.WithLanguage(fs.tx.lang.code()))
	if err != nil {
		fmt.Fprintf(stderr, "kiez explain: %v\n", err)
		return exitProblems
	}
	x, err := eng.Explain(ctx, ev.ds, ev.period, *ruleID, *subject)
	if timedOut(ctx) {
		return limit.reportTimeout(stderr, "explain", "timeout.whileRule", "timeout.nothingExplained")
	}
	if err != nil {
		hint := subjectHint(fs.tx, ctx, eng, ev, *ruleID, *subject)
		if timedOut(ctx) {
			return limit.reportTimeout(stderr, "explain", "timeout.whileSubjects", "timeout.nothingExplained")
		}
		return fs.usageError(stderr, "%s", hint)
	}
	write := func() error { return writeExplanation(stdout, rs, x, ev.period) }
	if *format == "json" {
		write = func() error {
			b, err := wrapJSON(explainEnvelope{runInfo: newRunInfo(explainFormat, ev, *period, at), Explanation: x})
			if err == nil {
				_, err = stdout.Write(b)
			}
			return err
		}
	}
	if err := write(); err != nil {
		fmt.Fprintf(stderr, "kiez explain: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// ruleOwner finds the programme whose rule is meant: the only one with
// that rule id, or the one the subject belongs to.
func ruleOwner(tx *texts, ev *evaluation, ruleID, subject string) (*ruleSet, string) {
	var have []*ruleSet
	var names []string
	for _, rs := range ev.sets {
		names = append(names, rs.prog.ID)
		if rs.prog.Rule(ruleID) != nil {
			have = append(have, rs)
		}
	}
	switch len(have) {
	case 0:
		return nil, tx.t("explain.noRule", ruleID, strings.Join(names, ", "))
	case 1:
		return have[0], ""
	}
	for _, rs := range have {
		if subject == rs.prog.ID {
			return rs, ""
		}
		for _, c := range ev.ds.Centres {
			if c.Programme == rs.prog.ID && rules.SubjectOf(subject, c.ID) {
				return rs, ""
			}
		}
	}
	var ids []string
	for _, rs := range have {
		ids = append(ids, rs.prog.ID)
	}
	return nil, tx.t("explain.ruleAmbiguous", ruleID, strings.Join(ids, ", "))
}

// subjectHint says which subjects the rule has, for a subject it has not.
func subjectHint(tx *texts, ctx context.Context, eng *rules.Engine, ev *evaluation, ruleID, subject string) string {
	all, _ := eng.Evaluate(ctx, ev.ds, ev.period)
	var subjects []string
	for _, r := range all.Results() {
		if r.Rule == ruleID {
			subjects = append(subjects, r.Subject)
		}
	}
	if len(subjects) == 0 {
		return tx.t("explain.noSubjects", ruleID, subject)
	}
	return tx.t("explain.otherSubjects", ruleID, subject, strings.Join(subjects, ", "))
}

// writeExplanation prints the verdict, the rule's text, the values of the
// assertion's parts, the evidence and the params in force.
func writeExplanation(w io.Writer, rs *ruleSet, x *rules.Explanation, per rules.Period) error {
	p := rs.prog
	rule := p.Rule(x.Result.Rule)
	r := x.Result
	fmt.Fprintf(w, "Regel %s – %s\n", rule.ID, rule.Title)
	fmt.Fprintf(w, "Programm %s – %s; Regeln: %s, Zeile %d\n", p.ID, p.Name, rs.describe(), rule.Pos.Start.Line)
	if rule.Description != "" {
		fmt.Fprintf(w, "%s\n", oneLine(rule.Description, 1000))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Gegenstand\t%s\n", r.Subject)
	fmt.Fprintf(tw, "Zeitraum\t%s\n", per.German())
	fmt.Fprintf(tw, "Ergebnis\t%s (%s)\n", r.Outcome.Label(), r.Outcome)
	fmt.Fprintf(tw, "Schwere\t%s\n", severityLabel(r.Severity))
	fmt.Fprintf(tw, "Anforderungen\t%s\n", strings.Join(r.Requirements, ", "))
	if r.Source.Doc != "" {
		fmt.Fprintf(tw, "Quelle\t%s\n", r.Source)
	}
	fmt.Fprintf(tw, "Meldung\t%s\n", oneLine(r.Message, 1000))
	if r.Waiver != nil {
		fmt.Fprintf(tw, "Ausnahme\t%s\n", waiverText(r.Waiver))
	}
	if r.Error != "" {
		fmt.Fprintf(tw, "Prüffehler\t%s\n", oneLine(r.Error, 1000))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nRegeltext")
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range []struct{ key, text string }{{"each", rule.Each}, {"subject", rule.Subject}, {"when", x.When}, {"needs", x.Needs}, {"assert", x.Assert}} {
		if e.text != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", e.key, oneLine(e.text, 1000))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nAuswertung (lets und assert, jeder Teilausdruck mit seinem Wert)")
	if len(x.Tree) > 0 {
		if err := writeTree(w, x.Tree); err != nil {
			return err
		}
	} else if err := writeValues(w, x.Parts, partsMissing(r.Outcome)); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nNachweise (evidence)")
	if err := writeValues(w, r.Evidence, "  keine"); err != nil {
		return err
	}
	judged, ok := judgedPeriod(rule, per)
	if !ok {
		return nil // the period lies outside the rule's validity: no params were read
	}
	return writeParams(w, p, rule, judged)
}

// judgedPeriod is the part of the period inside the rule's validity
// (validFrom/validUntil), and false when there is none.
func judgedPeriod(rule *rules.Rule, per rules.Period) (rules.Period, bool) {
	if rule.ValidFrom != nil {
		if rule.ValidFrom.After(per.Until) {
			return per, false
		}
		if rule.ValidFrom.After(per.From) {
			per.From = *rule.ValidFrom
		}
	}
	if rule.ValidUntil != nil {
		if rule.ValidUntil.Before(per.From) {
			return per, false
		}
		if rule.ValidUntil.Before(per.Until) {
			per.Until = *rule.ValidUntil
		}
	}
	return per, true
}

// partsMissing says why an explanation has no values of the assertion.
func partsMissing(o rules.Outcome) string {
	switch o {
	case rules.OutcomeNotApplicable:
		return "  nicht ausgewertet: die Regel ist nicht anwendbar (siehe Meldung)"
	case rules.OutcomeError:
		return "  nicht ausgewertet: die Regel konnte nicht geprüft werden"
	}
	return "  die Bedingung hat keine Teile, die sich einzeln zeigen lassen"
}

func writeValues(w io.Writer, values []rules.Evidence, none string) error {
	if len(values) == 0 {
		fmt.Fprintln(w, none)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, v := range values {
		fmt.Fprintf(tw, "  %s\t%s\n", oneLine(v.Name, 200), oneLine(v.Text, 1000))
	}
	return tw.Flush()
}

func waiverText(wv *rules.WaiverRef) string {
	s := fmt.Sprintf("%s: %s; genehmigt von %s am %s, gültig ab %s", wv.ID, oneLine(wv.Reason, 300), wv.GrantedBy,
		rules.Format(wv.Granted), rules.Format(wv.From))
	if wv.Until != nil {
		s += " bis " + rules.Format(*wv.Until)
	}
	return s
}

var paramRef = regexp.MustCompile(`\bparams\.([A-Za-z][A-Za-z0-9]*)`)

// writeParams lists the params the rule's expressions name, with the value
// in force on the period's first day and the earlier values.
func writeParams(w io.Writer, p *rules.RuleSet, rule *rules.Rule, per rules.Period) error {
	seen := map[string]bool{}
	for _, text := range []string{rule.Each, rule.Subject, rule.When, rule.Needs, rule.Assert, rule.Message} {
		for _, m := range paramRef.FindAllStringSubmatch(text, -1) {
			seen[m[1]] = true
		}
	}
	if len(seen) == 0 {
		return nil
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "\nParameter am %s\n", rules.Format(per.From))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range names {
		param := p.Param(n)
		if param == nil {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\n", n, paramText(param, per))
	}
	return tw.Flush()
}

func paramText(param *rules.Param, per rules.Period) string {
	cur, ok := param.At(per.From)
	if !ok {
		return "kein Wert in Kraft"
	}
	s := rules.Format(cur.Value)
	if param.Unit != "" {
		s += " " + param.Unit
	}
	s += " (gilt ab " + rules.Format(cur.From)
	var earlier []string
	for _, h := range param.History {
		if h.From.Before(cur.From) {
			earlier = append(earlier, rules.Format(h.Value)+" ab "+rules.Format(h.From))
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

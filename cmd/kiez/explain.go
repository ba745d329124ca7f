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

	"github.com/kiez-go/kiez/internal/envelope"
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
	write := func() error { return writeExplanation(stdout, fs.tx, rs, x, ev.period) }
	if *format == "json" {
		write = func() error {
			b, err := envelope.Wrap(envelope.ExplainEnvelope{RunInfo: newRunInfo(explainFormat, ev, *period, at), Explanation: x})
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
// assertion's parts, the evidence and the params in force, in the
// language of tx.
func writeExplanation(w io.Writer, tx *texts, rs *ruleSet, x *rules.Explanation, per rules.Period) error {
	p := rs.prog
	rule := p.Rule(x.Result.Rule)
	r := x.Result
	title := rule.Title
	if tx.lang == langEN && r.Title != "" {
		title = r.Title // the rule's English title, where it has one
	}
	fmt.Fprintln(w, tx.t("explain.ruleLine", rule.ID, title))
	fmt.Fprintln(w, tx.t("explain.programmeLine", p.ID, p.Name, rs.describe(tx), rule.Pos.Start.Line))
	if rule.Description != "" {
		fmt.Fprintf(w, "%s\n", oneLine(rule.Description, 1000))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.subject"), r.Subject)
	fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.period"), tx.span(per))
	if label := tx.outcome(r.Outcome); label != r.Outcome.String() {
		fmt.Fprintf(tw, "%s\t%s (%s)\n", tx.t("explain.outcome"), label, r.Outcome)
	} else {
		fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.outcome"), label) // English: the label is the id
	}
	fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.severity"), tx.severity(r.Severity))
	fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.requirements"), strings.Join(r.Requirements, ", "))
	if r.Source.Doc != "" {
		fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.source"), r.Source)
	}
	fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.message"), oneLine(r.Message, 1000))
	if r.Waiver != nil {
		fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.waiver"), waiverText(tx, r.Waiver))
	}
	if r.Error != "" {
		fmt.Fprintf(tw, "%s\t%s\n", tx.t("explain.error"), oneLine(r.Error, 1000))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\n"+tx.t("explain.ruleText"))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, e := range []struct{ key, text string }{{"each", rule.Each}, {"subject", rule.Subject}, {"when", x.When}, {"needs", x.Needs}, {"assert", x.Assert}} {
		if e.text != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", e.key, oneLine(e.text, 1000))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\n"+tx.t("explain.evaluation"))
	if len(x.Tree) > 0 {
		if err := writeTree(w, tx, x.Tree); err != nil {
			return err
		}
	} else if err := writeValues(w, x.Parts, partsMissing(tx, r.Outcome)); err != nil {
		return err
	}
	fmt.Fprintln(w, "\n"+tx.t("explain.evidence"))
	if err := writeValues(w, r.Evidence, "  "+tx.t("explain.none")); err != nil {
		return err
	}
	judged, ok := rule.Judged(per)
	if !ok {
		return nil // the period lies outside the rule's validity: no params were read
	}
	return writeParams(w, tx, p, rule, judged)
}

// partsMissing says why an explanation has no values of the assertion.
func partsMissing(tx *texts, o rules.Outcome) string {
	switch o {
	case rules.OutcomeNotApplicable:
		return "  " + tx.t("explain.notEvaluatedNA")
	case rules.OutcomeError:
		return "  " + tx.t("explain.notEvaluatedError")
	}
	return "  " + tx.t("explain.noParts")
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

func waiverText(tx *texts, wv *rules.WaiverRef) string {
	s := tx.t("explain.waiverText", wv.ID, oneLine(wv.Reason, 300), wv.GrantedBy,
		tx.words().Date(wv.Granted), tx.words().Date(wv.From))
	if wv.Until != nil {
		s += tx.t("explain.waiverUntil", tx.words().Date(*wv.Until))
	}
	return s
}

var paramRef = regexp.MustCompile(`\bparams\.([A-Za-z][A-Za-z0-9]*)`)

// writeParams lists the params the rule's expressions name, with the value
// in force on the period's first day and the earlier values.
func writeParams(w io.Writer, tx *texts, p *rules.RuleSet, rule *rules.Rule, per rules.Period) error {
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
	fmt.Fprintln(w, "\n"+tx.t("explain.params", tx.words().Date(per.From)))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range names {
		param := p.Param(n)
		if param == nil {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\n", n, paramText(tx, param, per))
	}
	return tw.Flush()
}

func paramText(tx *texts, param *rules.Param, per rules.Period) string {
	cur, ok := param.At(per.From)
	if !ok {
		return tx.t("explain.noValue")
	}
	lang := tx.lang.code()
	s := rules.FormatIn(lang, cur.Value)
	if param.Unit != "" {
		s += " " + param.Unit
	}
	s += tx.t("explain.since", tx.words().Date(cur.From))
	var earlier []string
	for _, h := range param.History {
		if h.From.Before(cur.From) {
			earlier = append(earlier, tx.t("explain.earlierValue", rules.FormatIn(lang, h.Value), tx.words().Date(h.From)))
		}
	}
	if len(earlier) > 0 {
		s += tx.t("explain.earlier", strings.Join(earlier, ", "))
	}
	s += ")"
	if param.Title != "" {
		s = param.Title + ": " + s
	}
	return s
}

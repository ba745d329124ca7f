// This file decides one verdict: a rule on one subject, with its message,
// evidence and waiver.

package rules

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// exec runs a compiled expression on the current variables within the
// memory budget.
func (r *run) exec(e *expression) (any, error) {
	if out, ok := r.runClosure(e); ok {
		return out, nil
	}
	r.syncLets()
	out, err := r.runMachine(e)
	if err != nil {
		return nil, &runError{at: e.pos(), msg: cleanError(err)}
	}
	return out, nil
}

// runMachine runs an expression on expr's machine, whose program is built
// when the expression first runs there; a program that cannot be built is
// the run's error.
func (r *run) runMachine(e *expression) (any, error) {
	build := (*compile.Program).Machine
	if b := r.eng.cfg.buildMachine; b != nil {
		build = b
	}
	prog, err := build(e.program)
	if err != nil {
		return nil, fmt.Errorf("interner Fehler beim Übersetzen des Ausdrucks: %w", err)
	}
	return r.machine.Run(prog, r.env)
}

// runError is an expression that failed while it ran, at its place in
// the rule file.
type runError struct {
	at  diag.Range
	msg string
}

func (e *runError) Error() string { return e.at.String() + ": " + e.msg }

// eval is exec for the expressions of a verdict: the value of an
// item-independent expression is computed once per subject (see
// Rule.assignSlots).
func (r *run) eval(e *expression, slots []slot) (any, error) {
	if slots == nil || e.slot < 0 {
		return r.exec(e)
	}
	s := &slots[e.slot]
	if !s.done {
		s.v, s.err = r.exec(e)
		s.done = true
	}
	return s.v, s.err
}

// cleanError drops expr's snippet from an error message and names types
// in the authors' words (authorWords); the position is
// given separately.
func cleanError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " ("); i > 0 && strings.Contains(msg[i:], ")\n") {
		msg = msg[:i]
	}
	if i := strings.IndexByte(msg, '\n'); i > 0 {
		msg = msg[:i]
	}
	return authorWords(msg)
}

// rule evaluates one rule for a centre (nil for programme rules) and
// appends its results to out; for a rule with each it yields one result
// per item.
func (r *run) rule(ctx context.Context, rule *Rule, c *kiez.Centre, out []Result) []Result {
	out, _ = r.ruleParts(ctx, rule, c, nil, out)
	return out
}

// ruleParts is rule, also returning for each of its results the values of
// the given compiled parts of the assertion (for Explain; nil without
// explain).
func (r *run) ruleParts(ctx context.Context, rule *Rule, c *kiez.Centre, explain []*expression, out []Result) ([]Result, [][]Evidence) {
	r.budget.start(rule.Scope, len(r.centres), r.eng.cfg.stepBudget)
	w := r.windows[rule]
	if w == nil {
		return r.rulePartsIn(ctx, rule, c, explain, out)
	}
	if w.outside != "" {
		msg := w.outside
		if r.problemsOnly {
			msg = ""
		}
		out, res := appendResult(out, r.baseResult(rule, c))
		res.Outcome, res.Message = OutcomeNotApplicable, msg
		return out, noParts(explain)
	}
	// Judge the part of the period inside the rule's validity.
	per, params, missing := r.period, r.params, r.missing
	r.period, r.params, r.missing = w.period, w.params, w.missing
	r.setVar(slotPeriod, w.period)
	r.setVar(slotParams, w.params)
	n := len(out)
	out, parts := r.rulePartsIn(ctx, rule, c, explain, out)
	r.period, r.params, r.missing = per, params, missing
	r.setVar(slotPeriod, per)
	r.setVar(slotParams, params)
	for i := n; i < len(out); i++ {
		if !r.bare(out[i].Outcome) {
			out[i].Message = w.note + out[i].Message
		}
	}
	return out, parts
}

// noParts is the parts of a result that has none: one empty entry for
// Explain, nothing otherwise.
func noParts(explain []*expression) [][]Evidence {
	if explain == nil {
		return nil
	}
	return [][]Evidence{nil}
}

// baseResult is what every result of a rule on a centre (nil: on the
// programme) has, whatever its outcome: the rule's data and the subject.
func (r *run) baseResult(rule *Rule, c *kiez.Centre) Result {
	res := Result{Programme: r.prog.ID, Rule: rule.ID, Title: r.title(rule), Severity: rule.Severity,
		Requirements: rule.Requirements, Source: rule.Source, Subject: r.prog.ID}
	if c != nil {
		res.Subject, res.Centre = c.ID, c.ID
	}
	return res
}

// appendResult appends base to out and returns the list and the new
// result, which the verdict fills in where it lies: the large struct is
// copied once, on its way into the list, not through every step of the
// verdict.
func appendResult(out []Result, base Result) ([]Result, *Result) {
	out = append(out, base)
	return out, &out[len(out)-1]
}

// rulePartsIn is ruleParts within the period and params of the run.
func (r *run) rulePartsIn(ctx context.Context, rule *Rule, c *kiez.Centre, explain []*expression, out []Result) ([]Result, [][]Evidence) {
	base := r.baseResult(rule, c)
	r.beginLets(rule)
	if c != nil {
		r.setVar(slotCentre, c)
	}
	if len(r.missing) > 0 {
		if res, ok := r.paramsMissingResult(rule, base); ok {
			return append(out, res), noParts(explain)
		}
	}
	if rule.each == nil {
		out, res := appendResult(out, base)
		parts := r.verdict(rule, res, nil, explain)
		if explain == nil {
			return out, nil
		}
		return out, [][]Evidence{parts}
	}
	items, err := r.items(rule)
	if err != nil {
		out, res := appendResult(out, base)
		r.errorResult(res, err)
		return out, noParts(explain)
	}
	var slots []slot
	if rule.slots > 0 {
		if cap(r.slots) < rule.slots {
			r.slots = make([]slot, rule.slots)
		}
		slots = r.slots[:rule.slots]
		clear(slots)
	}
	var allParts [][]Evidence
	out = slices.Grow(out, len(items))
	for i, item := range items {
		if ctx.Err() != nil {
			break
		}
		r.setVar(slotItem, item)
		var res *Result
		out, res = appendResult(out, base)
		res.ItemKind, res.Item = rule.itemKind, r.itemSubject(rule, item, i)
		if res.ItemKind == "" {
			res.ItemKind = itemKindOfValue(item)
		}
		res.Subject += "/" + res.Item
		parts := r.verdict(rule, res, slots, explain)
		if explain != nil {
			allParts = append(allParts, parts)
		}
	}
	if slots != nil {
		clear(slots) // drop the references to values of this subject
	}
	return out, allParts
}

// verdict decides one result on the current variables (the centre and,
// for a rule with each, the item), filling in res, which holds the
// rule's data and the subject (baseResult). slots holds the item-independent
// values of a rule with each, nil otherwise. The rule's lets are computed
// when an expression first reads them. With r.problemsOnly, a pass and a
// not-applicable result get neither message nor evidence. It returns the
// values of the explained parts of the assertion.
func (r *run) verdict(rule *Rule, res *Result, slots []slot, explain []*expression) []Evidence {
	r.beginLets(rule)
	var parts []Evidence
	if rule.when != nil {
		ok, err := r.value(rule, rule.when, slots)
		if err != nil {
			r.errorResult(res, err)
			return parts
		}
		if b, _ := ok.(bool); !b {
			if r.problemsOnly {
				res.Outcome = OutcomeNotApplicable
				return parts
			}
			msg, err := r.notApplicableMessage(rule, slots)
			if err != nil {
				r.errorResult(res, err)
				return parts
			}
			res.Outcome = OutcomeNotApplicable
			res.Message = msg
			return parts
		}
	}
	for _, part := range explain {
		var v any
		err := r.needLets(rule, part, slots)
		if err == nil {
			v, err = r.exec(part)
		}
		text := r.format(v)
		if err != nil {
			text = pickIn(r.lang, "Fehler: ", "Error: ") + err.Error()
		}
		parts = append(parts, Evidence{Name: part.text, Text: text, Value: v})
	}
	if rule.needs != nil {
		v, err := r.value(rule, rule.needs, slots)
		if err != nil {
			r.errorResult(res, err)
			return parts
		}
		if empty(v) {
			msg, err := r.missingMessage(rule, slots)
			if err != nil {
				r.errorResult(res, err)
				return parts
			}
			res.Outcome = rule.IfMissing
			res.Message = msg
			if rule.IfMissing == OutcomeFail {
				r.waive(res)
			}
			return parts
		}
	}
	// With details for problems only, the assertion runs first and a pass
	// ends here, without evidence and message. Otherwise its value (or
	// error) waits below the evidence, whose error comes first as before.
	var ok any
	var assertErr error
	if r.problemsOnly {
		ok, assertErr = r.value(rule, rule.assert, slots)
		if b, _ := ok.(bool); b && assertErr == nil {
			res.Outcome = OutcomePass
			return parts
		}
	}
	// Evidence runs once the records are known to be there, so that its
	// expressions need not guard against missing data.
	if len(rule.evidence) > 0 {
		res.Evidence = r.evidenceList(len(rule.evidence))
	}
	for i, e := range rule.evidence {
		v, text, err := r.text(rule, e, slots)
		if err != nil {
			r.errorResult(res, err)
			return parts
		}
		res.Evidence = append(res.Evidence, Evidence{Name: rule.Evidence[i], Text: text, Value: v})
	}
	if !r.problemsOnly {
		ok, assertErr = r.value(rule, rule.assert, slots)
	}
	if assertErr != nil {
		r.errorResult(res, assertErr)
		return parts
	}
	msg, err := r.render(rule, slots)
	if err != nil {
		r.errorResult(res, err)
		return parts
	}
	res.Message = msg
	if b, _ := ok.(bool); b {
		res.Outcome = OutcomePass
		return parts
	}
	res.Outcome = OutcomeFail
	r.waive(res)
	return parts
}

// evidenceList returns an empty list with room for n evidence values.
// When every result is kept (Evaluate), the lists are cut from blocks of
// evidenceBlock values, one allocation for the results of many rules,
// each list with a capacity of its own, so that appending to one never
// writes into another; otherwise (Stream) each list is made alone, so
// that a result kept by the caller does not hold on to a block.
func (r *run) evidenceList(n int) []Evidence {
	if !r.keep {
		return make([]Evidence, 0, n)
	}
	if cap(r.evidence)-len(r.evidence) < n {
		r.evidence = make([]Evidence, 0, max(evidenceBlock, n))
	}
	k := len(r.evidence)
	r.evidence = r.evidence[:k+n]
	return r.evidence[k : k : k+n]
}

// evidenceBlock is the number of evidence values of a block of
// evidenceList.
const evidenceBlock = 256

// bare reports whether a result of the outcome goes without message and
// evidence (WithDetailsForProblemsOnly).
func (r *run) bare(o Outcome) bool {
	return r.problemsOnly && (o == OutcomePass || o == OutcomeNotApplicable)
}

// needLets puts the lets an expression reads into the variables, computing
// those not yet computed for this verdict.
func (r *run) needLets(rule *Rule, e *expression, slots []slot) error {
	for _, i := range e.lets {
		if r.letDone[i] {
			continue
		}
		v, err := r.value(rule, rule.lets[i], slots)
		if err != nil {
			return err
		}
		r.setLet(i, v)
	}
	return nil
}

// value evaluates an expression of a verdict after the lets it reads: a
// centre-independent one once per evaluation, an item-independent one
// once per subject, any other each time.
func (r *run) value(rule *Rule, e *expression, slots []slot) (any, error) {
	if err := r.needLets(rule, e, slots); err != nil {
		return nil, err
	}
	if e.konst >= 0 {
		c := &r.shared.consts[e.konst]
		c.once.Do(func() { c.v, c.err = r.exec(e) })
		return c.v, c.err
	}
	return r.eval(e, slots)
}

// text is value with the value formatted for people in the run's
// language (see Format); the text of a centre-independent expression is
// formatted once.
func (r *run) text(rule *Rule, e *expression, slots []slot) (any, string, error) {
	v, err := r.value(rule, e, slots)
	if err != nil {
		return nil, "", err
	}
	if e.konst >= 0 {
		c := &r.shared.consts[e.konst]
		c.textOnce.Do(func() { c.text = r.format(c.v) })
		return v, c.text, nil
	}
	return v, r.format(v), nil
}

// empty reports whether a needs value says that nothing was reported.
func empty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return rv.Len() == 0
	case reflect.Bool:
		return !rv.Bool()
	case reflect.Int, reflect.Int64:
		return rv.Int() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// waive turns a failure into OutcomeWaived when a waiver for the rule and
// exactly the subject (see waiverMatches) covers the whole evaluated
// period. A failure whose only waivers do not cover the period stays a
// failure, and its message says which waiver did not apply and why.
func (r *run) waive(res *Result) {
	var missed *kiez.Waiver
	for i := range r.waivers {
		w := &r.waivers[i]
		if w.Rule != res.Rule || !waiverMatches(w.Subject, r.prog.ID, res) {
			continue
		}
		if !waiverCovers(w, r.period) {
			if missed == nil {
				missed = w
			}
			continue
		}
		res.Outcome = OutcomeWaived
		res.Waiver = &WaiverRef{ID: w.ID, Reason: w.Reason, GrantedBy: w.GrantedBy, Granted: w.Granted, From: w.From, Until: w.Until}
		return
	}
	if missed != nil {
		res.Message = strings.TrimSpace(res.Message + " " + r.notApplied(missed))
	}
}

package rules

import (
	"errors"
	"fmt"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// Evaluation is one evaluation of a dataset against an engine's rule sets
// for a period: what Evaluate and Stream return, and what the report
// builders and what-if take. It holds its parts together, so that a
// report cannot be given results of another dataset or period. Only the
// Engine makes one; it is read-only.
type Evaluation struct {
	ds      *kiez.Dataset
	sets    []*RuleSet
	period  Period
	results []Result
	counts  [OutcomeError + 1]int // the tally by outcome, kept as the results come
	diags   diag.Diagnostics
	// problemsOnly: the engine was made WithDetailsForProblemsOnly.
	problemsOnly bool
}

// Dataset returns the evaluated dataset.
func (ev *Evaluation) Dataset() *kiez.Dataset { return ev.ds }

// RuleSets returns the rule sets of the engine that evaluated.
func (ev *Evaluation) RuleSets() []*RuleSet { return append([]*RuleSet(nil), ev.sets...) }

// RuleSet returns the rule set with the programme id, or nil.
func (ev *Evaluation) RuleSet(id string) *RuleSet {
	for _, s := range ev.sets {
		if s != nil && s.ID == id {
			return s
		}
	}
	return nil
}

// Period returns the evaluated period.
func (ev *Evaluation) Period() Period { return ev.period }

// Results returns the verdicts in Evaluate's order; empty for an
// evaluation made by Stream, which handed them on instead, and for a nil
// Evaluation (what Evaluate returns with an error that refused the data).
// The list is the evaluation's own: do not change it.
func (ev *Evaluation) Results() []Result {
	if ev == nil {
		return nil
	}
	return ev.results
}

// Counts returns how many results had each outcome.
func (ev *Evaluation) Counts() map[Outcome]int {
	c := map[Outcome]int{}
	for o, n := range ev.counts {
		if n > 0 {
			c[Outcome(o)] = n
		}
	}
	return c
}

// PassDetails reports whether the results of passes and not-applicable
// verdicts carry their message and evidence: false when the engine was
// made WithDetailsForProblemsOnly. The report builders refuse an
// evaluation without them, as their tables show every verdict's message.
func (ev *Evaluation) PassDetails() bool { return !ev.problemsOnly }

// Diagnostics returns the warnings found before the rules ran: of
// validating the dataset (unless the engine was made WithoutValidation)
// and of checking its waivers against the rule sets.
func (ev *Evaluation) Diagnostics() diag.Diagnostics { return ev.diags }

// ErrInvalidData is the error Evaluate and Stream return, wrapped with
// the diagnostics, for a dataset whose validation finds errors: nothing
// was evaluated. errors.As(err, &diags) with diags of type
// diag.Diagnostics gives them.
var ErrInvalidData = errors.New("rules: the dataset is invalid; nothing was evaluated")

// refusal is the error of an evaluation refused before any rule ran: a
// sentinel (ErrInvalidData, ErrWaivers) joined with the diagnostics that
// say why.
type refusal struct {
	reason error
	diags  diag.Diagnostics
}

func (e *refusal) Error() string { return e.reason.Error() + ":\n" + e.diags.Error() }

func (e *refusal) Unwrap() []error { return []error{e.reason, e.diags} }

// tally counts the outcomes of results as they come.
func (ev *Evaluation) tally(rs []Result) {
	for i := range rs {
		if o := rs[i].Outcome; o > 0 && o <= OutcomeError {
			ev.counts[o]++
		}
	}
}

// begin checks what an evaluation needs before any rule runs — a dataset,
// a period, valid data (unless the caller validated it), waivers that
// name known programmes and rules — and returns the evaluation to fill.
func (e *Engine) begin(op string, ds *kiez.Dataset, period Period) (*Evaluation, error) {
	if ds == nil {
		return nil, fmt.Errorf("rules: %s: nil dataset", op)
	}
	if err := period.check(); err != nil {
		return nil, err
	}
	ev := &Evaluation{ds: ds, sets: e.progs, period: period, problemsOnly: e.cfg.problemsOnly}
	if !e.cfg.validated {
		diags := ds.Validate()
		if diags.HasErrors() {
			return nil, &refusal{reason: ErrInvalidData, diags: diags}
		}
		ev.diags = diags
	}
	wd, err := e.checkWaiverErrors(ds, period)
	if err != nil {
		return nil, err
	}
	ev.diags = append(ev.diags, wd...)
	return ev, nil
}

// Restore rebuilds an evaluation from its stored parts — a past
// evaluation read back from a database or a file, to show its verdicts
// and reports again without running the rules — and for tests of what
// reads an evaluation. The caller vouches that the results are those of
// the rule sets on the dataset for the period; Restore checks only that
// there is a dataset and a period.
func Restore(ds *kiez.Dataset, sets []*RuleSet, period Period, results []Result) (*Evaluation, error) {
	if ds == nil {
		return nil, errors.New("rules: Restore: nil dataset")
	}
	if err := period.check(); err != nil {
		return nil, err
	}
	ev := &Evaluation{ds: ds, sets: append([]*RuleSet(nil), sets...), period: period, results: results}
	ev.tally(results)
	return ev, nil
}

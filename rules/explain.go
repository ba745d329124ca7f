package rules

import (
	"context"
	"fmt"

	"github.com/kiez-go/kiez/kiez"
)

// Explanation answers "why this verdict?" without reading the rule: the
// result, the rule's expressions as written, the value of each top-level
// part of the assertion (each operand of its "and"/"or", or both sides of
// a single comparison) and the tree of every sub-expression that decided
// it.
type Explanation struct {
	Result Result `json:"result"`
	When   string `json:"when,omitempty"`
	Needs  string `json:"needs,omitempty"`
	Assert string `json:"assert"`
	// Parts holds the assertion's top-level parts with their values.
	Parts []Evidence `json:"parts"`
	// Tree holds the rule's lets with their values, then the assertion,
	// each with the sub-expressions that decided it (see Step): the
	// operands of and/or up to the one that decided it, both sides of a
	// comparison, the arguments of a function, and for a quantifier
	// (any, all, none, filter …) the list and the elements that decided
	// it. A sub-expression inside a predicate (one that reads #) is shown
	// only as part of its quantifier. Tree is empty when the verdict was
	// reached before the assertion: not applicable (when), an error, a
	// param without a value.
	Tree []Step `json:"tree,omitempty"`
}

// Explain evaluates one rule for one subject and explains the verdict. The
// subject is written as in Result.Subject: the programme id, a centre id,
// or "centre/item".
func (e *Engine) Explain(ctx context.Context, ds *kiez.Dataset, period Period, ruleID, subject string) (*Explanation, error) {
	if ds == nil {
		return nil, fmt.Errorf("rules: Explain: nil dataset")
	}
	per := period
	found := false
	for _, p := range e.progs {
		rule := p.Rule(ruleID)
		if rule == nil {
			continue
		}
		found = true
		r := e.newRun(p, ds, per).forWorker(ctx)
		r.problemsOnly = false // an explanation gives every detail
		var centres []*kiez.Centre
		if rule.Scope == ScopeProgramme {
			centres = []*kiez.Centre{nil}
		} else {
			for _, c := range r.centres {
				if SubjectOf(subject, c.ID) {
					centres = append(centres, c)
				}
			}
			if len(centres) == 0 {
				continue // another programme may have a rule of that id
			}
		}
		top := p.assertParts(rule, p.loadCfg)
		tree, treeParts := p.explainTree(rule, p.loadCfg)
		explain := append(append([]*expression(nil), top...), treeParts...)
		for _, c := range centres {
			results, parts := r.ruleParts(ctx, rule, c, explain, nil)
			for i, res := range results {
				if res.Subject != subject {
					continue
				}
				x := &Explanation{Result: res, When: rule.When, Needs: rule.Needs, Assert: rule.Assert}
				if i < len(parts) && len(parts[i]) == len(explain) {
					x.Parts = parts[i][:len(top)]
					x.Tree = steps(tree, parts[i][len(top):], r.lang)
				}
				return x, nil
			}
		}
		found = true
	}
	if found {
		return nil, fmt.Errorf("rules: rule %q has no result for subject %q", ruleID, subject)
	}
	return nil, fmt.Errorf("rules: no rule %q", ruleID)
}

package rules

import (
	"fmt"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// The static cost estimate of a rule at load, from its checked
// expressions, and the ceiling above which a rule does not load; budget.go
// bounds what a rule really does at run time. The compiler layer
// (compile.Estimate) applies the declared sizes below, given in its
// Config (costSizes).

// The cost of a rule is estimated at load from its checked expressions,
// in the manner of cel-go's EstimateCost: every node of an expression
// costs one step; a loop (all, any, filter, map …) costs its list's
// declared size times the cost of its predicate, so nested loops
// multiply; a function that takes or gives a list costs the sizes of those
// lists (it reads or builds them), except a list the rule file writes out
// (a literal or a param), which the file bounds and the step budget does
// not count either; a rule with each runs its per-item
// expressions once for each of the declared number of items. The sizes
// are declared bounds of the model's lists, below; they are generous
// upper estimates of real data (the testdata's largest centre has about
// 700 sessions a year), not limits: a dataset may hold more, and the run
// time budget (DefaultStepBudget) bounds what really happens.
const (
	// CostCentres is the declared number of centres of a programme.
	CostCentres = 500
	// CostSessions is the declared number of sessions (and of dates or
	// quantities derived from them) of a centre.
	CostSessions = 2000
	// CostRecords is the declared number of a centre's or programme's
	// meetings, evidence, offers and other dated records.
	CostRecords = 500
	// CostMembers is the declared number of a record's members: staff,
	// Kitas, participants, partners, rooms, phases, changes and the like.
	CostMembers = 100
	// CostList is the declared size of any other list (texts, numbers,
	// ranges whose ends are not constants).
	CostList = 1000
)

// CostCeiling is the highest estimated cost of a rule that loads; a rule
// above it is a load error. The costliest shipped rule is estimated at
// about 42 million steps (kiez lint lists the costliest rules; the test
// TestCostShippedRules keeps a margin of at least 10×); the ceiling
// leaves a margin of 24× for new rules, and rejects, for example, three
// loops over the sessions nested in each other (about 10^11).
const CostCeiling = 1_000_000_000

// Cost is the estimated cost of the rule on one centre (or once, for a
// programme rule), in steps; see CostCeiling for the model.
func (r *Rule) Cost() uint64 { return r.cost }

// costSizes are the declared sizes as the compiler layer takes them.
var costSizes = compile.Sizes{Centres: CostCentres, Sessions: CostSessions, Records: CostRecords, Members: CostMembers, List: CostList}

// costBounds documents the declared sizes (compile.Estimate) for the
// reference.
func costBounds() []struct {
	what string
	n    uint64
} {
	return []struct {
		what string
		n    uint64
	}{
		{"centres of a programme", CostCentres},
		{"sessions of a centre, and lists of dates or quantities", CostSessions},
		{"meetings, evidence, offers, case exchanges, budget lines, closures, providers, facilitation months", CostRecords},
		{"other records: staff, Kitas, participants, partners, rooms, phases, changes …", CostMembers},
		{"other lists: texts, numbers, ranges whose ends are not constants", CostList},
	}
}

// ruleCost estimates the cost of a compiled rule on one centre: the
// expressions of each once, the others once per declared item.
func ruleCost(c *compile.Estimate, r *Rule) uint64 {
	var once, perItem uint64
	items := uint64(1)
	if r.each != nil {
		once = c.Cost(r.each.program.Node())
		items = c.Size(r.each.program.Node())
	}
	add := func(e *expression, let string) {
		if e == nil {
			return
		}
		perItem = compile.SatAdd(perItem, c.Cost(e.program.Node()))
		if let != "" {
			c.Declare(let, c.Size(e.program.Node())) // for the expressions after it
		}
	}
	add(r.subject, "")
	r.eachVerdictExpr(add)
	return compile.SatAdd(once, compile.SatMul(items, perItem))
}

// checkCost estimates a compiled rule's cost and reports a rule above the
// ceiling.
func (l *loader) checkCost(r *Rule) {
	r.cost = ruleCost(l.session().Estimate(), r)
	if r.cost > l.opts.costCeiling {
		l.errorf(&r.Pos, "Loops nested in each other multiply: avoid a loop over the sessions or centres inside another such loop, e.g. compute the inner list once in a let, or use a function such as sessionsOf or cadence.",
			"rule %s: estimated cost %s steps exceeds the ceiling of %s", r.ID, groupDigits(r.cost), groupDigits(l.opts.costCeiling))
	}
}

// groupDigits writes a number with thousands separated by commas.
func groupDigits(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

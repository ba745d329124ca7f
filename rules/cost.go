package rules

import (
	"fmt"
	"math/bits"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// The static cost estimate of a rule at load, from its checked
// expressions, and the ceiling above which a rule does not load; budget.go
// bounds what a rule really does at run time.

// The cost of a rule is estimated at load from its checked expressions,
// in the manner of cel-go's EstimateCost: every node of an expression
// costs one step; a loop (all, any, filter, map …) costs its list's
// declared size times the cost of its predicate, so nested loops
// multiply; a function that takes or gives a list costs the sizes of those
// lists (it reads or builds them); a rule with each runs its per-item
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

// listBound is the declared size of a list whose elements have type t.
func listBound(t reflect.Type) uint64 {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[kiez.Centre]():
		return CostCentres
	case reflect.TypeFor[kiez.Session](), reflect.TypeFor[date.Date](), reflect.TypeFor[schedule.Quantity]():
		return CostSessions
	case reflect.TypeFor[kiez.Meeting](), reflect.TypeFor[kiez.Evidence](), reflect.TypeFor[kiez.Offer](),
		reflect.TypeFor[kiez.CaseExchange](), reflect.TypeFor[kiez.BudgetLine](), reflect.TypeFor[kiez.Closure](),
		reflect.TypeFor[kiez.Provider](), reflect.TypeFor[kiez.FacilitationHours]():
		return CostRecords
	}
	if t != nil && t.Kind() == reflect.Struct {
		return CostMembers
	}
	return CostList
}

// costBounds documents listBound for the reference.
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

// satAdd and satMul add and multiply without overflowing.
func satAdd(a, b uint64) uint64 {
	s, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return ^uint64(0)
	}
	return s
}

func satMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return ^uint64(0)
	}
	return lo
}

// coster estimates the cost of checked expressions. sizes holds the
// declared sizes of the lists of the variables in scope: the rule's lets
// and the expressions' own let declarations.
type coster struct{ sizes map[string]uint64 }

// cost is the estimated number of steps of a node.
func (c *coster) cost(n ast.Node) uint64 {
	switch n := n.(type) {
	case nil:
		return 0
	case *ast.BuiltinNode:
		total := uint64(1)
		if isLoop(n) && len(n.Arguments) > 0 {
			total = satAdd(total, c.cost(n.Arguments[0]))
			per := uint64(0)
			for _, a := range n.Arguments[1:] {
				per = satAdd(per, c.cost(a))
			}
			return satAdd(total, satMul(c.size(n.Arguments[0]), per))
		}
		for _, a := range n.Arguments {
			total = satAdd(total, c.cost(a))
			if isList(a) {
				total = satAdd(total, c.size(a)) // len, uniq, sort, flatten … read the list
			}
		}
		return total
	case *ast.CallNode:
		if isCall(n, stepsName) || isCall(n, guardName) {
			return c.cost(n.Arguments[len(n.Arguments)-1]) // the budget's counting, not the author's
		}
		total := uint64(1)
		for _, a := range n.Arguments {
			total = satAdd(total, c.cost(a))
			if isList(a) {
				total = satAdd(total, c.size(a))
			}
		}
		if isList(n) {
			total = satAdd(total, c.size(n)) // the function builds or scans the list it gives
		}
		return total
	case *ast.BinaryNode:
		total := satAdd(1, satAdd(c.cost(n.Left), c.cost(n.Right)))
		if n.Operator == ".." {
			total = satAdd(total, c.size(n))
		}
		return total
	case *ast.VariableDeclaratorNode:
		v := c.cost(n.Value)
		prev, had := c.sizes[n.Name]
		c.sizes[n.Name] = c.size(n.Value)
		total := satAdd(1, satAdd(v, c.cost(n.Expr)))
		if had {
			c.sizes[n.Name] = prev
		} else {
			delete(c.sizes, n.Name)
		}
		return total
	}
	total := uint64(1)
	for _, child := range children(n) {
		total = satAdd(total, c.cost(*child))
	}
	if p, ok := n.(*ast.PredicateNode); ok {
		total = satAdd(total, c.cost(p.Node))
	}
	return total
}

// isList reports whether a node gives a list.
func isList(n ast.Node) bool {
	t := n.Type()
	return t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array)
}

// size is the declared size of the list a node gives (1 for a value that
// is no list).
func (c *coster) size(n ast.Node) uint64 {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		if s, ok := c.sizes[n.Value]; ok {
			return s
		}
	case *ast.ConstantNode:
		if v := reflect.ValueOf(n.Value); v.IsValid() && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) {
			return uint64(v.Len())
		}
	case *ast.BinaryNode:
		if n.Operator == ".." {
			from, okf := n.Left.(*ast.IntegerNode)
			to, okt := n.Right.(*ast.IntegerNode)
			if okf && okt {
				if to.Value < from.Value {
					return 0
				}
				return uint64(to.Value-from.Value) + 1
			}
			return CostList
		}
	case *ast.BuiltinNode:
		switch n.Name {
		case "filter", "map", "sortBy", "sort", "uniq", "reverse", "take":
			if len(n.Arguments) > 0 {
				return c.size(n.Arguments[0])
			}
		}
	case *ast.CallNode:
		// $refs and the patched uniq give their argument's records, the
		// budget's calls their list.
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && len(n.Arguments) > 0 {
			switch id.Value {
			case refsName, uniqName, stepsName, guardName:
				return c.size(n.Arguments[len(n.Arguments)-1])
			}
		}
	case *ast.SequenceNode:
		if len(n.Nodes) > 0 {
			return c.size(n.Nodes[len(n.Nodes)-1])
		}
	}
	if !isList(n) {
		return 1
	}
	nt := n.Nature()
	if nt.Ref != nil && nt.Ref.Type != nil {
		return listBound(nt.Ref.Type)
	}
	if e := n.Type().Elem(); e.Kind() != reflect.Interface {
		return listBound(e)
	}
	return CostList
}

// ruleCost estimates the cost of a compiled rule on one centre: the
// expressions of each once, the others once per declared item.
func ruleCost(r *Rule) uint64 {
	c := &coster{sizes: map[string]uint64{}}
	var once, perItem uint64
	items := uint64(1)
	if r.each != nil {
		once = c.cost(r.each.program.Node())
		items = c.size(r.each.program.Node())
	}
	add := func(e *expression) {
		if e != nil {
			perItem = satAdd(perItem, c.cost(e.program.Node()))
		}
	}
	add(r.when)
	add(r.subject)
	for i, x := range r.lets {
		add(x)
		c.sizes[r.Let[i]] = c.size(x.program.Node())
	}
	add(r.needs)
	add(r.assert)
	for _, part := range r.templateParts() {
		add(part.expr)
	}
	for _, e := range r.evidence {
		add(e)
	}
	return satAdd(once, satMul(items, perItem))
}

// checkCost estimates a compiled rule's cost and reports a rule above the
// ceiling.
func (l *loader) checkCost(r *Rule) {
	r.cost = ruleCost(r)
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

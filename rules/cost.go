package rules

import (
	"fmt"
	"math/bits"
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

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

// DefaultStepBudget is the run-time budget of one rule on one centre, in
// steps: iterations of loops and bytes of text joined with +. A
// programme rule, which reads all centres, has the budget once for every
// CostCentres centres of the data begun (at least once). A rule that
// exceeds its budget gets the verdict "Prüffehler" with a German message
// naming the budget, and the other rules go on. The shipped rules take
// fewer than 10,000 steps per centre on the testdata, and their programme
// rules fewer than 5 million on 10,000 generated centres (whose budget is
// 20 times this one); a hostile rule is stopped after about 0.15 s per
// centre on 2 cores.
const DefaultStepBudget = 5_000_000

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
	for _, part := range r.message {
		add(part.expr)
	}
	for _, part := range r.notApplicable {
		add(part.expr)
	}
	for _, part := range r.missingMsg {
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

// The run-time budget: the compiler counts every loop's list when the loop
// begins (nested loops are counted each time they begin, so the count is
// the number of iterations), the elements of every list handed to a
// function or a builtin that reads it (sort, join …), and the bytes of
// text joined with +, in the budget of the rule being evaluated, which the
// engine resets per rule and centre. Work a function does on one value
// (upper of a long text) is not counted; the evaluation's context bounds
// it.
const (
	stepsName  = "$steps"
	guardName  = "$guard"
	concatName = "$concat"
	budgetVar  = "$budget"
)

// stepBudget counts the steps of the rule being evaluated.
type stepBudget struct{ used, limit uint64 }

// start begins a rule of the given scope on data of the given number of
// centres, with the budget of the rule (see DefaultStepBudget).
func (b *stepBudget) start(scope Scope, centres int, perCentre uint64) {
	if b == nil {
		return
	}
	b.used, b.limit = 0, perCentre
	if scope == ScopeProgramme && centres > CostCentres {
		b.limit = satMul(perCentre, uint64((centres+CostCentres-1)/CostCentres))
	}
}

// spend counts n steps and fails once the budget is exceeded.
func (b *stepBudget) spend(n int) error {
	b.used += uint64(n)
	if b.used > b.limit {
		return fmt.Errorf("die Regel überschreitet ihr Schrittbudget von %s Schritten, gezählt als Schleifendurchläufe und Zeichen zusammengesetzter Texte; vereinfachen Sie die Regel, etwa ohne ineinander geschachtelte Schleifen", germanDigits(b.limit))
	}
	return nil
}

// germanDigits writes a number with thousands separated by points.
func germanDigits(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// countSteps is $steps(budget, list): it counts the list's elements in
// the budget and gives the list.
func countSteps(budget, list any) (any, error) {
	if b, ok := budget.(*stepBudget); ok {
		if err := b.spend(reflect.ValueOf(list).Len()); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// budgetFunctions are the functions the compiler inserts for the budget;
// they count nothing outside an evaluation (no budget in the variables).
func budgetFunctions() map[string]*builtin.Function {
	return map[string]*builtin.Function{
		stepsName: {Name: stepsName, Func: func(a ...any) (any, error) { return countSteps(a[0], a[1]) }},
		guardName: {Name: guardName, Func: func(a ...any) (any, error) {
			if ec := ecOf(a[0]); ec != nil {
				if err := ec.Err(); err != nil {
					return nil, err
				}
			}
			if b, ok := a[1].(*stepBudget); ok {
				if err := b.spend(reflect.ValueOf(a[2]).Len()); err != nil {
					return nil, err
				}
			}
			return a[2], nil
		}},
		concatName: {Name: concatName, Func: func(a ...any) (any, error) {
			x, okx := a[1].(string)
			y, oky := a[2].(string)
			if !okx || !oky {
				return runtime.Add(a[1], a[2]), nil // operands of unknown type that are no texts: expr's +
			}
			if b, ok := a[0].(*stepBudget); ok {
				if err := b.spend(len(x) + len(y)); err != nil {
					return nil, err
				}
			}
			return x + y, nil
		}},
	}
}

// instrument puts the budget's counting into a checked tree, after the
// checker (the inserted calls are typed as what they give and not checked
// again). Inside a loop's predicate, where work multiplies, every loop's
// list and every list handed to a function or to a builtin that reads it
// becomes $steps($budget, list); the guard before such a loop ($alive,
// see guardLoops) becomes $guard($ctx, $budget, list) in one call. Outside
// predicates, a loop is counted only over a list that is not a list of
// the data's records (a range, a list built by the expression): the
// data's own lists are read once per expression, which the data's size
// bounds, and counting them would only cost time. Every + of two texts,
// or of operands of unknown type, becomes $concat($budget, a, b).
func instrument(node *ast.Node) {
	instrumentIn(node, false)
}

func instrumentIn(node *ast.Node, nested bool) {
	switch n := (*node).(type) {
	case *ast.SequenceNode:
		// The guard of a nested loop: $alive($ctx); loop.
		if len(n.Nodes) == 2 {
			if alive, ok := n.Nodes[0].(*ast.CallNode); ok && isCall(alive, aliveName) && len(alive.Arguments) == 1 {
				if loop, ok := n.Nodes[1].(*ast.BuiltinNode); ok && isLoop(loop) {
					instrumentArgs(loop, true)
					loop.Arguments[0] = guardCall(alive.Arguments[0], loop.Arguments[0])
					*node = loop
					return
				}
			}
		}
	case *ast.BuiltinNode:
		instrumentArgs(n, nested)
		switch {
		case isLoop(n) && len(n.Arguments) > 0:
			if nested || !recordList(n.Arguments[0].Type()) {
				n.Arguments[0] = budgetCall(stepsName, n.Arguments[0], n.Arguments[0])
			}
		case nested && readsList[n.Name]:
			countLists(n.Arguments)
		}
		return
	case *ast.PredicateNode:
		instrumentIn(&n.Node, true)
		return
	case *ast.CallNode:
		for i := range n.Arguments {
			instrumentIn(&n.Arguments[i], nested)
		}
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && nested && !strings.HasPrefix(id.Value, "$") {
			countLists(n.Arguments)
		}
		return
	case *ast.BinaryNode:
		instrumentIn(&n.Left, nested)
		instrumentIn(&n.Right, nested)
		if n.Operator == "+" && maybeText(n.Left.Type()) && maybeText(n.Right.Type()) {
			*node = budgetCall(concatName, n, n.Left, n.Right)
		}
		return
	}
	for _, child := range children(*node) {
		instrumentIn(child, nested)
	}
}

// instrumentArgs instruments the arguments of a builtin; its predicates
// are nested.
func instrumentArgs(b *ast.BuiltinNode, nested bool) {
	for i := range b.Arguments {
		instrumentIn(&b.Arguments[i], nested)
	}
}

// isCall reports whether a call calls the function of the given name.
func isCall(c *ast.CallNode, name string) bool {
	id, ok := c.Callee.(*ast.IdentifierNode)
	return ok && id.Value == name
}

// recordList reports whether t is a list of the data's records (or of
// pointers to them), as the model's fields and the record functions give.
func recordList(t reflect.Type) bool {
	if t == nil || t.Kind() != reflect.Slice {
		return false
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	return e.Kind() == reflect.Struct
}

// maybeText reports whether a value of type t may be a text: a text, or
// of a type the checker does not know.
func maybeText(t reflect.Type) bool {
	return t == nil || t.Kind() == reflect.Interface || t.Kind() == reflect.String
}

// readsList names expr's builtins without a predicate that read every
// element of a list they are given.
var readsList = map[string]bool{"sort": true, "uniq": true, "flatten": true, "join": true, "concat": true, "reverse": true,
	"sum": true, "max": true, "min": true, "mean": true, "median": true}

// countLists counts the elements of every list among the arguments of a
// function or builtin that reads them, except the lists the rule file
// writes out (literals and params), which its size bounds; argcheck.go
// checks those as they are written.
func countLists(args []ast.Node) {
	for i, a := range args {
		if isList(a) && !fileList(a) {
			args[i] = budgetCall(stepsName, a, a)
		}
	}
}

// fileList reports whether a node is a list the rule file writes out: a
// literal, a constant or a param.
func fileList(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ArrayNode, *ast.ConstantNode:
		return true
	case *ast.MemberNode:
		id, ok := n.Node.(*ast.IdentifierNode)
		return ok && id.Value == varParams
	}
	return false
}

// guardCall is $guard($ctx, $budget, list), typed as the list.
func guardCall(ctx, list ast.Node) *ast.CallNode {
	call := budgetCall(guardName, list, list)
	call.Arguments = append([]ast.Node{ctx}, call.Arguments...)
	return call
}

// budgetCall is a call of a budget function with the budget and args,
// typed as like.
func budgetCall(name string, like ast.Node, args ...ast.Node) *ast.CallNode {
	budget := &ast.IdentifierNode{Value: budgetVar}
	callee := &ast.IdentifierNode{Value: name}
	// The callee is typed as no function, so that the compiler passes the
	// arguments as they are and calls the function of the table.
	callee.SetType(reflect.TypeFor[bool]())
	call := &ast.CallNode{Callee: callee, Arguments: append([]ast.Node{budget}, args...)}
	call.SetNature(*like.Nature())
	call.SetLocation(like.Location())
	return call
}

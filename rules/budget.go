package rules

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
)

// The run-time step budget of a rule: the counting the compiler puts into
// a checked tree (instrument) and the functions that count (stepBudget);
// cost.go estimates the cost at load.

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
		return fmt.Errorf("the rule exceeds its step budget of %d steps, counted as loop iterations and characters of built texts; simplify the rule, e.g. without nested loops", b.limit)
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

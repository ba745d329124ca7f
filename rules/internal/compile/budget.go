package compile

import (
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// The run-time step budget put into a checked tree: the counting of
// loops, lists and built texts that the budget's functions (Config.Budget)
// do while an expression runs.

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
func instrument(node *ast.Node, params string) {
	b := budgeter{params: params}
	b.in(node, false)
}

// budgeter puts the counting into one tree; params is Config.Params.
type budgeter struct{ params string }

func (b budgeter) in(node *ast.Node, nested bool) {
	switch n := (*node).(type) {
	case *ast.SequenceNode:
		// The guard of a nested loop: $alive($ctx); loop.
		if len(n.Nodes) == 2 {
			if alive, ok := n.Nodes[0].(*ast.CallNode); ok && isCall(alive, AliveName) && len(alive.Arguments) == 1 {
				if loop, ok := n.Nodes[1].(*ast.BuiltinNode); ok && isLoop(loop) {
					b.args(loop, true)
					loop.Arguments[0] = guardCall(alive.Arguments[0], loop.Arguments[0])
					*node = loop
					return
				}
			}
		}
	case *ast.BuiltinNode:
		b.args(n, nested)
		switch {
		case isLoop(n) && len(n.Arguments) > 0:
			if nested || !recordList(n.Arguments[0].Type()) {
				n.Arguments[0] = budgetCall(StepsName, n.Arguments[0], n.Arguments[0])
			}
		case nested && readsList[n.Name]:
			b.countLists(n.Arguments)
		}
		return
	case *ast.PredicateNode:
		b.in(&n.Node, true)
		return
	case *ast.CallNode:
		for i := range n.Arguments {
			b.in(&n.Arguments[i], nested)
		}
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && nested && !strings.HasPrefix(id.Value, "$") {
			b.countLists(n.Arguments)
		}
		return
	case *ast.BinaryNode:
		b.in(&n.Left, nested)
		b.in(&n.Right, nested)
		if n.Operator == "+" && maybeText(n.Left.Type()) && maybeText(n.Right.Type()) {
			*node = budgetCall(ConcatName, n, n.Left, n.Right)
		}
		return
	}
	eachChild(*node, func(child *ast.Node) { b.in(child, nested) })
}

// args instruments the arguments of a builtin; its predicates
// are nested.
func (b budgeter) args(n *ast.BuiltinNode, nested bool) {
	for i := range n.Arguments {
		b.in(&n.Arguments[i], nested)
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
// writes out (literals and params), which its size bounds; the rules'
// argument checks check those as they are written.
func (b budgeter) countLists(args []ast.Node) {
	for i, a := range args {
		if isList(a) && !fileList(a, b.params) {
			args[i] = budgetCall(StepsName, a, a)
		}
	}
}

// fileList reports whether a node is a list the rule file writes out: a
// literal, a constant or a param (a field of the variable params, which
// is Config.Params). The step budget does not count the reading of such a
// list, nor does the cost estimate: the file's size bounds it.
func fileList(n ast.Node, params string) bool {
	switch n := n.(type) {
	case *ast.ArrayNode, *ast.ConstantNode:
		return true
	case *ast.MemberNode:
		id, ok := n.Node.(*ast.IdentifierNode)
		return ok && id.Value == params
	}
	return false
}

// guardCall is $guard($ctx, $budget, list), typed as the list.
func guardCall(ctx, list ast.Node) *ast.CallNode {
	call := budgetCall(GuardName, list, list)
	call.Arguments = append([]ast.Node{ctx}, call.Arguments...)
	return call
}

// budgetCall is a call of a budget function with the budget and args,
// typed as like.
func budgetCall(name string, like ast.Node, args ...ast.Node) *ast.CallNode {
	budget := &ast.IdentifierNode{Value: BudgetVar}
	callee := &ast.IdentifierNode{Value: name}
	// The callee is typed as no function, so that the compiler passes the
	// arguments as they are and calls the function of the table.
	callee.SetType(reflect.TypeFor[bool]())
	call := &ast.CallNode{Callee: callee, Arguments: append([]ast.Node{budget}, args...)}
	call.SetNature(*like.Nature())
	call.SetLocation(like.Location())
	return call
}

// isList reports whether a node gives a list.
func isList(n ast.Node) bool {
	t := n.Type()
	return t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array)
}

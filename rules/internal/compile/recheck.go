package compile

import (
	"reflect"
	"regexp"

	"github.com/expr-lang/expr/ast"
)

// The work-around of the checker's defect (see the package
// documentation): where a second check without the operator
// patchers is needed, and which of its errors count.

// The messages of expr's checker for an unknown name and an unknown field
// (pinned by TestExprMessages).
var (
	unknownName  = regexp.MustCompile(`^unknown name (\S+)`)
	unknownField = regexp.MustCompile(`^type (.+) has no field (\S+)$`)
)

// MayHideNames reports whether a compiled expression may hide an unknown
// name or field that CheckNames would find: whether a node of its tree
// has no type or the type "anything", leaving out the nodes the compiler
// put in after checking, which no misspelling can hide behind: the
// evaluation's state and the step budget (CtxVar, BudgetVar), the calls
// of RefsName and of the budget's functions (typed as the list or value
// they wrap, which is checked itself), the names of called functions (a
// call of an unknown function has no type itself) and nil. expr's checker
// gives a name or field it does not know no type, and a node below a call
// the checker skipped after a patch keeps no type or the one it had; a
// tree whose every other node has a known type has no unknown name or
// field, and checking it again without the operators finds none (the
// functions have the same results there, the environment is the same,
// and a list read through RefsName has elements with the same fields).
// The rules' TestRecheckOnlyWhereHidden misspells every word of the
// shipped expressions and checks that each misspelling the recheck finds
// is in an expression of which NeedsCheckNames says so.
func MayHideNames(root ast.Node) bool { return mayHide(root, false) }

// mayHide is MayHideNames of a node, which is the callee of a call when
// callee is set; it walks the tree without allocating.
func mayHide(n ast.Node, callee bool) bool {
	switch n := n.(type) {
	case nil, *ast.NilNode:
		return false
	case *ast.IdentifierNode:
		if callee || n.Value == CtxVar || n.Value == BudgetVar {
			return false
		}
	case *ast.CallNode:
		own := true
		if id, ok := n.Callee.(*ast.IdentifierNode); ok {
			switch id.Value {
			case StepsName, GuardName, ConcatName:
				own = false
			default:
				own = !isRefs(id.Value)
			}
		}
		if own && hidesType(n) || mayHide(n.Callee, true) {
			return true
		}
		return anyHides(n.Arguments)
	case *ast.BuiltinNode:
		return hidesType(n) || anyHides(n.Arguments)
	case *ast.PredicateNode:
		return hidesType(n) || mayHide(n.Node, false)
	}
	if hidesType(n) {
		return true
	}
	found := false
	eachChild(n, func(child *ast.Node) { found = found || mayHide(*child, false) })
	return found
}

// anyHides reports whether a node of a list may hide a name (mayHide).
func anyHides(l []ast.Node) bool {
	for _, a := range l {
		if mayHide(a, false) {
			return true
		}
	}
	return false
}

// hidesType reports whether a node has no type or the type "anything".
func hidesType(n ast.Node) bool {
	t := n.Type()
	return t == nil || t.Kind() == reflect.Interface
}

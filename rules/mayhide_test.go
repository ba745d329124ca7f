package rules

import (
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr/ast"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestMayHideNamesAsFind compares compile.MayHideNames, which walks a
// tree without allocating, with its statement in terms of ast.Find, on
// every subtree of every expression of the shipped programmes.
func TestMayHideNamesAsFind(t *testing.T) {
	progs, diags := LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	roots, hiding := 0, 0
	for _, p := range progs {
		for _, e := range p.expressions() {
			ast.Find(e.program.Node(), func(n ast.Node) bool {
				roots++
				want := mayHideByFind(n)
				if want {
					hiding++
				}
				if got := compile.MayHideNames(n); got != want {
					t.Errorf("%s: %q: MayHideNames = %v, want %v", p.ID, n.String(), got, want)
				}
				return false
			})
		}
	}
	if hiding == 0 || hiding == roots {
		t.Errorf("%d of %d subtrees may hide a name: too few of either to compare", hiding, roots)
	}
}

// mayHideByFind is MayHideNames as it was first written: a node other
// than nil, the callee of a call, the evaluation's state, the budget and
// the calls the compiler puts in has no type or the type "anything".
func mayHideByFind(root ast.Node) bool {
	callees := map[ast.Node]bool{}
	ast.Find(root, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallNode); ok {
			callees[c.Callee] = true
		}
		return false
	})
	found := false
	ast.Find(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.NilNode:
			return false
		case *ast.IdentifierNode:
			if callees[n] || n.Value == compile.CtxVar || n.Value == compile.BudgetVar {
				return false
			}
		case *ast.CallNode:
			if id, ok := n.Callee.(*ast.IdentifierNode); ok {
				switch id.Value {
				case compile.RefsName, compile.StepsName, compile.GuardName, compile.ConcatName:
					return false
				}
				if strings.HasPrefix(id.Value, compile.RefsName+"/") {
					return false // RefsName for one list
				}
			}
		}
		if t := n.Type(); t == nil || t.Kind() == reflect.Interface {
			found = true
		}
		return found
	})
	return found
}

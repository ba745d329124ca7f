package rules

import (
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestEachNodeAsWalk shows that compile.EachNode visits the nodes of every
// compiled expression of the shipped programmes in ast.Walk's order (the
// order of the load's diagnostics and of Rule.Params depends on it).
func TestEachNodeAsWalk(t *testing.T) {
	progs, diags := LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	n := 0
	for _, p := range progs {
		for _, e := range p.expressions() {
			var walked, each []ast.Node
			ast.Find(e.program.Node(), func(n ast.Node) bool {
				walked = append(walked, n)
				return false
			})
			compile.EachNode(e.program.Node(), func(n ast.Node) { each = append(each, n) })
			if diff := cmp.Diff(walked, each, cmp.Comparer(func(a, b ast.Node) bool { return a == b })); diff != "" {
				t.Errorf("%s %q (-ast.Walk +EachNode):\n%s", e.pos(), e.text, diff)
			}
			n += len(each)
		}
	}
	if n < 5000 {
		t.Errorf("visited %d nodes, want the shipped programmes' ~9000", n)
	}
}

package rules

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPatchAndCheckAsExpr compiles every expression of the shipped
// programmes, and variants that fail, both with the compiler's session
// (which checks only after a patcher's walk that changed the tree) and as
// expr.Compile does (CompileAsExpr: expr's own checker checks the tree
// before every patcher's walk): the programs and the errors are the
// same. It pins the assumption that checking a tree that has not changed
// gives what the check before gave; package compile's
// expr_compat_test.go pins the rest of what it assumes about expr.
func TestPatchAndCheckAsExpr(t *testing.T) {
	n := 0
	for _, id := range Embedded() {
		p, diags := LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		sess := newExprCache().shared.Session(DefaultMaxNodes)
		for _, r := range p.Rules {
			env := r.envTypes
			for _, text := range ruleTexts(r) {
				// A variant with a misspelt field and one with a type
				// error fail in the checker after patching.
				for _, text := range []string{text, text + ".fieldd", "(" + text + ") + date(\"2024-01-01\")"} {
					n++
					want, wantErr := sess.CompileAsExpr(text, env)
					prog, err := sess.Compile(text, env)
					if fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("%s: %s: error %v, expr's checker gives %v", r.ID, text, err, wantErr)
						continue
					}
					if err != nil {
						continue
					}
					if diff := cmp.Diff(want, mustMachine(t, prog).Disassemble()); diff != "" {
						t.Errorf("%s: %s: the programs differ (-expr +patchAndCheck):\n%s", r.ID, text, diff)
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("compared %d expressions, want the ~1000 of the shipped programmes", n)
	}
}

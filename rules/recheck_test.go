package rules

import (
	"regexp"
	"testing"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestRecheckOnlyWhereHidden misspells, one at a time, every word of
// every shipped expression that holds a closure, and compiles the
// misspellings that still compile: the session's CheckNames finds the
// misspelt names and fields among them, and compileText asks it only for
// trees of which compile.MayHideNames says that they may hide one. Each
// misspelling the recheck finds must be in such a tree, or a let-bound
// typo would pass the load.
func TestRecheckOnlyWhereHidden(t *testing.T) {
	word := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	compiled, found, skipped := 0, 0, 0
	for _, id := range Embedded() {
		p, diags := LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		for _, r := range p.Rules {
			for _, text := range ruleTexts(r) {
				if !compile.HasClosure(text) {
					continue
				}
				for _, m := range word.FindAllStringIndex(text, -1) {
					typo := text[:m[1]] + "x" + text[m[1]:]
					l := &loader{name: p.File}
					prog, err := l.compileExpr(typo, r.envTypes)
					if err != nil {
						continue // reported without the recheck
					}
					compiled++
					hides := compile.MayHideNames(prog.Node())
					if !hides {
						skipped++
					}
					if err := l.session().CheckNames(typo, r.envTypes); err != nil {
						found++
						if !hides {
							t.Errorf("%s: %q: the recheck finds %v, but compile.MayHideNames says the tree hides nothing", r.ID, typo, err)
						}
					}
				}
			}
		}
	}
	// The shipped programmes give about 390 misspellings that compile,
	// 110 of which only the recheck finds.
	if found < 50 || skipped == 0 {
		t.Errorf("%d misspellings compiled, the recheck found %d, %d trees hide nothing: too few to test MayHideNames", compiled, found, skipped)
	}
}

package compile

import (
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// patchAndCheck applies the patchers to a parsed expression and checks
// it, like checker.ParseCheck with the patchers in the configuration after
// the parse, but without checking a tree that has not changed since it
// was last checked.
//
// expr's checker (PatchAndCheck, v1.17) type-checks the whole tree before
// every patcher's walk, and again for every patcher in each round of the
// repeatable ones, whether or not the walk before changed anything: with
// our four patchers that is nine checks or more per expression, most of
// the cost of loading a programme. Checking is a function of the tree
// (the types it sets on the nodes depend only on the tree and the
// configuration), so a check of an unchanged tree gives what the check
// before it gave; patchAndCheck checks only after a walk that changed
// the tree. The order of the walks is expr's: the patchers that run once,
// in their order, then the repeatable ones (the operators) until a round
// changes nothing; the result is the last check's. A walk changed the
// tree when it replaced a node it visited (watch) or, for refsPatcher,
// guarded a loop below it (changedBelow). TestPatchAndCheckAsExpr
// compares the programs and errors with expr's own checker on every
// expression of the shipped programmes; TestBadRules pins the
// diagnostics. rechecked tells that a walk changed the tree after a first
// check that failed, so that the last check may have lost an error of the
// first (see the package documentation and CheckNames). A tree whose
// first check passed has no unknown name or field to lose: the patchers
// only put in calls of declared functions and declared variables
// around what was checked, so CheckNames could find nothing new.
func (x *exprConfig) patchAndCheck(tree *parser.Tree) (rechecked bool, err error) {
	c := &x.checker
	if !x.plain {
		insertCtx(tree.Node, x.cache.ctxFuncs())
	}
	dirty := true // the tree changed since the last check
	var last, first error
	checks := 0
	check := func() {
		if dirty {
			_, last = c.Check(tree, x.c)
			if checks == 0 {
				first = last
			}
			dirty = false
			checks++
		}
	}
	for _, v := range x.visitors {
		if _, ok := v.(repeatable); ok {
			continue
		}
		check()
		w := &x.watch
		*w = watch{v: v}
		ast.Walk(&tree.Node, w)
		if b, ok := v.(interface{ changedBelow() bool }); ok && b.changedBelow() {
			w.changed = true
		}
		dirty = dirty || w.changed
	}
	for more := true; more; {
		more = false
		for _, v := range x.visitors {
			r, ok := v.(repeatable)
			if !ok {
				continue
			}
			check()
			r.Reset()
			ast.Walk(&tree.Node, v)
			if r.ShouldRepeat() {
				more, dirty = true, true
			}
		}
	}
	check()
	return checks > 1 && first != nil, last
}

// repeatable is expr's interface of a patcher that runs until a walk
// changes nothing.
type repeatable interface {
	Reset()
	ShouldRepeat() bool
}

// watch runs a patcher and records whether it replaced a node it visited.
type watch struct {
	v       ast.Visitor
	changed bool
}

func (w *watch) Visit(node *ast.Node) {
	old := *node
	w.v.Visit(node)
	if *node != old {
		w.changed = true
	}
}

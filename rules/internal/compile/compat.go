package compile

import (
	"errors"

	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
)

// CompileAsExpr compiles an expression as expr.Compile does with the
// session's options, the patchers run by expr's own checker
// (Checker.PatchAndCheck, which checks the whole tree again before every
// patcher's walk), and returns the disassembled program or expr's error.
// Like Compile, it gives the calls of the functions that take the
// evaluation's state their argument before the first check (insertCtx).
// It is the reference that Compile, which checks only after a walk that
// changed the tree (patchAndCheck), is tested against with the shipped
// programmes; it keeps nothing in the cache.
func (s *Session) CompileAsExpr(text string, env map[string]any) (string, error) {
	if s.ref == nil {
		s.ref = newCompiler(s.options(true), s.cache, false)
	}
	x := s.ref
	x.setEnv(env)
	x.c.Visitors = x.visitors
	defer func() { x.c.Visitors = nil }()
	tree, err := parser.ParseWithConfig(text, x.c)
	if err != nil {
		return "", err
	}
	insertCtx(tree.Node, s.cache.ctxFuncs())
	if _, err := new(checker.Checker).PatchAndCheck(tree, x.c); err != nil {
		return "", err
	}
	if err := optimizer.Optimize(&tree.Node, x.c); err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return "", fe.Bind(tree.Source)
		}
		return "", err
	}
	instrument(&tree.Node, s.cache.Config().Params)
	undo := typedCalls(&tree.Node, s.cache.machine().typed)
	prog, err := compiler.Compile(tree, x.c)
	undo()
	if err != nil {
		return "", err
	}
	return prog.Disassemble(), nil
}

package rules

import (
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/kiez-go/kiez/internal/source"
)

// Compiling one expression of a rule file: its size bounded (length,
// nesting), compiled (exprconfig.go), checked once more for names inside
// closures, its result type and arguments checked, and every failure
// reported at its place in the file (diagnostics.go).

// MaxExpressionLength bounds the text of one expression, in bytes. Real
// expressions stay below a few hundred; the bound keeps expr's recursive
// parser from overflowing the stack on a hostile chain of prefix operators
// ("!!!…!true"), which no recover can catch.
const MaxExpressionLength = 20000

// MaxNesting bounds how deeply brackets may nest in an expression; real
// rules stay far below it, and the bound keeps a hostile file from making
// the parser recurse without end.
const MaxNesting = 64

// nesting returns the deepest nesting of (), [] and {} in an expression,
// ignoring quoted text.
func nesting(s string) int {
	depth, deepest := 0, 0
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case quote != 0:
			if r == '\\' {
				escaped = true
			} else if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '(' || r == '[' || r == '{':
			depth++
			deepest = max(deepest, depth)
		case r == ')' || r == ']' || r == '}':
			depth--
		}
	}
	return deepest
}

// compile compiles one expression of a rule, reporting a failure at its
// position in the file. want checks the result type; it returns a message
// when the type is wrong.
func (l *loader) compile(t source.Text, what string, env map[string]any, want func(reflect.Type) string) *expression {
	r := l.of(t)
	e := l.compileText(t.Value, func() source.Text { return t }, what, env, want)
	if e != nil {
		e.at = *r
	}
	return e
}

// compileText is compile with the expression's position in the file found
// only when it is needed, for a diagnostic: finding it is costly inside a
// message template (source.Locate reads the file up to it), and most
// expressions never need it. The returned expression's position is left
// to the caller.
func (l *loader) compileText(value string, locate func() source.Text, what string, env map[string]any, want func(reflect.Type) string) *expression {
	text := strings.TrimSpace(value)
	if n := len(text); n > MaxExpressionLength {
		l.errorf(l.of(locate()), "Split the expression, e.g. into let variables of the rule.", "%s: the expression is %d bytes long; at most %d are allowed", what, n, MaxExpressionLength)
		return nil
	}
	if d := nesting(text); d > MaxNesting {
		l.errorf(l.of(locate()), "Split the expression, e.g. with let.", "%s: the expression is nested %d levels deep; at most %d are allowed", what, d, MaxNesting)
		return nil
	}
	prog, err := l.compileExpr(text, env)
	if err != nil {
		l.exprError(locate(), what, err, env)
		return nil
	}
	if mayHideNames(prog.Node()) {
		if err := l.recheckNames(text, env); err != nil {
			l.exprError(locate(), what, err, env)
			return nil
		}
	}
	if want != nil {
		if msg := want(prog.Node().Type()); msg != "" {
			l.errorf(l.of(locate()), "", "%s: %s", what, msg)
			return nil
		}
	}
	l.checkArgs(prog.Node(), locate, what)
	return &expression{text: text, program: prog, slot: -1, konst: -1}
}

// mayHideNames reports whether a compiled expression may hide an unknown
// name or field that recheckNames would find: whether a node of its tree
// has no type or the type "anything", leaving out the nodes the compiler
// put in after checking, which no misspelling can hide behind: the
// evaluation's state and the step budget (ctxVar, budgetVar), the calls
// of refsName and of the budget's functions (typed as the list or value
// they wrap, which is checked itself), the names of called functions (a
// call of an unknown function has no type itself) and nil. expr's checker
// gives a name or field it does not know no type, and a node below a call
// the checker skipped after a patch keeps no type or the one it had; a
// tree whose every other node has a known type has no unknown name or
// field, and checking it again without the operators finds none (the
// functions have the same results there, the environment is the same,
// and a list read through refsName has elements with the same fields).
// TestRecheckOnlyWhereHidden misspells every word of the shipped
// expressions with closures and checks that each misspelling the recheck
// finds is in a tree of which mayHideNames says so.
func mayHideNames(root ast.Node) bool {
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
			if callees[n] || n.Value == ctxVar || n.Value == budgetVar {
				return false
			}
		case *ast.CallNode:
			if id, ok := n.Callee.(*ast.IdentifierNode); ok {
				switch id.Value {
				case refsName, stepsName, guardName, concatName:
					return false
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

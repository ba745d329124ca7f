package rules

import (
	"reflect"
	"strings"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// Compiling one expression of a rule file: its size bounded (length,
// nesting), compiled and checked once more for names the checker lost
// (package compile), its result type and arguments checked, and every
// failure reported at its place in the file (diagnostics.go).

// MaxExpressionLength bounds the text of one expression, in bytes. Real
// expressions stay below a few hundred; the bound keeps expr's recursive
// parser from overflowing the stack on a hostile chain of prefix operators
// ("!!!…!true"), which no recover can catch.
const MaxExpressionLength = 20000

// MaxNesting bounds how deeply brackets may nest in an expression; real
// rules stay far below it, and the bound keeps a hostile file from making
// the parser recurse without end.
const MaxNesting = 64

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
	if d := compile.Nesting(text); d > MaxNesting {
		l.errorf(l.of(locate()), "Split the expression, e.g. with let.", "%s: the expression is nested %d levels deep; at most %d are allowed", what, d, MaxNesting)
		return nil
	}
	prog, err := l.compileExpr(text, env)
	if err != nil {
		l.exprError(locate(), what, err, env)
		return nil
	}
	if l.session().NeedsCheckNames(prog) {
		if err := l.session().CheckNames(text, env); err != nil {
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

// isDigitByte reports whether b is an ASCII digit.
func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

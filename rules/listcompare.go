package rules

import (
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// checkListCompare finds a comparison (== or !=) of a list of the check
// values' entries (Stretch, HoursShort) with a list literal. It
// type-checks, since a list literal has no element type, but is always
// unequal: the entries are values, not the texts a message writes for
// them, and even an empty literal is a list of another type. Rule files
// written when the entries were texts compared them so; the loader names
// the place and the way to compare.
func (l *loader) checkListCompare(root ast.Node, locate func() source.Text, what string) {
	compile.EachNode(root, func(n ast.Node) {
		b, ok := n.(*ast.BinaryNode)
		if !ok || (b.Operator != "==" && b.Operator != "!=") {
			return
		}
		for _, pair := range [][2]ast.Node{{b.Left, b.Right}, {b.Right, b.Left}} {
			elem := entryType(pair[0].Type())
			if elem == "" || !listLiteral(pair[1]) {
				continue
			}
			t := locate()
			lead := len([]rune(t.Value)) - len([]rune(strings.TrimLeft(t.Value, " \t\n")))
			at := source.Locate(l.data, t, b.Location().From+lead)
			l.errorf(l.at(at), "Compare the fields, e.g. map(x.missed, .label) == [\"2024-W10\"], or the dates .from and .until; ask len(x.missed) == 0 for none.",
				"%s: a list of %s is compared with a list written out, which is never equal: its entries are values (label, from, until, …), not texts", what, elem)
			return
		}
	})
}

// entryType names the element type of t when t is a list of the check
// values' entries, and is "" otherwise.
func entryType(t reflect.Type) string {
	if t == nil || t.Kind() != reflect.Slice {
		return ""
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer {
		e = e.Elem() // a list of records the engine iterates by pointer
	}
	switch e {
	case reflect.TypeFor[Stretch]():
		return "Stretch"
	case reflect.TypeFor[HoursShort]():
		return "HoursShort"
	}
	return ""
}

// listLiteral reports whether n is a list written out, as written or
// folded into a constant by the compiler.
func listLiteral(n ast.Node) bool {
	switch a := n.(type) {
	case *ast.ArrayNode:
		return true
	case *ast.ConstantNode:
		_, ok := a.Value.([]any)
		return ok
	}
	return false
}

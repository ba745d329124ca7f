package rules

import (
	"reflect"
	"slices"

	"github.com/expr-lang/expr/ast"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// Texts lists the texts the rule's conditions name — the kinds, roles,
// ids and other text literals of its each, when, needs, lets and assert —
// sorted, each once. They come from the checked expressions, not from
// their text, so that a kind written in either kind of quotes, or folded
// by the compiler into a list ("kind in ['a', 'b']"), is found, and a
// quote inside a text is no end. Reports use them to tell which rules
// speak of a kind of meeting or record. They are collected once, when
// first asked for (loading does not need them), and may be asked for on
// several goroutines at once.
func (r *Rule) Texts() []string { return slices.Clone(r.textsNamed()) }

// NamesText reports whether the rule's conditions name the text t (see
// Texts).
func (r *Rule) NamesText(t string) bool {
	_, ok := slices.BinarySearch(r.textsNamed(), t)
	return ok
}

// textsOnce gives the texts a rule's conditions name, collected on its
// first call (sync.OnceValue of textsNamed).
type textsOnce func() []string

// textsNamed returns Rule.Texts, collected on the first call; nil for a
// rule that was not compiled.
func (r *Rule) textsNamed() []string {
	if r.texts == nil {
		return nil
	}
	return r.texts()
}

// textsNamed collects Rule.Texts from the checked expressions.
func textsNamed(r *Rule) []string {
	seen := map[string]bool{}
	exprs := append([]*expression{r.each, r.when, r.needs, r.assert}, r.lets...)
	for _, e := range exprs {
		if e == nil || e.program == nil {
			continue
		}
		// A field's name is a text node too: the property of a member
		// access, which names no value.
		fields := map[ast.Node]bool{}
		compile.EachNode(e.program.Node(), func(n ast.Node) {
			if m, ok := n.(*ast.MemberNode); ok {
				fields[m.Property] = true
			}
		})
		compile.EachNode(e.program.Node(), func(n ast.Node) {
			switch n := n.(type) {
			case *ast.StringNode:
				if !fields[n] {
					seen[n.Value] = true
				}
			case *ast.ConstantNode:
				constantTexts(reflect.ValueOf(n.Value), seen)
			}
		})
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// constantTexts collects the texts of a constant the compiler folded
// literals into: a text, a list of them, or the set of an "in" over a
// literal list.
func constantTexts(v reflect.Value, seen map[string]bool) {
	switch v.Kind() {
	case reflect.String:
		seen[v.String()] = true
	case reflect.Interface:
		if !v.IsNil() {
			constantTexts(v.Elem(), seen)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			constantTexts(v.Index(i), seen)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			constantTexts(k, seen)
		}
	}
}

// paramsRead lists the params the rule's checked expressions read
// (params.x), each once, in the order of usedParams: each, when, needs,
// subject, assert, message, notApplicable, missing, evidence, lets.
func paramsRead(r *Rule) []string {
	var exprs []*expression
	exprs = append(exprs, r.each, r.when, r.needs, r.subject, r.assert)
	for _, p := range r.templateParts() {
		exprs = append(exprs, p.expr)
	}
	exprs = append(exprs, r.evidence...)
	exprs = append(exprs, r.lets...)
	seen := map[string]bool{}
	var out []string
	for _, e := range exprs {
		if e == nil || e.program == nil {
			continue
		}
		compile.EachNode(e.program.Node(), func(n ast.Node) {
			if name, ok := paramOf(n); ok && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		})
	}
	return out
}

// paramOf reports whether a node reads a param (params.x), and names it.
func paramOf(n ast.Node) (string, bool) {
	m, ok := n.(*ast.MemberNode)
	if !ok {
		return "", false
	}
	id, isVar := m.Node.(*ast.IdentifierNode)
	name, isName := m.Property.(*ast.StringNode)
	if !isVar || !isName || id.Value != varParams {
		return "", false
	}
	return name.Value, true
}

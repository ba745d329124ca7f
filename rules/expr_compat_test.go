package rules

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
)

// The tests of this file pin what the package assumes about expr's
// behaviour and wording: the messages diagnostics.go recognises
// (unknownName, unknownField, the params struct) and authorWords
// translates, the types the checker gives the results of builtins
// (letType), the checker's defect inside closures that recheckNames works
// around, and that checking a tree that has not changed gives what the
// check before gave (patchAndCheck). An upgrade of expr that changes any
// of them fails here first, naming what changed.

// compatEnv is a small environment of the model's types.
func compatEnv() map[string]any {
	return map[string]any{
		"centre": (*kiez.Centre)(nil),
		"day":    date.Date{},
		"params": reflect.New(reflect.StructOf([]reflect.StructField{{Name: "P_releaseHours", Type: reflect.TypeFor[int](), Tag: `expr:"releaseHours"`}})).Elem().Interface(),
	}
}

// compileMessage compiles an expression with expr.Compile and returns
// the message of its checker error, "" when it compiles.
func compileMessage(t *testing.T, text string, opts ...expr.Option) string {
	t.Helper()
	_, err := expr.Compile(text, append([]expr.Option{expr.Env(compatEnv())}, opts...)...)
	if err == nil {
		return ""
	}
	var fe *file.Error
	if !errors.As(err, &fe) {
		t.Fatalf("%s: error %v is no *file.Error", text, err)
	}
	return fe.Message
}

// TestExprMessages pins the wording of expr's checker messages the package
// reads or translates.
func TestExprMessages(t *testing.T) {
	tests := []struct{ text, want string }{
		// unknownName, with the name as first word after it.
		{"centr.name", "unknown name centr"},
		// unknownField: Go's type name, deref'd, then the field.
		{"centre.nmae", "type kiez.Centre has no field nmae"},
		{"centre.staff[0].hoursPerWek", "type kiez.Position has no field hoursPerWek"},
		// The params: an anonymous struct whose Go names start with P_.
		{"params.relaseHours", `type struct { P_releaseHours int "expr:\"releaseHours\"" } has no field relaseHours`},
		// Comparisons of unknown values: "unknown", then Go's names.
		// expr keeps the element type through its own let (plain expr has
		// no order of dates: the operator table gives it).
		{"let xs = filter(centre.sessions, true); xs[0].date < day", "invalid operation: < (mismatched types date.Date and date.Date)"},
		{"first(filter(centre.sessions, true)).date < day", "invalid operation: < (mismatched types unknown and date.Date)"},
		// Arguments: the trailing space is expr's.
		{`repeat("x", 1.5)`, "cannot use float64 as argument (type int) to call repeat "},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, compileMessage(t, tt.text)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.text, diff)
		}
	}
	if got := unknownName.FindStringSubmatch(compileMessage(t, "centr.name")); len(got) != 2 || got[1] != "centr" {
		t.Errorf("unknownName no longer finds the name in expr's message: %q", got)
	}
	if got := unknownField.FindStringSubmatch(compileMessage(t, "centre.nmae")); len(got) != 3 || got[1] != "kiez.Centre" || got[2] != "nmae" {
		t.Errorf("unknownField no longer finds type and field in expr's message: %q", got)
	}
	if msg := compileMessage(t, "params.relaseHours"); !strings.Contains(msg, "P_") || !strings.HasPrefix(msg, "type struct {") {
		t.Errorf("the params struct is no longer recognisable in expr's message: %q", msg)
	}
}

// TestExprListNatures pins the types expr's checker gives the results of
// the builtins a let is often bound to: a list of anything whose element
// type is known only to the checker (letType relies on it), and the Go type
// of lists of the model's records.
func TestExprListNatures(t *testing.T) {
	tests := []struct {
		text      string
		typ, elem string // Go type of the result, and of the element the checker knows ("" none)
	}{
		{"filter(centre.sessions, .cancelled)", "[]interface {}", "kiez.Session"},
		{"map(centre.sessions, .date)", "[]interface {}", "date.Date"},
		{"sortBy(filter(centre.sessions, true), .date)", "[]interface {}", "kiez.Session"},
		{"centre.sessions", "[]kiez.Session", ""},
		{"filter(centre.sessions, true)[0]", "kiez.Session", ""},
		{"first(filter(centre.sessions, true))", "interface {}", ""},
	}
	for _, tt := range tests {
		prog, err := expr.Compile(tt.text, expr.Env(compatEnv()))
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		nt := prog.Node().Nature()
		got := []string{nt.Type.String(), ""}
		if nt.Ref != nil && nt.Ref.Type != nil && nt.Type.Kind() == reflect.Slice {
			got[1] = nt.Ref.Type.String()
		}
		if diff := cmp.Diff([]string{tt.typ, tt.elem}, got); diff != "" {
			t.Errorf("%s: type, element type (-want +got):\n%s", tt.text, diff)
		}
	}
}

// noopPatcher is a patcher that changes nothing; registering it is enough
// to show the checker's defect.
type noopPatcher struct{}

func (noopPatcher) Visit(*ast.Node) {}

// TestExprClosureDefect pins the defect recheckNames works around: with a
// patcher registered, expr v1.17 compiles a misspelt field inside a
// closure passed to a function with typed signatures without an error
// (the error of the first check is dropped, and the patched tree is not
// checked again inside the closure); without patchers, it reports it. A
// minimal case, upstream-ready:
//
//	env := map[string]any{"xs": []struct{ A int }{}}
//	sum := expr.Function("total", func(p ...any) (any, error) { return 0, nil }, new(func([]any) int))
//	expr.Compile(`total(map(xs, .B))`, expr.Env(env), sum)                               // error: type struct { A int } has no field B
//	expr.Compile(`total(map(xs, .B))`, expr.Env(env), sum, expr.Patch(noopPatcher{}))    // no error
//
// When a fixed expr reports the error in both cases, this test fails:
// recheckNames can then go, and this test with it.
func TestExprClosureDefect(t *testing.T) {
	env := map[string]any{"xs": []struct{ A int }{}}
	sum := expr.Function("total", func(p ...any) (any, error) { return 0, nil }, new(func([]any) int))
	_, plain := expr.Compile(`total(map(xs, .B))`, expr.Env(env), sum)
	_, patched := expr.Compile(`total(map(xs, .B))`, expr.Env(env), sum, expr.Patch(noopPatcher{}))
	if plain == nil {
		t.Errorf("without patchers, expr no longer reports the misspelt field in the closure")
	}
	if patched != nil {
		t.Errorf("with a patcher, expr now reports the misspelt field in the closure (%v): the defect is fixed; remove recheckNames and this test", patched)
	}
}

// compileAsExpr compiles an expression the way expr.Compile does, with
// the patchers run by expr's own checker (checker.ParseCheck), for
// comparison with exprConfig.compile.
func compileAsExpr(x *exprConfig, text string, env map[string]any) (string, error) {
	x.setEnv(env)
	x.c.Visitors = x.visitors
	defer func() { x.c.Visitors = nil }()
	tree, err := checker.ParseCheck(text, x.c)
	if err != nil {
		return "", err
	}
	if err := optimizer.Optimize(&tree.Node, x.c); err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return "", fe.Bind(tree.Source)
		}
		return "", err
	}
	instrument(&tree.Node)
	prog, err := compiler.Compile(tree, x.c)
	if err != nil {
		return "", err
	}
	return prog.Disassemble(), nil
}

// TestPatchAndCheckAsExpr compiles every expression of the shipped
// programmes, and variants that fail, both with patchAndCheck and with
// expr's own checker, which checks the tree before every patcher's walk:
// the programs and the errors are the same. It pins the assumption that
// checking a tree that has not changed gives what the check before gave.
func TestPatchAndCheckAsExpr(t *testing.T) {
	n := 0
	for _, id := range Embedded() {
		p, diags := LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		l := &loader{name: p.File}
		ours, theirs := newExprConfig(l.commonOptions(), nil, false), newExprConfig(l.commonOptions(), nil, false)
		for _, r := range p.Rules {
			env := r.envTypes
			for _, text := range ruleTexts(r) {
				// A variant with a misspelt field and one with a type
				// error fail in the checker after patching.
				for _, text := range []string{text, text + ".fieldd", "(" + text + ") + date(\"2024-01-01\")"} {
					n++
					want, wantErr := compileAsExpr(theirs, text, env)
					prog, err := ours.compile(text, env)
					if fmt.Sprint(err) != fmt.Sprint(wantErr) {
						t.Errorf("%s: %s: error %v, expr's checker gives %v", r.ID, text, err, wantErr)
						continue
					}
					if err != nil {
						continue
					}
					if diff := cmp.Diff(want, prog.Disassemble()); diff != "" {
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

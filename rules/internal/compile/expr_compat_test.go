package compile

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
)

// The tests of this file pin what the layer assumes about expr's
// behaviour and wording: the messages the package recognises
// (unknownName, unknownField, the params struct) and the rules translate
// into the author's words, the types the checker gives the results of
// builtins (LetType), the checker's defect in typed calls that
// CheckNames works around (see doc.go), and what patchAndCheck, the
// typed calls and the closures rely on. An upgrade of expr that changes
// any of them fails here first, naming what changed. The rules package's
// TestPatchAndCheckAsExpr compares Compile with expr's own checker on
// every expression of the shipped programmes.

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
// type is known only to the checker (LetType relies on it), and the Go type
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

// TestExprClosureDefect pins the defect of expr's checker that CheckNames
// works around (see the package documentation): with a patcher
// registered, an error inside the arguments of a call of a function with
// typed signatures is lost (the expression compiles); without patchers,
// and for a builtin or a function without typed signatures, it is
// reported. When a fixed expr reports the error in every case, this test
// fails: CheckNames can then go, and this test with it.
func TestExprClosureDefect(t *testing.T) {
	env := map[string]any{"xs": []struct{ A int }{}}
	typed := expr.Function("total", func(p ...any) (any, error) { return 0, nil }, new(func([]any) int))
	untyped := expr.Function("total", func(p ...any) (any, error) { return 0, nil })
	for _, text := range []string{`total(map(xs, .B))`, `total(nope)`, `total([xs[0].B])`} {
		_, plain := expr.Compile(text, expr.Env(env), typed)
		_, patched := expr.Compile(text, expr.Env(env), typed, expr.Patch(noopPatcher{}))
		_, loose := expr.Compile(text, expr.Env(env), untyped, expr.Patch(noopPatcher{}))
		if plain == nil || loose == nil {
			t.Errorf("%s: expr no longer reports the mistake without patchers (%v) or for a function without types (%v)", text, plain, loose)
		}
		if patched != nil {
			t.Errorf("%s: with a patcher, expr now reports the mistake (%v): the defect is fixed; remove CheckNames and this test", text, patched)
		}
	}
	if _, err := expr.Compile(`len(map(xs, .B))`, expr.Env(env), typed, expr.Patch(noopPatcher{})); err == nil {
		t.Error("with a patcher, expr no longer reports the mistake in a builtin's argument")
	}
}

package compile

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/kiez"
)

// TestExprCacheKeysByDeclaredNames compiles the same text against
// environments that declare its names differently, and against ones that
// differ only in names it does not read: the first get programs of their
// own, the second share one.
func TestExprCacheKeysByDeclaredNames(t *testing.T) {
	cache := NewCache(func() *Config { return &Config{} })
	s := cache.Session(0)
	base := func(extra map[string]any) map[string]any {
		env := testEnv(true, reflect.TypeOf(struct{}{}), reflect.TypeOf(kiez.Position{}))
		for k, v := range extra {
			env[k] = v
		}
		return env
	}
	compile := func(text string, env map[string]any) *exprProgram {
		t.Helper()
		prog, err := s.Compile(text, env)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		return &exprProgram{prog.Node().Type(), prog}
	}
	num := compile("n + 1", base(map[string]any{"n": 0}))
	num2 := compile("n + 1", base(map[string]any{"n": 0, "other": ""}))
	dec := compile("n + 1", base(map[string]any{"n": 0.5}))
	if num.prog != num2.prog {
		t.Error("n + 1 was compiled again for an environment that differs only in a name it does not read")
	}
	if num.prog == dec.prog || num.typ == dec.typ {
		t.Errorf("n + 1 shares its program between n whole (%v) and n a number (%v)", num.typ, dec.typ)
	}
	list := compile("map(xs, .id)", base(map[string]any{"xs": ListOf{Elem: reflect.TypeOf(&kiez.Offer{})}}))
	if _, err := s.Compile("map(xs, .id)", base(map[string]any{"xs": Unknown{}})); err != nil {
		t.Fatal(err)
	}
	if got := len(cache.programs["map(xs, .id)"]); got != 2 {
		t.Errorf("map(xs, .id) kept %d times for a list of offers and a value of unknown type, want 2", got)
	}
	// The item's type is part of the key: a field of one item type is
	// not one of another, although the first compiled.
	compile("item.releaseHoursPerWeek", base(nil))
	env := base(nil)
	env["item"] = kiez.Session{}
	if _, err := s.Compile("item.releaseHoursPerWeek", env); err == nil {
		t.Error("item.releaseHoursPerWeek compiled for a session: the program of a position was reused")
	}
	_ = list
}

type exprProgram struct {
	typ  reflect.Type
	prog any
}

// TestExprCacheKeyNamesIdentifiers checks that the key of every
// expression of the shipped programmes, and of a few with other
// characters, names every identifier of its parsed tree.
func TestExprCacheKeyNamesIdentifiers(t *testing.T) {
	texts := []string{"größe + äb_1", "$env.centre", "a?.b ?? c", "'x' + y", "#acc + z", "x\u00a0+ y", "f(ü,ß)",
		"1..n", "a..b", "xs[0].b + c", "0.5 * k", "m.f(x).g(y)", "map(xs, .id + y)", "a\n\t.b + c", "$env['x'] + a.$env"}
	texts = append(texts, shippedTexts(t)...)
	c := NewCache(func() *Config { return &Config{} })
	for _, text := range texts {
		tree, err := parser.Parse(text)
		if err != nil {
			continue
		}
		k := c.key(text, false, map[string]any{CtxVar: nil})
		var names []string
		for _, d := range k.names {
			names = append(names, d.name)
		}
		for _, id := range identifiers(tree.Node) {
			if !slices.Contains(names, id) {
				t.Errorf("%q: the key names %q, not the identifier %q", text, names, id)
			}
		}
		if !slices.Contains(names, CtxVar) {
			t.Errorf("%q: the key does not name %s", text, CtxVar)
		}
	}
	// Field and method names and numbers are left out: they are never
	// looked up in the environment.
	for text, want := range map[string][]string{
		"item.date.After(period.from)": {"item", "period", CtxVar},
		"map(xs, .id) + 1.5":           {"map", "xs", CtxVar},
		"1..n":                         {"n", CtxVar},
	} {
		var names []string
		for _, d := range c.key(text, false, map[string]any{CtxVar: nil}).names {
			names = append(names, d.name)
		}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("%q: names of the key (-want +got):\n%s", text, diff)
		}
	}
}

// shippedTexts returns every text of the shipped programmes' rule files
// that parses as an expression, and every expression of their message
// templates ({{ … }}): a superset of their expressions, read from the
// files as data (the layer cannot load them: package rules does).
func shippedTexts(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../../programmes/*.yaml")
	if len(files) < 3 {
		t.Fatalf("found %d programme files, want the shipped ones", len(files))
	}
	template := regexp.MustCompile(`\{\{(.*?)\}\}`)
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			if _, err := parser.Parse(n.Value); err == nil {
				out = append(out, n.Value)
			}
			for _, m := range template.FindAllStringSubmatch(n.Value, -1) {
				out = append(out, m[1])
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		walk(&root)
	}
	if len(out) < 500 {
		t.Fatalf("found %d expressions in the shipped programmes, want their ~1000", len(out))
	}
	return out
}

// identifiers returns the names of the identifiers of a tree.
func identifiers(n ast.Node) []string {
	var out []string
	ast.Find(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.IdentifierNode); ok {
			out = append(out, id.Value)
		}
		return false
	})
	return out
}

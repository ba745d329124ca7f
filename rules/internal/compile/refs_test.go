package compile

import (
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/google/go-cmp/cmp"
)

type refsA struct{ N int }
type refsB struct{ S string }
type refsRoot struct {
	As []refsA
	Bs []refsB
}

// refsConfig is a Config with RefsName of two signatures, with or
// without its functions per list (WithRefsPerList).
func refsConfig(perList bool) *Config {
	sigs := []any{new(func([]refsA) []*refsA), new(func([]refsB) []*refsB)}
	fs := []Function{{Name: RefsName, Hidden: true, Types: sigs, Signatures: sigs,
		Fn: func(args ...any) (any, error) { return args[0], nil }}}
	if perList {
		fs = WithRefsPerList(fs)
	}
	return &Config{Functions: fs}
}

// TestRefsPerList checks that a field access giving a list of records
// becomes a call of RefsName's function for that list, and that a call of
// RefsName written in an expression compiles, or fails with the same
// error, as without the functions per list.
func TestRefsPerList(t *testing.T) {
	if diff := cmp.Diff([]string{RefsName, RefsPerList(0), RefsPerList(1)}, names(refsConfig(true).Functions)); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
	env := map[string]any{"root": refsRoot{}}
	compile := func(perList bool, text string) (ast.Node, string) {
		cfg := refsConfig(perList)
		s := NewCache(func() *Config { return cfg }).Session(1000)
		defer s.Close()
		prog, err := s.Compile(text, env)
		if err != nil {
			return nil, err.Error()
		}
		return prog.Node(), ""
	}
	for text, want := range map[string]string{"root.As": RefsPerList(0), "root.Bs": RefsPerList(1)} {
		n, err := compile(true, text)
		call, ok := n.(*ast.CallNode)
		if err != "" || !ok || call.Callee.(*ast.IdentifierNode).Value != want {
			t.Errorf("%s: compiled to %v (error %q), want a call of %s", text, n, err, want)
		}
	}
	for _, text := range []string{"$refs(root.Bs)", "$refs(1)", "$refs()", "$refs(nil)", "$refs(root.As, root.Bs)"} {
		_, want := compile(false, text)
		_, got := compile(true, text)
		if got != want {
			t.Errorf("%s: error %q, without the functions per list %q", text, got, want)
		}
		if (got == "") != (text == "$refs(root.Bs)") {
			t.Errorf("%s: error %q", text, got)
		}
	}
}

func names(fs []Function) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// TestRefsPerListTyped checks that typed forms given for RefsName serve
// its functions per list too: the rewrite calls those, not RefsName, so
// forms registered under RefsName alone would never be chosen.
func TestRefsPerListTyped(t *testing.T) {
	c := NewClosureFuncs(refsConfig(true))
	form := Typed1(func(l []refsA) ([]*refsA, error) { return nil, nil })
	c.AddTyped(map[string][]TypedFunc{RefsName: {form}})
	for _, name := range []string{RefsName, RefsPerList(0), RefsPerList(1)} {
		if got := len(c.typed[name]); got != 1 {
			t.Errorf("%s: %d typed forms, want 1", name, got)
		}
	}
}

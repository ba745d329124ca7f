package compile

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
)

// programSession is a session over a configuration with one function of
// two whole numbers that has a typed implementation (Fn2).
// closureAndMachine compiles an expression for the types and returns its
// closure and expr's program of it, failing the test at once when the
// expression does not compile, is not covered by the closures, or has no
// program.
func closureAndMachine(t *testing.T, s *Session, funcs *ClosureFuncs, text string, types map[string]any) (*Closure, *vm.Program) {
	t.Helper()
	prog, err := s.Compile(text, types)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	c := CompileClosure(prog, funcs)
	if c == nil {
		t.Fatalf("%s: not compiled to closures", text)
	}
	m, err := prog.Machine()
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return c, m
}

func programSession() (*Cache, *Session) {
	atLeast := func(a, b any) (any, error) { return a.(int) >= b.(int), nil }
	cfg := &Config{Functions: []Function{{
		Name:       "atLeast",
		Types:      []any{new(func(int, int) bool)},
		Signatures: []any{new(func(int, int) bool)},
		Fn:         func(a ...any) (any, error) { return atLeast(a[0], a[1]) },
		Fn2:        atLeast,
	}}}
	cache := NewCache(func() *Config { return cfg })
	return cache, cache.Session(1000)
}

// TestProgramMachineOnce builds expr's program of an expression from
// several goroutines at once: they get the same program, built from a
// copy of the tree with the typed calls (OpCallTyped), and the tree the
// closures read is left as it was (its call still names the function).
func TestProgramMachineOnce(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	env := map[string]any{"sessions": 0, "minimum": 0}
	prog, err := s.Compile("atLeast(sessions + 2, minimum)", env)
	if err != nil {
		t.Fatal(err)
	}
	before := describeTree(prog.Node())
	progs := make([]*vm.Program, 8)
	var wg sync.WaitGroup
	for i := range progs {
		wg.Go(func() {
			m, err := prog.Machine()
			if err != nil {
				t.Errorf("goroutine %d: %v", i, err)
			}
			progs[i] = m
		})
	}
	wg.Wait()
	for i, m := range progs {
		if m == nil || m != progs[0] {
			t.Fatalf("goroutine %d got program %p, goroutine 0 %p", i, m, progs[0])
		}
	}
	if again, _ := prog.Machine(); again != progs[0] {
		t.Error("a later call built the program again")
	}
	if code := progs[0].Disassemble(); !strings.Contains(code, "OpCallTyped") {
		t.Errorf("atLeast is not called typed:\n%s", code)
	}
	if diff := cmp.Diff(before, describeTree(prog.Node())); diff != "" {
		t.Errorf("building the program changed the tree (-before +after):\n%s", diff)
	}
	if !strings.Contains(prog.Node().String(), "atLeast(") {
		t.Errorf("the tree no longer names the function: %s", prog.Node())
	}
	out, err := (&vm.VM{}).Run(progs[0], map[string]any{"sessions": 10, "minimum": 12})
	if err != nil || out != true {
		t.Errorf("run: %v, %v; want true", out, err)
	}
}

// TestProgramMachineError shows that a program that cannot be built
// (a node of a type the copy does not know; no configuration) gives every
// caller the same error, without a panic.
func TestProgramMachineError(t *testing.T) {
	cache, s := programSession()
	defer s.Close()
	for name, prog := range map[string]*Program{
		"unknown node":     {node: &unknownNode{}, build: cache.machine()},
		"no configuration": {node: new(unknownNode)},
	} {
		errs := make([]error, 4)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				m, err := prog.Machine()
				if m != nil {
					t.Errorf("%s: a program built: %p", name, m)
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err == nil || err != errs[0] || !strings.HasPrefix(err.Error(), "compile: ") {
				t.Errorf("%s: goroutine %d: error %v, goroutine 0: %v", name, i, err, errs[0])
			}
		}
	}
}

// TestProgramIdentifiers shows that a program's identifiers are those of
// its tree, worked out once.
func TestProgramIdentifiers(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	prog, err := s.Compile("atLeast(sessions + minimum, minimum)", map[string]any{"sessions": 0, "minimum": 0})
	if err != nil {
		t.Fatal(err)
	}
	ids := prog.Identifiers()
	if diff := cmp.Diff([]string{"atLeast", "sessions", "minimum"}, ids); diff != "" {
		t.Errorf("identifiers (-want +got):\n%s", diff)
	}
	if again := prog.Identifiers(); &again[0] != &ids[0] {
		t.Error("the identifiers were worked out again")
	}
	// In ast.Walk's order, over trees of every node type.
	for _, tree := range cloneTrees(t) {
		var want []string
		ast.Find(tree, func(n ast.Node) bool {
			if id, ok := n.(*ast.IdentifierNode); ok && !slices.Contains(want, id.Value) {
				want = append(want, id.Value)
			}
			return false
		})
		if diff := cmp.Diff(want, (&Program{node: tree}).Identifiers()); diff != "" {
			t.Errorf("%s: identifiers (-ast.Walk +Identifiers):\n%s", tree, diff)
		}
	}
}

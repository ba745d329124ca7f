package compile

import (
	"errors"
	"math"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
)

// Records of the tests of field reads: a record in a record, a pointer
// to one, and a record two levels down.
type fieldOuter struct {
	Name string      `expr:"name"`
	In   fieldInner  `expr:"in"`
	Ptr  *fieldInner `expr:"ptr"`
}

type fieldInner struct {
	A    int       `expr:"a"`
	B    string    `expr:"b"`
	Deep fieldDeep `expr:"deep"`
}

type fieldDeep struct {
	C bool `expr:"c"`
}

// fieldCases are expressions over records read field by field, with
// whether they must run as closures on some value.
var fieldCases = []string{
	`o.in.a`, `o.in.deep.c`, `o.ptr.a`, `o?.ptr?.a`, `o.ptr?.b`, `o?.in.b`, `o?.in.deep.c`, `o.ptr.deep.c`,
	`o?.ptr?.deep.c ?? false`, `(o?.ptr?.a ?? -1) + 1`, `o.in.a + o.in.a + len(o.in.b)`,
	`map(os, .in.a + .in.a)`, `map(os, #?.in.deep.c)`, `filter(os, .ptr?.a > 0)`, `map(os, .ptr.deep.c)`,
	`sum(os, .in.a + .ptr.a)`, `map(os, len(.name) + len(.in.b))`, `map(vs, .in.b == .name)`, `map(vs, .in.deep.c)`,
	`filter(vs, .in.a + .in.a > 1)`, `map(vs, #index + .in.a)`,
	`map(os, #?.ptr?.b)`, `count(os, #?.ptr == nil)`, `map(os, .in)`, `map(os, .ptr)`,
	`filter(os, .in.a == o.in.a)`, `map(os, o?.ptr?.a)`, `map(os, o.ptr.a + .in.a)`, `map(vs, o.in.deep.c and .in.deep.c)`,
	`map(os, o?.in.b ?? "")`, `filter(vs, .name == o.name or o.ptr.b == "ptr")`, `map(os, o.in)`,
}

// TestClosureFields runs expressions that read fields of records, of
// records in records and of pointers to records (nil pointers, optional
// chains, lists with nil elements), as closures and on expr's machine:
// where the machine gives a value the closure gives the same, and fails
// where the machine fails.
func TestClosureFields(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	types := map[string]any{"o": (*fieldOuter)(nil), "os": []*fieldOuter(nil), "vs": []fieldOuter(nil)}
	full := &fieldOuter{Name: "x", In: fieldInner{A: 2, B: "in", Deep: fieldDeep{C: true}}, Ptr: &fieldInner{A: 3, B: "ptr", Deep: fieldDeep{C: true}}}
	half := &fieldOuter{Name: "y", In: fieldInner{A: -1, B: "h"}}
	values := []map[string]any{
		{"o": nil, "os": nil, "vs": nil},
		{"o": half, "os": []*fieldOuter{half}, "vs": []fieldOuter{*half}},
		{"o": full, "os": []*fieldOuter{full, half}, "vs": []fieldOuter{*full, *half, {}}},
		{"o": full, "os": []*fieldOuter{full, nil, full}, "vs": []fieldOuter{}},
		{"o": full, "os": []*fieldOuter{full, full}, "vs": []fieldOuter{*full}},
	}
	funcs := NewClosureFuncs(&Config{})
	frame := &Frame{}
	for _, text := range fieldCases {
		prog, err := s.Compile(text, types)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		c := CompileClosure(prog, funcs)
		if c == nil {
			t.Errorf("%s: not compiled to closures", text)
			continue
		}
		m, err := prog.Machine()
		if err != nil {
			t.Fatal(err)
		}
		ran := 0
		for i, env := range values {
			want, err := vm.Run(m, env)
			got, ok := c.Run(frame, env, 0)
			switch {
			case err != nil && ok:
				t.Errorf("%s on values %d: closure gave %#v, the machine failed: %v", text, i, got, err)
			case err == nil && !ok:
				t.Errorf("%s on values %d: closure failed, the machine gave %#v", text, i, want)
			case ok:
				ran++
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s on values %d (-machine +closure):\n%s", text, i, d)
				}
			}
		}
		if ran == 0 {
			t.Errorf("%s: never ran as closures", text)
		}
		// Values of other types than the declared ones: the closure
		// falls back to the machine, or gives its value.
		for i, env := range []map[string]any{
			{"o": half.In, "os": []any{full, half.In, half}, "vs": []any{*full, full, half.In}},
			{"o": &half.In, "os": []*fieldInner{&half.In}, "vs": []fieldInner{half.In}},
		} {
			want, err := vm.Run(m, env)
			got, ok := c.Run(frame, env, 0)
			if ok && err != nil {
				t.Errorf("%s on other values %d: closure gave %#v, the machine failed: %v", text, i, got, err)
			} else if d := cmp.Diff(want, got); ok && d != "" {
				t.Errorf("%s on other values %d (-machine +closure):\n%s", text, i, d)
			}
		}
	}
}

// TestClosureFieldPaths: a chain of fields of records in records is read
// from the first record along the fields' indexes (one read, one check
// of the record), a field of a pointer that a field holds from that
// pointer; a field of a variable starts from the variable, checked.
func TestClosureFieldPaths(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	types := map[string]any{"o": (*fieldOuter)(nil)}
	funcs := NewClosureFuncs(&Config{})
	for text, want := range map[string][]int{
		`o.name`: {0}, `o.in`: {1}, `o.in.a`: {1, 0}, `o.in.deep.c`: {1, 2, 0}, `o.ptr.b`: {1}, `o.ptr.deep.c`: {2, 0},
	} {
		prog, err := s.Compile(text, types)
		if err != nil {
			t.Fatal(err)
		}
		c := CompileClosure(prog, funcs)
		if c == nil || c.root.field == nil {
			t.Errorf("%s: not a field read", text)
			continue
		}
		if d := cmp.Diff(want, c.root.field.path); d != "" {
			t.Errorf("%s: path (-want +got):\n%s", text, d)
		}
	}
	// A field of a variable is kept per run where it is read in a loop,
	// each read (o.in and o.in.a of o.in.a) in its own place; a field
	// of the element is not.
	types["os"] = []*fieldOuter(nil)
	for text, want := range map[string]int{
		`o.in.a`: 0, `map(os, o.in.a)`: 2, `map(os, .in.a)`: 0, `map(os, o.ptr.a + .in.a)`: 2,
		`filter(os, o.in.a > .in.a and o.name != "")`: 3, `map(os, o.in.deep.c)`: 3,
	} {
		prog, err := s.Compile(text, types)
		if err != nil {
			t.Fatal(err)
		}
		if c := CompileClosure(prog, funcs); c == nil || c.fields != want {
			t.Errorf("%s: %d fields kept, want %d", text, c.fields, want)
		}
	}
}

// TestClosureWholeCall: a function of two whole numbers that gives one
// (here + on whole numbers, with an error on overflow), given a typed
// form, is called with its arguments read typed and gives its result
// typed, so that a comparison of it compares whole numbers; its error
// fails the closure, and the machine fails too.
func TestClosureWholeCall(t *testing.T) {
	plus := func(a, b any) (any, error) {
		x, y := a.(int), b.(int)
		if s := x + y; (s > x) == (y > 0) {
			return s, nil
		}
		return nil, errors.New("overflow")
	}
	cfg := &Config{Functions: []Function{{
		Name: "plus", Hidden: true, Types: []any{new(func(int, int) int)}, Signatures: []any{new(func(int, int) int)},
		Fn: func(a ...any) (any, error) { return plus(a[0], a[1]) }, Fn2: plus,
	}}, Operators: []Operator{{Op: "+", Fn: "plus"}}}
	s := NewCache(func() *Config { return cfg }).Session(1000)
	defer s.Close()
	types := map[string]any{"n": 0, "o": (*fieldOuter)(nil), "os": []*fieldOuter(nil)}
	funcs := NewClosureFuncs(cfg)
	funcs.AddTyped(map[string][]TypedFunc{"plus": {Typed2(func(x, y int) (int, error) {
		v, err := plus(x, y)
		if err != nil {
			return 0, err
		}
		return v.(int), nil
	})}})
	frame := &Frame{}
	full := &fieldOuter{In: fieldInner{A: 2}, Ptr: &fieldInner{A: 300}}
	for _, text := range []string{`n + n`, `o.in.a + o.ptr.a + n <= 0`, `filter(os, .in.a + .ptr.a > n)`, `sum(os, .in.a + n)`, `map(os, .in.a + .in.a)`} {
		c, m := closureAndMachine(t, s, funcs, text, types)
		for _, n := range []any{0, -400, 1000, math.MaxInt, nil} {
			env := map[string]any{"n": n, "o": full, "os": []*fieldOuter{full, full}}
			want, err := vm.Run(m, env)
			got, ok := c.Run(frame, env, 0)
			if (err == nil) != ok {
				t.Errorf("%s on n=%v: closure ok %v, machine error %v", text, n, ok, err)
			} else if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s on n=%v (-machine +closure):\n%s", text, n, d)
			}
		}
	}
	prog, err := s.Compile(`n + n`, types)
	if err != nil {
		t.Fatal(err)
	}
	if c := CompileClosure(prog, funcs); c == nil || c.root.i == nil {
		t.Error("n + n: no whole number form")
	}
}

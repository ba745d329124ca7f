package compile

import (
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
)

// TestClosureEmptyList: filter and map giving no element give the
// machine's value, an empty list (not nil), without allocating.
func TestClosureEmptyList(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	types := map[string]any{"n": 0, "os": []*fieldOuter(nil)}
	funcs := NewClosureFuncs(&Config{})
	frame := &Frame{}
	os := []*fieldOuter{{In: fieldInner{A: 1}}, {In: fieldInner{A: 2}}}
	for _, text := range []string{`filter(os, .in.a > n)`, `map(filter(os, .in.a > n), .in)`} {
		c, m := closureAndMachine(t, s, funcs, text, types)
		for _, n := range []int{0, 1, 5} {
			env := map[string]any{"n": n, "os": os}
			want, err := vm.Run(m, env)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := c.Run(frame, env, 0)
			if d := cmp.Diff(want, got); !ok || d != "" {
				t.Errorf("%s on n=%d: ok %v (-machine +closure):\n%s", text, n, ok, d)
			}
		}
		env := map[string]any{"n": 5, "os": os}
		if allocs := testing.AllocsPerRun(20, func() { c.Run(frame, env, 0) }); allocs != 0 {
			t.Errorf("%s giving no element: %v allocations", text, allocs)
		}
	}
}

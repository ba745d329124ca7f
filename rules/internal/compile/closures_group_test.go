package compile

import (
	"fmt"
	"math"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
)

// TestGroupPairs: the groups that share one list are the groups the
// machine's appending makes, each with the capacity of its length (an
// append to one does not write into the next), and made with two
// allocations (the map aside) however many groups there are.
func TestGroupPairs(t *testing.T) {
	lists := [][]any{
		{}, {"a", 1}, {"a", 1, "a", 2, "a", 3},
		{"a", 1, "b", 2, "a", 3, "c", 4, "b", 5, "a", 6},
		{1, "x", 2, "y", 1, nil, true, "z", 2, 0},
		{math.NaN(), 1, 1.0, 2, math.NaN(), 3, 1.0, 4},
	}
	for _, pairs := range lists {
		want := map[any][]any{}
		for i := 0; i < len(pairs); i += 2 {
			want[pairs[i]] = append(want[pairs[i]], pairs[i+1])
		}
		got := groupPairs(pairs)
		opt := cmp.Comparer(func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) })
		if d := cmp.Diff(len(want), len(got)); d != "" {
			t.Errorf("%v: groups (-want +got):\n%s", pairs, d)
		}
		for k, g := range want {
			if k != k {
				continue
			}
			if d := cmp.Diff(g, got[k], opt); d != "" {
				t.Errorf("%v: group %v (-want +got):\n%s", pairs, k, d)
			}
			if cap(got[k]) != len(got[k]) {
				t.Errorf("%v: group %v has capacity %d, length %d", pairs, k, cap(got[k]), len(got[k]))
			}
		}
	}
	pairs := []any{"a", 1, "b", 2, "a", 3, "c", 4, "b", 5, "a", 6, "d", 7, "d", 8}
	appended := testing.AllocsPerRun(20, func() {
		groups := map[any][]any{}
		for i := 0; i < len(pairs); i += 2 {
			groups[pairs[i]] = append(groups[pairs[i]], pairs[i+1])
		}
	})
	shared := testing.AllocsPerRun(20, func() { groupPairs(pairs) })
	if shared >= appended {
		t.Errorf("shared list: %v allocations, appending %v", shared, appended)
	}
}

// TestGroupByText: groupBy by a text field gives the machine's groups
// (few groups, found by comparing texts, and more than linearKeys, found
// by a map), each with the capacity of its length; an element whose text
// cannot be read fails as on the machine.
func TestGroupByText(t *testing.T) {
	_, s := programSession()
	defer s.Close()
	types := map[string]any{"os": []*fieldOuter(nil), "k": ""}
	funcs := NewClosureFuncs(&Config{})
	frame := &Frame{}
	var lists [][]*fieldOuter
	for _, keys := range []int{1, 3, linearKeys, linearKeys + 1, 3 * linearKeys} {
		var os []*fieldOuter
		for i := range 2*keys + 3 {
			os = append(os, &fieldOuter{Name: fmt.Sprintf("k%d", (i*7)%keys), In: fieldInner{A: i}})
		}
		lists = append(lists, os)
	}
	lists = append(lists, nil, []*fieldOuter{}, []*fieldOuter{{Name: "a"}, nil})
	for _, text := range []string{`groupBy(os, .name)`, `groupBy(os, .in.b)`, `len(groupBy(os, .name)[k] ?? [])`, `groupBy(os, .name)[k]`} {
		c, m := closureAndMachine(t, s, funcs, text, types)
		for i, os := range lists {
			env := map[string]any{"os": os, "k": "k1"}
			want, err := vm.Run(m, env)
			got, ok := c.Run(frame, env, 0)
			if (err == nil) != ok {
				t.Errorf("%s on list %d: closure ok %v, machine error %v", text, i, ok, err)
				continue
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s on list %d (-machine +closure):\n%s", text, i, d)
			}
			if groups, ok := got.(map[any][]any); ok {
				for k, g := range groups {
					if cap(g) != len(g) {
						t.Errorf("%s on list %d: group %v has capacity %d, length %d", text, i, k, cap(g), len(g))
					}
				}
			}
		}
	}
}

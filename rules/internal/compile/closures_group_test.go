package compile

import (
	"math"
	"testing"

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

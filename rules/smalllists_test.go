package rules

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSmallListsAsSets holds missing and uniq to what they gave when they
// always built a set: on lists shorter and longer than smallList, with
// repeated texts and values that are no texts.
func TestSmallListsAsSets(t *testing.T) {
	var uniq func(a ...any) (any, error)
	for _, f := range functions() {
		if f.name == uniqName {
			uniq = f.fn
		}
	}
	for _, n := range []int{0, 1, 3, smallList, smallList + 1, 3 * smallList} {
		var list []any
		var strs []string
		for i := range n {
			s := fmt.Sprintf("t%d", i%(n/2+1))
			strs = append(strs, s)
			list = append(list, s)
			if i%4 == 0 {
				list = append(list, i%3, nil)
			}
		}
		drop := strs[:len(strs)/2]
		// What the functions gave before: a set of the texts to drop, a set
		// of the texts seen.
		have := map[string]bool{}
		for _, s := range drop {
			have[s] = true
		}
		wantMissing := []string{}
		for _, s := range strs {
			if !have[s] {
				wantMissing = append(wantMissing, s)
			}
		}
		if diff := cmp.Diff(wantMissing, without(strs, drop)); diff != "" {
			t.Errorf("missing on %d texts (-want +got):\n%s", n, diff)
		}
		for _, in := range []any{list, strs} {
			want := []any{}
			seen := map[string]bool{}
			var others []any
			add := func(x any) {
				if s, ok := x.(string); ok {
					if !seen[s] {
						seen[s] = true
						want = append(want, x)
					}
					return
				}
				for _, o := range others {
					if cmp.Equal(o, x) {
						return
					}
				}
				others = append(others, x)
				want = append(want, x)
			}
			switch l := in.(type) {
			case []any:
				for _, x := range l {
					add(x)
				}
			case []string:
				for _, x := range l {
					add(x)
				}
			}
			got, err := uniq(in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("uniq on %T of %d (-want +got):\n%s", in, n, diff)
			}
		}
	}
}

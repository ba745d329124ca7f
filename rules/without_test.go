package rules

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestWithoutReadsInPlace checks missing and extra (without) against the
// texts written out, on flat and nested lists, short and long, and that
// they read the lists in place: the answer is their only allocation while
// the list to drop is short.
func TestWithoutReadsInPlace(t *testing.T) {
	long := []any{}
	for i := range 20 {
		long = append(long, fmt.Sprintf("t%d", i))
	}
	lists := []any{
		nil, []string{}, []any{}, []string{"a", "b", "c", "a"}, []any{"a", []string{"b", "x"}, []any{"c", []any{"d"}}, 3, "b"},
		long, []any{"t3", "t30", []string{"t19", "a"}},
	}
	plain := func(list, drop any) []string {
		out := []string{}
		for _, s := range texts(list) {
			if !slices.Contains(texts(drop), s) {
				out = append(out, s)
			}
		}
		return out
	}
	for _, list := range lists {
		for _, drop := range lists {
			want := plain(list, drop)
			got := without(list, drop)
			if diff := cmp.Diff(want, got); diff != "" || got == nil || cap(got) != len(got) {
				t.Errorf("without(%v, %v) = %v (cap %d) (-want +got):\n%s", list, drop, got, cap(got), diff)
			}
		}
	}
	list, drop := []any{"a", []string{"b", "x"}, []any{"c", "d"}}, []any{"b", []any{"d"}}
	if n := testing.AllocsPerRun(100, func() { without(list, drop) }); n != 1 {
		t.Errorf("without on untyped lists: %v allocations, want 1 (the answer)", n)
	}
	ids, present := []string{"k1", "k2", "k3"}, []string{"k2"}
	if n := testing.AllocsPerRun(100, func() { withoutTexts(ids, present) }); n != 1 {
		t.Errorf("the typed form on lists of texts: %v allocations, want 1 (the answer)", n)
	}
	if got, _ := withoutTexts(ids, present); !slices.Equal(got, []string{"k1", "k3"}) {
		t.Errorf("withoutTexts = %v", got)
	}
}

// TestPickExactLists checks pick on lists shorter and longer than the
// records whose answers it notes: the records a plain filter keeps, in
// a list of their exact length, asking again only past markedMax.
func TestPickExactLists(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, markedMax, markedMax + 1, 2500} {
		l := make([]int, n)
		for i := range l {
			l[i] = i
		}
		calls := 0
		ok := func(x *int) bool {
			calls++
			return *x%3 == 0 || *x == n-1
		}
		got := pick(l, ok)
		var want []*int
		for i := range l {
			if l[i]%3 == 0 || l[i] == n-1 {
				want = append(want, &l[i])
			}
		}
		if !slices.Equal(got, want) || got == nil || cap(got) != len(got) {
			t.Errorf("n = %d: pick kept %d records (cap %d), want %d", n, len(got), cap(got), len(want))
		}
		if most := n + max(0, n-markedMax); calls > most {
			t.Errorf("n = %d: %d calls of ok, want at most %d", n, calls, most)
		}
	}
}

// TestKeepExactLists checks keep (attendedBy, themed): the elements a
// plain filter keeps, in a list of their exact length, never nil.
func TestKeepExactLists(t *testing.T) {
	for _, n := range []int{0, 1, 5, 40} {
		l := make([]*int, n)
		for i := range l {
			l[i] = &i
		}
		got := keep(l, func(x *int) bool { return *x%2 == 1 })
		var want []*int
		for _, x := range l {
			if *x%2 == 1 {
				want = append(want, x)
			}
		}
		if !slices.Equal(got, want) || got == nil || cap(got) != len(got) {
			t.Errorf("n = %d: keep kept %d (cap %d), want %d", n, len(got), cap(got), len(want))
		}
	}
}

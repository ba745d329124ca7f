package rules

import (
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestResultsList holds resultsList to append every list in order and to
// copy the results about once: from estimateAfter lists on it makes room
// for the rest at once, once, and lists of the same length then fit.
func TestResultsList(t *testing.T) {
	const lists, per = 200, 7
	var rl resultsList
	rl.chunks = lists + 1 // the programme rules' list comes first
	var want []Result
	rl.add(nil)
	grown := 0
	for i := range lists {
		rs := make([]Result, per)
		for j := range rs {
			rs[j].Subject = strconv.Itoa(i) + "/" + strconv.Itoa(j)
		}
		before := cap(rl.list)
		rl.add(rs)
		if cap(rl.list) != before && i+1 >= estimateAfter {
			grown++
		}
		want = append(want, rs...)
	}
	if diff := cmp.Diff(want, rl.list); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if grown != 1 {
		t.Errorf("the list grew %d times from the estimate on, want once", grown)
	}
	if n := lists * per; cap(rl.list) > n+n/8 {
		t.Errorf("room for %d results, %d needed: the estimate is too large", cap(rl.list), n)
	}
}

// TestResultsListShort holds resultsList to grow again when the lists
// after the estimate are longer than those before it, and to keep every
// result.
func TestResultsListShort(t *testing.T) {
	var rl resultsList
	rl.chunks = 100
	var want []Result
	for i := range 100 {
		n := 1
		if i >= 50 {
			n = 10
		}
		rs := make([]Result, n)
		for j := range rs {
			rs[j].Item = strconv.Itoa(i*100 + j)
		}
		rl.add(rs)
		want = append(want, rs...)
	}
	if diff := cmp.Diff(want, rl.list); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

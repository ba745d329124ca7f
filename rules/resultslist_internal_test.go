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

// TestEvidenceList holds the evidence lists of kept results to blocks:
// lists cut one after the other share one, appending past a list's room
// leaves the next alone, and without keep each list is its own.
func TestEvidenceList(t *testing.T) {
	r := &run{keep: true}
	a := r.evidenceList(2)
	a = append(a, Evidence{Name: "a1"}, Evidence{Name: "a2"})
	b := r.evidenceList(1)
	b = append(b, Evidence{Name: "b1"})
	if &a[:cap(a)][cap(a)-1] != &r.evidence[1] || &b[0] != &r.evidence[2] {
		t.Errorf("the lists are not cut one after the other from the block")
	}
	a = append(a, Evidence{Name: "a3"}) // past its room: a list of its own
	if diff := cmp.Diff([]Evidence{{Name: "b1"}}, b); diff != "" {
		t.Errorf("b after appending to a (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Evidence{{Name: "a1"}, {Name: "a2"}, {Name: "a3"}}, a); diff != "" {
		t.Errorf("a (-want +got):\n%s", diff)
	}
	if n := testing.AllocsPerRun(100, func() { r.evidenceList(3) }); n > 0.05 {
		t.Errorf("evidenceList allocates %v times a list, want one block for many", n)
	}
	s := &run{}
	if s.evidenceList(2); s.evidence != nil {
		t.Errorf("without keep the list is cut from a block")
	}
}

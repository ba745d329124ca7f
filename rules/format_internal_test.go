package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/words"
)

// TestFormatWholeNumbers holds the evidence text of a whole number to the
// formatter's and a small one to no allocation (the worker's buffer and a
// copy took one for each).
func TestFormatWholeNumbers(t *testing.T) {
	for _, lang := range []words.Language{words.German, words.English} {
		r := &run{lang: lang}
		var got, want []string
		for _, n := range []int{0, 7, 42, 99, 100, 12345, -3} {
			got = append(got, r.format(n))
			want = append(want, words.Formatter{Lang: lang, Facts: facts}.Format(n))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", lang, diff)
		}
		if n := testing.AllocsPerRun(100, func() { r.format(42) }); n != 0 {
			t.Errorf("%s: format(42) allocates %v times, want none", lang, n)
		}
	}
}

// TestUniqValuesOneAllocation holds uniq on a list of anything to one
// allocation, the list it returns (it grew by doubling before).
func TestUniqValuesOneAllocation(t *testing.T) {
	l := []any{"a", "b", "a", "c", "d", "e", "b", "f", "g", "h", "i"}
	got, err := uniqValues(l)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{"a", "b", "c", "d", "e", "f", "g", "h", "i"}, got); diff != "" {
		t.Errorf("uniq (-want +got):\n%s", diff)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = uniqValues(l) }); n != 1 {
		t.Errorf("uniqValues allocates %v times, want 1", n)
	}
}

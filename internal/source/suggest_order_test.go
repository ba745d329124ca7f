package source

import "testing"

// TestSuggestIgnoresOrder shows that of equally close candidates the
// suggestion is the same whatever order they come in.
func TestSuggestIgnoresOrder(t *testing.T) {
	for _, candidates := range [][]string{{"n", "z", "b"}, {"z", "n", "b"}, {"b", "z", "n"}} {
		if got := Suggest("b2", candidates); got != "b" {
			t.Errorf("Suggest(b2, %v) = %q, want b", candidates, got)
		}
		if got := Suggest("q2", candidates); got != "b" {
			t.Errorf("Suggest(q2, %v) = %q, want b (the first of the equally close)", candidates, got)
		}
	}
}

package rules_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// quoted matches a text literal in double or single quotes without
// escapes, which is how the shipped rule files write them.
var quoted = regexp.MustCompile(`"([^"\\]*)"|'([^'\\]*)'`)

// TestTextsFromTheTree shows that the texts a rule names, taken from its
// checked expressions, are those written in its conditions, for every
// rule of the shipped programmes, and that a kind in a literal list is
// found.
func TestTextsFromTheTree(t *testing.T) {
	progs, err := rules.LoadEmbeddedAll()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range progs {
		for _, r := range p.Rules {
			seen := map[string]bool{}
			for _, x := range append([]string{r.Each, r.When, r.Needs, r.Assert}, r.LetExprs...) {
				for _, m := range quoted.FindAllStringSubmatch(x, -1) {
					seen[m[1]+m[2]] = true
				}
			}
			var want []string
			for s := range seen {
				want = append(want, s)
			}
			slices.Sort(want)
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, r.Texts()); diff != "" {
				t.Errorf("%s %s (-written +tree):\n%s", p.ID, r.ID, diff)
			}
			n += len(want)
		}
	}
	if n < 100 {
		t.Errorf("only %d texts in the shipped rules; the comparison proves little", n)
	}
}

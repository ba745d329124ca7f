package compile

import (
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/conf"
	"github.com/google/go-cmp/cmp"
)

// TestMayOptimize checks mayOptimize against expr's optimizer: a tree
// it skips compiles to the same program with and without the optimizer,
// and each shape of the optimizer's passes is let through (where the
// pass changes the program, the test shows that it does).
func TestMayOptimize(t *testing.T) {
	type rec struct {
		Name  string
		Hours int
		Tags  []string
	}
	env := map[string]any{"n": 0, "s": "", "ok": false, "xs": []rec{}, "ns": []int{}, "tags": []string{}}
	tests := []struct {
		text     string
		may      bool
		optimise bool // the optimizer changes the program
	}{
		{text: "n > len(xs)"},
		{text: "s in tags"},
		{text: "map(xs, .Name)"},
		{text: "filter(xs, .Hours > n)"},
		{text: "any(xs, .Name == s) && ok"},
		{text: "all(xs, .Hours >= n) || none(xs, .Name in .Tags)"},
		{text: "any(xs, .Hours > n) && any(xs, .Name == s)"},
		{text: "any(xs, .Hours > n) || any(xs, .Name == s)", may: true, optimise: true},    // predicateCombination
		{text: "none(xs, .Hours > n) and none(xs, .Name == s)", may: true, optimise: true}, // predicateCombination
		{text: "xs[n].Name"},
		{text: "-n"},
		{text: "-1", may: true, optimise: true},         // fold
		{text: "!true", may: true, optimise: true},      // fold
		{text: "1 + 2", may: true, optimise: true},      // fold
		{text: "ok && true", may: true, optimise: true}, // fold
		{text: "n > 0"},
		{text: "s == 'a' || n != 2"},
		{text: "len(xs) >= 1"},
		{text: "n == 1 + 2", may: true, optimise: true},                                 // fold
		{text: "'a' == 'b'", may: true, optimise: true},                                 // fold
		{text: "false || ok", may: true, optimise: true},                                // fold
		{text: "[1, 2]", may: true, optimise: true},                                     // fold
		{text: "n in [1, 2]", may: true, optimise: true},                                // inArray
		{text: "s in ['a', 'b']", may: true, optimise: true},                            // inArray
		{text: "n in 1..3", may: true, optimise: true},                                  // inRange
		{text: "filter(filter(xs, .Hours > n), .Name == s)", may: true, optimise: true}, // fold
		{text: "map(filter(xs, .Hours > n), .Name)", may: true, optimise: true},         // filterMap
		{text: "len(filter(xs, .Hours > n))", may: true, optimise: true},                // filterLen
		{text: "filter(xs, .Hours > n)[0]", may: true, optimise: true},                  // filterFirst
		{text: "first(filter(xs, .Hours > n))", may: true, optimise: true},              // filterFirst
		{text: "last(filter(xs, .Hours > n))", may: true, optimise: true},               // filterLast
		{text: "all(xs, .Hours > n) && all(xs, .Name != s)", may: true, optimise: true}, // predicateCombination
		{text: "sum(ns)", may: true},                                                    // sum: sumArray, sumMap, sumRange
		{text: "sum(map(xs, .Hours))", may: true, optimise: true},                       // sumMap
		{text: "sum([n, n])", may: true, optimise: true},                                // sumArray
		{text: "count(xs, .Hours > n) > 0", may: true, optimise: true},                  // countAny
		{text: "count(xs, .Hours > n) >= 3", may: true, optimise: true},                 // countThreshold
		{text: "reduce(ns, # + #acc)", may: true},                                       // sumRange (on a range)
	}
	for _, tt := range tests {
		c := conf.CreateNew()
		expr.Env(env)(c)
		tree, err := checker.ParseCheck(tt.text, c)
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		if got := mayOptimize(tree.Node); got != tt.may {
			t.Errorf("mayOptimize(%s) = %v, want %v", tt.text, got, tt.may)
		}
		plain, err := expr.Compile(tt.text, expr.Env(env), expr.Optimize(false))
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		optimised, err := expr.Compile(tt.text, expr.Env(env))
		if err != nil {
			t.Fatalf("%s: %v", tt.text, err)
		}
		diff := cmp.Diff(plain.Disassemble(), optimised.Disassemble())
		switch {
		case !tt.may && diff != "":
			t.Errorf("%s: skipped, but the optimizer changes the program (-plain +optimised):\n%s", tt.text, diff)
		case tt.optimise && diff == "":
			t.Errorf("%s: the optimizer leaves the program as it is; the case shows no pass", tt.text)
		}
	}
}

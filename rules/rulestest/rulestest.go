package rulestest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// Run runs the rule test files as subtests of t, one per file and case.
// A file whose rules do not cover both a passing and a failing case for
// every rule is reported with t.Log, not as a failure; use Untested to
// enforce it. The files' fixtures and rule files may lie anywhere in the
// Go module the test runs in (below the nearest directory holding go.mod,
// from the package's directory up), as with rules.RunTestFileIn.
func Run(t *testing.T, files ...string) []*rules.TestReport {
	t.Helper()
	root := moduleRoot()
	var reports []*rules.TestReport
	for _, f := range files {
		rep, err := rules.RunTestFileIn(context.Background(), root, f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		reports = append(reports, rep)
		t.Run(f, func(t *testing.T) {
			for _, d := range rep.Diagnostics {
				if d.Severity == 0 || d.Severity.String() == "error" {
					t.Errorf("%v", d)
				}
			}
			for _, res := range rep.Results {
				t.Run(res.Case, func(t *testing.T) {
					if res.Errored {
						t.Fatalf("case could not run: %s", res.Error)
					}
					if !res.Passed {
						t.Errorf("outcomes (-want +got):\n%s", Diff(res.Mismatches))
					}
				})
			}
			for rule, missing := range rep.Untested {
				t.Logf("rule %s has no case expecting %s", rule, strings.Join(missing, " or "))
			}
		})
	}
	return reports
}

// Diff renders mismatches as a cmp.Diff of the expected and the actual
// outcomes, keyed "rule subject".
func Diff(ms []rules.Mismatch) string {
	want := map[string]string{}
	got := map[string]string{}
	for _, m := range ms {
		k := m.Rule + " " + m.Subject
		want[k] = m.Want.String()
		g := "(no result)"
		if m.Got != 0 {
			g = m.Got.String()
		}
		if m.Message != "" {
			g += ": " + m.Message
		}
		got[k] = g
	}
	return cmp.Diff(want, got)
}

// Untested fails t for every rule that no case of the reports expects to
// pass, or none expects to fail. Reports of several files for the same
// programme count together.
func Untested(t *testing.T, reports ...*rules.TestReport) {
	t.Helper()
	type key struct{ prog, rule string }
	covered := map[key]map[string]bool{}
	for _, rep := range reports {
		for rule := range rep.Untested {
			k := key{rep.Programme, rule}
			if covered[k] == nil {
				covered[k] = map[string]bool{}
			}
		}
		for rule, outs := range rep.Expected {
			k := key{rep.Programme, rule}
			if covered[k] == nil {
				covered[k] = map[string]bool{}
			}
			for _, o := range outs {
				covered[k][o] = true
			}
		}
	}
	var problems []string
	for k, outs := range covered {
		for _, o := range []string{"pass", "fail"} {
			if !outs[o] {
				problems = append(problems, fmt.Sprintf("rule %s of %s has no case expecting %s", k.rule, k.prog, o))
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
}

// moduleRoot is the nearest directory at or above the working directory
// that holds go.mod, as a relative path ("..", "../.."); "." when there is
// none.
func moduleRoot() string {
	rel := "."
	for range 64 {
		if st, err := os.Stat(filepath.Join(rel, "go.mod")); err == nil && st.Mode().IsRegular() {
			return rel
		}
		abs, err := filepath.Abs(rel)
		if err != nil || filepath.Dir(abs) == abs {
			break
		}
		if rel == "." {
			rel = ".."
		} else {
			rel = filepath.Join(rel, "..")
		}
	}
	return "."
}

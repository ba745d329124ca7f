package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// closureCheck collects, for every expression an engine runs, whether it
// ran as closures and how the closure's value differs from the machine's.
type closureCheck struct {
	mu      sync.Mutex
	covered map[*expression]bool
	fell    map[*expression]int // closure failed, the machine did not
	diffs   []string
}

func newClosureCheck() *closureCheck {
	return &closureCheck{covered: map[*expression]bool{}, fell: map[*expression]int{}}
}

// option makes an engine run every covered expression both ways.
func (c *closureCheck) option() EngineOption {
	return func(cfg *engineConfig) {
		cfg.checkClosure = func(e *expression, got any, ok bool, want any, err error) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.covered[e] = true
			switch {
			case ok && err != nil:
				c.diffs = append(c.diffs, fmt.Sprintf("%s %q: closure gave %v, the machine failed: %v", e.pos(), e.text, got, err))
			case !ok && err == nil:
				c.fell[e]++
			case ok:
				if d := cmp.Diff(want, got, closureCmp); d != "" && len(c.diffs) < 20 {
					c.diffs = append(c.diffs, fmt.Sprintf("%s %q (-machine +closure):\n%s", e.pos(), e.text, d))
				}
			}
		}
	}
}

// closureCmp compares values down to their unexported fields (decimals,
// dates, periods): the closures must give exactly the machine's values.
// Functions (options held in values) are the same when they are the same
// function.
var closureCmp = cmp.Options{
	cmp.Exporter(func(reflect.Type) bool { return true }),
	cmp.FilterPath(func(p cmp.Path) bool { return p.Last().Type().Kind() == reflect.Func },
		cmp.Comparer(func(x, y any) bool { return reflect.ValueOf(x).Pointer() == reflect.ValueOf(y).Pointer() })),
}

// ClosureCmp is closureCmp for the tests of package rules_test.
var ClosureCmp = closureCmp

func (c *closureCheck) report(t *testing.T) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.diffs {
		t.Error(d)
	}
	var fell []string
	for e, n := range c.fell {
		fell = append(fell, fmt.Sprintf("%s %q: %d times", e.pos(), e.text, n))
	}
	sort.Strings(fell)
	for _, f := range fell {
		t.Errorf("closure failed where the machine did not: %s", f)
	}
}

// TestClosuresMatchMachine runs every expression of the shipped
// programmes on the shipped testdata and in the cases of their test
// files, and of the test files in testdata, both as
// closures and on expr's machine, and compares the values.
func TestClosuresMatchMachine(t *testing.T) {
	check := newClosureCheck()
	progs, diags := LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dirs := []string{"../testdata/bad-kreuznach", "../testdata/wiesbaden", "../testdata/thueringen"}
	ds, dd := kiez.LoadFiles(dirs...)
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	eng, err := NewEngine(progs, WithoutValidation(), check.option())
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2023, 2024, 2025} {
		if _, err := eng.Evaluate(context.Background(), ds, Year(y)); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob("programmes/*_test.yaml")
	more, _ := filepath.Glob("testdata/*_test.yaml")
	for _, f := range append(files, more...) {
		if _, err := RunTestFile(context.Background(), f, check.option()); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	check.report(t)

	// Coverage: the expressions of the shipped programmes that compile
	// to closures, and those that ran.
	total, compiled := 0, 0
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	for _, p := range progs {
		for _, e := range p.expressions() {
			total++
			if compile.CompileClosure(e.program, funcs) != nil {
				compiled++
			} else {
				t.Logf("on the machine: %s %q", e.pos(), e.text)
			}
		}
	}
	t.Logf("shipped programmes: %d of %d expressions compile to closures; %d expressions ran both ways", compiled, total, len(check.covered))
	if len(check.covered) == 0 || compiled*10 < total*8 {
		t.Errorf("closures cover %d of %d expressions, want at least 80 %%", compiled, total)
	}
}

// ClosureCheckOption is for the tests of package rules_test: an engine
// option that runs every covered expression both ways, and the function
// that reports the differences found.
func ClosureCheckOption() (EngineOption, func(t *testing.T)) {
	c := newClosureCheck()
	return c.option(), c.report
}

// WithoutClosures is withoutClosures for the tests of package rules_test.
var WithoutClosures = withoutClosures

// WithProgrammeIndexFrom is withProgrammeIndexFrom for the tests of
// package rules_test.
var WithProgrammeIndexFrom = withProgrammeIndexFrom

// expressions returns every compiled expression of the rule set's rules.
func (p *RuleSet) expressions() []*expression {
	var out []*expression
	for _, r := range p.Rules {
		out = append(out, r.lets...)
		for _, e := range []*expression{r.each, r.when, r.needs, r.assert, r.subject} {
			if e != nil {
				out = append(out, e)
			}
		}
		out = append(out, r.evidence...)
		for _, parts := range [][]templatePart{r.message, r.notApplicable, r.missingMsg} {
			for _, part := range parts {
				if part.expr != nil {
					out = append(out, part.expr)
				}
			}
		}
	}
	return out
}

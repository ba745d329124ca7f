package rules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// mustMachine returns expr's program of a compiled expression, built when
// first asked for; a build that fails fails the test.
func mustMachine(t testing.TB, prog *compile.Program) *vm.Program {
	t.Helper()
	m, err := prog.Machine()
	if err != nil {
		t.Fatalf("building the program: %v", err)
	}
	return m
}

// TestMachineEveryShippedExpression loads the shipped programmes afresh
// (no program built yet) and runs every expression of them, on the
// shipped testdata and in the cases of their test files, as closures and
// on expr's machine, from several goroutines at once, so that the
// programs are built while other goroutines run the closures on the same
// trees (run it with -race); the values agree. Then every expression's
// program is built, from several goroutines at once: each gets the same
// program, and none fails.
func TestMachineEveryShippedExpression(t *testing.T) {
	check := newClosureCheck()
	progs, diags := LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach", "../testdata/wiesbaden", "../testdata/thueringen")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	eng, err := NewEngine(progs, WithoutValidation(), check.option())
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("programmes/*_test.yaml")
	var wg sync.WaitGroup
	for _, y := range []int{2023, 2024, 2025} {
		wg.Go(func() {
			if _, err := eng.Evaluate(context.Background(), ds, Year(y)); err != nil {
				t.Error(err)
			}
		})
	}
	for _, f := range files {
		wg.Go(func() {
			if _, err := RunTestFile(context.Background(), f, check.option()); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		})
	}
	wg.Wait()
	check.report(t)
	if len(check.covered) < 500 {
		t.Errorf("%d expressions ran both ways, want the shipped programmes' ~1000", len(check.covered))
	}

	var exprs []*expression
	for _, p := range progs {
		exprs = append(exprs, p.expressions()...)
	}
	built := make([][]*vm.Program, 4)
	for g := range built {
		wg.Go(func() {
			for _, e := range exprs {
				m, err := e.program.Machine()
				if err != nil {
					t.Errorf("%s %q: %v", e.pos(), e.text, err)
				}
				built[g] = append(built[g], m)
			}
		})
	}
	wg.Wait()
	for g := range built {
		for i, m := range built[g] {
			if m == nil || m != built[0][i] {
				t.Fatalf("%s %q: goroutine %d got program %p, goroutine 0 %p", exprs[i].pos(), exprs[i].text, g, m, built[0][i])
			}
		}
	}
}

// TestMachineBuildErrorIsRunError makes every build of expr's program
// fail (engineConfig.buildMachine) and runs a rule file with every expression on the
// machine: each verdict is "Prüffehler" with the German message and the
// build's error; with the builds as they are, the same file is judged.
func TestMachineBuildErrorIsRunError(t *testing.T) {
	run := func(opts ...EngineOption) []string {
		t.Helper()
		src, err := os.ReadFile("../testdata/bad/rules/22-cpu-loop.yaml")
		if err != nil {
			t.Fatal(err)
		}
		p, diags := Load("rules/22-cpu-loop.yaml", src, WithCostCeiling(1<<62))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		ds, dd := kiez.Load(os.DirFS("../testdata/bad"), "dataset.yaml")
		if dd.HasErrors() {
			t.Fatal(dd)
		}
		eng, err := NewEngine([]*RuleSet{p}, append(opts, withoutClosures(), WithStepBudget(200_000))...)
		if err != nil {
			t.Fatal(err)
		}
		res, err := eng.Evaluate(context.Background(), ds, Year(2024))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res.Results() {
			if r.Outcome != OutcomeError {
				out = append(out, r.String())
			} else if !strings.Contains(r.Message, "interner Fehler beim Übersetzen des Ausdrucks: test: no program") {
				out = append(out, "wrong message: "+r.Message)
			} else {
				out = append(out, r.Subject+" "+r.Rule+": "+r.Outcome.Label())
			}
		}
		return out
	}
	judged := run()
	if !slices.ContainsFunc(judged, func(s string) bool { return strings.Contains(s, ": pass ") }) {
		t.Errorf("with the builds as they are, no rule passes: %v", judged)
	}

	failing := func(cfg *engineConfig) {
		cfg.buildMachine = func(*compile.Program) (*vm.Program, error) { return nil, errors.New("test: no program") }
	}
	want := []string{
		// The items of freistellung are not known either: its each fails.
		"c1 schleife: Prüffehler",
		"c1 freistellung: Prüffehler",
		"c2 schleife: Prüffehler",
		"c2 freistellung: Prüffehler",
	}
	if diff := cmp.Diff(want, run(failing)); diff != "" {
		t.Errorf("results with failing builds (-want +got):\n%s", diff)
	}
}

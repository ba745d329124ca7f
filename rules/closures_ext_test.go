package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// TestClosuresOnGeneratedCentres runs every expression of the embedded
// programmes on generated centres both as typed closures and on expr's
// machine and compares the values, and compares whole evaluations with
// and without closures: outcomes, messages and evidence.
func TestClosuresOnGeneratedCentres(t *testing.T) {
	data := synthetic(t, 200)
	progs := embeddedProgrammes(t)
	check, report := rules.ClosureCheckOption()
	var got [2][]rules.Result
	for i, opts := range [][]rules.EngineOption{{rules.WithoutValidation(), check}, {rules.WithoutValidation(), rules.WithoutClosures()}} {
		eng, err := rules.NewEngine(progs, opts...)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
		if err != nil {
			t.Fatal(err)
		}
		got[i] = ev.Results()
	}
	report(t)
	eng, err := rules.NewEngine(progs, rules.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(got[1], ev.Results(), rules.ClosureCmp); d != "" {
		t.Errorf("results differ (-machine +closures):\n%s", d)
	}
}

// TestClosuresStepBudget: a runaway rule ends with the same error result
// (the budget's message at the expression's place) with closures as on
// expr's machine, and the other rule is judged as usual.
func TestClosuresStepBudget(t *testing.T) {
	load := []rules.LoadOption{rules.WithCostCeiling(1 << 62)}
	with := badRun(t, "22-cpu-loop.yaml", load, rules.WithStepBudget(200_000))
	without := badRun(t, "22-cpu-loop.yaml", load, rules.WithStepBudget(200_000), rules.WithoutClosures())
	if d := cmp.Diff(without, with); d != "" {
		t.Errorf("results (-machine +closures):\n%s", d)
	}
	if len(with) == 0 || !strings.Contains(with[0], "Schrittbudget von 200.000 Schritten") {
		t.Errorf("the budget did not end the rule: %v", with)
	}
}

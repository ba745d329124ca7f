package rules_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The bounds the README's "Limits" section lists are tested where they
// are enforced: the file sizes in kiez and rules (bad_test.go), the
// number of rules, WithMaxNodes and DefaultMaxNodes, MaxNesting, the
// default memory budget and a deadline on a rule that loops (the bad-input
// corpus, testdata/bad). This file tests the rest: a memory budget given
// with WithMemoryBudget, and a deadline on a large evaluation.

// limitRules is a rule file whose rule builds a list of 10,000 numbers.
const limitRules = `programme: grenzen
name: Grenzen
requirements:
  - {id: GR-01, text: Eine Liste wird gebaut.}
rules:
  - id: liste
    title: Liste
    requirements: [GR-01]
    assert: 'len(map(1..10000, # * 2)) == 10000'
    message: "Liste gebaut"
`

func limitData() *kiez.Dataset {
	return &kiez.Dataset{Centres: []kiez.Centre{{ID: "c1", Programme: "grenzen"}}}
}

// TestLimitMemoryBudget: the same rule passes within the default budget
// and is an error, naming the budget, within a budget of 1,000.
func TestLimitMemoryBudget(t *testing.T) {
	for _, tt := range []struct {
		opts []rules.EngineOption
		want rules.Outcome
	}{
		{nil, rules.OutcomePass},
		{[]rules.EngineOption{rules.WithMemoryBudget(1000)}, rules.OutcomeError},
	} {
		p, diags := rules.Load("grenzen.yaml", []byte(limitRules))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		eng, err := rules.NewEngine([]*rules.RuleSet{p}, append(tt.opts, rules.WithoutValidation())...) // a partial centre
		if err != nil {
			t.Fatal(err)
		}
		evRes, err := eng.Evaluate(context.Background(), limitData(), rules.Year(2024))
		res := evRes.Results()
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 || res[0].Outcome != tt.want {
			t.Fatalf("options %d: %v, want one result %s", len(tt.opts), res, tt.want)
		}
		if tt.want == rules.OutcomeError && !strings.Contains(res[0].Error, "memory budget exceeded") {
			t.Errorf("error %q does not name the memory budget", res[0].Error)
		}
	}
}

// TestLimitDeadline: a deadline stops a large evaluation soon after it
// passes; Evaluate returns the results so far and the context's error.
func TestLimitDeadline(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 300 centres")
	}
	data := synthetic(t, 300)
	eng, err := rules.NewEngine(embeddedProgrammes(t))
	if err != nil {
		t.Fatal(err)
	}
	evFull, err := eng.Evaluate(context.Background(), data.Dataset, data.Period())
	full := evFull.Results()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Millisecond)
	defer cancel()
	start := time.Now()
	evPart, err := eng.Evaluate(ctx, data.Dataset, data.Period())
	part := evPart.Results()
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if len(part) >= len(full) {
		t.Errorf("%d results after the deadline, as many as without one (%d)", len(part), len(full))
	}
	if took > 2*time.Second {
		t.Errorf("Evaluate took %v after a 2 ms deadline", took)
	}
}

// TestLimitDeadlineInsideAnExpression: a deadline also stops an expression
// that would loop for hours (a billion steps in three nested loops): the
// rule's result is an error naming the deadline, and Evaluate returns
// soon after it. The cost ceiling and the step budget, which would stop
// it first, are lifted.
func TestLimitDeadlineInsideAnExpression(t *testing.T) {
	src := strings.Replace(limitRules, `'len(map(1..10000, # * 2)) == 10000'`, `"let a = 1..1000; all(a, {all(a, {all(a, {# > 0})})})"`, 1)
	p, diags := rules.Load("schleife.yaml", []byte(src), rules.WithCostCeiling(1<<62))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p}, rules.WithStepBudget(1<<62), rules.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	evRes, err := eng.Evaluate(ctx, limitData(), rules.Year(2024))
	res := evRes.Results()
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Evaluate took %v after a 100 ms deadline", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	if len(res) != 1 || res[0].Outcome != rules.OutcomeError || !strings.Contains(res[0].Error, "context deadline exceeded") {
		t.Errorf("results %v, want one error naming the deadline", res)
	}
}

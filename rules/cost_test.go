package rules_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// TestCostShippedRules: every shipped rule's estimated cost stays far
// below the ceiling (the margin CostCeiling documents), so that a change
// of the model's bounds or of a programme that comes near it shows here.
func TestCostShippedRules(t *testing.T) {
	progs, diags := rules.LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var most uint64
	var costliest string
	for _, p := range progs {
		for _, r := range p.Rules {
			if r.Cost() == 0 {
				t.Errorf("%s/%s: no cost estimated", p.ID, r.ID)
			}
			if r.Cost() > most {
				most, costliest = r.Cost(), p.ID+"/"+r.ID
			}
		}
	}
	if most > rules.CostCeiling/10 {
		t.Errorf("the costliest shipped rule %s is estimated at %d steps, within 10× of the ceiling %d", costliest, most, uint64(rules.CostCeiling))
	}
	t.Logf("costliest shipped rule: %s, %d steps (ceiling %d, margin %.0f×)", costliest, most, uint64(rules.CostCeiling), float64(rules.CostCeiling)/float64(most))
}

// TestCostNestedLoops: nested loops multiply the estimate by the declared
// size of each list; three loops over the sessions nested in each other
// are a load error naming the rule, the estimate and the ceiling.
func TestCostNestedLoops(t *testing.T) {
	costOf := func(assert string) (uint64, []string) {
		src := withLets(t, "    assert: '"+assert+"'\n    message: x\n")
		p, diags := rules.Load("fixture.yaml", []byte(src))
		var msgs []string
		for _, d := range diags {
			msgs = append(msgs, d.Error())
		}
		if p == nil {
			return 0, msgs
		}
		return p.Rule("elterncafe").Cost(), msgs
	}
	one, d1 := costOf("any(centre.sessions, .date < period.from)")
	two, d2 := costOf("any(centre.sessions, any(centre.sessions, .date < period.from))")
	if len(d1)+len(d2) > 0 {
		t.Fatalf("diagnostics: %v %v", d1, d2)
	}
	if two < one*rules.CostSessions/2 {
		t.Errorf("two nested loops cost %d, one %d: nesting must multiply by the sessions' bound %d", two, one, rules.CostSessions)
	}
	_, d3 := costOf("any(centre.sessions, any(centre.sessions, any(centre.sessions, .date < period.from)))")
	want := []string{"fixture.yaml:38:5: error: rule elterncafe: estimated cost 80,036,020,011 steps exceeds the ceiling of 1,000,000,000"}
	if diff := cmp.Diff(want, d3); diff != "" {
		t.Errorf("three nested loops (-want +got):\n%s", diff)
	}
}

// badRun loads a file of the bad-input corpus with opts and evaluates it
// on the corpus's dataset for 2024, within a generous context (a safety
// net: the budget must end the run long before it).
func badRun(t *testing.T, name string, load []rules.LoadOption, opts ...rules.EngineOption) []string {
	t.Helper()
	src, err := os.ReadFile("../testdata/bad/rules/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := rules.Load("rules/"+name, src, load...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, ddiags := kiez.Load(os.DirFS("../testdata/bad"), "dataset.yaml")
	if ddiags.HasErrors() {
		t.Fatal(ddiags)
	}
	e, err := rules.NewEngine([]*rules.RuleSet{p}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	evRes, err := e.Evaluate(ctx, ds, rules.Year(2024))
	res := evRes.Results()
	if err != nil {
		t.Fatalf("Evaluate: %v (the step budget should have ended the rule before the context)", err)
	}
	var out []string
	for _, r := range res {
		out = append(out, r.String())
	}
	return out
}

// TestStepBudgetStopsLoop: the corpus's loop of a billion steps, loaded
// with the cost ceiling raised, ends with "Prüffehler" naming the budget
// for that rule, and the other rule is judged as usual.
func TestStepBudgetStopsLoop(t *testing.T) {
	got := badRun(t, "22-cpu-loop.yaml", []rules.LoadOption{rules.WithCostCeiling(1 << 62)}, rules.WithStepBudget(200_000))
	budget := "rules/22-cpu-loop.yaml:22:13: die Regel überschreitet ihr Schrittbudget von 200.000 Schritten, gezählt als Schleifendurchläufe und Zeichen zusammengesetzter Texte; vereinfachen Sie die Regel, etwa ohne ineinander geschachtelte Schleifen"
	want := []string{
		"c1 schleife: error Die Regel konnte nicht geprüft werden: " + budget,
		"c1/l1 freistellung: pass Freistellung 2,5 h/Woche",
		"c1/k1 freistellung: not-applicable Nicht anwendbar.",
		"c2 schleife: error Die Regel konnte nicht geprüft werden: " + budget,
		"c2/l2 freistellung: fail Freistellung 1,5 h/Woche",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	// The default budget stops it too, before the context's minute.
	got = badRun(t, "22-cpu-loop.yaml", []rules.LoadOption{rules.WithCostCeiling(1 << 62)})
	if len(got) != len(want) || !strings.Contains(got[0], "Schrittbudget von 5.000.000 Schritten") {
		t.Errorf("with the default budget: %v", got)
	}
}

// TestStepBudgetCountsText: text joined with + counts, byte by byte: a
// reduce that builds texts of quadratic length is stopped by the default
// budget (the memory budget does not see such text).
func TestStepBudgetCountsText(t *testing.T) {
	got := badRun(t, "34-text-bomb.yaml", nil)
	if len(got) == 0 || !strings.Contains(got[0], fmt.Sprintf("Schrittbudget von %s Schritten", "5.000.000")) {
		t.Errorf("with the default budget the text rule should be stopped: %v", got)
	}
}

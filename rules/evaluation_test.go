package rules_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

const evalRules = `programme: musterstadt
name: Familienzentren Musterstadt
requirements: [{id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}]
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    source: {doc: Konzept, section: "§ 1"}
    each: centre.staff
    when: item.role == "leitung-familienzentrum"
    assert: item.releaseHoursPerWeek >= 2
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche"
`

func evalData(t *testing.T, centre string) *kiez.Dataset {
	t.Helper()
	ds, diags := kiez.Decode("daten.yaml", []byte(`programmes:
  - {id: musterstadt, name: Familienzentren Musterstadt, authority: Jugendamt Musterstadt, land: DE-HE}
centres:
`+centre))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return ds
}

// TestEvaluateValidates: validation is part of the path. An invalid
// dataset is refused before any rule runs, with an error that wraps
// ErrInvalidData and the diagnostics; WithoutValidation judges it as it is;
// a valid dataset gives an evaluation that holds the dataset, the rule
// sets, the period and the results together.
func TestEvaluateValidates(t *testing.T) {
	p, diags := rules.Load("musterstadt.yaml", []byte(evalRules))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// The centre has no name.
	invalid := evalData(t, `  - id: fz-nord
    programme: musterstadt
    kind: family-centre
    providerNote: ohne Träger
    staff: [{id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}]
`)
	eng, err := rules.NewEngine([]*rules.RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	for name, run := range map[string]func() (*rules.Evaluation, error){
		"Evaluate": func() (*rules.Evaluation, error) {
			return eng.Evaluate(context.Background(), invalid, rules.Year(2024))
		},
		"Stream": func() (*rules.Evaluation, error) {
			return eng.Stream(context.Background(), invalid, rules.Year(2024), func(rules.Result) error {
				t.Error("Stream handed on a result of an invalid dataset")
				return nil
			})
		},
	} {
		ev, err := run()
		var got diag.Diagnostics
		if ev != nil || !errors.Is(err, rules.ErrInvalidData) || !errors.As(err, &got) || !got.HasErrors() {
			t.Errorf("%s on invalid data = %v, %v; want nil and ErrInvalidData with the diagnostics", name, ev, err)
		}
	}

	lax, err := rules.NewEngine([]*rules.RuleSet{p}, rules.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	ev, err := lax.Evaluate(context.Background(), invalid, rules.Year(2024))
	if err != nil || len(ev.Results()) != 1 || ev.Results()[0].Outcome != rules.OutcomePass {
		t.Errorf("WithoutValidation: %v, %v; want one pass", ev.Results(), err)
	}

	valid := evalData(t, `  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: ohne Träger
    staff: [{id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 1.5}]
`)
	ev, err = eng.Evaluate(context.Background(), valid, rules.Year(2024))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Dataset() != valid || ev.Period() != rules.Year(2024) || ev.RuleSet("musterstadt") != p || len(ev.RuleSets()) != 1 {
		t.Errorf("the evaluation does not hold its parts: %v %v %v", ev.Dataset() == valid, ev.Period(), ev.RuleSets())
	}
	if diff := cmp.Diff(map[rules.Outcome]int{rules.OutcomeFail: 1}, ev.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
	sev, err := eng.Stream(context.Background(), valid, rules.Year(2024), func(rules.Result) error { return nil })
	if err != nil || len(sev.Results()) != 0 || cmp.Diff(ev.Counts(), sev.Counts()) != "" {
		t.Errorf("Stream's evaluation: %d results, counts %v, %v; want none kept and Evaluate's counts", len(sev.Results()), sev.Counts(), err)
	}
}

// TestPeriodConstructors: a year, two dates and the text forms give the
// same period type; a period that ends before it starts is refused.
func TestPeriodConstructors(t *testing.T) {
	p, err := rules.ParsePeriod("2024-01-01..2024-12-31")
	if err != nil || p != rules.Year(2024) {
		t.Errorf("ParsePeriod = %v, %v; want %v", p, err, rules.Year(2024))
	}
	eng, err := rules.NewEngine(nil)
	if err != nil {
		t.Fatal(err)
	}
	ds := &kiez.Dataset{}
	for _, bad := range []rules.Period{{}, {From: rules.Year(2024).Until, Until: rules.Year(2024).From}} {
		if _, err := eng.Evaluate(context.Background(), ds, bad); err == nil {
			t.Errorf("Evaluate(%v): no error", bad)
		}
	}
}

// TestRestore: a stored evaluation is rebuilt from its parts; without a
// dataset or a period there is none.
func TestRestore(t *testing.T) {
	ds := &kiez.Dataset{}
	res := []rules.Result{{Programme: "p", Rule: "r", Subject: "p", Outcome: rules.OutcomePass}}
	ev, err := rules.Restore(ds, nil, rules.Year(2024), res)
	if err != nil || ev.Dataset() != ds || len(ev.Results()) != 1 || ev.Counts()[rules.OutcomePass] != 1 {
		t.Errorf("Restore = %v, %v", ev, err)
	}
	if _, err := rules.Restore(nil, nil, rules.Year(2024), res); err == nil {
		t.Error("Restore without a dataset: no error")
	}
	if _, err := rules.Restore(ds, nil, rules.Period{}, res); err == nil {
		t.Error("Restore without a period: no error")
	}
}

// TestRunErrorAsDiagnostic: an expression that fails while it runs gives
// an error result whose Problem is a diagnostic at the whole expression
// in the rule file, with the reason in German as its detail; a verdict
// without such a failure has none.
func TestRunErrorAsDiagnostic(t *testing.T) {
	src := strings.Replace(evalRules, "assert: item.releaseHoursPerWeek >= 2", `assert: "1 / (item.hoursPerWeek - 39) > 0"`, 1)
	p, diags := rules.Load("musterstadt.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	ds := evalData(t, `  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: ohne Träger
    staff:
      - {id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}
      - {id: l2, role: leitung-familienzentrum, hoursPerWeek: 30, releaseHoursPerWeek: 2}
`)
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		t.Fatal(err)
	}
	res := ev.Results()
	if len(res) != 2 {
		t.Fatalf("%d results: %v", len(res), res)
	}
	d := res[0].Problem
	if res[0].Outcome != rules.OutcomeError || d == nil || d.Subject == nil {
		t.Fatalf("l1: %v, problem %v; want an error with a diagnostic", res[0], d)
	}
	got := fmt.Sprintf("%s %s-%d:%d %s | %s", d.Severity, d.Subject, d.Subject.End.Line, d.Subject.End.Column, d.Summary, d.Detail)
	want := "error musterstadt.yaml:11:13-11:47 division by zero | Division durch null" // the quoted value, quotes included
	if got != want {
		t.Errorf("problem:\n got %s\nwant %s", got, want)
	}
	if res[1].Outcome != rules.OutcomeFail || res[1].Problem != nil {
		t.Errorf("l2: %v, problem %v; want a failure without a problem", res[1], res[1].Problem)
	}
}

// TestCountsOfOddOutcomes: Counts leaves out an outcome that is none of
// the known ones (a stored result from a later version) instead of
// failing.
func TestCountsOfOddOutcomes(t *testing.T) {
	ev, err := rules.Restore(&kiez.Dataset{}, nil, rules.Year(2024), []rules.Result{{Outcome: rules.Outcome(99)}, {Outcome: rules.OutcomePass}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[rules.Outcome]int{rules.OutcomePass: 1}, ev.Counts()); diff != "" {
		t.Errorf("Counts (-want +got):\n%s", diff)
	}
}

package rules_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/rules/rulestest"
)

// TestThueringenRules runs the rule tests of the embedded Thüringen
// programme and requires a passing and a failing case for every rule.
func TestThueringenRules(t *testing.T) {
	reports := rulestest.Run(t, "programmes/thueringen-thekiz_test.yaml")
	rulestest.Untested(t, reports...)
}

// TestThueringenTestdata2024 evaluates the embedded Thüringen programme on
// the shared test data for 2024: every verdict is pass or not applicable
// except the deliberate shortfalls that testdata/README.md lists for the
// programme (TH-07 at thekiz-sonnenblume in July and August, TH-14 at
// thekiz-regenbogen). The README lists no data gaps for Thüringen, so no
// verdict is missing data.
func TestThueringenTestdata2024(t *testing.T) {
	prog, diags := rules.LoadEmbedded("thueringen-thekiz")
	if len(diags) > 0 {
		t.Fatalf("loading the embedded programme gives diagnostics (coverage must be complete):\n%v", diags)
	}
	if cov := prog.Coverage(); !cov.Complete() {
		t.Fatalf("requirements neither checked nor manual: %v", cov.Missing)
	}
	ds, diags := kiez.LoadFiles("../testdata/thueringen")
	diags = append(diags, ds.Validate()...)
	if len(diags) > 0 {
		t.Fatalf("testdata/thueringen: %v", diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		t.Fatal(err)
	}
	period, err := rules.ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	evResults, err := eng.Evaluate(context.Background(), ds, period)
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range results {
		if r.Outcome != rules.OutcomePass && r.Outcome != rules.OutcomeNotApplicable {
			got = append(got, fmt.Sprintf("%s %s %s", r.Subject, r.Rule, r.Outcome))
		}
	}
	sort.Strings(got)
	want := []string{
		"thekiz-regenbogen steuerungsteam-sitzungen fail",
		"thekiz-sonnenblume/2024-07 prozessbegleitung-erste-zwei-jahre fail",
		"thekiz-sonnenblume/2024-08 prozessbegleitung-erste-zwei-jahre fail",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verdicts other than pass or not applicable (-want +got):\n%s", diff)
	}
	if len(results) < 3*len(prog.Rules) {
		t.Errorf("only %d results for %d rules and 3 centres", len(results), len(prog.Rules))
	}
}

package rules

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// TestParamNotInForceGerman: Load makes sure every param a rule reads has
// a value on the first day the rule applies, so a programme built by Load
// never meets a param without a value; should one (its history changed
// after loading), the error result is German, names the param and the day,
// and only its Error field holds the position.
func TestParamNotInForceGerman(t *testing.T) {
	b, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := Load("fixture.yaml", b)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	from, err := source.ParseDate("2025-01-01")
	if err != nil {
		t.Fatal(err)
	}
	p.Param("releaseHours").History = []ParamValue{{From: from, Value: p.Param("releaseHours").History[0].Value}}
	ds, diags := kiez.LoadFiles("testdata/programme.yaml", "testdata/centre-short.yaml")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := NewEngine([]*RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	evRes, err := eng.Evaluate(context.Background(), ds, Year(2024))
	res := evRes.Results()
	if err != nil {
		t.Fatal(err)
	}
	var got Result
	for _, r := range res {
		if r.Rule == "freistellung" {
			got = r
		}
	}
	want := struct {
		Outcome        Outcome
		Message, Error string
	}{
		OutcomeError,
		"Die Regel konnte nicht geprüft werden: der Parameter releaseHours hat am 01.01.2024 keinen Wert (der erste gilt ab 01.01.2025).",
		"fixture.yaml:19:16: der Parameter releaseHours hat am 01.01.2024 keinen Wert (der erste gilt ab 01.01.2025).",
	}
	if diff := cmp.Diff(want, struct {
		Outcome        Outcome
		Message, Error string
	}{got.Outcome, got.Message, got.Error}); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

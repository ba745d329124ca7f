package rules_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// waiverData is the fixture programme with two centres whose Leitung has
// the same pseudonymous id l2, both failing freistellung, and the waivers
// given.
func waiverData(t *testing.T, waivers string) *kiez.Dataset {
	t.Helper()
	centres := `centres:
  - id: c1
    name: Zentrum 1
    programme: musterstadt
    kind: family-centre
    provider: traeger-a
    staff:
      - {id: l2, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 1}
  - id: c2
    name: Zentrum 2
    programme: musterstadt
    kind: family-centre
    provider: traeger-a
    staff:
      - {id: l2, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 1}
`
	fsys := fstest.MapFS{"centres.yaml": {Data: []byte(centres)}, "waivers.yaml": {Data: []byte("waivers:\n" + waivers)}}
	prog, diags := kiez.LoadFiles("testdata/programme.yaml")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, diags := kiez.Load(fsys, "centres.yaml", "waivers.yaml")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds.Programmes = prog.Programmes
	return ds
}

func waiver(id, rule, subject, from, until string) string {
	s := fmt.Sprintf("  - {id: %s, programme: musterstadt, rule: %s, subject: %q, reason: Übergang, grantedBy: Jugendamt, granted: 2023-12-01, from: %s", id, rule, subject, from)
	if until != "" {
		s += ", until: " + until
	}
	return s + "}\n"
}

// freistellung returns the outcome (and waiver id) of freistellung per
// subject.
func freistellung(t *testing.T, ds *kiez.Dataset) map[string]string {
	t.Helper()
	_, results := evaluateFixture2024(t, ds)
	got := map[string]string{}
	for _, r := range results {
		if r.Rule != "freistellung" {
			continue
		}
		v := r.Outcome.String()
		if r.Waiver != nil {
			v += " " + r.Waiver.ID
		}
		got[r.Subject] = v
	}
	return got
}

// TestWaiverSubjects: a waiver's subject is the programme, a centre or
// centre/item, and matches exactly that. A bare item id, which repeats
// across centres, matches nothing (kiez validate reports it).
func TestWaiverSubjects(t *testing.T) {
	for _, tc := range []struct {
		name, waivers string
		want          map[string]string
	}{
		{"centre/item waives that item only", waiver("w", "freistellung", "c1/l2", "2024-01-01", "2024-12-31"),
			map[string]string{"c1/l2": "waived w", "c2/l2": "fail"}},
		{"a centre waives its items", waiver("w", "freistellung", "c2", "2024-01-01", ""),
			map[string]string{"c1/l2": "fail", "c2/l2": "waived w"}},
		{"the programme waives every subject", waiver("w", "freistellung", "musterstadt", "2023-01-01", ""),
			map[string]string{"c1/l2": "waived w", "c2/l2": "waived w"}},
		{"an empty subject waives every subject", waiver("w", "freistellung", "", "2023-01-01", ""),
			map[string]string{"c1/l2": "waived w", "c2/l2": "waived w"}},
		{"a bare item id waives nothing", waiver("w", "freistellung", "l2", "2024-01-01", ""),
			map[string]string{"c1/l2": "fail", "c2/l2": "fail"}},
		{"another rule's waiver waives nothing", waiver("w", "elterncafe", "c1", "2024-01-01", ""),
			map[string]string{"c1/l2": "fail", "c2/l2": "fail"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, freistellung(t, waiverData(t, tc.waivers))); diff != "" {
				t.Errorf("freistellung (-want +got):\n%s", diff)
			}
		})
	}
}

// TestWaiverNotCoveringThePeriod: a waiver valid for part of the period,
// or outside it, is not applied; the failure's message names it and why,
// and CheckWaivers warns.
func TestWaiverNotCoveringThePeriod(t *testing.T) {
	ds := waiverData(t, waiver("ab-maerz", "freistellung", "c1", "2024-03-01", "")+waiver("vorjahr", "freistellung", "c2/l2", "2023-01-01", "2023-12-31"))
	eng, results := evaluateFixture2024(t, ds)
	got := map[string]string{}
	for _, r := range results {
		if r.Rule == "freistellung" {
			got[r.Subject] = r.Outcome.String() + ": " + r.Message
		}
	}
	want := map[string]string{
		"c1/l2": "fail: Freistellung 1 h/Woche, gefordert 2 h/Woche (Ausnahme ab-maerz gilt nicht für den ganzen Zeitraum 01.01.2024–31.12.2024, gültig ab 01.03.2024; nicht angewandt)",
		"c2/l2": "fail: Freistellung 1 h/Woche, gefordert 2 h/Woche (Ausnahme vorjahr gilt nicht im Zeitraum 01.01.2024–31.12.2024, gültig 01.01.2023–31.12.2023; nicht angewandt)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	wantDiags := []string{
		`waivers.yaml:2:146: warning: waiver "ab-maerz" does not cover the whole of the period 01.01.2024–31.12.2024 (valid from 01.03.2024): it is not applied (at waivers[0].from)`,
		`waivers.yaml:3:148: warning: waiver "vorjahr" is not valid in the period 01.01.2024–31.12.2024 (valid 01.01.2023–31.12.2023): it is not applied (at waivers[1].from)`,
	}
	if diff := cmp.Diff(wantDiags, diagStrings(eng.CheckWaivers(ds, rules.Year(2024)))); diff != "" {
		t.Errorf("CheckWaivers (-want +got):\n%s", diff)
	}
}

// TestWaiverUnknownRuleOrProgramme: a waiver naming a rule the programme
// does not have, or a programme nobody knows, is an error with a
// suggestion, and Evaluate and Stream refuse the dataset.
func TestWaiverUnknownRuleOrProgramme(t *testing.T) {
	ds := waiverData(t, waiver("tippfehler", "freistelung", "c1", "2024-01-01", "")+
		"  - {id: falsches-programm, programme: musterstad, rule: freistellung, reason: Übergang, grantedBy: Jugendamt, granted: 2023-12-01, from: 2024-01-01}\n")
	eng, err := rules.NewEngine([]*rules.RuleSet{loadFixture(t)}, rules.WithoutValidation()) // the engine's own check, behind validation's
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`waivers.yaml:2:52: error: waiver "tippfehler": programme "musterstadt" has no rule "freistelung"; did you mean "freistellung"? (at waivers[0].rule)`,
		`waivers.yaml:3:40: error: waiver "falsches-programm": unknown programme "musterstad"; did you mean "musterstadt"? (at waivers[1].programme)`,
	}
	if diff := cmp.Diff(want, diagStrings(eng.CheckWaivers(ds, rules.Year(2024)))); diff != "" {
		t.Errorf("CheckWaivers (-want +got):\n%s", diff)
	}
	evResults, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	results := evResults.Results()
	if !errors.Is(err, rules.ErrWaivers) || len(results) != 0 {
		t.Fatalf("Evaluate = %d results, %v; want none and ErrWaivers", len(results), err)
	}
	var diags diag.Diagnostics
	if !errors.As(err, &diags) || len(diags) != 2 {
		t.Errorf("Evaluate's error does not wrap the two diagnostics: %v", err)
	}
	_, err = eng.Stream(context.Background(), ds, rules.Year(2024), func(rules.Result) error { return nil })
	if !errors.Is(err, rules.ErrWaivers) {
		t.Errorf("Stream = %v, want ErrWaivers", err)
	}
}

// TestCheckWaiverSubjects: after an evaluation, a waiver whose subject no
// result of its rule has is reported, with the subjects the rule judges.
func TestCheckWaiverSubjects(t *testing.T) {
	ds := waiverData(t, waiver("ok", "freistellung", "c1/l2", "2024-01-01", "")+
		waiver("falsch", "freistellung", "c1/l3", "2024-01-01", "")+
		waiver("form", "ein-traeger", "c1", "2024-01-01", ""))
	_, results := evaluateFixture2024(t, ds)
	want := []string{
		`waivers.yaml:3:71: warning: waiver "falsch" matches no result of rule "freistellung": no subject is "c1/l3"; did you mean "c1/l2"? (at waivers[1].subject)`,
		`waivers.yaml:4:68: warning: waiver "form" matches no result of rule "ein-traeger": no subject is "c1" (at waivers[2].subject)`,
	}
	if diff := cmp.Diff(want, diagStrings(rules.CheckWaiverSubjects(ds, results))); diff != "" {
		t.Errorf("CheckWaiverSubjects (-want +got):\n%s", diff)
	}
}

// evaluateFixture2024 evaluates the fixture programme on ds for 2024 and
// returns the engine with the results.
func evaluateFixture2024(t *testing.T, ds *kiez.Dataset) (*rules.Engine, []rules.Result) {
	t.Helper()
	eng, err := rules.NewEngine([]*rules.RuleSet{loadFixture(t)}, rules.WithoutValidation())
	if err != nil {
		t.Fatal(err)
	}
	evResults, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	return eng, results
}

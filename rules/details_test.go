package rules_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The tests of rules.WithDetailsForProblemsOnly: every verdict is the one
// the engine gives without the option, with every detail of the problems;
// passes and not-applicable results have neither message nor evidence.

// evidenceView is an Evidence with its value written out, so that cmp can
// compare values of any type (decimals and dates have unexported fields).
type evidenceView struct {
	Name, Text, Value string
}

var compareEvidence = cmp.Transformer("evidence", func(e rules.Evidence) evidenceView {
	return evidenceView{Name: e.Name, Text: e.Text, Value: fmt.Sprintf("%T %v", e.Value, e.Value)}
})

// evaluateBoth evaluates the dataset with the default engine and with one
// made WithDetailsForProblemsOnly, both with the given options.
func evaluateBoth(t *testing.T, progs []*rules.RuleSet, ds *kiez.Dataset, period rules.Period, opts ...rules.EngineOption) (full, brief []rules.Result) {
	t.Helper()
	for i, extra := range [][]rules.EngineOption{nil, {rules.WithDetailsForProblemsOnly()}} {
		eng, err := rules.NewEngine(progs, append(append([]rules.EngineOption(nil), opts...), extra...)...)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := eng.Evaluate(context.Background(), ds, period)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			full = ev.Results()
		} else {
			brief = ev.Results()
		}
	}
	return full, brief
}

// withoutPassDetails is what the option should make of results: passes
// and not-applicable results without message and evidence, the rest as
// they are.
func withoutPassDetails(results []rules.Result) []rules.Result {
	out := make([]rules.Result, len(results))
	for i, r := range results {
		if r.Outcome == rules.OutcomePass || r.Outcome == rules.OutcomeNotApplicable {
			r.Message, r.Evidence = "", nil
		}
		out[i] = r
	}
	return out
}

// checkDetails compares the results of both engines on the dataset and
// checks that the data gives every kind of result the option treats
// differently: passes, not-applicable results and problems with evidence.
func checkDetails(t *testing.T, ds *kiez.Dataset, period rules.Period) {
	t.Helper()
	full, brief := evaluateBoth(t, embeddedProgrammes(t), ds, period, rules.WithoutValidation())
	if diff := cmp.Diff(withoutPassDetails(full), brief, compareEvidence); diff != "" {
		t.Errorf("results with details for problems only (-want +got):\n%s", diff)
	}
	counts := map[rules.Outcome]int{}
	withEvidence := 0
	for _, r := range full {
		counts[r.Outcome]++
		if r.Outcome != rules.OutcomePass && r.Outcome != rules.OutcomeNotApplicable && len(r.Evidence) > 0 {
			withEvidence++
		}
	}
	if counts[rules.OutcomePass] == 0 || counts[rules.OutcomeNotApplicable] == 0 || counts[rules.OutcomeFail] == 0 || withEvidence == 0 {
		t.Errorf("the data should give passes, not-applicable results and failures with evidence: %v, %d problems with evidence", counts, withEvidence)
	}
	t.Logf("%d results: %v; %d problems with evidence", len(full), counts, withEvidence)
}

// TestDetailsForProblemsOnlyTestdata compares the verdicts of the shipped
// testdata for 2024 (the year of the CLI golden and testdata/README.md).
func TestDetailsForProblemsOnlyTestdata(t *testing.T) {
	checkDetails(t, scaleTemplates(t), rules.Year(2024))
}

// TestDetailsForProblemsOnlySynthetic compares the verdicts on a
// synthetic year (see scale_test.go), in which some centres fall short.
func TestDetailsForProblemsOnlySynthetic(t *testing.T) {
	data := synthetic(t, 120)
	checkDetails(t, data.Dataset, data.Period())
}

// detailsFixture is the fixture with rules whose details fail: on a pass,
// on a not-applicable result and on a failure.
func detailsFixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const zero = "dec(len(centre.staff) * 0)"
	const more = `
  - id: pass-meldung
    title: Erfüllt, die Meldung scheitert
    requirements: [MS-01]
    assert: len(centre.staff) > 0
    message: "{{ dec(1) / ` + zero + ` }}"
  - id: pass-beleg
    title: Erfüllt, ein Beleg scheitert
    requirements: [MS-01]
    assert: len(centre.staff) > 0
    message: "{{ len(centre.staff) }} Mitarbeitende"
    evidence:
      anteil: dec(1) / ` + zero + `
  - id: na-meldung
    title: Nicht anwendbar, die Meldung scheitert
    requirements: [MS-01]
    when: len(centre.staff) == 0
    notApplicable: "{{ dec(1) / ` + zero + ` }}"
    assert: "true"
    message: x
  - id: fail-beleg
    title: Nicht erfüllt, mit Belegen
    requirements: [MS-01]
    assert: len(centre.staff) == 0
    message: "{{ len(centre.staff) }} Mitarbeitende"
    evidence:
      mitarbeitende: len(centre.staff)
  - id: fail-befreit
    title: Nicht erfüllt, mit Ausnahme
    requirements: [MS-01]
    assert: len(centre.staff) == 0
    message: "{{ len(centre.staff) }} Mitarbeitende"
    evidence:
      mitarbeitende: len(centre.staff)
  - id: fehler-beide
    title: Assertion und Beleg scheitern
    requirements: [MS-01]
    assert: dec(2) / ` + zero + ` > dec(0)
    message: x
    evidence:
      anteil: dec(1) / ` + zero + `
  - id: fehler-assertion
    title: Die Assertion scheitert
    requirements: [MS-01]
    assert: dec(2) / ` + zero + ` > dec(0)
    message: x
    evidence:
      mitarbeitende: len(centre.staff)
`
	src := strings.Replace(string(b), "manual:", strings.TrimPrefix(more, "\n")+"manual:", 1)
	if src == string(b) {
		t.Fatal("the fixture has no manual:")
	}
	return []byte(src)
}

// TestDetailsForProblemsOnlyDifference shows the one difference the option
// makes: details that would fail on a pass or a not-applicable result are
// not computed, so the result stays a pass or not applicable instead of
// an error. Failures, waived failures and errors are the same, with the
// error of the evidence before that of the assertion as without the
// option.
func TestDetailsForProblemsOnlyDifference(t *testing.T) {
	p, diags := rules.Load("fixture.yaml", detailsFixture(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds := fixtureData(t)
	ds.Waivers = append(ds.Waivers, kiez.Waiver{ID: "w-test", Programme: p.ID, Rule: "fail-befreit", Subject: "c2",
		Reason: "Test", GrantedBy: "Jugendamt", Granted: date.New(2023, 12, 1), From: date.New(2024, 1, 1)})
	full, brief := evaluateBoth(t, []*rules.RuleSet{p}, ds, rules.Year(2024))
	if len(full) != len(brief) {
		t.Fatalf("%d results without the option, %d with it", len(full), len(brief))
	}
	outcome := func(rs []rules.Result) map[string]rules.Outcome {
		m := map[string]rules.Outcome{}
		for _, r := range rs {
			m[r.Subject+" "+r.Rule] = r.Outcome
		}
		return m
	}
	wantFull := map[string]rules.Outcome{
		"c2 pass-meldung": rules.OutcomeError, "c2 pass-beleg": rules.OutcomeError, "c2 na-meldung": rules.OutcomeError,
		"c2 fail-beleg": rules.OutcomeFail, "c2 fail-befreit": rules.OutcomeWaived, "c2 fehler-beide": rules.OutcomeError, "c2 fehler-assertion": rules.OutcomeError,
	}
	wantBrief := map[string]rules.Outcome{
		"c2 pass-meldung": rules.OutcomePass, "c2 pass-beleg": rules.OutcomePass, "c2 na-meldung": rules.OutcomeNotApplicable,
		"c2 fail-beleg": rules.OutcomeFail, "c2 fail-befreit": rules.OutcomeWaived, "c2 fehler-beide": rules.OutcomeError, "c2 fehler-assertion": rules.OutcomeError,
	}
	for name, want := range map[string]struct {
		got  map[string]rules.Outcome
		want map[string]rules.Outcome
	}{"without the option": {outcome(full), wantFull}, "with the option": {outcome(brief), wantBrief}} {
		for k, o := range want.want {
			if want.got[k] != o {
				t.Errorf("%s: %s is %s, want %s", name, k, want.got[k], o)
			}
		}
	}
	for i := range full {
		switch full[i].Rule {
		case "pass-meldung", "pass-beleg", "na-meldung":
			if brief[i].Message != "" || brief[i].Evidence != nil || brief[i].Error != "" || brief[i].Problem != nil {
				t.Errorf("%s with the option has details: %+v", full[i].Rule, brief[i])
			}
			continue
		}
		want := withoutPassDetails(full[i : i+1])[0]
		if diff := cmp.Diff(want, brief[i], compareEvidence); diff != "" {
			t.Errorf("%s %s (-without the option +with it):\n%s", full[i].Subject, full[i].Rule, diff)
		}
	}
}

// TestDetailsForProblemsOnlyEvidenceFirst pins the order of errors that
// TestDetailsForProblemsOnlyDifference compares: when the assertion and
// an evidence expression both fail, the verdict names the evidence, with
// the option and without.
func TestDetailsForProblemsOnlyEvidenceFirst(t *testing.T) {
	p, diags := rules.Load("fixture.yaml", detailsFixture(t))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	rule := p.Rule("fehler-beide")
	full, brief := evaluateBoth(t, []*rules.RuleSet{p}, fixtureData(t), rules.Year(2024))
	for name, rs := range map[string][]rules.Result{"without the option": full, "with the option": brief} {
		for _, r := range rs {
			if r.Rule != rule.ID {
				continue
			}
			if r.Problem == nil || r.Problem.Subject == nil {
				t.Fatalf("%s: %s has no problem: %+v", name, r.Rule, r)
			}
			// The evidence is written three lines after the assertion.
			if got, want := r.Problem.Subject.Start.Line, rule.Pos.Start.Line+6; got != want {
				t.Errorf("%s: the error is on line %d, not on the evidence's line %d: %s", name, got, want, r.Error)
			}
		}
	}
}

// TestDetailsForProblemsOnlyValidity checks the results of rules whose
// validity cuts the period: a pass has no note of the days judged, a
// failure keeps it, and a period wholly outside gives not-applicable
// results without message.
func TestDetailsForProblemsOnlyValidity(t *testing.T) {
	src := validityFixture(t, fixtureHeader, fixtureHeader+"validFrom: 2024-07-01\n")
	p, diags := rules.Load("fixture.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	full, brief := evaluateBoth(t, []*rules.RuleSet{p}, fixtureData(t), rules.Year(2024))
	if diff := cmp.Diff(withoutPassDetails(full), brief, compareEvidence); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	passes := 0
	for _, r := range full {
		if r.Outcome == rules.OutcomePass && strings.HasPrefix(r.Message, "Geprüft 01.07.2024") {
			passes++
		}
	}
	if passes == 0 {
		t.Errorf("no pass with the note of the days judged:\n%v", full)
	}
	outside := validityFixture(t, fixtureHeader, fixtureHeader+"validFrom: 2025-01-01\n")
	if p, diags = rules.Load("fixture.yaml", []byte(outside)); diags.HasErrors() {
		t.Fatal(diags)
	}
	full, brief = evaluateBoth(t, []*rules.RuleSet{p}, fixtureData(t), rules.Year(2024))
	if diff := cmp.Diff(withoutPassDetails(full), brief, compareEvidence); diff != "" {
		t.Errorf("results outside the validity (-want +got):\n%s", diff)
	}
	for _, r := range brief {
		if r.Outcome != rules.OutcomeNotApplicable || r.Message != "" {
			t.Errorf("outside the validity: %s, want not-applicable without message", r)
		}
	}
}

// TestDetailsForProblemsOnlyStream checks that Stream and Evaluate agree
// with the option, and that Explain on such an engine gives every detail.
func TestDetailsForProblemsOnlyStream(t *testing.T) {
	progs := []*rules.RuleSet{loadFixture(t)}
	ds := fixtureData(t)
	full, brief := evaluateBoth(t, progs, ds, rules.Year(2024))
	eng, err := rules.NewEngine(progs, rules.WithDetailsForProblemsOnly())
	if err != nil {
		t.Fatal(err)
	}
	var streamed []rules.Result
	if _, err := eng.Stream(context.Background(), ds, rules.Year(2024), func(r rules.Result) error {
		streamed = append(streamed, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(brief, streamed, compareEvidence); diff != "" {
		t.Errorf("Stream differs from Evaluate (-Evaluate +Stream):\n%s", diff)
	}
	explained := 0
	for _, r := range full {
		if r.Outcome != rules.OutcomePass {
			continue
		}
		x, err := eng.Explain(context.Background(), ds, rules.Year(2024), r.Rule, r.Subject)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(r, x.Result, compareEvidence); diff != "" {
			t.Errorf("Explain %s %s with the option (-without +with):\n%s", r.Rule, r.Subject, diff)
		}
		explained++
	}
	if explained == 0 {
		t.Error("the fixture gives no pass to explain")
	}
}

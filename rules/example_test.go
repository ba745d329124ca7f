package rules_test

import (
	"context"
	"fmt"
	"os"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Load a rule file and evaluate it on a centre for a year: the head of the
// centre has 1.5 hours of release time where the programme asks for 2.
func ExampleEngine_Evaluate() {
	// A rule file with one rule and a param with its history.
	src := []byte(`programme: musterstadt
name: Familienzentren Musterstadt
requirements:
  - {id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}
params:
  releaseHours:
    type: decimal
    unit: h/Woche
    history: [{from: 2023-01-01, value: 2}]
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    when: item.role == "leitung-familienzentrum"
    assert: item.releaseHoursPerWeek >= params.releaseHours
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche, gefordert {{ params.releaseHours }} h/Woche"
`)
	prog, diags := rules.Load("musterstadt.yaml", src)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	// The data, here decoded from YAML; kiez.LoadFiles reads files.
	// Evaluate validates it before any rule runs.
	ds, diags := kiez.Decode("zentrum.yaml", []byte(`programmes:
  - {id: musterstadt, name: Familienzentren Musterstadt, authority: Jugendamt Musterstadt, land: DE-HE}
centres:
  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: im Beispiel ohne Träger
    staff:
      - {id: leitung-1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 1.5}
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ev.Results() {
		fmt.Printf("%s %s: %s (%s) – %s\n", r.Subject, r.Rule, r.Outcome, r.Outcome.Label(), r.Message)
	}
	// Output:
	// fz-nord/leitung-1 freistellung: fail (nicht erfüllt) – Freistellung 1,5 h/Woche, gefordert 2 h/Woche
}

// A misspelt field is a load error that points at the line and column in
// the rule file, with the closest known field.
func ExampleLoad_error() {
	src := []byte(`programme: musterstadt
name: Familienzentren Musterstadt
requirements:
  - {id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    assert: item.releaseHoursPerWek >= 2
    message: Freistellung zu gering
`)
	_, diags := rules.Load("musterstadt.yaml", src)
	source := func(string) ([]byte, bool) { return src, true }
	if err := diag.WriteText(os.Stdout, diags, source); err != nil {
		fmt.Println(err)
	}
	// Output:
	// musterstadt.yaml:10:18: error: assert: type Stelle has no field releaseHoursPerWek; did you mean "releaseHoursPerWeek"?
	//   10 |     assert: item.releaseHoursPerWek >= 2
	//      |                  ^
}

// Check every embedded programme on the shipped testdata and count the
// outcomes as the results come, without keeping them: the way to check a
// whole Land.
func ExampleEngine_Stream() {
	progs, diags := rules.LoadEmbeddedAll()
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	ds, diags := kiez.LoadFiles("../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	eng, err := rules.NewEngine(progs)
	if err != nil {
		fmt.Println(err)
		return
	}
	count := map[rules.Outcome]int{}
	_, err = eng.Stream(context.Background(), ds, rules.Year(2024), func(r rules.Result) error {
		count[r.Outcome]++
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeNotApplicable, rules.OutcomeWaived, rules.OutcomeMissingData, rules.OutcomeError} {
		fmt.Printf("%s: %d\n", o.Label(), count[o])
	}
	// Output:
	// erfüllt: 1370
	// nicht erfüllt: 8
	// nicht anwendbar: 189
	// Ausnahme genehmigt: 0
	// keine Angaben: 2
	// Prüffehler: 0
}

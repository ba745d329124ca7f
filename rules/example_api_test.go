package rules_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The three ways to name a period: a year, two dates, or the text forms
// of the command line.
func ExampleParsePeriod() {
	fmt.Println(rules.Year(2024))
	fmt.Println(rules.Between(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 20, 0, 0, 0, 0, time.UTC)))
	for _, s := range []string{"2024-H1", "2024-Q3", "2024-03", "2024-01-01..2024-06-30", "2024-H3"} {
		p, err := rules.ParsePeriod(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(p, p.German())
	}
	// Output:
	// 2024-01-01..2024-12-31
	// 2024-03-15..2024-10-20
	// 2024-01-01..2024-06-30 01.01.2024–30.06.2024
	// 2024-07-01..2024-09-30 01.07.2024–30.09.2024
	// 2024-03-01..2024-03-31 01.03.2024–31.03.2024
	// 2024-01-01..2024-06-30 01.01.2024–30.06.2024
	// period "2024-H3": write a year (2024), a half-year (2024-H1), a quarter (2024-Q3), a month (2024-03) or from..until (2024-01-01..2024-06-30)
}

// Evaluate validates the data before any rule runs and refuses an
// invalid dataset; errors.As gives the diagnostics. An engine made
// WithoutValidation takes the data as it is, for callers that validated
// it themselves.
func ExampleWithoutValidation() {
	sets, diags := rules.LoadEmbeddedAll(rules.WithCompileWorkers(1))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	ds, diags := kiez.Decode("daten.yaml", []byte(`centres:
  - {id: fz-ohne-name, programme: bad-kreuznach-familienzentren, kind: family-centre, providerNote: ohne Träger}
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	eng, err := rules.NewEngine(sets, rules.WithWorkers(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = eng.Evaluate(context.Background(), ds, rules.Year(2024))
	var problems diag.Diagnostics
	fmt.Println(errors.Is(err, rules.ErrInvalidData), errors.As(err, &problems), problems.HasErrors())

	lax, err := rules.NewEngine(sets, rules.WithoutValidation())
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := lax.Evaluate(context.Background(), ds, rules.Year(2024))
	fmt.Println(err, len(ev.Results()) > 0)
	// Output:
	// true true true
	// <nil> true
}

// A stored evaluation is rebuilt from its parts, to show its verdicts and
// reports again without running the rules; Counts tallies the outcomes.
func ExampleRestore() {
	ds := &kiez.Dataset{Centres: []kiez.Centre{{ID: "fz-nord", Programme: "musterstadt"}}}
	stored := []rules.Result{
		{Programme: "musterstadt", Rule: "freistellung", Centre: "fz-nord", Subject: "fz-nord/l1", ItemKind: rules.ItemPosition, Item: "l1", Outcome: rules.OutcomeFail},
		{Programme: "musterstadt", Rule: "elterncafe", Centre: "fz-nord", Subject: "fz-nord", Outcome: rules.OutcomePass},
	}
	ev, err := rules.Restore(ds, nil, rules.Year(2024), stored)
	if err != nil {
		fmt.Println(err)
		return
	}
	counts := ev.Counts()
	fmt.Println(ev.Period(), len(ev.Results()), counts[rules.OutcomeFail], counts[rules.OutcomePass])
	for _, r := range ev.Results() {
		if r.ItemKind == rules.ItemPosition {
			fmt.Println(r.Centre, r.Item, r.Outcome)
		}
	}
	// Output:
	// 2024-01-01..2024-12-31 2 1 1
	// fz-nord l1 fail
}

// budgetRules has a rule of 27 million steps, within the load's cost
// ceiling, and the release-time rule.
const budgetRules = `programme: musterstadt
name: Familienzentren Musterstadt
requirements: [{id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}]
rules:
  - id: schleife
    title: Drei Schleifen
    requirements: [MS-01]
    assert: "let a = 1..300; all(a, {all(a, {all(a, {# > 0})})})"
    message: geprüft
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    assert: item.releaseHoursPerWeek >= 2
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche"
`

const budgetData = `programmes:
  - {id: musterstadt, name: Familienzentren Musterstadt, authority: Jugendamt Musterstadt, land: DE-HE}
centres:
  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: ohne Träger
    staff: [{id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}]
`

// A rule that runs past its step budget is an error result — with the
// place of the expression as a diagnostic — and the other rules are judged
// as usual. WithDetailsForProblemsOnly leaves the message of a pass empty.
func ExampleWithStepBudget() {
	set, diags := rules.Load("musterstadt.yaml", []byte(budgetRules))
	ds, dataDiags := kiez.Decode("daten.yaml", []byte(budgetData))
	if err := errors.Join(diags.Err(), dataDiags.Err()); err != nil {
		fmt.Println(err)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set}, rules.WithStepBudget(100_000), rules.WithDetailsForProblemsOnly())
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
		fmt.Printf("%s %s: %s %q\n", r.Subject, r.Rule, r.Outcome, r.Message)
		if r.Problem != nil {
			fmt.Println("  at", r.Problem.Subject)
		}
	}
	// Output:
	// fz-nord schleife: error "Die Regel konnte nicht geprüft werden: musterstadt.yaml:8:13: die Regel überschreitet ihr Schrittbudget von 100.000 Schritten, gezählt als Schleifendurchläufe und Zeichen zusammengesetzter Texte; vereinfachen Sie die Regel, etwa ohne ineinander geschachtelte Schleifen"
	//   at musterstadt.yaml:8:13
	// fz-nord/l1 freistellung: pass ""
}

// An expression larger than the bound is a load error at its place.
func ExampleWithMaxNodes() {
	_, diags := rules.Load("musterstadt.yaml", []byte(budgetRules), rules.WithMaxNodes(10))
	for _, d := range diags {
		fmt.Println(d.Subject, d.Severity)
	}
	// Output:
	// musterstadt.yaml:8:61 error
}

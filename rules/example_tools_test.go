package rules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The functions an expression may call, with their signatures, as an
// editor or a generated reference shows them.
func ExampleFunctions() {
	for _, f := range rules.Functions() {
		if f.Name == "staffOf" || f.Name == "spansBelow" {
			fmt.Println(f.Group, "|", f.Signatures)
		}
	}
	b := rules.Builtins()
	fmt.Println(slices.Contains(b, "filter"), slices.Contains(b, "now")) // nothing reads the clock
	// Output:
	// intervals | [spansBelow(Stelle, Text, Dezimalzahl, Zeitraum) → Liste von Zeitspannen spansBelow(Stelle, Text, Ganzzahl, Zeitraum) → Liste von Zeitspannen spansBelow(Stelle, Text, Zahl, Zeitraum) → Liste von Zeitspannen]
	// records | [staffOf(Zentrum, Text, Zeitraum) → Liste von Stellen]
	// true false
}

// The JSON Schemas of rule files and rule test files, for editors.
func ExampleSchema() {
	for _, schema := range [][]byte{rules.Schema(), rules.TestFileSchema()} {
		var s struct {
			Required []string `json:"required"`
		}
		if err := json.Unmarshal(schema, &s); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s.Required)
	}
	// Output:
	// [name programme]
	// [programme]
}

// A test file is checked without running it: here its period is no
// period.
func ExampleCheckTestFile() {
	diags := rules.CheckTestFile("musterstadt_test.yaml", []byte(`programme: musterstadt.yaml
period: 2024-H3
cases:
  - name: Leitung mit 2 Stunden
    files: [fz-nord.yaml]
    expect:
      - {rule: freistellung, subject: fz-nord/leitung-1, outcome: pass}
`))
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// musterstadt_test.yaml:2:9: error: period "2024-H3": write a year (2024), a half-year (2024-H1), a quarter (2024-Q3), a month (2024-03) or from..until (2024-01-01..2024-06-30)
}

// A rule that no case of the test file names is a warning at the rule:
// breaking it would pass every test.
func ExampleLintTests() {
	set, diags := rules.Load("musterstadt.yaml", []byte(budgetRules))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	tests := []byte(`programme: musterstadt.yaml
period: 2024
cases:
  - name: Leitung mit 2 Stunden
    files: [fz-nord.yaml]
    expect:
      - {rule: freistellung, subject: fz-nord/l1, outcome: pass}
`)
	for _, d := range rules.LintTests(set, "musterstadt_test.yaml", tests) {
		fmt.Println(d.Subject, d.Severity, "|", d.Summary)
	}
	// Output:
	// musterstadt.yaml:5:5 warning | rule schleife is reached by no case of musterstadt_test.yaml
}

// After an evaluation, a waiver whose subject matches no result of its
// rule is a warning: here it names a position the centre does not have.
func ExampleCheckWaiverSubjects() {
	set, diags := rules.Load("musterstadt.yaml", []byte(budgetRules))
	ds, dataDiags := kiez.Decode("daten.yaml", []byte(budgetData+`waivers:
  - id: ausnahme-nord
    programme: musterstadt
    rule: freistellung
    subject: fz-nord/l2
    reason: Übergangsregelung bis zur Neubesetzung
    grantedBy: Jugendamt Musterstadt
    granted: 2023-12-01
    from: 2024-01-01
`))
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set}, rules.WithStepBudget(100_000))
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range rules.CheckWaiverSubjects(ds, ev.Results()) {
		fmt.Println(d)
	}
	// Output:
	// daten.yaml:14:14: warning: waiver "ausnahme-nord" matches no result of rule "freistellung": no subject is "fz-nord/l2"; did you mean "fz-nord/l1"? (at waivers[0].subject)
}

// SubjectOf tells whether a subject belongs to a centre, without taking
// the subject apart.
func ExampleSubjectOf() {
	for _, s := range []string{"fz-kirn", "fz-kirn/lfz-1", "fz-kirn-2/lfz-1"} {
		fmt.Println(s, rules.SubjectOf(s, "fz-kirn"))
	}
	// Output:
	// fz-kirn true
	// fz-kirn/lfz-1 true
	// fz-kirn-2/lfz-1 false
}

// A period is a range of days, both ends included; NewPeriod takes a
// half-open date range such as timespan.NewYearOf gives.
func ExamplePeriod_Contains() {
	p := rules.NewPeriod(timespan.NewYearOf(2024))
	fmt.Println(p, p.From, p.Until)
	fmt.Println(p.Contains(date.New(2024, 12, 31)), p.Contains(date.New(2025, 1, 1)))
	fmt.Println(p.Range().End()) // the day after the last
	// Output:
	// 2024-01-01..2024-12-31 2024-01-01 2024-12-31
	// true false
	// 2025-01-01
}

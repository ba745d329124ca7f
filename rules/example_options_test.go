package rules_test

import (
	"context"
	"fmt"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Load the three embedded programmes at once; WithCompileWorkers bounds
// the goroutines that compile them (here one, as on a busy server).
func ExampleWithCompileWorkers() {
	sets, diags := rules.LoadEmbeddedAll(rules.WithCompileWorkers(1))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	for _, s := range sets {
		fmt.Printf("%s: %s, %d Regeln, %d Anforderungen\n", s.ID, s.Name, len(s.Rules), len(s.Requirements))
	}
	// Output:
	// bad-kreuznach-familienzentren: Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach, 47 Regeln, 25 Anforderungen
	// thueringen-thekiz: Thüringer Eltern-Kind-Zentren (ThEKiZ), 36 Regeln, 26 Anforderungen
	// wiesbaden-kiez: KiEZ – KinderElternZentren Wiesbaden, 36 Regeln, 29 Anforderungen
}

// A rule file is untrusted input: the cost a rule may reach is bounded
// when it loads. The rule of three nested loops over 300 numbers has an
// estimated cost of about 108 million steps, above a ceiling of one
// million.
func ExampleWithCostCeiling() {
	_, diags := rules.Load("musterstadt.yaml", []byte(budgetRules), rules.WithCostCeiling(1_000_000))
	for _, d := range diags {
		fmt.Println(d.Subject, d.Severity, "|", d.Summary)
	}
	// Output:
	// musterstadt.yaml:5:5 error | rule schleife: estimated cost 108,271,206 steps exceeds the ceiling of 1,000,000
}

// The results keep the order of the data whatever the number of workers,
// so that reports and goldens do not change with the machine.
func ExampleWithWorkers() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	var runs [][]rules.Result
	for _, n := range []int{1, 4} {
		eng, err := rules.NewEngine(sets, rules.WithWorkers(n))
		if err != nil {
			fmt.Println(err)
			return
		}
		ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
		if err != nil {
			fmt.Println(err)
			return
		}
		runs = append(runs, ev.Results())
	}
	same := len(runs[0]) == len(runs[1])
	for i := range runs[0] {
		same = same && runs[0][i].Rule == runs[1][i].Rule && runs[0][i].Subject == runs[1][i].Subject &&
			runs[0][i].Outcome == runs[1][i].Outcome
	}
	fmt.Println(len(runs[0]), same)
	// Output:
	// 726 true
}

// A rule that builds a large list runs out of its memory budget: its
// result is an error, and the other rules are judged as usual.
func ExampleWithMemoryBudget() {
	set, diags := rules.Load("musterstadt.yaml", []byte(`programme: musterstadt
name: Familienzentren Musterstadt
requirements: [{id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}]
rules:
  - id: liste
    title: Eine lange Liste
    requirements: [MS-01]
    assert: "len(map(1..50000, # * 2)) > 0"
    message: geprüft
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    assert: item.releaseHoursPerWeek >= 2
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche"
`))
	ds, dataDiags := kiez.Decode("daten.yaml", []byte(budgetData))
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set}, rules.WithMemoryBudget(10_000))
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
		fmt.Println(r.Subject, r.Rule, r.Outcome)
		if r.Problem != nil {
			fmt.Println("  ", r.Problem.Summary)
		}
	}
	// Output:
	// fz-nord liste error
	//    memory budget exceeded
	// fz-nord/l1 freistellung pass
}

// Where only the problems are read, an engine made
// WithDetailsForProblemsOnly skips the message and evidence of passes;
// failures keep theirs. The evaluation says which kind it is.
func ExampleWithDetailsForProblemsOnly() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set}, rules.WithDetailsForProblemsOnly())
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Details der erfüllten Regeln:", ev.PassDetails())
	for _, r := range ev.Results() {
		if r.Rule != "leitungsfreistellung" {
			continue
		}
		fmt.Printf("%s %s %q %d\n", r.Subject, r.Outcome, r.Message, len(r.Evidence))
	}
	// Output:
	// Details der erfüllten Regeln: false
	// fz-bad-sobernheim/lfz-1 pass "" 0
	// fz-fuerfeld/lfz-1 pass "" 0
	// fz-hargesheim/lfz-1 pass "" 0
	// fz-hueffelsheim/lfz-1 pass "" 0
	// fz-kirn/lfz-1 pass "" 0
	// fz-langenlonsheim/lfz-1 pass "" 0
	// fz-meisenheim/lfz-1 fail "Zusätzliche Leitungsfreistellung mindestens 1,5 Std./Woche, vorgesehen 2 Std./Woche; darunter: 01.01.2024–31.12.2024" 3
	// fz-stromberg/lfz-1 pass "" 0
}

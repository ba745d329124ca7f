package rules_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// A rule set is the compiled rule file of one programme: its catalogue
// of requirements, its params with their history, its rules, and the
// requirements checked by hand.
func ExampleLoadEmbedded() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	fmt.Println(set.Name, set.Land, set.ValidFrom)
	r := set.Rule("leitungsfreistellung")
	fmt.Println(r.ID, r.Requirements, r.Source, r.Params())
	p := set.Param("leitungsfreistellung")
	v, ok := p.At(date.New(2024, 1, 1))
	fmt.Println(p.Unit, v.Value, v.From, ok)
	_, ok = p.At(date.New(2022, 12, 31))
	fmt.Println("2022:", ok)
	cov := set.Coverage()
	fmt.Println(len(cov.Checked), "Anforderungen mit Regeln,", len(cov.Manual), "von Hand, vollständig:", cov.Complete())
	fmt.Println(rules.Embedded())
	// Output:
	// Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach DE-RP 2023-01-01
	// leitungsfreistellung [BK-04 X-03] 003 § 2.4 [leitungsfreistellung]
	// h/Woche 2 2023-01-01 true
	// 2022: false
	// 23 Anforderungen mit Regeln, 2 von Hand, vollständig: true
	// [bad-kreuznach-familienzentren thueringen-thekiz wiesbaden-kiez]
}

// An evaluation holds what belongs together: the dataset, the rule sets,
// the period and the results, with the warnings found before the rules
// ran.
func ExampleEvaluation() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/thueringen")
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	eng, err := rules.NewEngine(sets)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Period(), len(ev.Dataset().Centres), "Zentren,", len(ev.RuleSets()), "Regelwerke,", len(ev.Diagnostics()), "Warnungen")
	fmt.Println(ev.RuleSet("thueringen-thekiz").Name)
	counts := ev.Counts()
	fmt.Println(counts[rules.OutcomePass], "erfüllt,", counts[rules.OutcomeFail], "nicht erfüllt,", counts[rules.OutcomeMissingData], "ohne Angaben")
	for _, r := range ev.Results() {
		if r.Outcome == rules.OutcomeFail || r.Outcome == rules.OutcomeMissingData {
			about := r.Centre
			if r.Item != "" {
				about += " (" + string(r.ItemKind) + " " + r.Item + ")"
			}
			fmt.Printf("%s: %s %s\n", about, r.Rule, r.Outcome.Label())
		}
	}
	// Output:
	// 2024-01-01..2024-12-31 3 Zentren, 3 Regelwerke, 0 Warnungen
	// Thüringer Eltern-Kind-Zentren (ThEKiZ)
	// 137 erfüllt, 3 nicht erfüllt, 0 ohne Angaben
	// thekiz-regenbogen: steuerungsteam-sitzungen nicht erfüllt
	// thekiz-sonnenblume (month 2024-07): prozessbegleitung-erste-zwei-jahre nicht erfüllt
	// thekiz-sonnenblume (month 2024-08): prozessbegleitung-erste-zwei-jahre nicht erfüllt
}

// "Why this verdict?": Explain evaluates one rule for one subject and
// gives the values of the assertion's parts.
func ExampleEngine_Explain() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() || dataDiags.HasErrors() {
		fmt.Println(diags, dataDiags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err != nil {
		fmt.Println(err)
		return
	}
	ex, err := eng.Explain(context.Background(), ds, rules.Year(2024), "leitungsfreistellung", "fz-meisenheim/lfz-1")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ex.Result.Outcome, "–", ex.Assert)
	for _, p := range ex.Parts {
		fmt.Printf("  %s = %s\n", p.Name, p.Text)
	}
	for _, s := range ex.Tree {
		fmt.Printf("  %s %s: %s\n", s.Kind, s.Expr, s.Text)
	}
	// Output:
	// fail – len(darunter) == 0
	//   len(darunter) = 1
	//   0 = 0
	//   let darunter: 01.01.2024–31.12.2024
	//   compare len(darunter) == 0: nein
}

// A copy of a rule set with a param changed from a date on, as a
// designer tries a reform before it is decided; the text form is that of
// kiez diff --param.
func ExampleRuleSet_WithParams() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	o, err := rules.ParseParamOverride("leitungsfreistellung=3@2025-01-01")
	if err != nil {
		fmt.Println(err)
		return
	}
	raised, err := set.WithParams(o)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range raised.Param("leitungsfreistellung").History {
		fmt.Println(v.From, v.Value)
	}
	fmt.Println(len(set.Param("leitungsfreistellung").History)) // the original is unchanged

	_, err = set.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "drei"})
	fmt.Println(err)
	// Output:
	// 2023-01-01 2
	// 2025-01-01 3
	// 1
	// leitungsfreistellung=drei@2025-01-01: param "leitungsfreistellung" (type decimal): "drei" is not a number
}

// Outcomes have an id for files and JSON, and a German label for people.
func ExampleParseOutcome() {
	for _, s := range []string{"pass", "missing-data", "ok"} {
		o, err := rules.ParseOutcome(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(o, o.Label())
	}
	// Output:
	// pass erfüllt
	// missing-data keine Angaben
	// unknown outcome "ok" (use pass, fail, not-applicable, waived, missing-data or error)
}

// A waiver that names a rule the programme does not have is found before
// any rule runs, at its place in the data; Evaluate refuses such a
// dataset.
func ExampleEngine_CheckWaivers() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	ds, diags := kiez.Decode("ausnahmen.yaml", []byte(`waivers:
  - id: ausnahme-meisenheim-2024
    programme: bad-kreuznach-familienzentren
    rule: leitungsfreistelung
    subject: fz-meisenheim/lfz-1
    reason: Stelle im Jahr 2024 nur übergangsweise besetzt
    grantedBy: Kreisjugendamt Bad Kreuznach
    granted: 2024-01-15
    from: 2024-01-01
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range eng.CheckWaivers(ds, rules.Year(2024)) {
		fmt.Println(d)
	}
	// Output:
	// ausnahmen.yaml:4:11: error: waiver "ausnahme-meisenheim-2024": programme "bad-kreuznach-familienzentren" has no rule "leitungsfreistelung"; did you mean "leitungsfreistellung"? (at waivers[0].rule)
}

// Run a rule test file from Go: each case evaluates its data and compares
// the outcomes with the expected ones. (Package rulestest runs the cases
// as subtests of go test.)
func ExampleRunTestFile() {
	rep, err := rules.RunTestFile(context.Background(), "testdata/fixture_test.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Programme, rep.OK())
	for _, r := range rep.Results {
		fmt.Println(r.Case, r.Passed)
	}
	fmt.Println("nicht getestet:", rep.Untested)
	// Output:
	// musterstadt true
	// Leitung mit 2 Stunden, monatliches Elterncafé true
	// Zu wenig Freistellung und seltenes Elterncafé true
	// 1,5 Stunden genügten bis 2022 (Param mit Geschichte) true
	// Ausnahmegenehmigung true
	// Keine Angaben und Prüffehler true
	// Zentrum ohne Träger true
	// nicht getestet: map[]
}

// The tests of the shipped programmes read the shipped testdata beside
// their directory; RunTestFileIn allows fixtures within a root above the
// test file, and refuses any outside it.
func ExampleRunTestFileIn() {
	rep, err := rules.RunTestFileIn(context.Background(), "..", "programmes/bad-kreuznach-familienzentren_test.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Programme, rep.OK(), len(rep.Results) > 10)
	fmt.Println("leitungsfreistellung:", rep.Expected["leitungsfreistellung"])
	// Output:
	// bad-kreuznach-familienzentren true true
	// leitungsfreistellung: [pass fail not-applicable]
}

// Lint is Load with the checks of kiez lint on top: here a role that is
// not a term of the glossary, and a param no rule uses. Both are
// warnings, so the rule set loads.
func ExampleLint() {
	set, diags := rules.Lint("musterstadt.yaml", []byte(`programme: musterstadt
name: Familienzentren Musterstadt
requirements: [{id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}]
params:
  releaseHours: {type: decimal, history: [{from: 2023-01-01, value: 2}]}
  unused: {type: int, history: [{from: 2023-01-01, value: 1}]}
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    when: item.role == "leitung-famillienzentrum"
    assert: item.releaseHoursPerWeek >= params.releaseHours
    message: Freistellung zu gering
`))
	fmt.Println(set != nil, diags.HasErrors())
	for _, d := range diags {
		fmt.Println(d.Subject, d.Severity, "|", d.Summary)
	}
	// Output:
	// true false
	// musterstadt.yaml:6:11 warning | param "unused" is declared but no rule uses it
	// musterstadt.yaml:12:24 warning | "leitung-famillienzentrum" is not a term of the vocabulary role (item.role); did you mean "leitung-familienzentrum"?
}

// Inspect keeps what an editor needs of a rule file, also when it has
// errors: the declarations with their places, and the fields an
// expression may name next.
func ExampleInspect() {
	src := `programme: musterstadt
name: Familienzentren Musterstadt
requirements: [{id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}]
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    each: centre.staff
    assert: item.releaseHoursPerWeek >= 2
    message: Freistellung zu gering
`
	in := rules.Inspect("musterstadt.yaml", []byte(src))
	fmt.Println(in.Parsed, len(in.Diagnostics), len(in.Rules), in.RuleAt(9))
	members, ok := in.Members(in.RuleAt(9), "item", false)
	var names []string
	for _, m := range members {
		if strings.HasPrefix(m.Name, "h") || m.Name == "role" {
			names = append(names, m.Name+": "+m.Type)
		}
	}
	fmt.Println(ok, names)
	// Output:
	// true 0 1 0
	// true [role: Text hoursPerWeek: Dezimalzahl history: Liste von Stellenänderungen]
}

// A rule valid from July judges only the second half of 2024, and
// nothing of 2023.
func ExampleRule_Judged() {
	from := date.New(2024, time.July, 1)
	r := &rules.Rule{ID: "neu-ab-juli", ValidFrom: &from}
	judged, ok := r.Judged(rules.Year(2024))
	fmt.Println(judged.From, judged.Until, ok)
	_, ok = r.Judged(rules.Year(2023))
	fmt.Println(ok)
	// Output:
	// 2024-07-01 2024-12-31 true
	// false
}

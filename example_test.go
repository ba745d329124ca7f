package kiez_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The flow of the library: load the rule files (here the embedded
// programmes) and the data, evaluate a period, and read the verdicts,
// here the problems of the ten Wiesbaden KiEZ in 2024. Package report
// turns the same evaluation into reports.
func Example() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("testdata/wiesbaden")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		log.Fatal(err)
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		log.Fatal(err) // an invalid dataset is refused with its diagnostics
	}
	for _, r := range ev.Results() {
		if r.Outcome != rules.OutcomePass && r.Outcome != rules.OutcomeNotApplicable {
			fmt.Printf("%s: %s – %s\n", r.Subject, ev.RuleSet(r.Programme).Rule(r.Rule).Title, r.Outcome.Label())
		}
	}
	// Output:
	// kiez-erbenheim: Elterncafé mindestens alle sechs Wochen mit thematischem Schwerpunkt – nicht erfüllt
	// kiez-graeselberg: Ein KiEZ-Träger, Anstellungsträger der KiEZ-Verantwortlichen – keine Angaben
	// kiez-sauerland: Elterncafé mindestens einmal pro Woche – nicht erfüllt
	// kiez-westend: Ein KiEZ-Träger, Anstellungsträger der KiEZ-Verantwortlichen – keine Angaben
}

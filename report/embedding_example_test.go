package report_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// The shortest program that embeds the library: read the data, evaluate
// every embedded programme for 2024 (Evaluate validates the data first and
// refuses it when it is invalid), write the compliance report (here to
// io.Discard; a file or an HTTP response in a real program) and print the
// failures. It needs three packages of this module and no other import.
func Example_embedding() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		log.Fatal(err)
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		log.Fatal(err)
	}
	r, err := report.Compliance(ev)
	if err := errors.Join(err, report.WriteMarkdown(io.Discard, r)); err != nil {
		log.Fatal(err)
	}
	for _, res := range ev.Results() {
		if res.Outcome == rules.OutcomeFail {
			fmt.Println(res.Subject, res.Rule)
		}
	}
	// Output:
	// fz-hargesheim/austauschtreffen-jugendamt-2024-h2 austauschtreffen-teilnahme
	// fz-langenlonsheim/2024-H2 planungstreffen-team
	// fz-meisenheim/lfz-1 leitungsfreistellung
}

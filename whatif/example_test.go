package whatif_test

import (
	"context"
	"fmt"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// ExampleCompare raises the Bad Kreuznach Leitungsfreistellung from 2 to
// 3 hours a week from 2025 and shows which Leitungen would lack hours.
func ExampleCompare() {
	// Load the data once; both evaluations share it.
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	// The shipped rules, and a copy with the new value from 2025 on.
	old, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	raised, err := old.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	year, _ := rules.ParsePeriod("2025")

	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: year},
		whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{raised}, Period: year})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ch := range c.Changes {
		if ch.Hours != nil {
			fmt.Printf("%s: %s → %s, es fehlen %s %s\n", ch.Subject, ch.Old.Outcome.Label(), ch.New.Outcome.Label(),
				rules.Format(ch.Hours.Missing), ch.Hours.Unit)
		}
	}
	total := c.HoursTotal[0]
	fmt.Printf("zusammen %s %s (bisher %s)\n", rules.Format(total.Missing), total.Unit, rules.Format(total.OldMissing))
	// Output:
	// fz-bad-sobernheim/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// fz-hargesheim/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// fz-hueffelsheim/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// fz-kirn/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// fz-langenlonsheim/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// fz-meisenheim/lfz-1: nicht erfüllt → nicht erfüllt, es fehlen 1,5 h/Woche
	// fz-stromberg/lfz-1: erfüllt → nicht erfüllt, es fehlen 1 h/Woche
	// zusammen 7,5 h/Woche (bisher 0,5)
}

package whatif_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// A comparison says more than the changed verdicts: the params that
// differ with both histories, and the outcome counts of both sides per
// rule, requirement and centre.
func ExampleComparison() {
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	old, ruleDiags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if err := errors.Join(diags.Err(), ruleDiags.Err()); err != nil {
		fmt.Println(err)
		return
	}
	o, _ := rules.ParseParamOverride("leitungsfreistellung=3@2025-01-01")
	raised, err := old.WithParams(o)
	if err != nil {
		fmt.Println(err)
		return
	}
	year := rules.Year(2025)
	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: year},
		whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{raised}, Period: year})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Old.Label, c.Old.Results, "→", c.New.Label, c.New.Results, "Ergebnisse;", len(c.Changes), "geändert,", c.Unchanged, "gleich")
	for _, p := range c.Params {
		fmt.Printf("%s: %s → %s %s, gelesen von %v\n", p.Name, p.OldValue, p.NewValue, p.Unit, p.Rules)
	}
	for _, n := range c.Rules {
		if n.Changes > 0 {
			fmt.Printf("%s: %s → %s (%d schlechter, %d besser)\n", n.Key, n.Old, n.New, n.Worse, n.Better)
		}
	}
	ch := c.Changes[0]
	fmt.Println(ch.Kind.Label(), ch.Subject, ch.Old.Outcome, "→", ch.New.Outcome, ch.Effect())
	// Output:
	// bisher 631 → neu 631 Ergebnisse; 8 geändert, 623 gleich
	// leitungsfreistellung: 2 → 3 h/Woche, gelesen von [leitungsfreistellung]
	// leitungsfreistellung: 7 erfüllt, 1 nicht erfüllt → 1 erfüllt, 7 nicht erfüllt (6 schlechter, 0 besser)
	// Ergebnis geändert fz-bad-sobernheim/lfz-1 pass → fail 1
}

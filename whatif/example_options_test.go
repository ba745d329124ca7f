package whatif_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// A new version of the rule file gives a rule another id. Without a map
// the comparison sees one rule gone and one new; WithRenames matches them,
// and a map naming a rule that does not exist is refused.
func ExampleWithRenames() {
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	src, _ := rules.EmbeddedSource("bad-kreuznach-familienzentren")
	old, diags := rules.Load("bad-kreuznach-familienzentren.yaml", src)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	src = bytes.Replace(src, []byte("- id: leitungsfreistellung\n"), []byte("- id: freistellung-leitung\n"), 1)
	renamed, diags := rules.Load("bad-kreuznach-familienzentren-2025.yaml", src)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	year := rules.Year(2024)
	oldSide := whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: year}
	newSide := whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{renamed}, Period: year}

	c, err := whatif.Compare(context.Background(), ds, oldSide, newSide)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(c.Changes), len(c.RulesAdded), len(c.RulesRemoved))

	c, err = whatif.Compare(context.Background(), ds, oldSide, newSide,
		whatif.WithRenames(map[string]string{"leitungsfreistellung": "freistellung-leitung"}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(c.Changes), c.Renamed, c.Changed())

	_, err = whatif.Compare(context.Background(), ds, oldSide, newSide,
		whatif.WithRenames(map[string]string{"leitungsfreistelung": "freistellung-leitung"}))
	var re *whatif.RenameError
	fmt.Println(errors.As(err, &re), err)
	// Output:
	// 16 1 1
	// 0 [{bad-kreuznach-familienzentren leitungsfreistellung freistellung-leitung}] false
	// true whatif: rename leitungsfreistelung=freistellung-leitung: the old rules have no rule "leitungsfreistelung"; name a rule of the old rule file
}

// Year over year with one rule set: 2024 against 2025 on the same data.
// The subjects of 2024 are matched with those of 2025 shifted by a year;
// WithEngineOptions passes options to both engines. The shipped data
// record the sessions of 2024 only, so 2025 lacks them: Effects counts
// the changes that make a problem and those that resolve one.
func ExampleWithEngineOptions() {
	ds, diags := kiez.LoadFiles("../testdata/thueringen")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	set, diags := rules.LoadEmbedded("thueringen-thekiz")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	sets := []*rules.RuleSet{set}
	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "2024", RuleSets: sets, Period: rules.Year(2024)},
		whatif.Side{Label: "2025", RuleSets: sets, Period: rules.Year(2025)},
		whatif.WithEngineOptions(rules.WithWorkers(2)))
	if err != nil {
		fmt.Println(err)
		return
	}
	worse, better := whatif.Effects(c.Changes)
	fmt.Println(c.YearShift, len(c.Changes), c.Unchanged, worse, better)
	for _, n := range c.Centres {
		fmt.Printf("%s: %s → %s\n", n.Key, n.Old, n.New)
	}
	// Output:
	// 1 88 148 34 0
	// thueringen-thekiz: 3 erfüllt → 3 erfüllt
	// thekiz-regenbogen: 46 erfüllt, 1 nicht erfüllt, 29 nicht anwendbar → 30 erfüllt, 2 nicht erfüllt, 30 nicht anwendbar, 14 keine Angaben
	// thekiz-sonnenblume: 46 erfüllt, 2 nicht erfüllt, 28 nicht anwendbar → 30 erfüllt, 3 nicht erfüllt, 29 nicht anwendbar, 14 keine Angaben
	// thekiz-verbund-tannengrund: 42 erfüllt, 39 nicht anwendbar → 37 erfüllt, 2 nicht erfüllt, 40 nicht anwendbar, 2 keine Angaben
}

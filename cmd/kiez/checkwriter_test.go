package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// TestCheckWriterOrder feeds the writer results in the engine's order and
// out of it: every centre of the programme gets its table in data order,
// with or without results, and a result of a centre the data does not
// hold, or of one already written, is written after them.
func TestCheckWriterOrder(t *testing.T) {
	period, err := rules.ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	ds := &kiez.Dataset{Centres: []kiez.Centre{
		{ID: "a", Name: "A", Programme: "p"},
		{ID: "b", Name: "B", Programme: "p"},
		{ID: "c", Name: "C", Programme: "p"},
		{ID: "q1", Name: "Q", Programme: "q"},
	}}
	ev := &evaluation{tx: newTexts(langDE), ds: ds, period: period, sets: []*ruleSet{
		{arg: "p.yaml", prog: &rules.RuleSet{ID: "p", Name: "P"}},
		{arg: "q.yaml", prog: &rules.RuleSet{ID: "q", Name: "Q"}},
		{arg: "r.yaml", prog: &rules.RuleSet{ID: "r", Name: "R"}},
	}}
	res := func(centre, subject string, o rules.Outcome) rules.Result {
		return rules.Result{Programme: "p", Rule: "r1", Subject: subject, Centre: centre, Outcome: o, Severity: diag.Error}
	}
	var b strings.Builder
	w := newCheckWriter(&b, ev, evalArgs{period: "2024", data: []string{"d"}}, nil, nil)
	for _, r := range []rules.Result{
		res("", "p", rules.OutcomePass),
		res("b", "b", rules.OutcomeFail),
		res("x", "x", rules.OutcomePass), // not in the data
		res("b", "b", rules.OutcomePass),
		res("a", "a", rules.OutcomePass), // already written
	} {
		if err := w.add(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Programmweite Regeln", "Zentrum a – A\n    keine Ergebnisse", "Zentrum b – B", "Zentrum c – C\n    keine Ergebnisse",
		"Zentrum x\n", "Zentrum a\n", "Programm q – Q", "Zentrum q1 – Q\n    keine Ergebnisse", "Programm r – R",
		"Die Daten enthalten keine Zentren dieses Programms.", "Begründung eines Ergebnisses"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, b.String())
		}
	}
	var order []string
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "  Zentrum ") || strings.HasPrefix(line, "  Programmweite") {
			order = append(order, strings.TrimSpace(line))
		}
	}
	want := []string{"Programmweite Regeln", "Zentrum a – A", "Zentrum b – B", "Zentrum c – C", "Zentrum x", "Zentrum a", "Zentrum q1 – Q"}
	if diff := cmp.Diff(want, order); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if w.strict != 1 || w.problems != 1 {
		t.Errorf("strict %d, problems %d; want 1, 1", w.strict, w.problems)
	}
}

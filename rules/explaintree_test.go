package rules_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// explainRules are rules added to the fixture for TestExplainTree: lets,
// a quantifier, an or decided by its second operand, and a rule with each
// whose assertion has no parts (Explain panicked on it).
const explainRules = `  - id: cafe-takt
    title: Elterncafé im Takt
    requirements: [MS-02]
    let:
      termine: sessionsOf(centre, "elterncafe", period)
      anzahl: len(termine)
    assert: anzahl >= 2 && any(centre.staff, .releaseHoursPerWeek > 2)
    message: "{{ anzahl }} Termine"
  - id: oder
    title: Oder
    requirements: [MS-02]
    let:
      anzahl: len(sessionsOf(centre, "elterncafe", period))
    assert: anzahl < 0 || anzahl == 2 || anzahl > 5
    message: "{{ anzahl }} Termine"
  - id: immer
    title: Immer
    requirements: [MS-01]
    each: centre.staff
    assert: "true"
    message: ja
`

// treeLines writes a tree one step a line: its depth, kind, expression,
// value and note.
func treeLines(steps []rules.Step, depth int, out []string) []string {
	for _, s := range steps {
		line := fmt.Sprintf("%s%s %s = %s", strings.Repeat("  ", depth), s.Kind, s.Expr, s.Text)
		if s.Note != "" {
			line += " [" + s.Note + "]"
		}
		if s.Count != nil {
			line += fmt.Sprintf(" (%d)", *s.Count)
		}
		out = treeLines(s.Steps, depth+1, append(out, line))
	}
	return out
}

func TestExplainTree(t *testing.T) {
	base, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(base), "\nmanual:", "\n"+explainRules+"manual:", 1)
	p, diags := rules.Load("explain.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule, subject string
		want          []string
	}{
		{"freistellung", "c2/l2", []string{
			"compare item.releaseHoursPerWeek >= params.releaseHours = nein",
			"  value item.releaseHoursPerWeek = 1,5",
			"  value params.releaseHours = 2",
		}},
		{"cafe-takt", "c2", []string{
			"let termine = vom 01.03.2024; vom 01.09.2024 (2)",
			`  call sessionsOf(centre, "elterncafe", period) = vom 01.03.2024; vom 01.09.2024 (2)`,
			"let anzahl = 2",
			"  call len(termine) = 2",
			"    value termine = vom 01.03.2024; vom 01.09.2024 (2)",
			"and anzahl >= 2 && any(centre.staff, .releaseHoursPerWeek > 2) = nein",
			"  compare anzahl >= 2 = ja",
			"    value anzahl = 2",
			"  quantifier any(centre.staff, .releaseHoursPerWeek > 2) = nein",
			"    value centre.staff = leitung-familienzentrum (l2) (1)",
			"    elements filter(centre.staff, .releaseHoursPerWeek > 2) = keine [Elemente, für die .releaseHoursPerWeek > 2 gilt] (0)",
		}},
		// The or is decided by its second operand; the third is not
		// evaluated.
		{"oder", "c2", []string{
			"let anzahl = 2",
			`  call len(sessionsOf(centre, "elterncafe", period)) = 2`,
			`    call sessionsOf(centre, "elterncafe", period) = vom 01.03.2024; vom 01.09.2024 (2)`,
			"or anzahl < 0 || anzahl == 2 || anzahl > 5 = ja",
			"  compare anzahl < 0 = nein",
			"    value anzahl = 2",
			"  compare anzahl == 2 = ja",
			"    value anzahl = 2",
			"  compare anzahl > 5 = nicht ausgewertet",
		}},
		{"ein-traeger", "musterstadt", []string{
			`quantifier all(centres, .provider != "") = ja`,
			`  elements filter(centres, !(.provider != "")) = keine [Elemente, für die .provider != "" nicht gilt] (0)`,
		}},
		// Nothing to show, and no panic (Explain indexed the parts of a
		// rule with each that has none).
		{"immer", "c2/l2", []string{}},
	}
	for _, tt := range tests {
		x, err := eng.Explain(context.Background(), fixtureData(t), rules.Year(2024), tt.rule, tt.subject)
		if err != nil {
			t.Errorf("%s %s: %v", tt.rule, tt.subject, err)
			continue
		}
		got := treeLines(x.Tree, 0, []string{})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s %s: tree (-want +got):\n%s", tt.rule, tt.subject, diff)
		}
	}
}

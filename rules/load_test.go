package rules_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

func fixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoadFixture(t *testing.T) {
	p, diags := rules.Load("fixture.yaml", []byte(fixture(t)))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	if got := len(p.Rules); got != 4 {
		t.Errorf("rules = %d, want 4", got)
	}
}

// TestLoadAuthoringMistakes shows the exact message and position for each
// kind of mistake a rule author makes.
func TestLoadAuthoringMistakes(t *testing.T) {
	base := fixture(t)
	tests := []struct {
		name     string
		old, new string // replace old with new in the fixture
		want     []string
	}{{
		name: "misspelt field",
		old:  "assert: item.releaseHoursPerWeek >= params.releaseHours",
		new:  "assert: item.releaseHoursPerWek >= params.releaseHours",
		want: []string{`fixture.yaml:33:18: error: assert: type Stelle has no field releaseHoursPerWek; did you mean "releaseHoursPerWeek"?`},
	}, {
		name: "unknown function",
		old:  `needs: sessionsOf(centre, "elterncafe", period)`,
		new:  `needs: sesionsOf(centre, "elterncafe", period)`,
		want: []string{`fixture.yaml:41:12: error: needs: unknown name sesionsOf; did you mean "sessionsOf"?`},
	}, {
		name: "assertion that is not true or false",
		old:  `assert: len(sessionsOf(centre, "elterncafe", period)) >= 12`,
		new:  `assert: len(sessionsOf(centre, "elterncafe", period))`,
		want: []string{`fixture.yaml:42:13: error: assert: the expression must be true or false, but gives a whole number`},
	}, {
		name: "undeclared param",
		old:  "assert: item.releaseHoursPerWeek >= params.releaseHours",
		new:  "assert: item.releaseHoursPerWeek >= params.releasHours",
		want: []string{`fixture.yaml:33:48: error: assert: param "releasHours" is not declared; did you mean "releaseHours"?`},
	}, {
		name: "duplicate rule id",
		old:  "  - id: ein-traeger",
		new:  "  - id: elterncafe",
		want: []string{`fixture.yaml:44:9: error: duplicate rule id "elterncafe": already used at fixture.yaml:38:9`},
	}, {
		name: "bad severity",
		old:  "    severity: error\n",
		new:  "    severity: critical\n",
		want: []string{`fixture.yaml:30:15: error: unknown severity "critical" (use error, warning or info)`},
	}, {
		name: "unparsable period",
		old:  "  offerKinds:\n    type: kinds\n    history:\n      - {from: 2020-01-01, value: [elterncafe, babycafe]}",
		new:  "  themeGap:\n    type: period\n    history:\n      - {from: 2020-01-01, value: 6 Wochen}",
		want: []string{`fixture.yaml:24:35: error: param "themeGap": "6 Wochen" is not an ISO-8601 period such as P6W or P1M`},
	}, {
		name: "tab-indented YAML",
		old:  "    severity: error\n",
		new:  "\tseverity: error\n",
		want: []string{`fixture.yaml:30:1: error: YAML syntax: a tab character is used for indentation; YAML allows only spaces`},
	}, {
		name: "unknown key",
		old:  "    assert: all(centres",
		new:  "    asert: all(centres",
		want: []string{
			`fixture.yaml:44:5: error: rule ein-traeger has no assert`,
			`fixture.yaml:48:5: error: unknown field "asert" in a rule; did you mean "assert"? (at rules[2].asert)`,
		},
	}, {
		name: "requirement not in the catalogue",
		old:  "requirements: [MS-02]",
		new:  "requirements: [MS-20]",
		want: []string{
			`fixture.yaml:40:20: error: requirement "MS-20" is not in the programme's catalogue; did you mean "MS-01"?`,
		},
	}, {
		name: "requirement id in the wrong format",
		old:  "requirements: [MS-03]",
		new:  "requirements: [ms3]",
		want: []string{
			`fixture.yaml:11:10: warning: requirement MS-03 is neither checked by a rule nor listed as manual`,
			`fixture.yaml:47:20: error: "ms3" is not a requirement id`,
		},
	}, {
		name: "empty message",
		old:  `    message: "{{ len(centres) }} Zentren"`,
		new:  `    message: ""`,
		want: []string{`fixture.yaml:49:14: error: rule ein-traeger has an empty message`},
	}, {
		name: "unknown scope",
		old:  "    scope: programme",
		new:  "    scope: programm",
		want: []string{`fixture.yaml:46:12: error: unknown scope "programm" (use centre or programme); did you mean "programme"?`},
	}, {
		name: "each that is not a list",
		old:  "    each: centre.staff",
		new:  "    each: centre.name",
		want: []string{`fixture.yaml:31:11: error: each: the expression must give a list, but gives text`},
	}, {
		name: "unclosed template",
		old:  `{{ len(centres) }} Zentren`,
		new:  `{{ len(centres) Zentren`,
		want: []string{`fixture.yaml:49:15: error: message: unclosed {{`},
	}, {
		name: "mistake inside a message template",
		old:  `gefordert {{ params.releaseHours }}`,
		new:  `gefordert {{ params.relaseHours }}`,
		want: []string{`fixture.yaml:34:88: error: message: param "relaseHours" is not declared; did you mean "releaseHours"?`},
	}, {
		name: "param history out of order",
		old:  "      - {from: 2023-01-01, value: 2}",
		new:  "      - {from: 2019-01-01, value: 2}",
		want: []string{`fixture.yaml:20:16: error: param "releaseHours": value from 2019-01-01 is not after the previous one (2020-01-01)`},
	}, {
		name: "misspelt field inside a closure",
		old:  "assert: item.releaseHoursPerWeek >= params.releaseHours",
		new:  "assert: sumDec(map(centre.staff, .releaseHoursPerWek)) >= params.releaseHours",
		want: []string{`fixture.yaml:33:39: error: assert: type Stelle has no field releaseHoursPerWek; did you mean "releaseHoursPerWeek"?`},
	}, {
		name: "each over a filtered list keeps the item's fields",
		old:  "    each: centre.staff",
		new:  "    each: filter(centre.staff, .role != \"\")",
		want: []string{},
	}, {
		name: "misspelt field of an item of a filtered list",
		old:  "    each: centre.staff\n    when: item.role == \"leitung-familienzentrum\"\n    assert: item.releaseHoursPerWeek",
		new:  "    each: filter(centre.staff, .role != \"\")\n    when: item.role == \"leitung-familienzentrum\"\n    assert: item.releaseHoursPerWek",
		want: []string{`fixture.yaml:33:18: error: assert: type Stelle has no field releaseHoursPerWek; did you mean "releaseHoursPerWeek"?`},
	}, {
		name: "let variable that hides a variable",
		old:  "    each: centre.staff\n",
		new:  "    each: centre.staff\n    let:\n      period: 1\n",
		want: []string{`fixture.yaml:33:7: error: let variable "period" hides a variable or function`},
	}, {
		name: "let variable with a misspelt field",
		old:  "    each: centre.staff\n",
		new:  "    each: centre.staff\n    let:\n      stunden: item.hoursPerWek\n",
		want: []string{`fixture.yaml:33:21: error: let stunden: type Stelle has no field hoursPerWek; did you mean "hoursPerWeek"?`},
	}, {
		name: "column after umlauts",
		old:  `    assert: all(centres, .provider != "")`,
		new:  `    assert: all(centres, .provider != "Träger ä") && centres.x`,
		want: []string{`fixture.yaml:48:62: error: assert: array elements can only be selected using an integer (got Text)`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.old) {
				t.Fatalf("fixture does not contain %q", tt.old)
			}
			src := strings.Replace(base, tt.old, tt.new, 1)
			p, diags := rules.Load("fixture.yaml", []byte(src))
			got := make([]string, len(diags))
			for i, d := range diags {
				got[i] = d.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if p != nil && diagsHaveErrors(diags) {
				t.Error("Load returned a programme despite errors")
			}
		})
	}
}

func diagsHaveErrors(d interface{ HasErrors() bool }) bool { return d.HasErrors() }

// TestLoadWorkersAgree loads a file of 40 rules, every third with a
// mistake, with one and with four goroutines: the diagnostics are the
// same, in the same order.
func TestLoadWorkersAgree(t *testing.T) {
	var b strings.Builder
	b.WriteString("programme: musterstadt\nname: Musterstadt\nrequirements:\n  - {id: MS-01, text: Eine Anforderung.}\nrules:\n")
	for i := range 40 {
		field := "releaseHoursPerWeek"
		if i%3 == 0 {
			field = "releaseHoursPerWek"
		}
		fmt.Fprintf(&b, "  - id: regel-%d\n    title: Regel %d\n    requirements: [MS-01]\n    each: centre.staff\n    assert: item.%s >= %d\n    message: \"{{ map(centre.staff, .%s) }}\"\n", i, i, field, i, field)
	}
	src := []byte(b.String())
	var got [2][]string
	for i, w := range []int{1, 4} {
		_, diags := rules.Load("regeln.yaml", src, rules.WithCompileWorkers(w))
		for _, d := range diags {
			got[i] = append(got[i], d.Subject.String()+": "+d.Summary)
		}
	}
	if len(got[0]) != 28 {
		t.Errorf("%d diagnostics with one goroutine, want 28 (two for each of 14 rules):\n%s", len(got[0]), strings.Join(got[0], "\n"))
	}
	if diff := cmp.Diff(got[0], got[1]); diff != "" {
		t.Errorf("diagnostics differ between one and four goroutines (-one +four):\n%s", diff)
	}
}

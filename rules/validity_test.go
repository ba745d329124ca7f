package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// validityFixture is the fixture with edits applied (old → new, in order).
func validityFixture(t *testing.T, edits ...string) string {
	t.Helper()
	src := fixture(t)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(src, edits[i]) {
			t.Fatalf("fixture has no %q", edits[i])
		}
		src = strings.Replace(src, edits[i], edits[i+1], 1)
	}
	return src
}

// evaluateFixture loads a variant of the fixture and evaluates it on the
// fixture data for the period, as "subject rule: outcome message" lines.
func evaluateFixture(t *testing.T, src string, period rules.Period) []string {
	t.Helper()
	p, diags := rules.Load("fixture.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	evRes, err := eng.Evaluate(context.Background(), fixtureData(t), period)
	res := evRes.Results()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range res {
		out = append(out, r.String())
	}
	return out
}

const fixtureHeader = "land: DE-HE\n"

func TestValidityBeforeValidFrom(t *testing.T) {
	src := validityFixture(t, fixtureHeader, fixtureHeader+"validFrom: 2025-01-01\n")
	got := evaluateFixture(t, src, rules.Year(2024))
	const msg = "not-applicable Die Regeln gelten ab 01.01.2025; der Zeitraum 01.01.2024–31.12.2024 liegt davor."
	want := []string{
		"musterstadt ein-traeger: " + msg,
		"c2 freistellung: " + msg, // once per centre, not per item: nothing is evaluated
		"c2 elterncafe: " + msg,
		"c2 elterncafe-anteil: " + msg,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestValidityAfterValidUntil(t *testing.T) {
	src := validityFixture(t, fixtureHeader, fixtureHeader+"validFrom: 2020-01-01\nvalidUntil: 2023-12-31\n")
	got := evaluateFixture(t, src, rules.Year(2024))
	if want := "musterstadt ein-traeger: not-applicable Die Regeln gelten bis 31.12.2023; der Zeitraum 01.01.2024–31.12.2024 liegt danach."; got[0] != want {
		t.Errorf("got %q, want %q", got[0], want)
	}
}

func TestValidityPartlyBefore(t *testing.T) {
	// The rules apply from July: the first half-year is not judged, the
	// Elterncafé session of March does not count, the one of September
	// does, and the messages say which days were judged.
	src := validityFixture(t, fixtureHeader, fixtureHeader+"validFrom: 2024-07-01\n",
		`message: "{{ len(sessionsOf(centre, \"elterncafe\", period)) }} Termine"`,
		`message: "{{ len(sessionsOf(centre, \"elterncafe\", period)) }} Termine ab {{ period.from }}"`)
	got := evaluateFixture(t, src, rules.Year(2024))
	const note = "Geprüft 01.07.2024–31.12.2024 (die Regeln gelten ab 01.07.2024): "
	want := "c2 elterncafe: fail " + note + "1 Termine ab 01.07.2024"
	if !contains(got, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(got, "\n"))
	}
	for _, r := range got {
		if !strings.Contains(r, note) {
			t.Errorf("result without the note of the days judged: %s", r)
		}
	}
}

func TestValidityOfOneRule(t *testing.T) {
	src := validityFixture(t, "    severity: error\n", "    severity: error\n    validUntil: 2024-03-31\n")
	got := evaluateFixture(t, src, rules.Year(2024))
	want := "c2/l2 freistellung: fail Geprüft 01.01.2024–31.03.2024 (die Regel gilt bis 31.03.2024): Freistellung 1,5 h/Woche, gefordert 2 h/Woche"
	if !contains(got, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(got, "\n"))
	}
	if want := "c2 elterncafe: fail 2 Termine"; !contains(got, want) {
		t.Errorf("the other rules are judged on the whole period: no result %q in\n%s", want, strings.Join(got, "\n"))
	}
	second := evaluateFixture(t, src, mustRange(t, "2024-H2"))
	if want := "c2 freistellung: not-applicable Die Regel gilt bis 31.03.2024; der Zeitraum 01.07.2024–31.12.2024 liegt danach."; !contains(second, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(second, "\n"))
	}
}

func TestValidFromDerived(t *testing.T) {
	src := validityFixture(t, "      - {from: 2020-01-01, value: [elterncafe, babycafe]}", "      - {from: 2021-03-01, value: [elterncafe, babycafe]}")
	p, diags := rules.Load("fixture.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if p.ValidFrom == nil || p.ValidFrom.String() != "2021-03-01" || !p.ValidFromDerived {
		t.Errorf("ValidFrom = %v (derived %v), want 2021-03-01 derived from the params", p.ValidFrom, p.ValidFromDerived)
	}
	got := evaluateFixture(t, src, rules.Year(2020))
	if want := "c2 elterncafe: not-applicable Die Regeln gelten ab 01.03.2021; der Zeitraum 01.01.2020–31.12.2020 liegt davor."; !contains(got, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(got, "\n"))
	}
}

func TestVerdictTexts(t *testing.T) {
	src := validityFixture(t,
		`    when: item.role == "leitung-familienzentrum"`,
		`    when: item.role == "leitung-familienzentrum"`+"\n"+`    notApplicable: "Nicht anwendbar: {{ item.id }} ist keine Leitung."`,
		`    needs: sessionsOf(centre, "elterncafe", period)`,
		`    needs: sessionsOf(centre, "elterncafe", period)`+"\n"+`    missing: "Kein Elterncafé-Termin seit {{ period.from }}."`)
	got := evaluateFixture(t, src, rules.Year(2023))
	if want := "c2 elterncafe: missing-data Kein Elterncafé-Termin seit 01.01.2023."; !contains(got, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(got, "\n"))
	}
	// Without texts: the defaults, which show no expression.
	plain := evaluateFixture(t, fixture(t), rules.Year(2023))
	if want := "c2 elterncafe: missing-data Keine Angaben im Zeitraum 01.01.2023–31.12.2023."; !contains(plain, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(plain, "\n"))
	}
}

func TestVerdictTextsNotApplicable(t *testing.T) {
	// A staff position that is not a Leitung: the rule's own text.
	src := validityFixture(t,
		`    when: item.role == "leitung-familienzentrum"`,
		`    when: item.role != "leitung-familienzentrum"`+"\n"+`    notApplicable: "Nicht anwendbar: {{ item.id }} ist eine Leitung."`)
	got := evaluateFixture(t, src, rules.Year(2024))
	if want := "c2/l2 freistellung: not-applicable Nicht anwendbar: l2 ist eine Leitung."; !contains(got, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(got, "\n"))
	}
	plain := evaluateFixture(t, validityFixture(t, `    when: item.role == "leitung-familienzentrum"`, `    when: item.role != "leitung-familienzentrum"`), rules.Year(2024))
	if want := "c2/l2 freistellung: not-applicable Nicht anwendbar."; !contains(plain, want) {
		t.Errorf("no result %q in\n%s", want, strings.Join(plain, "\n"))
	}
}

// TestValidityLoadErrors shows the message and position of each mistake
// of validity, verdict texts and text arguments.
func TestValidityLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  []string
	}{{
		name:  "param without a value on the first day the rules apply",
		edits: []string{fixtureHeader, fixtureHeader + "validFrom: 2019-01-01\n"},
		want: []string{
			`fixture.yaml:20:16: error: param "releaseHours" has no value in force on 2019-01-01, the first day its rules apply; its history starts on 2020-01-01`,
			`fixture.yaml:25:16: error: param "offerKinds" has no value in force on 2019-01-01, the first day its rules apply; its history starts on 2020-01-01`,
		},
	}, {
		name:  "a rule that begins later needs the param only from then",
		edits: []string{fixtureHeader, fixtureHeader + "validFrom: 2019-01-01\n", "      - {from: 2020-01-01, value: [elterncafe, babycafe]}", "      - {from: 2019-01-01, value: [elterncafe, babycafe]}", "    severity: error\n", "    severity: error\n    validFrom: 2020-01-01\n"},
	}, {
		name:  "validFrom that is not a date",
		edits: []string{fixtureHeader, fixtureHeader + "validFrom: 2023\n"},
		want:  []string{`fixture.yaml:6:12: error: validFrom: "2023" is not a date of the form YYYY-MM-DD`},
	}, {
		name:  "notApplicable without when",
		edits: []string{"    scope: programme\n", "    scope: programme\n    notApplicable: \"Nicht anwendbar.\"\n"},
		want:  []string{`fixture.yaml:47:20: error: rule ein-traeger has a notApplicable text but no when`},
	}, {
		name:  "a unit literal the bucket functions do not know",
		edits: []string{`assert: all(centres, .provider != "")`, `assert: len(buckets(period, "halbjahr")) > 0`},
		want:  []string{`fixture.yaml:48:33: error: assert: argument 2 of buckets: unbekannte Zeiteinheit "halbjahr" (erlaubt: week, month, quarter, half-year, year)`},
	}, {
		name: "a value of a text param the rule passes as a unit",
		edits: []string{
			"  offerKinds:\n", "  takt:\n    type: text\n    history:\n      - {from: 2020-01-01, value: half-year}\n      - {from: 2024-01-01, value: P6M}\n  offerKinds:\n",
			`assert: all(centres, .provider != "")`, `assert: len(buckets(period, params.takt)) > 0`,
		},
		want: []string{`fixture.yaml:25:35: error: param "takt": the value "P6M" cannot be argument 2 of buckets in rule ein-traeger (assert at fixture.yaml:53:13): unbekannte Zeiteinheit "P6M" (erlaubt: week, month, quarter, half-year, year)`},
	}, {
		name:  "a date literal out of range",
		edits: []string{`assert: all(centres, .provider != "")`, `assert: period.from > date("0001-01-01")`},
		want:  []string{`fixture.yaml:48:32: error: assert: argument 1 of date: "0001-01-01" is out of range: dates must lie in the years 1900 to 9999`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := rules.Load("fixture.yaml", []byte(validityFixture(t, tt.edits...)))
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func mustRange(t *testing.T, s string) rules.Period {
	t.Helper()
	r, err := rules.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

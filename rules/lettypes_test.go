package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// elterncafeRule is the rule of the fixture whose assert and message the
// let tests replace.
const elterncafeRule = "    assert: len(sessionsOf(centre, \"elterncafe\", period)) >= 12\n" +
	"    message: \"{{ len(sessionsOf(centre, \\\"elterncafe\\\", period)) }} Termine\"\n"

// withLets is the fixture with the elterncafe rule's assert and message
// replaced by lines (let, assert, message …, indented as rule keys).
func withLets(t *testing.T, lines string) string {
	t.Helper()
	base := fixture(t)
	src := strings.Replace(base, elterncafeRule, lines, 1)
	if src == base {
		t.Fatal("the fixture's elterncafe rule has changed; adapt elterncafeRule")
	}
	return src
}

// TestLetKeepsTypes: the type of a let variable is the checked type of its
// expression, so that a let bound to filter(...) stays a list of records:
// its fields are checked at load (with position and suggestion, as
// inline), and its dates compare. Each case failed to load, or loaded a
// typo, before lets kept their types.
func TestLetKeepsTypes(t *testing.T) {
	tests := []struct {
		name  string
		lines string
		want  []string
	}{{
		name: "comparison on an element of a let-bound filter",
		lines: "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n" +
			"    assert: len(held) > 0 && held[0].date <= period.until\n    message: x\n",
		want: []string{},
	}, {
		name: "comparison inside a closure over a let-bound filter",
		lines: "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n" +
			"    assert: len(held) >= 12 && all(held, .date <= period.until)\n    message: x\n",
		want: []string{},
	}, {
		name: "misspelt field of an element of a let-bound filter",
		lines: "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n" +
			"    assert: len(held) > 0 && held[0].dat <= period.until\n    message: x\n",
		want: []string{`fixture.yaml:44:38: error: assert: type Termin has no field dat; did you mean "date"?`},
	}, {
		name: "misspelt field inside a closure over a let-bound filter",
		lines: "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n" +
			"    assert: all(held, .dat <= period.until)\n    message: x\n",
		want: []string{`fixture.yaml:44:24: error: assert: type Termin has no field dat; did you mean "date"?`},
	}, {
		name: "misspelt field in a message over a let-bound filter",
		lines: "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n" +
			"    assert: len(held) >= 0\n    message: \"{{ join(map(held, .tema), \\\", \\\") }}\"\n",
		want: []string{`fixture.yaml:45:34: error: message: type Termin has no field tema; did you mean "theme"?`},
	}, {
		name: "let over a let-bound filter of evidence, dates compared in the closure",
		lines: "    let:\n      ev: filter(centre.evidence, .date <= period.until)\n" +
			"      spaet: filter(ev, .date >= period.from && .date <= period.until)\n" +
			"    assert: len(spaet) >= 0\n    message: x\n",
		want: []string{},
	}, {
		name: "misspelt field in a let over a let-bound filter",
		lines: "    let:\n      ev: filter(centre.evidence, .date <= period.until)\n" +
			"      tage: map(ev, .dat)\n" +
			"    assert: len(tage) >= 0\n    message: x\n",
		want: []string{`fixture.yaml:44:22: error: let tage: type Nachweis has no field dat; did you mean "date"?`},
	}, {
		name: "let-bound list of texts",
		lines: "    let:\n      themen: map(sessionsOf(centre, \"elterncafe\", period), .theme)\n" +
			"    assert: len(themen) >= 0 && \"x\" in themen\n    message: x\n",
		want: []string{},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := rules.Load("fixture.yaml", []byte(withLets(t, tt.lines)))
			got := []string{}
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLetTypedRuns: a let-bound filter whose elements are compared gives
// the same verdict as the same expression written inline.
func TestLetTypedRuns(t *testing.T) {
	inline := withLets(t, "    assert: all(filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from), .date <= period.until)\n"+
		"    message: \"{{ len(filter(sessionsOf(centre, \\\"elterncafe\\\", period), .date >= period.from)) }} Termine\"\n")
	let := withLets(t, "    let:\n      held: filter(sessionsOf(centre, \"elterncafe\", period), .date >= period.from)\n"+
		"    assert: all(held, .date <= period.until)\n    message: \"{{ len(held) }} Termine\"\n")
	day := date.New(2024, 3, 5)
	ds := &kiez.Dataset{Centres: []kiez.Centre{{ID: "c", Name: "Zentrum", Programme: "musterstadt",
		Offers:   []kiez.Offer{{ID: "o", Kind: "elterncafe"}},
		Sessions: []kiez.Session{{Offer: "o", Date: day}, {Offer: "o", Date: day.Add(7)}}}}}
	verdicts := func(src string) []string {
		p, diags := rules.Load("fixture.yaml", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("load: %v", diags)
		}
		e, err := rules.NewEngine([]*rules.RuleSet{p}, rules.WithoutValidation()) // a partial centre
		if err != nil {
			t.Fatal(err)
		}
		evRes, err := e.Evaluate(context.Background(), ds, rules.Year(2024))
		res := evRes.Results()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range res {
			if r.Rule == "elterncafe" {
				out = append(out, r.String())
			}
		}
		return out
	}
	want, got := verdicts(inline), verdicts(let)
	if len(want) == 0 {
		t.Fatal("no result of rule elterncafe")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("let-bound verdicts differ from inline ones (-inline +let):\n%s", diff)
	}
}

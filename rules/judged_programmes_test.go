package rules_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// withParam returns the embedded Bad Kreuznach rule file with the first
// history value of param replaced, as a programme designer would choose
// another interpretation.
func withParam(t *testing.T, param, from, to string) *rules.RuleSet {
	t.Helper()
	src, ok := rules.EmbeddedSource(badKreuznach)
	if !ok {
		t.Fatal("no embedded Bad Kreuznach rules")
	}
	text := string(src)
	at := strings.Index(text, "\n  "+param+":\n")
	if at < 0 {
		t.Fatalf("no param %s", param)
	}
	old := "value: " + from + "}"
	i := strings.Index(text[at:], old)
	if i < 0 {
		t.Fatalf("param %s has no value %s", param, from)
	}
	text = text[:at+i] + "value: " + to + "}" + text[at+i+len(old):]
	prog, diags := rules.Load(badKreuznach+".yaml", []byte(text))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return prog
}

// evaluateBK evaluates prog on the programme data of the rule tests and
// the given centres and returns "subject rule outcome" of the chosen rules.
func evaluateBK(t *testing.T, prog *rules.RuleSet, centres, period string, ruleIDs ...string) []string {
	t.Helper()
	ds, diags := kiez.LoadFiles("programmes/testdata/bad-kreuznach-familienzentren/programm.yaml")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	more, diags := kiez.Decode("centres.yaml", []byte(centres))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds.Centres = append(ds.Centres, more.Centres...)
	eng, err := rules.NewEngine([]*rules.RuleSet{prog}, rules.WithoutValidation()) // partial data, judged as it is
	if err != nil {
		t.Fatal(err)
	}
	per, err := rules.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	evResults, err := eng.Evaluate(context.Background(), ds, per)
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range results {
		for _, id := range ruleIDs {
			if r.Rule == id && strings.HasPrefix(r.Subject, "fz-t") {
				got = append(got, r.Subject+" "+r.Rule+" "+r.Outcome.String())
			}
		}
	}
	sort.Strings(got)
	return got
}

const rhythmCentres = `
centres:
  - id: fz-takt-jan-nov
    name: Familienzentrum mit Treffen im Januar und November
    programme: bad-kreuznach-familienzentren
    kind: family-centre
    provider: traeger-muster
    meetings:
      - {kind: planungstreffen-team, date: 2024-01-15}
      - {kind: planungstreffen-team, date: 2024-11-20}
  - id: fz-takt-regelmaessig
    name: Familienzentrum mit Treffen alle fünf Monate
    programme: bad-kreuznach-familienzentren
    kind: family-centre
    provider: traeger-muster
    meetings:
      - {kind: planungstreffen-team, date: 2023-11-20}
      - {kind: planungstreffen-team, date: 2024-04-10}
      - {kind: planungstreffen-team, date: 2024-09-05}
`

// TestBadKreuznachRollingHalfYear checks the two readings of
// „halbjährlich“ (BK-07): meetings in January and November meet every
// calendar half-year, but leave more than six months without a meeting,
// which the rolling reading judges in the half-year where that stretch
// ends. Every calendar half-year is a stretch of six months, so the
// rolling reading is the stricter one: what it passes, the calendar
// reading passes too.
func TestBadKreuznachRollingHalfYear(t *testing.T) {
	calendar, diags := rules.LoadEmbedded(badKreuznach)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	rolling := withParam(t, "besprechungsRhythmus", "half-year", "P6M")
	got := evaluateBK(t, calendar, rhythmCentres, "2024", "planungstreffen-team")
	want := []string{
		"fz-takt-jan-nov/2024-H1 planungstreffen-team pass",
		"fz-takt-jan-nov/2024-H2 planungstreffen-team pass",
		"fz-takt-regelmaessig/2024-H1 planungstreffen-team pass",
		"fz-takt-regelmaessig/2024-H2 planungstreffen-team pass",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("calendar half-years (-want +got):\n%s", diff)
	}
	got = evaluateBK(t, rolling, rhythmCentres, "2024", "planungstreffen-team")
	want = []string{
		"fz-takt-jan-nov/2024-H1 planungstreffen-team pass",
		// 16.01.–15.07. holds no meeting; the stretch ends in the second half-year.
		"fz-takt-jan-nov/2024-H2 planungstreffen-team fail",
		"fz-takt-regelmaessig/2024-H1 planungstreffen-team pass",
		"fz-takt-regelmaessig/2024-H2 planungstreffen-team pass",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rolling six months (-want +got):\n%s", diff)
	}
}

// TestBadKreuznachEdgePolicies checks the three choices of randregel for a
// period from 01.04.2024: whole judges the first half-year with its
// meeting of February, count judges only April to June, excuse leaves it
// out.
func TestBadKreuznachEdgePolicies(t *testing.T) {
	centres := `
centres:
  - id: fz-takt-februar
    name: Familienzentrum mit Planungstreffen im Februar und September
    programme: bad-kreuznach-familienzentren
    kind: family-centre
    provider: traeger-muster
    meetings:
      - {kind: planungstreffen-team, date: 2024-02-06}
      - {kind: planungstreffen-team, date: 2024-09-10}
`
	whole, diags := rules.LoadEmbedded(badKreuznach)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, tc := range []struct {
		prog *rules.RuleSet
		want []string
	}{
		{whole, []string{"fz-takt-februar/2024-H1 planungstreffen-team pass", "fz-takt-februar/2024-H2 planungstreffen-team pass"}},
		{withParam(t, "randregel", "whole", "count"), []string{"fz-takt-februar/2024-H1 planungstreffen-team fail", "fz-takt-februar/2024-H2 planungstreffen-team pass"}},
		{withParam(t, "randregel", "whole", "excuse"), []string{"fz-takt-februar/2024-H2 planungstreffen-team pass"}},
	} {
		got := evaluateBK(t, tc.prog, centres, "2024-04-01..2024-12-31", "planungstreffen-team")
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

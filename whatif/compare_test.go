package whatif_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

var (
	testdataOnce sync.Once
	testdataDS   *kiez.Dataset
	testdataErr  error
)

// shipped loads the shipped testdata of the three programmes once.
func shipped(t testing.TB) *kiez.Dataset {
	t.Helper()
	testdataOnce.Do(func() {
		ds, diags := kiez.LoadFiles("../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen")
		if diags.HasErrors() {
			testdataErr = diags
			return
		}
		testdataDS = ds
	})
	if testdataErr != nil {
		t.Fatal(testdataErr)
	}
	return testdataDS
}

func embedded(t testing.TB, ids ...string) []*rules.RuleSet {
	t.Helper()
	if len(ids) == 0 {
		ids = rules.Embedded()
	}
	var out []*rules.RuleSet
	for _, id := range ids {
		p, diags := rules.LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", id, diags)
		}
		out = append(out, p)
	}
	return out
}

func period(t testing.TB, s string) rules.Period {
	t.Helper()
	p, err := rules.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCompareIdentical compares each side with itself, and with a second
// load of the same rules: nothing changes.
func TestCompareIdentical(t *testing.T) {
	ds := shipped(t)
	progs := embedded(t)
	side := whatif.Side{Label: "bisher", RuleSets: progs, Period: period(t, "2024")}
	again := whatif.Side{Label: "neu", RuleSets: embedded(t), Period: side.Period}
	for _, other := range []whatif.Side{side, again} {
		c, err := whatif.Compare(context.Background(), ds, side, other)
		if err != nil {
			t.Fatal(err)
		}
		if c.Changed() || len(c.Changes) > 0 || len(c.Params) > 0 || len(c.RulesAdded)+len(c.RulesRemoved) > 0 || len(c.Hours) > 0 {
			t.Errorf("identical inputs: %d changes, %d params, %d rules added, %d removed, %d hours", len(c.Changes), len(c.Params), len(c.RulesAdded), len(c.RulesRemoved), len(c.Hours))
		}
		if c.Unchanged != c.New.Results || c.Old.Results != c.New.Results || c.New.Results == 0 {
			t.Errorf("unchanged %d of %d/%d results", c.Unchanged, c.Old.Results, c.New.Results)
		}
		for _, cnt := range c.Rules {
			if diff := cmp.Diff(cnt.Old, cnt.New); diff != "" || cnt.Changes != 0 {
				t.Errorf("rule %s: counts differ (-old +new):\n%s", cnt.Key, diff)
			}
		}
	}
}

// TestCompareLeitungsfreistellung raises the Bad Kreuznach release to
// 3 h/week from 2025: every Leitung with less in 2025 fails, with the
// hours missing; fz-fuerfeld (3 h since 2024-09-01) passes as before,
// its message naming the new 3 h.
func TestCompareLeitungsfreistellung(t *testing.T) {
	ds := shipped(t)
	bk := embedded(t, "bad-kreuznach-familienzentren")[0]
	raised, err := bk.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "3"})
	if err != nil {
		t.Fatal(err)
	}
	per := period(t, "2025")
	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{bk}, Period: per},
		whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{raised}, Period: per})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range c.Changes {
		line := fmt.Sprintf("%s %s %s %s→%s", ch.Kind, ch.Subject, ch.Rule, ch.Old.Outcome, ch.New.Outcome)
		if ch.Hours != nil {
			line += fmt.Sprintf(" fehlen %s %s (vorher %s)", ch.Hours.Missing, ch.Hours.Unit, missing(ch.OldHours))
		}
		got = append(got, line)
	}
	want := []string{
		"outcome fz-bad-sobernheim/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
		"message fz-fuerfeld/lfz-1 leitungsfreistellung pass→pass",
		"outcome fz-hargesheim/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
		"outcome fz-hueffelsheim/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
		"outcome fz-kirn/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
		"outcome fz-langenlonsheim/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
		"message fz-meisenheim/lfz-1 leitungsfreistellung fail→fail fehlen 1.5 h/Woche (vorher 0.5)",
		"outcome fz-stromberg/lfz-1 leitungsfreistellung pass→fail fehlen 1 h/Woche (vorher 0)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if len(c.HoursTotal) != 1 || c.HoursTotal[0].Missing.String() != "7.5" || c.HoursTotal[0].OldMissing.String() != "0.5" ||
		c.HoursTotal[0].Subjects != 7 || c.HoursTotal[0].Extra().String() != "7" {
		t.Errorf("hours total = %+v, want 7.5 missing (0.5 before) over 7 Leitungen", c.HoursTotal)
	}
	if len(c.Hours) != 7 {
		t.Errorf("hours per centre: %d, want 7", len(c.Hours))
	}
	if len(c.Params) != 1 || c.Params[0].Name != "leitungsfreistellung" || c.Params[0].OldValue != "2" || c.Params[0].NewValue != "3" ||
		!c.Params[0].HistoryChanged || !cmp.Equal(c.Params[0].Rules, []string{"leitungsfreistellung"}) {
		t.Errorf("params = %+v", c.Params)
	}
	for _, cnt := range c.Rules {
		if cnt.Key == "leitungsfreistellung" {
			if cnt.Changes != 8 || cnt.Worse != 6 || cnt.Old[rules.OutcomePass] != 7 || cnt.New[rules.OutcomeFail] != 7 {
				t.Errorf("counts of leitungsfreistellung = %+v", cnt)
			}
		} else if cnt.Changes != 0 {
			t.Errorf("rule %s changed %d times", cnt.Key, cnt.Changes)
		}
	}
	var reqs []string
	for _, cnt := range c.Requirements {
		if cnt.Changes > 0 {
			reqs = append(reqs, fmt.Sprintf("%s %d/%d", cnt.Key, cnt.Changes, cnt.Worse))
		}
	}
	if diff := cmp.Diff([]string{"X-03 8/6", "BK-04 8/6"}, reqs); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
}

func missing(h *whatif.Hours) string {
	if h == nil {
		return "0"
	}
	return h.Missing.String()
}

// TestCompareRenames matches a rule under a new id only with a rename.
func TestCompareRenames(t *testing.T) {
	const file = `programme: p
name: P
version: "%s"
requirements:
  - {id: RQ-01, text: Eins, source: {doc: d}}
params:
  stunden: {type: decimal, unit: h/Woche, history: [{from: 2024-01-01, value: %s}]}
rules:
  - id: %s
    title: Freistellung
    requirements: [RQ-01]
    each: staffOf(centre, "leitung", period)
    assert: minValue(item, "releaseHoursPerWeek", period) >= params.stunden
    message: "{{ minValue(item, \"releaseHoursPerWeek\", period) }} von {{ params.stunden }}"
    evidence:
      gefunden: minValue(item, "releaseHoursPerWeek", period)
      vorgesehen: params.stunden
`
	load := func(version, value, id string) *rules.RuleSet {
		p, diags := rules.Load(version+".yaml", fmt.Appendf(nil, file, version, value, id))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return p
	}
	ds, diags := kiez.Decode("data.yaml", []byte(`programmes:
  - {id: p, name: P, authority: A}
centres:
  - id: c1
    name: Eins
    programme: p
    staff:
      - {id: l1, role: leitung, hoursPerWeek: 30, releaseHoursPerWeek: 2, from: 2024-01-01}
  - id: c2
    name: Zwei
    programme: p
    staff:
      - {id: l2, role: leitung, hoursPerWeek: 30, releaseHoursPerWeek: 4, from: 2024-01-01}
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	per := period(t, "2024")
	old := whatif.Side{Label: "v1", RuleSets: []*rules.RuleSet{load("1", "2", "freistellung")}, Period: per}
	new := whatif.Side{Label: "v2", RuleSets: []*rules.RuleSet{load("2", "3", "leitungsfreistellung")}, Period: per}

	c, err := whatif.Compare(context.Background(), ds, old, new, whatif.WithEngineOptions(rules.WithoutValidation())) // a partial dataset
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(c); !cmp.Equal(got, []string{"added c1/l1", "added c2/l2", "removed c1/l1", "removed c2/l2"}) {
		t.Errorf("without renames: %v", got)
	}
	if len(c.RulesAdded) != 1 || len(c.RulesRemoved) != 1 {
		t.Errorf("rules added %v, removed %v", c.RulesAdded, c.RulesRemoved)
	}

	c, err = whatif.Compare(context.Background(), ds, old, new, whatif.WithRenames(map[string]string{"freistellung": "leitungsfreistellung"}), whatif.WithEngineOptions(rules.WithoutValidation()))
	if err != nil {
		t.Fatal(err)
	}
	if got := kinds(c); !cmp.Equal(got, []string{"outcome c1/l1", "message c2/l2"}) {
		t.Errorf("with renames: %v", got)
	}
	if ch := c.Changes[0]; ch.OldRule != "freistellung" || ch.Rule != "leitungsfreistellung" || ch.Hours == nil || ch.Hours.Missing.String() != "1" {
		t.Errorf("renamed change = %+v", ch)
	}
	if len(c.RulesAdded)+len(c.RulesRemoved) != 0 || len(c.Renamed) != 1 {
		t.Errorf("rules added %v, removed %v, renamed %v", c.RulesAdded, c.RulesRemoved, c.Renamed)
	}

	for _, m := range []map[string]string{{"gibtsnicht": "leitungsfreistellung"}, {"freistellung": "gibtsnicht"}} {
		if _, err := whatif.Compare(context.Background(), ds, old, new, whatif.WithRenames(m)); err == nil {
			t.Errorf("renames %v: no error", m)
		}
	}
}

func kinds(c *whatif.Comparison) []string {
	var out []string
	for _, ch := range c.Changes {
		out = append(out, ch.Kind.String()+" "+ch.Subject)
	}
	return out
}

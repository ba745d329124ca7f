package rules_test

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// bucketLabel matches the label of an ISO week, month, quarter, half-year
// or year, and tells its unit by its form.
var bucketLabel = regexp.MustCompile(`^\d{4}(-W\d{2}|-\d{2}|-Q\d|-H\d)?$`)

// per2024and2025 is 2024 and 2025.
var per2024and2025 = timespan.NewDateRange(date.New(2024, time.January, 1), date.New(2026, time.January, 1))

func unitOfLabel(label string) schedule.Unit {
	switch {
	case strings.Contains(label, "-W"):
		return schedule.Week
	case strings.Contains(label, "-Q"):
		return schedule.Quarter
	case strings.Contains(label, "-H"):
		return schedule.HalfYear
	case strings.Contains(label, "-"):
		return schedule.Month
	}
	return schedule.Year
}

// TestCadenceBucketsJudgedOnce evaluates the shipped testdata for 2024 and
// then for 2025 and checks that every cadence rule judges each ISO week,
// month, quarter, half-year and year exactly once across the two: the
// buckets a rule checked bucket by bucket (each: buckets(...)) are its
// subjects, those of a rule with cadence() or rhythm() its evidence
// "beurteilt" (Cadence.Judged). Where a rule judged a centre in both
// years, together they judged every bucket whose last day lies in 2024 or
// 2025: 2025-W01, which begins on 30.12.2024, in 2025, and no bucket twice.
func TestCadenceBucketsJudgedOnce(t *testing.T) {
	progs, diags := rules.LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eachBuckets := map[string]bool{}
	for _, p := range progs {
		for _, r := range p.Rules {
			if strings.Contains(r.Each, "buckets(") {
				eachBuckets[p.ID+" "+r.ID] = true
			}
		}
	}
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach", "../testdata/thueringen", "../testdata/wiesbaden")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	eng, err := rules.NewEngine(progs)
	if err != nil {
		t.Fatal(err)
	}
	judged := map[string]map[string][]string{} // "programme rule subject" → label → years
	years := map[string]map[string]bool{}      // "programme rule subject" → years with a judgment
	add := func(key, label, year string) {
		if judged[key] == nil {
			judged[key], years[key] = map[string][]string{}, map[string]bool{}
		}
		judged[key][label] = append(judged[key][label], year)
		years[key][year] = true
	}
	for _, year := range []string{"2024", "2025"} {
		per, err := rules.ParsePeriod(year)
		if err != nil {
			t.Fatal(err)
		}
		evResults, err := eng.Evaluate(context.Background(), ds, per)
		results := evResults.Results()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Outcome == rules.OutcomeError {
				t.Errorf("%s %s %s: %s", year, r.Rule, r.Subject, r.Error)
			}
			if eachBuckets[r.Programme+" "+r.Rule] && r.Outcome != rules.OutcomeNotApplicable {
				i := strings.LastIndex(r.Subject, "/")
				if label := r.Subject[i+1:]; bucketLabel.MatchString(label) {
					add(r.Programme+" "+r.Rule+" "+r.Subject[:max(i, 0)], label, year)
				}
			}
			for _, ev := range r.Evidence {
				if ev.Name != "beurteilt" {
					continue
				}
				labels, ok := ev.Value.([]string)
				if !ok {
					t.Fatalf("%s %s: evidence beurteilt is %T, want []string", r.Rule, r.Subject, ev.Value)
				}
				for _, label := range labels {
					add(r.Programme+" "+r.Rule+" "+r.Subject, label, year)
				}
			}
		}
	}
	both := 0
	rulesSeen := map[string]bool{}
	keys := make([]string, 0, len(judged))
	for key := range judged {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		labels := judged[key]
		var unit schedule.Unit
		for label, ys := range labels {
			if len(ys) != 1 {
				t.Errorf("%s: %s judged %d times (%v)", key, label, len(ys), ys)
			}
			unit = unitOfLabel(label)
		}
		want, _, err := schedule.JudgedBuckets(per2024and2025, unit, schedule.WholeEdges)
		if err != nil {
			t.Fatal(err)
		}
		expected := map[string]bool{}
		for _, b := range want {
			expected[b.Label] = true
		}
		for label := range labels {
			if !expected[label] {
				t.Errorf("%s: %s does not end in 2024 or 2025", key, label)
			}
		}
		if !years[key]["2024"] || !years[key]["2025"] {
			continue
		}
		both++
		rulesSeen[strings.Join(strings.Fields(key)[:2], " ")] = true
		for _, b := range want {
			if len(labels[b.Label]) == 0 {
				t.Errorf("%s: %s was judged neither in 2024 nor in 2025", key, b.Label)
			}
		}
	}
	if both == 0 {
		t.Fatal("no cadence rule judged a centre in both years")
	}
	names := make([]string, 0, len(rulesSeen))
	for name := range rulesSeen {
		names = append(names, name)
	}
	sort.Strings(names)
	t.Logf("%d rule and subject pairs judged in both years, by the rules %s", both, strings.Join(names, ", "))
}

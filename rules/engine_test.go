package rules_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

func loadFixture(t testing.TB, opts ...rules.LoadOption) *rules.RuleSet {
	t.Helper()
	b, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, diags := rules.Load("testdata/fixture.yaml", b, opts...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return p
}

func fixtureData(t testing.TB) *kiez.Dataset {
	t.Helper()
	ds, diags := kiez.LoadFiles("testdata/programme.yaml", "testdata/centre-short.yaml")
	diags = append(diags, ds.Validate()...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return ds
}

// TestEvaluateConcurrently runs one engine from many goroutines at once;
// run with -race.
func TestEvaluateConcurrently(t *testing.T) {
	eng, err := rules.NewEngine([]*rules.RuleSet{loadFixture(t)}, rules.WithWorkers(3))
	if err != nil {
		t.Fatal(err)
	}
	ds := fixtureData(t)
	evWant, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	want := evWant.Results()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			evGot, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
			got := evGot.Results()
			if err != nil {
				errs <- err.Error()
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				errs <- diff
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestEvaluateCancelled(t *testing.T) {
	eng, err := rules.NewEngine([]*rules.RuleSet{loadFixture(t)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := eng.Evaluate(ctx, fixtureData(t), rules.Year(2024)); err != context.Canceled {
		t.Errorf("Evaluate with a cancelled context: err = %v, want context.Canceled", err)
	}
}

// hostile returns the fixture with one more rule whose assertion is expr.
func hostile(expr string) []byte {
	b, _ := os.ReadFile("testdata/fixture.yaml")
	rule := fmt.Sprintf("  - id: feindlich\n    title: Feindlicher Ausdruck\n    requirements: [MS-01]\n    assert: %s\n    message: x\n", expr)
	return []byte(strings.Replace(string(b), "manual:", rule+"manual:", 1))
}

func TestHostileExpressions(t *testing.T) {
	t.Run("deep nesting is refused at load", func(t *testing.T) {
		expr := strings.Repeat("(", 3000) + "true" + strings.Repeat(")", 3000)
		_, diags := rules.Load("h.yaml", hostile(expr))
		if !diags.HasErrors() {
			t.Fatal("no error for 3000 levels of parentheses")
		}
	})
	t.Run("too many nodes are refused at load", func(t *testing.T) {
		expr := strings.Repeat("1 + ", 3000) + "1 > 0"
		_, diags := rules.Load("h.yaml", hostile(expr))
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "exceeds maximum allowed nodes") {
			t.Fatalf("diags = %v, want a node-limit error", diags)
		}
	})
	for name, expr := range map[string]string{
		"huge range":         "len(1..100000000) > 0",
		"huge nested map":    "len(map(1..5000, map(1..5000, #))) > 0",
		"huge string repeat": `len(repeat("x", 1000000000)) > 0`,
	} {
		t.Run(name+" is stopped at run time", func(t *testing.T) {
			p, diags := rules.Load("h.yaml", hostile(expr))
			if diags.HasErrors() {
				return // refused at load: fine too
			}
			eng, _ := rules.NewEngine([]*rules.RuleSet{p})
			evRes, err := eng.Evaluate(context.Background(), fixtureData(t), rules.Year(2024))
			res := evRes.Results()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				if r.Rule == "feindlich" && r.Outcome != rules.OutcomeError {
					t.Errorf("outcome = %s (%s), want error", r.Outcome, r.Message)
				}
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	b, _ := os.ReadFile("testdata/fixture.yaml")
	f.Add(string(b))
	f.Add("programme: x\nname: y\nrules:\n  - {id: a, title: t, requirements: [A-01], assert: 'true', message: m}\n")
	f.Add("params:\n  p: {type: period, history: [{from: 2024-01-01, value: P6W}]}\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, _ := rules.Load("fuzz.yaml", []byte(text))
		if p != nil {
			eng, err := rules.NewEngine([]*rules.RuleSet{p})
			if err != nil {
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_, _ = eng.Evaluate(ctx, &kiez.Dataset{Centres: []kiez.Centre{{ID: "c", Programme: p.ID}}}, rules.Year(2024))
		}
	})
}

// benchRules writes a rule file with n rules of the kinds real
// programmes have: cadence, gaps, staffing, evidence and list checks.
func benchRules(n int) []byte {
	var b strings.Builder
	b.WriteString("programme: bench\nname: Benchmark\nland: DE-HE\nrequirements:\n  - {id: BE-01, text: Benchmark}\n")
	b.WriteString("params:\n  minHours: {type: decimal, history: [{from: 2020-01-01, value: 2}]}\n  gap: {type: days, history: [{from: 2020-01-01, value: 42}]}\nrules:\n")
	kinds := []string{
		`assert: cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0, calendar(centre, programme)).ok`,
		`assert: gaps(dates(themed(sessionsOf(centre, "elterncafe", period))), period, params.gap).ok`,
		"each: centre.staff\n    when: item.role == \"leitung-familienzentrum\"\n    assert: item.releaseHoursPerWeek >= params.minHours",
		`assert: latestEvidence(centre, "bedarfsanalyse", period.until) != nil`,
		`assert: len(missing(["begegnung", "beratung", "bildung", "begleitung"], flatten(map(offersOf(centre, "", period), .fields)))) == 0`,
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  - id: r%d\n    title: Regel %d\n    requirements: [BE-01]\n    %s\n    message: \"Regel %d\"\n", i, i, kinds[i%len(kinds)], i)
	}
	return []byte(b.String())
}

// benchCentre is one centre with a year of weekly sessions.
func benchCentre() *kiez.Dataset {
	c := kiez.Centre{ID: "c", Name: "C", Programme: "bench", Kind: "family-centre", Provider: "p",
		Staff:    []kiez.Position{{ID: "l", Role: "leitung-familienzentrum", HoursPerWeek: decimal.NewFromInt(39), ReleaseHoursPerWeek: decimal.NewFromInt(2)}},
		Offers:   []kiez.Offer{{ID: "cafe", Title: "Elterncafé", Kind: "elterncafe", Fields: []string{"begegnung", "beratung", "bildung", "begleitung"}}},
		Evidence: []kiez.Evidence{{Kind: "bedarfsanalyse", Date: date.New(2024, 3, 1)}},
	}
	for d := date.New(2024, 1, 2); d.Year() == 2024; d = d.Add(7) {
		c.Sessions = append(c.Sessions, kiez.Session{Offer: "cafe", Date: d, Themed: d.YearDay()%28 < 7, Theme: "Thema"})
	}
	return &kiez.Dataset{Programmes: []kiez.Programme{{ID: "bench", Land: "DE-HE"}}, Centres: []kiez.Centre{c}}
}

func BenchmarkCompile50Rules(b *testing.B) {
	src := benchRules(50)
	for b.Loop() {
		if _, diags := rules.Load("bench.yaml", src); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkEvaluate50RulesOneCentre(b *testing.B) {
	p, diags := rules.Load("bench.yaml", benchRules(50))
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	eng, _ := rules.NewEngine([]*rules.RuleSet{p}, rules.WithWorkers(1), rules.WithoutValidation())
	ds := benchCentre()
	year := rules.Year(2024)
	for b.Loop() {
		evRes, err := eng.Evaluate(context.Background(), ds, year)
		res := evRes.Results()
		if err != nil || len(res) != 50 {
			b.Fatalf("%d results, %v", len(res), err)
		}
	}
}

// BenchmarkThreeChecksEngine and BenchmarkThreeChecksPlainGo run the same
// three representative checks — a weekly cadence with closures, the
// release-time comparison, the latest needs analysis — through the engine
// and as plain Go, to show the engine's overhead as a ratio.
func BenchmarkThreeChecksEngine(b *testing.B) {
	p, diags := rules.Load("bench.yaml", benchRules(4)) // rules 0, 2 and 3 are the three; 1 is a gap check
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	eng, _ := rules.NewEngine([]*rules.RuleSet{p}, rules.WithWorkers(1), rules.WithoutValidation())
	ds := benchCentre()
	year := rules.Year(2024)
	for b.Loop() {
		if _, err := eng.Evaluate(context.Background(), ds, year); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkThreeChecksPlainGo(b *testing.B) {
	ds := benchCentre()
	c := &ds.Centres[0]
	year := timespan.NewYearOf(2024)
	minHours := decimal.NewFromInt(2)
	for b.Loop() {
		var dates, themed []date.Date
		for _, s := range c.Sessions {
			if s.Offer == "cafe" && year.Contains(s.Date) {
				dates = append(dates, s.Date)
				if s.Themed {
					themed = append(themed, s.Date)
				}
			}
		}
		cl, _ := schedule.NewClosures()
		res, err := schedule.CheckCount(dates, year, schedule.Target{Per: schedule.Week, Min: 1}, schedule.WithClosures(cl),
			schedule.WithWorkdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday), schedule.WithHolidays("DE-HE"))
		if err != nil {
			b.Fatal(err)
		}
		_ = res.OK()
		if _, err := schedule.CheckGaps(themed, year, 42); err != nil {
			b.Fatal(err)
		}
		for _, s := range c.Staff {
			if s.Role == "leitung-familienzentrum" {
				_ = s.ReleaseHoursPerWeek.GreaterThanOrEqual(minHours)
			}
		}
		found := false
		for _, e := range c.Evidence {
			if e.Kind == "bedarfsanalyse" && !e.Date.After(year.Last()) {
				found = true
			}
		}
		_ = found
	}
}

func TestExplain(t *testing.T) {
	eng, err := rules.NewEngine([]*rules.RuleSet{loadFixture(t)})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := eng.Explain(context.Background(), fixtureData(t), rules.Year(2024), "freistellung", "c2/l2")
	if err != nil {
		t.Fatal(err)
	}
	type part struct{ Name, Text string }
	var got []part
	for _, p := range ex.Parts {
		got = append(got, part{p.Name, p.Text})
	}
	want := []part{{"item.releaseHoursPerWeek", "1,5"}, {"params.releaseHours", "2"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("explained parts (-want +got):\n%s", diff)
	}
	if ex.Result.Outcome != rules.OutcomeFail || ex.Assert != "item.releaseHoursPerWeek >= params.releaseHours" {
		t.Errorf("explanation = %+v", ex)
	}
	if _, err := eng.Explain(context.Background(), fixtureData(t), rules.Year(2024), "freistellung", "c9/x"); err == nil {
		t.Error("Explain of an unknown subject: no error")
	}
	if _, err := eng.Explain(context.Background(), fixtureData(t), rules.Year(2024), "gibt-es-nicht", "c2"); err == nil {
		t.Error("Explain of an unknown rule: no error")
	}
}

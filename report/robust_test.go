package report_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// TestBadInput gives the builders input they must reject with an error.
func TestBadInput(t *testing.T) {
	ds := &kiez.Dataset{}
	year := timespan.NewYearOf(2024)
	cases := map[string]func() error{
		"no evaluation": func() error { _, err := report.Compliance(nil); return err },
		"unknown centre": func() error {
			_, err := report.CentreAnnual(evaluation(t, ds, nil, nil, year), "nowhere")
			return err
		},
		"unknown programme": func() error {
			_, err := report.ProgrammeAnnual(evaluation(t, ds, nil, nil, year), "nowhere")
			return err
		},
		"unknown programme staffing": func() error {
			_, err := report.Staffing(evaluation(t, ds, nil, nil, year), "nowhere")
			return err
		},
		"plan year": func() error {
			_, _, err := report.Plan(evaluation(t, ds, nil, nil, year), "x", 0)
			return err
		},
		"language": func() error {
			_, err := report.Compliance(evaluation(t, ds, nil, nil, year), report.WithLanguage("fr"))
			return err
		},
		"threshold": func() error {
			_, err := report.Compliance(evaluation(t, ds, nil, nil, year), report.WithThreshold(0))
			return err
		},
		"full time": func() error {
			_, err := report.Compliance(evaluation(t, ds, nil, nil, year), report.WithFullTimeHours(decimal.NewFromInt(-1)))
			return err
		},
		"nil report": func() error { return report.WriteHTML(io.Discard, nil) },
		"format":     func() error { return report.Write(io.Discard, &report.Report{}, "pdf") },
	}
	for name, f := range cases {
		if err := f(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := report.ParseFormat("markdown"); err != nil {
		t.Error(err)
	}
}

// TestOddData builds every report of a dataset that validation would
// reject in places — sessions of unknown offers, unreadable recurrences,
// meetings on one day, facilitation outside the period, results of an
// unknown centre with evidence of every kind — and renders them: nothing
// may panic.
func TestOddData(t *testing.T) {
	d := func(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }
	from, until := d(2024, 3, 1), d(2023, 1, 1)
	ds := &kiez.Dataset{
		Programmes: []kiez.Programme{{ID: "p", Name: "P", Land: "XX", Meetings: []kiez.Meeting{
			{Kind: "qualitaets-ag", Date: d(2024, 1, 31)}, {Kind: "qualitaets-ag", Date: d(2024, 1, 31)},
			{Kind: "unbekannt", Date: d(2024, 2, 29), Cancelled: true},
		}}},
		Centres: []kiez.Centre{{
			ID: "c", Programme: "p", Phases: []kiez.Phase{{Phase: "x", From: d(2030, 1, 1)}},
			Offers: []kiez.Offer{
				{ID: "o1", Recurrence: "FREQ=SOMETIMES", Fields: []string{"begegnung"}},
				{ID: "o2", Recurrence: "FREQ=MONTHLY;BYMONTHDAY=31", From: &from},
				{ID: "o3", Recurrence: "FREQ=WEEKLY;COUNT=3", Until: &until},
				{ID: "o4", Recurrence: "FREQ=DAILY"},
			},
			Sessions: []kiez.Session{
				{Offer: "missing", Date: d(2024, 5, 5), Attendance: kiez.Attendance{Adults: 1}},
				{Offer: "o2", Date: d(2024, 12, 31), Cancelled: true},
				{Offer: "o4", Date: d(2024, 2, 29), Attendance: kiez.Attendance{Families: 2}, Kita: "k"},
			},
			Staff: []kiez.Position{{ID: "s-1", Role: "neu", HoursPerWeek: decimal.NewFromInt(-3)}},
			Facilitation: []kiez.FacilitationHours{
				{Month: kiez.Month{Year: 1999, Month: 1}, Hours: decimal.NewFromInt(1), By: "nobody"},
				{Month: kiez.Month{Year: 2024, Month: 2}, Hours: decimal.NewFromInt(2)},
			},
			Budget:      []kiez.BudgetLine{{Year: 2024, Category: "c", Planned: decimal.Zero, Spent: decimal.NewFromInt(5)}},
			Targets:     []kiez.Target{{ID: "t", Year: 2024, Metric: "unknown"}, {ID: "u", Year: 2024, Metric: "families", OfferKind: "x"}},
			ImpactGoals: []kiez.ImpactGoal{{ID: "g"}},
			Evidence:    []kiez.Evidence{{Kind: "sachbericht", Year: 1, Date: d(9999, 12, 31)}, {Kind: "sachbericht", Year: 2024, Date: d(2024, 2, 29)}},
			Catchment:   []kiez.Kita{{ID: "k"}},
			Meetings:    []kiez.Meeting{{Kind: "netzwerktreffen", Date: d(2024, 12, 31), Kitas: []string{"k", "z"}}},
		}},
		Waivers: []kiez.Waiver{{ID: "w", Reason: "geheim"}},
	}
	results := []rules.Result{
		{Programme: "p", Rule: "r", Centre: "ghost", Subject: "ghost/x", Outcome: rules.OutcomeFail,
			Evidence: []rules.Evidence{{Name: "n", Value: rules.Cadence{}}, {Name: "h", Value: rules.HoursCheck{}}, {Name: "z", Value: make(chan int)}},
			Waiver:   &rules.WaiverRef{ID: "w"}},
		{Programme: "p", Rule: "r", Centre: "c", Subject: "c/s-1", Outcome: rules.Outcome(99)},
		{Programme: "q", Rule: "r", Subject: "q"},
	}
	for _, period := range []timespan.DateRange{timespan.NewYearOf(2024), timespan.NewDateRange(d(2024, 2, 29), d(2024, 3, 1)),
		timespan.NewDateRange(d(1, 1, 1), d(9999, 12, 31))} {
		in := evaluation(t, ds, nil, results, period)
		for _, opts := range [][]report.Option{nil, {report.WithPublished(), report.WithThreshold(1000)},
			{report.WithLanguage(report.English), report.WithFullTimeHours(decimal.NewFromInt(39))}, {report.WithCentres("none")}} {
			var built []*report.Report
			add := func(r *report.Report, err error) {
				if err != nil {
					t.Errorf("period %v: %v", period, err)
					return
				}
				built = append(built, r)
			}
			add(report.Compliance(in, opts...))
			add(report.CentreAnnual(in, "c", opts...))
			add(report.ProgrammeAnnual(in, "p", opts...))
			add(report.Staffing(in, "p", opts...))
			r, cal, err := report.Plan(in, "p", 2025, opts...)
			add(r, err)
			if err == nil {
				if _, err := cal.WriteTo(io.Discard); err != nil {
					t.Errorf("calendar: %v", err)
				}
			}
			for _, r := range built {
				for _, f := range append(report.Formats(), report.FormatXLSX) {
					if err := report.Write(io.Discard, r, f); err != nil {
						t.Errorf("%s %s: %v", r.Kind, f, err)
					}
				}
			}
		}
	}
}

// TestRandomReports renders reports of random shape — short rows, charts
// of missing tables and columns, values of the wrong type, huge numbers —
// in every format: the renderers may fail with an error, never panic.
func TestRandomReports(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	types := []report.ColumnType{report.TypeText, report.TypeCount, report.TypeDecimal, report.TypeDate, report.TypeOutcome, "odd"}
	values := []any{nil, 0, -7, 1 << 40, "x|*<b>&", decimal.RequireFromString("-123456789.987654321"), date.New(2024, 2, 29),
		rules.OutcomeFail, rules.Outcome(0), 3.5, []int{1}}
	for i := 0; i < 300; i++ {
		var r report.Report
		r.Title = strings.Repeat("#", rng.IntN(3)) + "Bericht\n<x>"
		r.Language = []report.Language{report.German, report.English, "xx"}[rng.IntN(3)]
		for s := 0; s < rng.IntN(3); s++ {
			sec := report.Section{ID: fmt.Sprint(s), Title: "S"}
			for k := 0; k < rng.IntN(3); k++ {
				tb := report.Table{ID: fmt.Sprint("t", k), Title: "S"}
				for c := 0; c < rng.IntN(5); c++ {
					tb.Columns = append(tb.Columns, report.Column{Key: fmt.Sprint("c", c), Type: types[rng.IntN(len(types))],
						Persons: rng.IntN(2) == 0, Places: rng.IntN(40) - 5, SumOf: []string{"c0", "nope"}})
				}
				for row := 0; row < rng.IntN(6); row++ {
					var cells []report.Cell
					for c := 0; c < rng.IntN(6); c++ {
						cells = append(cells, report.Cell{Value: values[rng.IntN(len(values))], Text: "-=1",
							Suppressed: []report.Suppression{"", report.Primary, "weird"}[rng.IntN(3)]})
					}
					tb.Rows = append(tb.Rows, report.Row{Cells: cells, Total: rng.IntN(3) == 0})
				}
				sec.Tables = append(sec.Tables, tb)
				sec.Charts = append(sec.Charts, report.Chart{ID: "ch", Table: []string{"t0", "t1", "none"}[rng.IntN(3)],
					Type: []report.ChartType{report.ChartBar, report.ChartLine, "pie"}[rng.IntN(3)], Category: "c0",
					Series: []string{"c1", "c2", "c9"}, Stacked: rng.IntN(2) == 0, Horizontal: rng.IntN(2) == 0})
			}
			r.Sections = append(r.Sections, sec)
		}
		for _, f := range append(report.Formats(), report.FormatXLSX) {
			_ = report.Write(io.Discard, &r, f)
		}
	}
}

// TestConcurrent builds and renders the same reports from many goroutines
// at once (run with -race): the builders and renderers share nothing.
func TestConcurrent(t *testing.T) {
	data := testdata(t)
	var wg sync.WaitGroup
	outputs := make([][]byte, 8)
	for i := range outputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := data[i%len(data)]
			r, err := report.ProgrammeAnnual(p.in, p.id, report.WithPublished())
			if err != nil {
				t.Error(err)
				return
			}
			var buf bytes.Buffer
			for _, f := range append(report.Formats(), report.FormatXLSX) {
				if err := report.Write(&buf, r, f); err != nil {
					t.Error(err)
				}
			}
			outputs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i := len(data); i < len(outputs); i++ {
		if !bytes.Equal(outputs[i], outputs[i-len(data)]) {
			t.Errorf("run %d differs from run %d: the output is not deterministic", i, i-len(data))
		}
	}
}

// TestRequiredFromCadence shows what the rules counted against what they
// required when a rule's evidence holds the cadence check itself.
func TestRequiredFromCadence(t *testing.T) {
	ds := &kiez.Dataset{Centres: []kiez.Centre{{ID: "c", Name: "Zentrum", Programme: "p"}}}
	check := rules.Cadence{Total: 11, Missed: []rules.Stretch{{Label: "2024-07", From: date.New(2024, 7, 1), Until: date.New(2024, 7, 31)}}, Detail: schedule.CountResult{Buckets: []schedule.BucketCount{
		{Count: 1, Min: 1}, {Count: 0, Min: 1}, {Count: 0, Min: 1, Excused: true, Reason: "closed"}}}}
	in := evaluation(t, ds, nil, []rules.Result{{Programme: "p", Rule: "monatlich",
		Title: "Monatliches Treffen", Centre: "c", Subject: "c", Outcome: rules.OutcomeFail, Requirements: []string{"P-01"},
		Evidence: []rules.Evidence{{Name: "termine", Value: check}}}}, timespan.NewYearOf(2024))
	r, err := report.CentreAnnual(in, "c")
	if err != nil {
		t.Fatal(err)
	}
	s := r.Section("required")
	if s == nil || s.Table("required") == nil {
		t.Fatal("no section of counted against required")
	}
	var got []string
	for _, c := range s.Table("required").Rows[0].Cells {
		got = append(got, c.Text)
	}
	want := []string{"Monatliches Treffen", "P-01", "11", "2", "2024-07 (01.07.–31.07.)", "nicht erfüllt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("row (-want +got):\n%s", diff)
	}
}

// TestRefuseProblemsOnly: a report needs every verdict's message, so an
// evaluation made WithDetailsForProblemsOnly is refused with a reason.
func TestRefuseProblemsOnly(t *testing.T) {
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	sets, diags := rules.LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, problemsOnly := range []bool{false, true} {
		opts := []rules.EngineOption{}
		if problemsOnly {
			opts = append(opts, rules.WithDetailsForProblemsOnly())
		}
		eng, err := rules.NewEngine(sets, opts...)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
		if err != nil {
			t.Fatal(err)
		}
		_, err = report.Compliance(ev)
		if got := err != nil && strings.Contains(err.Error(), "WithDetailsForProblemsOnly"); got != problemsOnly || ev.PassDetails() == problemsOnly {
			t.Errorf("problems only %v: PassDetails %v, Compliance error %v", problemsOnly, ev.PassDetails(), err)
		}
	}
}

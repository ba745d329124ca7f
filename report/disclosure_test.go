package report_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// smallCentres generates a programme with, when big, one large centre,
// and `small` centres of 1–5 participants per month (adults and
// children), each with a single Leitung and a note, as the disclosure
// tests need.
func smallCentres(seed uint64, small int, big bool) *kiez.Dataset {
	rng := rand.New(rand.NewPCG(seed, 13))
	dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	offers := []kiez.Offer{
		{ID: "cafe", Title: "Elterncafé", Kind: "elterncafe", Fields: []string{"begegnung"}},
		{ID: "kurs", Title: "Elternkurs", Kind: "elternbildung", Fields: []string{"bildung"}},
	}
	centre := func(id, name string, per func() (adults, children, families int)) kiez.Centre {
		c := kiez.Centre{ID: id, Name: name, Programme: "kleinstadt", Kind: "family-centre",
			Location: kiez.Location{Municipality: "Kleinstadt"}, Offers: offers,
			Note: "Vertraulich: die Leitung von " + name + " ist seit März krank gemeldet."}
		for m := time.January; m <= time.December; m++ {
			a, ch, f := per()
			c.Sessions = append(c.Sessions, kiez.Session{Offer: []string{"cafe", "kurs"}[int(m)%2], Date: date.New(2024, m, 10),
				Attendance: kiez.Attendance{Adults: a, Children: ch, Families: f}})
		}
		return c
	}
	ds := &kiez.Dataset{Programmes: []kiez.Programme{{ID: "kleinstadt", Name: "Familienzentren Kleinstadt", Land: "DE-RP",
		FullTimeHours: dec("39")}}}
	if big {
		c := centre("fz-gross", "Familienzentrum Groß", func() (int, int, int) {
			return 20 + rng.IntN(40), 10 + rng.IntN(30), 8 + rng.IntN(20)
		})
		c.Staff = []kiez.Position{
			{ID: "gross-leitung", Role: "leitung-familienzentrum", HoursPerWeek: dec("39"), ReleaseHoursPerWeek: dec("10")},
			{ID: "gross-ks-1", Role: "kita-sozialarbeit", HoursPerWeek: dec("30")},
			{ID: "gross-ks-2", Role: "kita-sozialarbeit", HoursPerWeek: dec("25")},
			{ID: "gross-ks-3", Role: "kita-sozialarbeit", HoursPerWeek: dec("19.5")},
		}
		ds.Centres = append(ds.Centres, c)
	}
	for i := 0; i < small; i++ {
		c := centre(fmt.Sprintf("fz-klein-%d", i+1), fmt.Sprintf("Familienzentrum Klein %d", i+1), func() (int, int, int) {
			n := 1 + rng.IntN(5) // 1–5 participants
			a := rng.IntN(n + 1)
			return a, n - a, 1 + rng.IntN(min(n, 3))
		})
		c.Staff = []kiez.Position{{ID: fmt.Sprintf("klein-%d-leitung", i+1), Role: "leitung-familienzentrum",
			HoursPerWeek: dec(fmt.Sprintf("%d.5", 20+i)), ReleaseHoursPerWeek: dec(fmt.Sprintf("%d.25", 3+i))}}
		ds.Centres = append(ds.Centres, c)
	}
	return ds
}

// buildLimit is the time a published report of the generated
// programmes may take to build, its suppression and audit included
// (they take milliseconds): a suppression that goes round in circles
// fails the test instead of hanging it.
const buildLimit = 10 * time.Second

// allPublished builds every published report of a generated dataset,
// each within buildLimit.
func allPublished(t *testing.T, in *rules.Evaluation, programme string, threshold int) map[string]*report.Report {
	t.Helper()
	opts := []report.Option{report.WithPublished(), report.WithThreshold(threshold)}
	out := map[string]*report.Report{}
	start := time.Now()
	add := func(name string, r *report.Report, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s (threshold %d): %v", name, threshold, err)
		}
		if d := time.Since(start); d > buildLimit {
			t.Errorf("%s (threshold %d): building took %v, more than %v", name, threshold, d, buildLimit)
		}
		out[name] = r
		start = time.Now()
	}
	r, err := report.Compliance(in, opts...)
	add("compliance", r, err)
	r, err = report.ProgrammeAnnual(in, programme, opts...)
	add("programme-annual", r, err)
	r, err = report.Staffing(in, programme, opts...)
	add("staffing", r, err)
	for _, c := range in.Dataset().Centres {
		r, err = report.CentreAnnual(in, c.ID, opts...)
		add(c.ID, r, err)
	}
	return out
}

// TestAuditPublished runs the disclosure audit on every published report
// of generated programmes with several centres of 1–5 participants per
// month (thresholds 3 and 5): every one must pass. TestPublished audits
// every published report of the shipped testdata (thresholds 3 and 40).
func TestAuditPublished(t *testing.T) {
	suppressed := 0
	for seed := uint64(1); seed <= 4; seed++ {
		in := evaluation(t, smallCentres(seed, int(seed), seed%2 == 1), nil, nil, timespan.NewYearOf(2024))
		for _, threshold := range []int{3, 5} {
			for name, r := range allPublished(t, in, "kleinstadt", threshold) {
				if err := report.Audit(r); err != nil {
					t.Errorf("seed %d, %s (threshold %d): %v", seed, name, threshold, err)
				}
				suppressed += countSuppressed(r)
			}
		}
	}
	if suppressed == 0 {
		t.Fatal("the generated programmes suppressed nothing: the test would prove nothing")
	}
}

func countSuppressed(r *report.Report) int {
	n := 0
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			for _, row := range tb.Rows {
				for _, c := range row.Cells {
					if c.Suppressed != report.NotSuppressed {
						n++
					}
				}
			}
		}
	}
	return n
}

// TestCrossTableAttack attacks the published programme report of a
// programme with one small centre as a reader would, from the cells it
// shows: the monthly table, the centre × month table and the key
// figures share their totals, so the attacker links them by month and
// centre, then solves every relation with a single unknown and every
// relation whose withheld "<n" cells must all be 1 or all n-1. No count
// below the threshold may be recovered. (On the per-table suppression
// of earlier versions this recovered every small centre's months.)
func TestCrossTableAttack(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		in := evaluation(t, smallCentres(seed, 1, seed > 3), nil, nil, timespan.NewYearOf(2024))
		for _, threshold := range []int{3, 5} {
			r, err := report.ProgrammeAnnual(in, "kleinstadt", report.WithPublished(), report.WithThreshold(threshold))
			if err != nil {
				t.Fatal(err)
			}
			if got := attack(t, r, threshold); len(got) > 0 {
				t.Errorf("seed %d, threshold %d: recovered %d withheld counts below the threshold: %v", seed, threshold, len(got), got)
			}
		}
	}
}

// attack returns the withheld counts below the threshold it recovers
// from a published programme report.
func attack(t *testing.T, r *report.Report, threshold int) []string {
	t.Helper()
	type cell struct {
		known  bool
		value  int
		marked bool // "<n"
	}
	vars := map[string]*cell{}
	see := func(name string, c report.Cell) {
		v := vars[name]
		if v == nil {
			v = &cell{}
			vars[name] = v
		}
		if n, ok := c.Value.(int); ok && c.Suppressed == report.NotSuppressed {
			v.known, v.value = true, n
		}
		if c.Suppressed == report.Primary {
			v.marked = true
		}
	}
	var centres, months []string
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			switch tb.ID {
			case "months":
				for _, row := range tb.Rows {
					m := "*"
					if !row.Total {
						m = row.Cells[0].Value.(string)
						months = append(months, m)
					}
					see("att/*/"+m, row.Cells[tb.Column("attendance")])
					see("ad/"+m, row.Cells[tb.Column("adults")])
					see("ch/"+m, row.Cells[tb.Column("children")])
				}
			case "centre-months":
				for _, row := range tb.Rows {
					c := "*"
					if !row.Total {
						c = row.Cells[0].Value.(string)
						centres = append(centres, c)
					}
					for j, col := range tb.Columns[1:] {
						m := col.Key
						if m == "total" {
							m = "*"
						}
						see("att/"+c+"/"+m, row.Cells[j+1])
					}
				}
			case "figures":
				for _, row := range tb.Rows {
					c := "*"
					if !row.Total {
						c = row.Cells[0].Value.(string)
					}
					see("att/"+c+"/*", row.Cells[tb.Column("attendance")])
				}
			}
		}
	}
	if len(centres) == 0 || len(months) == 0 {
		t.Fatal("the programme report has no monthly or centre × month table")
	}
	type eq struct {
		parts []string
		total string
	}
	var eqs []eq
	for _, c := range append(centres, "*") {
		var parts []string
		for _, m := range months {
			parts = append(parts, "att/"+c+"/"+m)
		}
		eqs = append(eqs, eq{parts, "att/" + c + "/*"})
	}
	for _, m := range append(months, "*") {
		var parts []string
		for _, c := range centres {
			parts = append(parts, "att/"+c+"/"+m)
		}
		eqs = append(eqs, eq{parts, "att/*/" + m}, eq{[]string{"ad/" + m, "ch/" + m}, "att/*/" + m})
	}
	for _, k := range []string{"ad", "ch"} {
		var parts []string
		for _, m := range months {
			parts = append(parts, k+"/"+m)
		}
		eqs = append(eqs, eq{parts, k + "/*"})
	}
	var recovered []string
	solved := func(name string, v int) {
		x := vars[name]
		x.known, x.value = true, v
		if x.marked {
			recovered = append(recovered, fmt.Sprintf("%s=%d", name, v))
		}
	}
	for changed := true; changed; {
		changed = false
		for _, e := range eqs {
			all := append([]string{e.total}, e.parts...)
			var unknown []string
			for _, n := range all {
				if vars[n] != nil && !vars[n].known {
					unknown = append(unknown, n)
				}
			}
			if len(unknown) == 0 {
				continue
			}
			// sum of the unknown parts minus the unknown total.
			rest := 0
			if v := vars[e.total]; v != nil && v.known {
				rest = v.value
			}
			totalUnknown := vars[e.total] != nil && !vars[e.total].known
			for _, p := range e.parts {
				if v := vars[p]; v != nil && v.known {
					rest -= v.value
				}
			}
			switch {
			case len(unknown) == 1 && totalUnknown:
				solved(e.total, -rest)
				changed = true
			case len(unknown) == 1:
				solved(unknown[0], rest)
				changed = true
			case !totalUnknown:
				marked := true
				for _, n := range unknown {
					marked = marked && vars[n].marked
				}
				if marked && (rest == len(unknown) || rest == len(unknown)*(threshold-1)) {
					for _, n := range unknown {
						solved(n, rest/len(unknown))
					}
					changed = true
				}
			}
		}
	}
	return recovered
}

// TestAuditFails proves that the audit can fail: on a table whose only
// withheld count is recomputable from its total, on a count one table
// withholds and another shows, and on a published report whose
// secondary suppression is undone.
func TestAuditFails(t *testing.T) {
	count := func(n int) report.Cell { return report.Cell{Value: n, Text: fmt.Sprint(n)} }
	small := report.Cell{Text: "<3", Suppressed: report.Primary}
	people := report.Column{Key: "families", Type: report.TypeCount, Persons: true, Measure: "families"}
	table := func(id string, rows ...report.Row) report.Table {
		return report.Table{ID: id, Columns: []report.Column{{Key: "kita", Type: report.TypeText}, people}, Rows: rows}
	}
	row := func(facet string, c report.Cell) report.Row {
		return report.Row{Facet: facet, Cells: []report.Cell{{Value: facet, Text: facet}, c}}
	}
	total := func(c report.Cell) report.Row {
		return report.Row{Total: true, Cells: []report.Cell{{Text: "Summe"}, c}}
	}
	cases := map[string]*report.Report{
		"one table": {Title: "one table", Published: true, Threshold: 3, Sections: []report.Section{{ID: "s", Tables: []report.Table{
			table("t", row("kita=a", small), row("kita=b", count(50)), total(count(52)))}}}},
		"two tables": {Title: "two tables", Published: true, Threshold: 3, Sections: []report.Section{{ID: "s", Tables: []report.Table{
			table("t1", row("kita=a", small), row("kita=b", report.Cell{Text: "x", Suppressed: report.Secondary}), total(count(52))),
			table("t2", row("kita=b", count(50)))}}}},
		"marks only": {Title: "marks only", Published: true, Threshold: 3, Sections: []report.Section{{ID: "s", Tables: []report.Table{
			table("t", row("kita=a", small), row("kita=b", small), total(count(4)))}}}},
	}
	for name, r := range cases {
		err := report.Audit(r)
		var de *report.DisclosureError
		if !errors.As(err, &de) {
			t.Errorf("%s: Audit = %v, want a DisclosureError", name, err)
			continue
		}
		if de.Exposures[0].Table != "t" && de.Exposures[0].Table != "t1" {
			t.Errorf("%s: exposure %v names the wrong table", name, de.Exposures[0])
		}
	}
	// Protected: the same table with the total withheld too.
	ok := &report.Report{Title: "ok", Published: true, Threshold: 3, Sections: []report.Section{{ID: "s", Tables: []report.Table{
		table("t", row("kita=a", small), row("kita=b", report.Cell{Text: "x", Suppressed: report.Secondary}),
			total(report.Cell{Text: "x", Suppressed: report.Secondary}))}}}}
	if err := report.Audit(ok); err != nil {
		t.Errorf("protected table: %v", err)
	}

	// A weakened suppression of a real report: undo every secondary
	// cell, as the per-table suppression of one line would have left it.
	in := evaluation(t, smallCentres(3, 3, true), nil, nil, timespan.NewYearOf(2024))
	pub, err := report.ProgrammeAnnual(in, "kleinstadt", report.WithPublished())
	if err != nil {
		t.Fatal(err)
	}
	internal, err := report.ProgrammeAnnual(in, "kleinstadt")
	if err != nil {
		t.Fatal(err)
	}
	undone := 0
	for si, s := range pub.Sections {
		for ti, tb := range s.Tables {
			for ri, row := range tb.Rows {
				for ci, c := range row.Cells {
					if c.Suppressed == report.Secondary {
						pub.Sections[si].Tables[ti].Rows[ri].Cells[ci] = internal.Section(s.ID).Table(tb.ID).Rows[ri].Cells[ci]
						undone++
					}
				}
			}
		}
	}
	if undone == 0 {
		t.Fatal("the published report has no secondary cell: the weakening proves nothing")
	}
	var de *report.DisclosureError
	if err := report.Audit(pub); !errors.As(err, &de) {
		t.Fatalf("weakened report: Audit = %v, want a DisclosureError", err)
	}
	if !strings.Contains(de.Error(), "can be narrowed down") {
		t.Errorf("the error does not say what is wrong: %v", de)
	}
}

// TestPublishedStaffing checks that no published report shows the hours
// or release time of a single position: no list of positions, no hours
// per centre, and no row by role with fewer positions than the
// threshold, in the staffing overview, the programme report and the
// centres' reports.
func TestPublishedStaffing(t *testing.T) {
	in := evaluation(t, smallCentres(2, 4, true), nil, nil, timespan.NewYearOf(2024))
	for _, threshold := range []int{3, 5} {
		for name, r := range allPublished(t, in, "kleinstadt", threshold) {
			for _, s := range r.Sections {
				for _, tb := range s.Tables {
					if tb.ID == "positions" || tb.ID == "staff-positions" {
						t.Errorf("%s: lists single positions in table %s", name, tb.ID)
					}
					if tb.ID == "by-centre" && tb.Column("hours") >= 0 {
						t.Errorf("%s: shows hours per centre", name)
					}
					if tb.ID == "figures" {
						for _, row := range tb.Rows {
							if row.Cells[tb.Column("fte")].Value != nil {
								t.Errorf("%s: shows full-time equivalents per centre", name)
							}
						}
					}
					p := tb.Column("positions")
					if tb.Column("release") < 0 || p < 0 {
						continue
					}
					for _, row := range tb.Rows {
						if n, _ := row.Cells[p].Value.(int); n < threshold {
							t.Errorf("%s, table %s: a row of %d positions shows hours", name, tb.ID, n)
						}
					}
				}
			}
		}
	}
	// The internal overview still lists every position.
	r, err := report.Staffing(in, "kleinstadt")
	if err != nil {
		t.Fatal(err)
	}
	if tb := r.Section("positions").Table("positions"); tb == nil || len(tb.Rows) != 8 {
		t.Errorf("the internal overview does not list the 8 positions")
	}
}

// TestPublishedMessages gives the verdicts messages that a rule built
// from a centre's note — in capitals, cut to 20 characters, in the
// middle of other words — and evidence that holds it: no form of the
// note may reach a published report, in any format.
func TestPublishedMessages(t *testing.T) {
	ds := smallCentres(1, 2, true)
	var results []rules.Result
	var forms []string
	for _, c := range ds.Centres {
		note := c.Note
		forms = append(forms, note, strings.ToUpper(note), note[:20], strings.ToLower(note[10:30]))
		for i, msg := range []string{strings.ToUpper(note), note[:20], "Hinweis (" + note[:20] + "…)", strings.ToLower(note[10:30])} {
			results = append(results, rules.Result{Programme: "kleinstadt", Rule: fmt.Sprintf("regel-%d", i), Title: "Leitungsfreistellung",
				Subject: c.ID + "/" + c.Staff[0].ID, Centre: c.ID, Outcome: rules.OutcomeFail, Requirements: []string{"KS-01"},
				Message:  msg,
				Evidence: []rules.Evidence{{Name: "notiz", Text: note, Value: note}, {Name: "freistellung", Text: "3,25", Value: 3.25}}})
		}
	}
	in := evaluation(t, ds, nil, results, timespan.NewYearOf(2024))
	pub, err := report.Compliance(in, report.WithPublished())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range report.Formats() {
		var buf bytes.Buffer
		if err := report.Write(&buf, pub, f); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, form := range forms {
			if strings.Contains(out, form) {
				t.Errorf("%s: the published report shows %q", f, form)
			}
		}
		if !strings.Contains(out, "Die Regel „Leitungsfreistellung“ ist nicht erfüllt.") {
			t.Errorf("%s: the published message is not rebuilt from rule and outcome", f)
		}
	}
	// The internal report keeps the rule's message.
	internal, err := report.Compliance(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, internal); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), strings.ToUpper(ds.Centres[0].Note)) {
		t.Error("the internal report lost the rule's message")
	}
}

// TestAuditRandom audits published reports of random shape — short rows,
// values of the wrong type, negative and huge counts, marks anywhere,
// shared facets: Audit may return an error, never panic.
func TestAuditRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	values := []any{nil, 0, 1, 2, 7, 40, -3, 1 << 40, "x", decimal.RequireFromString("1.5"), 3.5}
	marks := []report.Suppression{"", "", "", report.Primary, report.Secondary, "weird"}
	for i := 0; i < 500; i++ {
		r := &report.Report{Title: "zufällig", Published: true, Threshold: 1 + rng.IntN(5)}
		var sec report.Section
		for k := 0; k < 1+rng.IntN(3); k++ {
			tb := report.Table{ID: fmt.Sprint("t", k), Facet: []string{"", "a=1"}[rng.IntN(2)]}
			for c := 0; c < rng.IntN(5); c++ {
				col := report.Column{Key: fmt.Sprint("c", c), Type: []report.ColumnType{report.TypeCount, report.TypeDecimal, report.TypeText}[rng.IntN(3)],
					Persons: rng.IntN(3) > 0, Measure: []string{"", "m", "n"}[rng.IntN(3)], Facet: []string{"", "f=1", "f=2"}[rng.IntN(3)]}
				if rng.IntN(3) == 0 {
					col.SumOf = []string{"c0", "c1", "nope"}[:1+rng.IntN(3)]
				}
				tb.Columns = append(tb.Columns, col)
			}
			for row := 0; row < rng.IntN(6); row++ {
				rw := report.Row{Total: rng.IntN(3) == 0, Facet: []string{"", "r=1", "r=2", "r=3"}[rng.IntN(4)]}
				for c := 0; c < rng.IntN(6); c++ {
					rw.Cells = append(rw.Cells, report.Cell{Value: values[rng.IntN(len(values))], Suppressed: marks[rng.IntN(len(marks))]})
				}
				tb.Rows = append(tb.Rows, rw)
			}
			sec.Tables = append(sec.Tables, tb)
		}
		r.Sections = append(r.Sections, sec)
		_ = report.Audit(r)
	}
}

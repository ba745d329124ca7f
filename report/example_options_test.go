package report_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// The same verdict in the internal and in the published report: the
// published one rebuilds the message from the rule's title and the
// outcome, as a rule's message may quote any value of the data.
func ExampleWithPublished() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, opts := range [][]report.Option{nil, {report.WithPublished()}} {
		opts = append(opts, report.WithCentres("fz-meisenheim"))
		r, err := report.Compliance(ev, opts...)
		if err != nil {
			fmt.Println(err)
			return
		}
		t := r.Section("centre-fz-meisenheim").Table("results-fz-meisenheim")
		for _, row := range t.Rows {
			if row.Cells[1].Value == "leitungsfreistellung" {
				fmt.Printf("%s | %s | %s\n", row.Cells[2].Text, row.Cells[3].Text, row.Cells[5].Text)
			}
		}
	}
	// Output:
	// Leitung Familienzentrum (lfz-1) | nicht erfüllt | Zusätzliche Leitungsfreistellung mindestens 1,5 Std./Woche, vorgesehen 2 Std./Woche; darunter: 01.01.2024–31.12.2024
	// Leitung Familienzentrum | nicht erfüllt | Die Regel „Zusätzliche Leitungsfreistellung von mindestens 2 Stunden je Woche“ ist nicht erfüllt.
}

// An English report: labels, numbers and dates in English. The rule's
// message stays as its author wrote it, in the rule file's language.
func ExampleWithLanguage() {
	prog, diags := rules.Load("musterstadt.yaml", []byte(musterstadt))
	ds, dataDiags := kiez.Decode("musterstadt-daten.yaml", []byte(centres))
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Compliance(ev, report.WithLanguage(report.English), report.WithCentres("fz-nord"))
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := report.WriteMarkdown(&b, r); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "- ") || strings.Contains(line, "MS-01") {
			fmt.Println(line)
		}
	}
	// Output:
	// # Compliance report 2024
	// - **Period:** 2024-01-01 – 2024-12-31
	// - **Rule set:** Familienzentren Musterstadt 1
	// - **Edition:** internal (not for publication)
	// | MS-01 | Leitungsfreistellung | Head of family centre (leitung-1) | fail | error | Freistellung 1,5 h/Woche, gefordert 2 h/Woche | – | – | Konzept § 1 |
}

// Full-time equivalents depend on the full-time week, which differs
// between collective agreements; without the option the programme's
// fullTimeHours in the data decide.
func ExampleWithFullTimeHours() {
	ds, diags := kiez.Decode("musterstadt-daten.yaml", []byte(centres))
	eng, err := rules.NewEngine(nil)
	if err := errors.Join(diags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, week := range []int64{39, 40} {
		r, err := report.Staffing(ev, "musterstadt", report.WithFullTimeHours(decimal.NewFromInt(week)))
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, row := range r.Section("by-centre").Table("by-centre").Rows {
			if row.Total {
				fmt.Printf("%d h: %s Stunden, %s Vollzeitäquivalente\n", week, row.Cells[2].Text, row.Cells[3].Text)
			}
		}
	}
	// Output:
	// 39 h: 69 Stunden, 1,77 Vollzeitäquivalente
	// 40 h: 69 Stunden, 1,73 Vollzeitäquivalente
}

// The stamp says when a report was made; the output never reads the
// clock, so without it a report shows no date and the plan's calendar is
// stamped with the plan's first day.
func ExampleWithStamp() {
	set, diags := rules.LoadEmbedded("thueringen-thekiz")
	ds, dataDiags := kiez.LoadFiles("../testdata/thueringen")
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, opts := range [][]report.Option{nil, {report.WithStamp(time.Date(2024, 12, 2, 14, 30, 0, 0, time.UTC))}} {
		r, cal, err := report.Plan(ev, "thueringen-thekiz", 2025, opts...)
		if err != nil {
			fmt.Println(err)
			return
		}
		stamp := "–"
		for _, f := range r.Meta {
			if f.Key == "stamp" {
				stamp = f.Value
			}
		}
		fmt.Println(stamp, "|", cal.Stamp.Format(time.RFC3339))
	}
	// Output:
	// – | 2025-01-01T00:00:00Z
	// 02.12.2024 14:30 UTC | 2024-12-02T14:30:00Z
}

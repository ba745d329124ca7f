package report_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/report"
)

// BenchmarkProgrammeAnnual builds Wiesbaden's programme report of 2024.
func BenchmarkProgrammeAnnual(b *testing.B) {
	p := testdata(b)[0]
	for b.Loop() {
		if _, err := report.ProgrammeAnnual(p.in, p.id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteHTML renders Wiesbaden's compliance report of 2024 as HTML.
func BenchmarkWriteHTML(b *testing.B) {
	p := testdata(b)[0]
	r, err := report.Compliance(p.in)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := report.WriteHTML(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAudit audits the biggest published report of the shipped
// testdata — the programme report with the most cells of people, at the
// default threshold 3 and at 40 — and the programme report of a
// generated programme of one large and ten small centres (1–5
// participants a month) at threshold 5, where most cells are withheld.
func BenchmarkAudit(b *testing.B) {
	type bench struct {
		name string
		r    *report.Report
	}
	var cases []bench
	for _, threshold := range []int{3, 40} {
		var biggest *report.Report
		cells := -1
		for _, p := range testdata(b) {
			r, err := report.ProgrammeAnnual(p.in, p.id, report.WithPublished(), report.WithThreshold(threshold))
			if err != nil {
				b.Fatal(err)
			}
			if n := personCells(r); n > cells {
				biggest, cells = r, n
			}
		}
		cases = append(cases, bench{fmt.Sprintf("shipped-threshold-%d-%d-cells", threshold, cells), biggest})
	}
	in := evaluation(b, smallCentres(7, 10, true), nil, nil, timespan.NewYearOf(2024))
	r, err := report.ProgrammeAnnual(in, "kleinstadt", report.WithPublished(), report.WithThreshold(5))
	if err != nil {
		b.Fatal(err)
	}
	cases = append(cases, bench{fmt.Sprintf("generated-threshold-5-%d-cells-%d-withheld", personCells(r), countSuppressed(r)), r})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := report.Audit(c.r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// personCells counts the cells of people of a report.
func personCells(r *report.Report) int {
	n := 0
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			for _, c := range tb.Columns {
				if c.Persons {
					n += len(tb.Rows)
				}
			}
		}
	}
	return n
}

package report_test

import (
	"io"
	"testing"

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

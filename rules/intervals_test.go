package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

func day(s string) date.Date { return date.MustParseISO(s) }

func dayPtr(s string) *date.Date { d := day(s); return &d }

func daySpan(from, until string) Span { return Span{From: day(from), Until: day(until)} }

var year2024 = Period{From: day("2024-01-01"), Until: day("2024-12-31")}

func TestCoverage(t *testing.T) {
	ev := func(from, until string) *kiez.Evidence {
		e := &kiez.Evidence{Kind: "zuschussvertrag", Date: day("2023-01-01")}
		if from != "" {
			e.From = dayPtr(from)
		}
		if until != "" {
			e.Until = dayPtr(until)
		}
		return e
	}
	tests := []struct {
		name string
		list []*kiez.Evidence
		want DayCoverage
	}{
		{"none", nil, DayCoverage{Days: 366, Gaps: []Span{daySpan("2024-01-01", "2024-12-31")}}},
		{"back to back", []*kiez.Evidence{ev("2024-07-01", ""), ev("2023-01-01", "2024-06-30")},
			DayCoverage{OK: true, Days: 366, Covered: 366, Gaps: []Span{}}},
		{"overlapping, then a gap", []*kiez.Evidence{ev("2024-01-01", "2024-05-31"), ev("2024-03-01", "2024-06-30"), ev("2024-10-01", "2024-10-01")},
			DayCoverage{Days: 366, Covered: 183, Gaps: []Span{daySpan("2024-07-01", "2024-09-30"), daySpan("2024-10-02", "2024-12-31")}}},
		{"no from: valid from its date", []*kiez.Evidence{{Kind: "vereinbarung-8a", Date: day("2024-12-31")}},
			DayCoverage{Days: 366, Covered: 1, Gaps: []Span{daySpan("2024-01-01", "2024-12-30")}}},
		{"outside the period", []*kiez.Evidence{ev("2025-01-01", "")},
			DayCoverage{Days: 366, Gaps: []Span{daySpan("2024-01-01", "2024-12-31")}}},
	}
	for _, tt := range tests {
		got, err := coverage(tt.list, year2024)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: coverage (-want +got):\n%s", tt.name, diff)
		}
	}
	if _, err := coverage([]any{"text"}, year2024); err == nil || germanReason(err.Error()) != "coverage: string hat keine Gültigkeit (erwartet: Stellen, Nachweise, Netzwerkpartner oder Angebote)" {
		t.Errorf("coverage of a text: error %v", err)
	}
}

func TestCoverageString(t *testing.T) {
	for _, tt := range []struct {
		c    DayCoverage
		want string
	}{
		{DayCoverage{OK: true, Days: 366, Covered: 366}, "lückenlos (366 Tage)"},
		{DayCoverage{Days: 366, Gaps: []Span{daySpan("2024-01-01", "2024-02-29"), daySpan("2024-10-01", "2024-12-31")}},
			"nicht abgedeckt: 01.01.2024–29.02.2024, 01.10.2024–31.12.2024"},
	} {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestCoverageAtLeastAndSpansBelow(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	lead := &kiez.Position{ID: "l1", Role: "leitung-familienzentrum", HoursPerWeek: decimal.NewFromInt(30),
		ReleaseHoursPerWeek: decimal.NewFromInt(2), From: dayPtr("2024-03-01"), Until: dayPtr("2024-11-30"),
		History: []kiez.PositionChange{
			{From: day("2024-05-01"), ReleaseHoursPerWeek: d("1")},
			{From: day("2024-06-01"), ReleaseHoursPerWeek: d("0.5")},
			{From: day("2024-08-01"), ReleaseHoursPerWeek: d("2")},
		}}
	deputy := &kiez.Position{ID: "l2", Role: "leitung-familienzentrum", ReleaseHoursPerWeek: decimal.NewFromInt(1),
		From: dayPtr("2024-05-15"), Until: dayPtr("2024-05-31")}
	got := coverageAtLeast([]*kiez.Position{lead, deputy}, "releaseHoursPerWeek", decimal.NewFromInt(2), year2024)
	want := DayCoverage{Days: 366, Covered: 61 + 17 + 122, Gaps: []Span{daySpan("2024-01-01", "2024-02-29"),
		daySpan("2024-05-01", "2024-05-14"), daySpan("2024-06-01", "2024-07-31"), daySpan("2024-12-01", "2024-12-31")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("coverageAtLeast (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Span{daySpan("2024-05-01", "2024-07-31")}, spansBelow(lead, "releaseHoursPerWeek", decimal.NewFromInt(2), year2024)); diff != "" {
		t.Errorf("spansBelow (-want +got):\n%s", diff)
	}
	q2 := Period{From: day("2024-04-01"), Until: day("2024-06-30")}
	if diff := cmp.Diff([]Span{daySpan("2024-06-01", "2024-06-30")}, spansBelow(lead, "releaseHoursPerWeek", decimal.NewFromInt(1), q2)); diff != "" {
		t.Errorf("spansBelow in Q2 (-want +got):\n%s", diff)
	}
	if got := spansBelow(lead, "hoursPerWeek", decimal.NewFromInt(30), year2024); len(got) != 0 {
		t.Errorf("spansBelow 30 hours = %v, want none", got)
	}
	if err := positionField("valueOn", "hours"); err == nil || err.Error() != "valueOn: unbekanntes Feld „hours“ einer Stelle (erlaubt: hoursPerWeek, releaseHoursPerWeek)" {
		t.Errorf("positionField(hours): %v", err)
	}
}

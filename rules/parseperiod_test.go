package rules_test

import (
	"testing"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/rules"
)

// TestParsePeriod shows the written forms of a period and refuses texts
// that only start like one ("20x4" was once read as the year 20).
func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]rules.Period{
		"2024":                   rules.Year(2024),
		" 2024-H2 ":              rules.NewPeriod(timespan.NewDateRange(date.New(2024, 7, 1), date.New(2025, 1, 1))),
		"2024-Q3":                rules.NewPeriod(timespan.NewDateRange(date.New(2024, 7, 1), date.New(2024, 10, 1))),
		"2024-03":                rules.NewPeriod(timespan.NewDateRange(date.New(2024, 3, 1), date.New(2024, 4, 1))),
		"2024-01-01..2024-06-30": rules.NewPeriod(timespan.NewDateRange(date.New(2024, 1, 1), date.New(2024, 7, 1))),
	} {
		got, err := rules.ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "20x4", "202", "20245", "12-H1", "2024-H3", "2024-Q5", "2024-13", "2024-3", "2024x", "0000", "2024-H1x", "2024-03-01"} {
		if got, err := rules.ParsePeriod(in); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", in, got)
		}
	}
}

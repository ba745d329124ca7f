package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// TestEvidenceText shows which evidence a report writes anew: in German
// none, in English every value of the engine, not a value lost or read
// back from JSON as an object.
func TestEvidenceText(t *testing.T) {
	day := date.New(2024, 3, 15)
	cases := []struct {
		name string
		l    Language
		ev   rules.Evidence
		want string
	}{
		{"German keeps the text", German, rules.Evidence{Text: "15.03.2024", Value: day}, "15.03.2024"},
		{"English date", English, rules.Evidence{Text: "15.03.2024", Value: day}, "2024-03-15"},
		{"English decimals", English, rules.Evidence{Text: "1,5, ja", Value: []any{decimal.RequireFromString("1.5"), true}}, "1.5, yes"},
		{"English without value", English, rules.Evidence{Text: "ein Text"}, "ein Text"},
		{"English object from JSON", English, rules.Evidence{Text: "47 Termine in 52 Wochen", Value: map[string]any{"ok": true}}, "47 Termine in 52 Wochen"},
		{"English list of objects from JSON", English, rules.Evidence{Text: "x vom 15.03.2024", Value: []any{map[string]any{"id": "x"}}}, "x vom 15.03.2024"},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, c.l.evidenceText(c.ev)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestCadenceFiguresLanguage shows the shortfalls of the "required" table
// in each language, written from the check's values: a bucket and a
// stretch between occurrences.
func TestCadenceFiguresLanguage(t *testing.T) {
	weeks := timespan.NewDateRange(date.New(2024, 1, 1), date.New(2024, 1, 29))
	dates := []date.Date{date.New(2024, 1, 2), date.New(2024, 1, 16), date.New(2024, 1, 23)}
	res, err := schedule.CheckCount(dates, weeks, schedule.Target{Per: schedule.Week, Min: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := rules.Cadence{Total: res.Total, Buckets: len(res.Buckets), Detail: res, Missed: []rules.Stretch{
		{Label: "2024-W02", From: date.New(2024, 1, 8), Until: date.New(2024, 1, 14)},
		{From: date.New(2024, 1, 23), Until: date.New(2024, 3, 1), Days: 38},
	}}
	for _, x := range []struct {
		l    Language
		want []string
	}{
		{German, []string{"2024-W02 (08.01.–14.01.)", "23.01.2024–01.03.2024 (38 Tage)"}},
		{English, []string{"2024-W02 (01-08 – 01-14)", "2024-01-23 – 2024-03-01 (38 days)"}},
	} {
		_, _, short, ok := cadenceFigures(x.l, c)
		if !ok {
			t.Fatal("a cadence check gives no figures")
		}
		if diff := cmp.Diff(x.want, short); diff != "" {
			t.Errorf("%s (-want +got):\n%s", x.l, diff)
		}
	}
}

package words_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// bucket is a bucket of the given label and days.
func bucket(label string, from, until date.Date, partial bool) schedule.Bucket {
	r := timespan.NewDateRange(from, until.Add(1))
	return schedule.Bucket{Label: label, Range: r, Whole: r, Partial: partial}
}

// TestFormat writes every kind of value in German and in English.
func TestFormat(t *testing.T) {
	w10 := bucket("2024-W10", day(2024, 3, 4), day(2024, 3, 10), false)
	w30 := bucket("2024-W30", day(2024, 7, 22), day(2024, 7, 28), false)
	y2024 := bucket("2024", day(2024, 1, 1), day(2024, 12, 31), false)
	gap := schedule.Gap{From: day(2024, 2, 1), To: day(2024, 9, 15), Length: 227}
	dec := decimal.RequireFromString("1234.5")
	due := day(2024, 3, 15)
	cases := []struct {
		name   string
		v      any
		de, en string
	}{
		{"nil", nil, "–", "–"},
		{"date", day(2024, 3, 15), "15.03.2024", "2024-03-15"},
		{"date pointer", &due, "15.03.2024", "2024-03-15"},
		{"nil date pointer", (*date.Date)(nil), "–", "–"},
		{"decimal", dec, "1234,5", "1234.5"},
		{"float", 2.5, "2,5", "2.5"},
		{"true", true, "ja", "yes"},
		{"false", false, "nein", "no"},
		{"text", "Elterncafé", "Elterncafé", "Elterncafé"},
		{"empty list", []string{}, "–", "–"},
		{"dates", []date.Date{day(2024, 1, 2), day(2024, 1, 9)}, "02.01.2024, 09.01.2024", "2024-01-02, 2024-01-09"},
		{"mixed list", []any{true, dec, "x"}, "ja, 1234,5, x", "yes, 1234.5, x"},
		{"record", kiez.Evidence{Kind: "bedarfsanalyse", ID: "ba-2024", Date: day(2024, 2, 15)},
			"bedarfsanalyse (ba-2024) vom 15.02.2024", "bedarfsanalyse (ba-2024) dated 2024-02-15"},
		{"span", words.Span{From: day(2024, 1, 1), Until: day(2024, 2, 29)}, "01.01.2024–29.02.2024", "2024-01-01 – 2024-02-29"},
		{"span from", words.Span{From: day(2024, 8, 1)}, "ab 01.08.2024", "from 2024-08-01"},
		{"span until", words.Span{Until: day(2024, 6, 30)}, "bis 30.06.2024", "until 2024-06-30"},
		{"span open", words.Span{}, "unbefristet", "open-ended"},
		{"coverage", words.Coverage{OK: true, Days: 366}, "lückenlos (366 Tage)", "complete (366 days)"},
		{"coverage gaps", words.Coverage{Gaps: []words.Span{{From: day(2024, 1, 1), Until: day(2024, 2, 29)}}},
			"nicht abgedeckt: 01.01.2024–29.02.2024", "not covered: 2024-01-01 – 2024-02-29"},
		{"cadence", words.Cadence{Total: 47, Per: schedule.Week, Buckets: 52, Missed: []schedule.Bucket{w10}, Closed: []schedule.Bucket{w30}},
			"47 Termine in 52 Wochen; zu wenige in 2024-W10 (04.03.–10.03.); entschuldigt (geschlossen): 2024-W30 (22.07.–28.07.)",
			"47 sessions in 52 weeks; too few in 2024-W10 (03-04 – 03-10); excused (closed): 2024-W30 (07-22 – 07-28)"},
		{"cadence year", words.Cadence{Total: 1, Per: schedule.Year, Buckets: 1, Exceeded: []schedule.Bucket{y2024}},
			"1 Termin in 1 Jahr; zu viele in 2024", "1 session in 1 year; too many in 2024"},
		{"cadence cut", words.Cadence{Total: 3, Per: schedule.Month, Buckets: 12, Cut: []schedule.Bucket{bucket("2024-12", day(2024, 12, 1), day(2024, 12, 15), true)}},
			"3 Termine in 12 Monaten; nicht beurteilt (angeschnitten): 2024-12 (01.12.–15.12.)",
			"3 sessions in 12 months; not judged (cut by the period): 2024-12 (12-01 – 12-15)"},
		{"cadence no bucket", words.Cadence{Per: schedule.Week},
			"im Zeitraum endet keine Woche; beurteilt wird sie in dem Zeitraum, in dem sie endet",
			"no week ends in the period; a week is judged in the period in which it ends"},
		{"rolling", words.Cadence{Total: 5, Window: period.NewYMD(0, 6, 0), Min: 1},
			"5 Termine; nie länger als 6 Monate ohne Termin", "5 sessions; never more than 6 months without a session"},
		{"rolling short", words.Cadence{Total: 5, Window: period.NewYMD(0, 0, 28), Min: 2, Stretches: []schedule.Gap{gap}},
			"5 Termine; weniger als 2 in 4 Wochen: 01.02.2024–15.09.2024 (227 Tage)",
			"5 sessions; fewer than 2 in 4 weeks: 2024-02-01 – 2024-09-15 (227 days)"},
		{"gaps", words.Gaps{Occurrences: 13, Longest: 28}, "13 Termine, längste Lücke 28 Tage", "13 sessions, longest gap 28 days"},
		{"gaps exceeded", words.Gaps{Occurrences: 1, Longest: 227, Exceeded: []schedule.Gap{gap}},
			"1 Termin, längste Lücke 227 Tage; zu lang: 01.02.2024–15.09.2024 (227 Tage)",
			"1 session, longest gap 227 days; too long: 2024-02-01 – 2024-09-15 (227 days)"},
		{"hours", words.Hours{Total: decimal.RequireFromString("120.5"), Missed: []schedule.BucketSum{{Bucket: bucket("2024-02", day(2024, 2, 1), day(2024, 2, 29), false), Sum: decimal.RequireFromString("8")}}},
			"insgesamt 120,5 Stunden; zu wenig in 2024-02 (8 h)", "120.5 hours in total; too few in 2024-02 (8 h)"},
		{"closed days", words.ClosedDays{Closures: []schedule.Closure{{Label: "Sommerschließzeit", From: day(2024, 7, 22), Until: day(2024, 8, 4)}}, Land: "DE-HE"},
			"Sommerschließzeit 22.07.2024–04.08.2024, Feiertage DE-HE", "Sommerschließzeit 2024-07-22 – 2024-08-04, public holidays DE-HE"},
		{"no closed days", words.ClosedDays{}, "keine Schließzeiten", "no closures"},
	}
	for _, c := range cases {
		got := []string{words.Formatter{Lang: words.German}.Format(c.v), words.Formatter{Lang: words.English}.Format(c.v)}
		if diff := cmp.Diff([]string{c.de, c.en}, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

// TestFacts shows that the Facts hook turns a value of a package above
// into facts before its String method is used.
func TestFacts(t *testing.T) {
	f := words.Formatter{Lang: words.English, Facts: func(v any) (any, bool) {
		if _, ok := v.(stringer); ok {
			return words.Span{From: day(2024, 1, 1), Until: day(2024, 1, 31)}, true
		}
		return nil, false
	}}
	if diff := cmp.Diff("2024-01-01 – 2024-01-31, ja", f.Format([]any{stringer{}, stringer2{}})); diff != "" {
		t.Error(diff)
	}
}

type stringer struct{}

func (stringer) String() string { return "nicht so" }

type stringer2 struct{}

func (stringer2) String() string { return "ja" }

// TestNumbers writes the numbers of report tables.
func TestNumbers(t *testing.T) {
	d := decimal.RequireFromString("-1234567.891")
	got := []string{
		words.German.Number(d, 2, true), words.English.Number(d, 2, true), words.German.Number(d, -1, false),
		words.German.Int(12345, true), words.English.Int(-12345, true), words.English.Int(12345, false),
		words.German.Number(decimal.RequireFromString("-0.001"), 2, true),
		words.German.Duration(period.NewYMD(1, 2, 14)), words.English.Duration(period.NewYMD(0, 0, 3)),
		words.German.MonthShort(time.March), words.English.Weekday(time.Monday), words.German.Weekday(time.Sunday),
		words.German.Stamp(time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)), words.English.Stamp(time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)),
	}
	want := []string{
		"-1.234.567,89", "-1,234,567.89", "-1234567,891",
		"12.345", "-12,345", "12345",
		"0,00",
		"1 Jahr 2 Monate 2 Wochen", "3 days",
		"Mär", "Monday", "Sonntag",
		"15.01.2025 09:00 UTC", "2025-01-15 09:00 UTC",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

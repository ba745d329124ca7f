package schedule_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

func mustTarget(s string) schedule.Target {
	t, err := schedule.ParseTarget(s)
	if err != nil {
		panic(err)
	}
	return t
}

func expand(t *testing.T, rule, dtstart string, within timespan.DateRange, opts ...schedule.Option) []date.Date {
	t.Helper()
	got, err := mustRule(rule).Expand(day(dtstart), within, opts...)
	if err != nil {
		t.Fatalf("Expand(%s): %v", rule, err)
	}
	return got
}

// without returns dates minus the given ones.
func without(dates []date.Date, drop ...string) []date.Date {
	return slices.DeleteFunc(slices.Clone(dates), func(d date.Date) bool {
		return slices.Contains(days(drop...), d)
	})
}

func countLabels(list []schedule.BucketCount) []string {
	out := make([]string, len(list))
	for i, b := range list {
		out[i] = b.Label
	}
	return out
}

func checkCount(t *testing.T, dates []date.Date, within timespan.DateRange, target string, opts ...schedule.Option) schedule.CountResult {
	t.Helper()
	res, err := schedule.CheckCount(dates, within, mustTarget(target), opts...)
	if err != nil {
		t.Fatalf("CheckCount: %v", err)
	}
	return res
}

var sommerferien2024 = schedule.Closure{From: day("2024-07-15"), Until: day("2024-08-23"), Label: "Sommerferien"}

// Obligation 1: an Elterncafé at least once a week, counted per ISO week;
// weeks fully inside closure periods are excused.
func TestObligationWeeklyElterncafe(t *testing.T) {
	within := span("2024-01-01", "2024-12-23") // 2024-W01 to 2024-W51
	summer := mustClosures(sommerferien2024)
	compliant := expand(t, "FREQ=WEEKLY;BYDAY=WE", "2024-01-03", within, schedule.WithClosures(summer))
	target := "PER=week;MIN=1"
	opts := []schedule.Option{schedule.WithClosures(summer), schedule.WithWorkdays(weekdays...)}

	t.Run("compliant", func(t *testing.T) {
		res := checkCount(t, compliant, within, target, opts...)
		if !res.OK() || len(res.Buckets) != 51 || res.Total != 45 {
			t.Fatalf("result = %v, want OK over 51 weeks with 45 sessions", res)
		}
		var excused []string
		for _, b := range res.Buckets {
			if b.Excused {
				excused = append(excused, b.Label+" "+b.Reason+" "+strings.Join(b.ClosedBy, ","))
			}
		}
		want := []string{
			"2024-W29 closed Sommerferien", "2024-W30 closed Sommerferien", "2024-W31 closed Sommerferien",
			"2024-W32 closed Sommerferien", "2024-W33 closed Sommerferien", "2024-W34 closed Sommerferien",
		}
		if diff := cmp.Diff(want, excused); diff != "" {
			t.Errorf("excused weeks (-want +got):\n%s", diff)
		}
	})
	t.Run("two weeks missed", func(t *testing.T) {
		res := checkCount(t, without(compliant, "2024-03-13", "2024-09-18"), within, target, opts...)
		want := []schedule.BucketCount{
			{Bucket: whole("2024-W11", "2024-03-11", "2024-03-18"), Count: 0, Min: 1},
			{Bucket: whole("2024-W38", "2024-09-16", "2024-09-23"), Count: 0, Min: 1},
		}
		if res.OK() {
			t.Error("OK() = true, want false")
		}
		if diff := cmp.Diff(want, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
		wantText := "PER=week;MIN=1 over 2024-01-01..2024-12-22: 43 occurrences; missed 2024-W11 (0, min 1), 2024-W38 (0, min 1)"
		if res.String() != wantText {
			t.Errorf("String() = %q\nwant       %q", res.String(), wantText)
		}
	})
	t.Run("without WithWorkdays the open weekend after the closure keeps 2024-W34 due", func(t *testing.T) {
		// The closure ends on Friday 23 August; Saturday and Sunday are open days.
		res := checkCount(t, compliant, within, target, schedule.WithClosures(summer))
		want := []string{"2024-W34"}
		if diff := cmp.Diff(want, countLabels(res.Missed)); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Sommerferien"}, res.Missed[0].ClosedBy); diff != "" {
			t.Errorf("ClosedBy of a missed week (-want +got):\n%s", diff)
		}
	})
	t.Run("a week of holidays and closure is excused", func(t *testing.T) {
		// 2024-W52: 23 and 24 December closed, 25 and 26 December holidays, 27 December closed.
		xmas := mustClosures(schedule.Closure{From: day("2024-12-23"), Until: day("2024-12-24"), Label: "Schließzeit"},
			schedule.Closure{From: day("2024-12-27"), Until: day("2024-12-27"), Label: "Brückentag"})
		res := checkCount(t, nil, span("2024-12-23", "2024-12-30"), target,
			schedule.WithClosures(xmas), schedule.WithHolidays("DE-HE"), schedule.WithWorkdays(weekdays...))
		b := res.Buckets[0]
		if !res.OK() || !b.Excused || b.Reason != "closed" {
			t.Fatalf("result = %v, bucket %+v; want the week excused", res, b)
		}
		if diff := cmp.Diff([]string{"Schließzeit", "1. Weihnachtstag", "2. Weihnachtstag", "Brückentag"}, b.ClosedBy); diff != "" {
			t.Errorf("ClosedBy (-want +got):\n%s", diff)
		}
	})
}

// Obligation 2: a themed Elterncafé at least every six weeks: no gap longer
// than 42 days, also from the period start to the first and from the last to
// the period end.
func TestObligationThemedEverySixWeeks(t *testing.T) {
	year := timespan.NewYearOf(2024)
	compliant := expand(t, "FREQ=WEEKLY;INTERVAL=6;BYDAY=WE", "2024-01-10", year)
	if diff := cmp.Diff(days("2024-01-10", "2024-02-21", "2024-04-03", "2024-05-15", "2024-06-26", "2024-08-07", "2024-09-18", "2024-10-30", "2024-12-11"), compliant, cmpOpts); diff != "" {
		t.Fatalf("series (-want +got):\n%s", diff)
	}
	t.Run("compliant", func(t *testing.T) {
		res, err := schedule.CheckGaps(compliant, year, 42)
		if err != nil {
			t.Fatal(err)
		}
		want := schedule.Gap{From: day("2024-01-10"), To: day("2024-02-21"), Days: 42, Length: 42}
		if !res.OK() || len(res.Gaps) != 10 {
			t.Errorf("result = %v, want OK with 10 gaps", res)
		}
		if diff := cmp.Diff(want, res.Longest, cmpOpts); diff != "" {
			t.Errorf("Longest (-want +got):\n%s", diff)
		}
		first, last := res.Gaps[0], res.Gaps[len(res.Gaps)-1]
		wantEdges := []schedule.Gap{
			{From: day("2024-01-01"), To: day("2024-01-10"), Days: 9, Length: 9, FromStart: true},
			{From: day("2024-12-11"), To: day("2024-12-31"), Days: 20, Length: 20, ToEnd: true},
		}
		if diff := cmp.Diff(wantEdges, []schedule.Gap{first, last}, cmpOpts); diff != "" {
			t.Errorf("edge gaps (-want +got):\n%s", diff)
		}
	})
	t.Run("a session missed", func(t *testing.T) {
		res, err := schedule.CheckGaps(without(compliant, "2024-08-07"), year, 42)
		if err != nil {
			t.Fatal(err)
		}
		want := []schedule.Gap{{From: day("2024-06-26"), To: day("2024-09-18"), Days: 84, Length: 84}}
		if res.OK() {
			t.Error("OK() = true, want false")
		}
		if diff := cmp.Diff(want, res.Exceeded, cmpOpts); diff != "" {
			t.Errorf("Exceeded (-want +got):\n%s", diff)
		}
		wantText := "max gap 42 days over 2024-01-01..2024-12-31: 8 occurrences, longest 2024-06-26..2024-09-18 (84 days); exceeded 2024-06-26..2024-09-18 (84 days)"
		if res.String() != wantText {
			t.Errorf("String() = %q\nwant       %q", res.String(), wantText)
		}
	})
	t.Run("closed days inside a gap do not count", func(t *testing.T) {
		dates := days("2024-06-20", "2024-07-03", "2024-09-04", "2024-10-10")
		within := span("2024-06-20", "2024-10-11")
		res, err := schedule.CheckGaps(dates, within, 42, schedule.WithClosures(mustClosures(sommerferien2024)))
		if err != nil {
			t.Fatal(err)
		}
		wantLongest := schedule.Gap{From: day("2024-09-04"), To: day("2024-10-10"), Days: 36, Length: 36}
		summerGap := schedule.Gap{From: day("2024-07-03"), To: day("2024-09-04"), Days: 63, ClosedDays: 40, Length: 23}
		if !res.OK() || !cmp.Equal(wantLongest, res.Longest, cmpOpts) || !cmp.Equal(summerGap, res.Gaps[1], cmpOpts) {
			t.Errorf("result = %v\ngaps %+v", res, res.Gaps)
		}
		res, _ = schedule.CheckGaps(dates, within, 42)
		if res.OK() || res.Exceeded[0].Days != 63 {
			t.Errorf("without closures: %v, want the 63-day gap exceeded", res)
		}
	})
}

// TestGapBoundaries pins the gap semantics: 42 days pass a 42-day limit, 43
// fail, between occurrences and at both edges of the range.
func TestGapBoundaries(t *testing.T) {
	within := span("2024-01-01", "2024-03-01") // last day 2024-02-29
	tests := []struct {
		name     string
		dates    []date.Date
		within   timespan.DateRange
		exceeded []schedule.Gap
	}{
		{"42 days between occurrences", days("2024-01-01", "2024-02-12", "2024-02-29"), within, nil},
		{"43 days between occurrences", days("2024-01-01", "2024-02-13", "2024-02-29"), within,
			[]schedule.Gap{{From: day("2024-01-01"), To: day("2024-02-13"), Days: 43, Length: 43}}},
		{"42 days from the range start", days("2024-02-12", "2024-02-29"), within, nil},
		{"43 days from the range start", days("2024-02-13", "2024-02-29"), within,
			[]schedule.Gap{{From: day("2024-01-01"), To: day("2024-02-13"), Days: 43, Length: 43, FromStart: true}}},
		{"42 days to the range's last day", days("2024-01-01", "2024-01-18"), within, nil},
		{"43 days to the range's last day", days("2024-01-01", "2024-01-17"), within,
			[]schedule.Gap{{From: day("2024-01-17"), To: day("2024-02-29"), Days: 43, Length: 43, ToEnd: true}}},
		{"no occurrence in 43 days", nil, span("2024-01-01", "2024-02-13"), nil},
		{"no occurrence in 44 days", nil, span("2024-01-01", "2024-02-14"),
			[]schedule.Gap{{From: day("2024-01-01"), To: day("2024-02-13"), Days: 43, Length: 43, FromStart: true, ToEnd: true}}},
		{"duplicates and dates outside are ignored", days("2023-12-31", "2024-01-20", "2024-01-20", "2024-03-01"), span("2024-01-01", "2024-02-02"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := schedule.CheckGaps(tt.dates, tt.within, 42)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.exceeded, res.Exceeded, cmpOpts); diff != "" {
				t.Errorf("Exceeded (-want +got):\n%s", diff)
			}
			if res.OK() != (len(tt.exceeded) == 0) {
				t.Errorf("OK() = %v", res.OK())
			}
		})
	}
	res, _ := schedule.CheckGaps(days("2023-12-31", "2024-01-20", "2024-01-20", "2024-03-01"), span("2024-01-01", "2024-02-02"), 42)
	if res.Occurrences != 1 || res.Outside != 2 || len(res.Gaps) != 2 {
		t.Errorf("result = %+v, want 1 occurrence, 2 outside, 2 gaps", res)
	}
	res, _ = schedule.CheckGaps(days("2024-01-01"), span("2024-01-01", "2024-01-02"), 0)
	if !res.OK() || len(res.Gaps) != 0 || res.Longest != (schedule.Gap{}) {
		t.Errorf("one-day range with an occurrence = %+v, want no gaps", res)
	}
}

// Obligation 3: a monthly Qualitäts-AG, in a funding period that starts in
// the middle of a month.
func TestObligationMonthlyQualitaetsAG(t *testing.T) {
	within := span("2024-03-15", "2025-03-15")
	compliant := expand(t, "FREQ=MONTHLY;BYDAY=-1TU", "2024-03-15", within)
	target := "PER=month;MIN=1"
	lastPartial := schedule.BucketCount{Bucket: partial("2025-03", "2025-03-01", "2025-03-15", "2025-03-01", "2025-04-01"), Min: 1}

	t.Run("compliant when partial edge months are excused", func(t *testing.T) {
		res := checkCount(t, compliant, within, target, schedule.WithEdges(schedule.ExcuseEdges))
		if !res.OK() || len(res.Buckets) != 13 || res.Total != 12 {
			t.Fatalf("result = %v", res)
		}
		first, last := res.Buckets[0], res.Buckets[12]
		if !first.Excused || first.Reason != "partial" || first.Count != 1 || !last.Excused || last.Reason != "partial" {
			t.Errorf("edge buckets = %+v, %+v; want both excused as partial", first, last)
		}
	})
	t.Run("the cut last month counts by default", func(t *testing.T) {
		res := checkCount(t, compliant, within, target)
		if diff := cmp.Diff([]schedule.BucketCount{lastPartial}, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
	})
	t.Run("prorating keeps a minimum of one", func(t *testing.T) {
		res := checkCount(t, compliant, within, target, schedule.WithEdges(schedule.ProrateEdges))
		want := lastPartial
		want.Prorated = true
		if diff := cmp.Diff([]schedule.BucketCount{want}, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
	})
	t.Run("a month missed", func(t *testing.T) {
		res := checkCount(t, without(compliant, "2024-08-27"), within, target, schedule.WithEdges(schedule.ExcuseEdges))
		want := []schedule.BucketCount{{Bucket: whole("2024-08", "2024-08-01", "2024-09-01"), Min: 1}}
		if diff := cmp.Diff(want, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
	})
}

// Obligation 4: a quarterly AG KiEZ.
func TestObligationQuarterlyAGKiEZ(t *testing.T) {
	year := timespan.NewYearOf(2024)
	target := "PER=quarter;MIN=1"
	res := checkCount(t, days("2024-02-20", "2024-05-14", "2024-09-10", "2024-11-19"), year, target)
	if !res.OK() {
		t.Errorf("compliant series: %v", res)
	}
	res = checkCount(t, days("2024-02-20", "2024-03-19", "2024-09-10", "2024-11-19"), year, target)
	want := []schedule.BucketCount{{Bucket: whole("2024-Q2", "2024-04-01", "2024-07-01"), Min: 1}}
	if diff := cmp.Diff(want, res.Missed, cmpOpts); diff != "" {
		t.Errorf("Missed (-want +got):\n%s", diff)
	}
	if res.Buckets[0].Count != 2 || res.OK() {
		t.Errorf("Q1 count = %d, OK = %v", res.Buckets[0].Count, res.OK())
	}
}

// Obligation 5: three to four AG §78 meetings a year; fewer or more is a
// warning, so the result keeps the two directions apart.
func TestObligationAG78ThreeToFourAYear(t *testing.T) {
	within := span("2024-01-01", "2026-01-01")
	target := "PER=year;MIN=3;MAX=4"
	res := checkCount(t, days("2024-03-05", "2024-06-11", "2024-11-12", "2025-02-04", "2025-05-06", "2025-09-09", "2025-12-02"), within, target)
	if !res.OK() {
		t.Errorf("compliant series: %v", res)
	}
	res = checkCount(t, days("2024-03-05", "2024-11-12", "2025-02-04", "2025-04-01", "2025-05-06", "2025-09-09", "2025-12-02"), within, target)
	wantMissed := []schedule.BucketCount{{Bucket: whole("2024", "2024-01-01", "2025-01-01"), Count: 2, Dates: days("2024-03-05", "2024-11-12"), Min: 3, Max: 4}}
	wantExceeded := []schedule.BucketCount{{Bucket: whole("2025", "2025-01-01", "2026-01-01"), Count: 5,
		Dates: days("2025-02-04", "2025-04-01", "2025-05-06", "2025-09-09", "2025-12-02"), Min: 3, Max: 4}}
	if diff := cmp.Diff(wantMissed, res.Missed, cmpOpts); diff != "" {
		t.Errorf("Missed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantExceeded, res.Exceeded, cmpOpts); diff != "" {
		t.Errorf("Exceeded (-want +got):\n%s", diff)
	}
	wantText := "PER=year;MIN=3;MAX=4 over 2024-01-01..2025-12-31: 7 occurrences; missed 2024 (2, min 3); exceeded 2025 (5, max 4)"
	if res.OK() || res.String() != wantText {
		t.Errorf("OK() = %v, String() = %q\nwant %q", res.OK(), res.String(), wantText)
	}
}

// Obligation 6: three kinds of meeting at least once per calendar half-year.
func TestObligationHalfYearlyMeetings(t *testing.T) {
	year := timespan.NewYearOf(2024)
	meetings := map[string][]date.Date{
		"Steuerungsgruppe":     days("2024-02-07", "2024-09-11"),
		"Netzwerktreffen":      days("2024-03-13", "2024-06-30"), // none in the second half-year
		"Kooperationsgespräch": days("2024-01-15", "2024-07-01", "2024-12-31"),
	}
	missed := map[string][]schedule.BucketCount{}
	for kind, dates := range meetings {
		res := checkCount(t, dates, year, "PER=half-year;MIN=1")
		if !res.OK() {
			missed[kind] = res.Missed
		}
	}
	want := map[string][]schedule.BucketCount{
		"Netzwerktreffen": {{Bucket: whole("2024-H2", "2024-07-01", "2025-01-01"), Min: 1}},
	}
	if diff := cmp.Diff(want, missed, cmpOpts); diff != "" {
		t.Errorf("missed half-years (-want +got):\n%s", diff)
	}
}

func hours(d string, amount string) schedule.Quantity {
	return schedule.Quantity{Date: day(d), Amount: decimal.RequireFromString(amount)}
}

// Obligation 7: 10 (or 5) hours of process facilitation per month, summed
// as exact decimals.
func TestObligationFacilitationHours(t *testing.T) {
	within := span("2024-01-01", "2024-04-01")
	var entries []schedule.Quantity
	for range 100 { // 100 × 0.1 h is exactly 10 h in decimal (not in float64)
		entries = append(entries, hours("2024-01-02", "0.1"))
	}
	entries = append(entries,
		hours("2024-02-05", "2.5"), hours("2024-02-12", "2.5"), hours("2024-02-19", "2.5"), hours("2024-02-26", "2.5"),
		hours("2024-03-04", "4.25"), hours("2024-03-18", "8"),
		hours("2023-12-29", "3"), // outside
	)
	ten := decimal.NewFromInt(10)
	t.Run("compliant", func(t *testing.T) {
		res, err := schedule.CheckSum(entries, within, schedule.Month, ten)
		if err != nil {
			t.Fatal(err)
		}
		sums := make([]string, len(res.Buckets))
		for i, b := range res.Buckets {
			sums[i] = b.Label + "=" + b.Sum.String()
		}
		if diff := cmp.Diff([]string{"2024-01=10", "2024-02=10", "2024-03=12.25"}, sums); diff != "" {
			t.Errorf("sums (-want +got):\n%s", diff)
		}
		if !res.OK() || res.Total.String() != "32.25" || res.Outside != 1 {
			t.Errorf("result = %v, outside %d", res, res.Outside)
		}
	})
	short := slices.Clone(entries)
	short[len(short)-4] = hours("2024-02-26", "2.25")
	t.Run("a month short by a quarter hour", func(t *testing.T) {
		res, err := schedule.CheckSum(short, within, schedule.Month, ten)
		if err != nil {
			t.Fatal(err)
		}
		want := []schedule.BucketSum{{Bucket: whole("2024-02", "2024-02-01", "2024-03-01"), Sum: decimal.RequireFromString("9.75"), Entries: 4, Min: ten}}
		if diff := cmp.Diff(want, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
		wantText := "min 10 per month over 2024-01-01..2024-03-31: total 32; missed 2024-02 (9.75 of 10)"
		if res.OK() || res.String() != wantText {
			t.Errorf("String() = %q\nwant       %q", res.String(), wantText)
		}
	})
	t.Run("five hours a month", func(t *testing.T) {
		res, err := schedule.CheckSum(short, within, schedule.Month, decimal.NewFromInt(5))
		if err != nil || !res.OK() {
			t.Errorf("result = %v, %v", res, err)
		}
	})
}

func TestProrating(t *testing.T) {
	t.Run("counts", func(t *testing.T) {
		// From 1 July 2024: 184 of 366 days, so 4 a year becomes ceil(2.01) = 3.
		res := checkCount(t, days("2024-09-01", "2024-10-01"), span("2024-07-01", "2025-01-01"), "PER=year;MIN=4;MAX=6", schedule.WithEdges(schedule.ProrateEdges))
		b := res.Buckets[0]
		if b.Min != 3 || b.Max != 4 || !b.Prorated || res.OK() {
			t.Errorf("bucket = %+v", b)
		}
	})
	t.Run("sums", func(t *testing.T) {
		// From 15 March: 17 of 31 days of 10 h is 5.4838…, rounded up to 5.49.
		entries := []schedule.Quantity{hours("2024-03-20", "5.49"), hours("2024-04-02", "10")}
		res, err := schedule.CheckSum(entries, span("2024-03-15", "2024-05-01"), schedule.Month, decimal.NewFromInt(10), schedule.WithEdges(schedule.ProrateEdges))
		if err != nil {
			t.Fatal(err)
		}
		b := res.Buckets[0]
		if b.Min.String() != "5.49" || !b.Prorated || !res.OK() || res.Buckets[1].Prorated {
			t.Errorf("result = %v, first bucket %+v", res, b)
		}
		entries[0] = hours("2024-03-20", "5.48")
		res, _ = schedule.CheckSum(entries, span("2024-03-15", "2024-05-01"), schedule.Month, decimal.NewFromInt(10), schedule.WithEdges(schedule.ProrateEdges))
		if res.OK() || res.Missed[0].Label != "2024-03" {
			t.Errorf("5.48 h = %v, want March missed", res)
		}
	})
	t.Run("rolling windows", func(t *testing.T) {
		res := checkCount(t, days("2024-01-15", "2024-03-01"), span("2024-01-01", "2024-04-01"), "PER=P6W;MIN=1")
		want := []schedule.BucketCount{{Bucket: partial("2024-03-25/P6W", "2024-03-25", "2024-04-01", "2024-03-25", "2024-05-06"), Min: 1}}
		if diff := cmp.Diff(want, res.Missed, cmpOpts); diff != "" {
			t.Errorf("Missed (-want +got):\n%s", diff)
		}
	})
}

func TestCheckErrors(t *testing.T) {
	year := timespan.NewYearOf(2024)
	bad := timespan.NewDateRange(day("0001-01-01").Add(-5), day("2024-01-01"))
	errs := map[string]error{}
	_, errs["invalid target"] = schedule.CheckCount(nil, year, schedule.Target{Per: schedule.Month})
	_, errs["bad range for count"] = schedule.CheckCount(nil, bad, mustTarget("PER=month;MIN=1"))
	_, errs["unknown Land"] = schedule.CheckCount(nil, year, mustTarget("PER=month;MIN=1"), schedule.WithHolidays("DE-XY"))
	_, errs["no workdays"] = schedule.CheckCount(nil, year, mustTarget("PER=month;MIN=1"), schedule.WithWorkdays())
	_, errs["bad workday"] = schedule.CheckCount(nil, year, mustTarget("PER=month;MIN=1"), schedule.WithWorkdays(time.Weekday(8)))
	_, errs["bad edge policy"] = schedule.CheckCount(nil, year, mustTarget("PER=month;MIN=1"), schedule.WithEdges(7))
	_, errs["negative gap"] = schedule.CheckGaps(nil, year, -1)
	_, errs["bad range for gaps"] = schedule.CheckGaps(nil, bad, 42)
	_, errs["bad option for gaps"] = schedule.CheckGaps(nil, year, 42, schedule.WithHolidays("XX"))
	_, errs["negative sum"] = schedule.CheckSum(nil, year, schedule.Month, decimal.NewFromInt(-1))
	_, errs["invalid unit for sums"] = schedule.CheckSum(nil, year, schedule.Unit(0), decimal.NewFromInt(1))
	_, errs["bad option for sums"] = schedule.CheckSum(nil, year, schedule.Month, decimal.NewFromInt(1), schedule.WithEdges(-1))
	for name, err := range errs {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var le *schedule.LimitError
	if _, err := schedule.CheckCount(nil, span("0001-01-01", "9999-12-31"), mustTarget("PER=week;MIN=1")); !errors.As(err, &le) {
		t.Errorf("CheckCount over 9999 years of weeks = %v, want a LimitError", err)
	}
}

func TestEdgePolicyText(t *testing.T) {
	for p := schedule.CountEdges; p <= schedule.WholeEdges; p++ {
		text, err := p.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got schedule.EdgePolicy
		if err := got.UnmarshalText(text); err != nil || got != p {
			t.Errorf("round trip of %q = %v, %v", text, got, err)
		}
	}
	var p schedule.EdgePolicy
	if err := p.UnmarshalText([]byte("Prorate")); err != nil || p != schedule.ProrateEdges {
		t.Errorf("UnmarshalText(Prorate) = %v, %v", p, err)
	}
	if err := p.UnmarshalText([]byte("round")); err == nil {
		t.Error("UnmarshalText(round) succeeded")
	}
	if _, err := schedule.EdgePolicy(4).MarshalText(); err == nil {
		t.Error("MarshalText(4) succeeded")
	}
}

func TestCountEvidence(t *testing.T) {
	res := checkCount(t, days("2024-01-03", "2024-01-01", "2024-01-03", "2023-12-31"), span("2024-01-01", "2024-01-15"), "PER=week;MIN=1;MAX=2")
	want := []schedule.BucketCount{
		{Bucket: whole("2024-W01", "2024-01-01", "2024-01-08"), Count: 3, Dates: days("2024-01-01", "2024-01-03", "2024-01-03"), Min: 1, Max: 2},
		{Bucket: whole("2024-W02", "2024-01-08", "2024-01-15"), Count: 0, Min: 1, Max: 2},
	}
	if diff := cmp.Diff(want, res.Buckets, cmpOpts); diff != "" {
		t.Errorf("Buckets (-want +got):\n%s", diff)
	}
	if res.Total != 3 || res.Outside != 1 || len(res.Missed) != 1 || len(res.Exceeded) != 1 {
		t.Errorf("result = %+v", res)
	}
	// Appending to one bucket's dates must not change the next bucket.
	_ = append(res.Buckets[0].Dates, day("2030-01-01"))
	if res.Buckets[1].Dates != nil {
		t.Error("bucket dates share capacity")
	}
}

// TestGapClosedDays checks that closure and holiday days inside a gap are
// counted once each, also where they overlap.
func TestGapClosedDays(t *testing.T) {
	xmas := mustClosures(schedule.Closure{From: day("2024-12-23"), Until: day("2025-01-03"), Label: "Weihnachtsschließzeit"})
	tests := []struct {
		name   string
		dates  []date.Date
		within timespan.DateRange
		opts   []schedule.Option
		want   schedule.Gap
	}{
		{"holidays inside a closure count once", days("2024-12-20", "2025-01-10"), span("2024-12-20", "2025-01-11"),
			[]schedule.Option{schedule.WithClosures(xmas), schedule.WithHolidays("DE-HE")},
			schedule.Gap{From: day("2024-12-20"), To: day("2025-01-10"), Days: 21, ClosedDays: 12, Length: 9}},
		{"holidays alone", days("2024-12-20", "2025-01-10"), span("2024-12-20", "2025-01-11"),
			[]schedule.Option{schedule.WithHolidays("DE-HE")},
			schedule.Gap{From: day("2024-12-20"), To: day("2025-01-10"), Days: 21, ClosedDays: 3, Length: 18}},
		{"two holidays on one day", days("2008-04-30", "2008-05-02"), span("2008-04-30", "2008-05-03"),
			[]schedule.Option{schedule.WithHolidays("DE-HE")},
			schedule.Gap{From: day("2008-04-30"), To: day("2008-05-02"), Days: 2, ClosedDays: 1, Length: 1}},
		{"the ends of a gap are not counted", days("2024-12-23", "2025-01-03"), span("2024-12-23", "2025-01-04"),
			[]schedule.Option{schedule.WithClosures(xmas)},
			schedule.Gap{From: day("2024-12-23"), To: day("2025-01-03"), Days: 11, ClosedDays: 10, Length: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := schedule.CheckGaps(tt.dates, tt.within, 42, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Longest, cmpOpts); diff != "" {
				t.Errorf("Longest (-want +got):\n%s", diff)
			}
		})
	}
}

// TestResultJSON shows the evidence as JSON, e.g. for a report: field
// names are the lowerCamel names also used as expr tags.
func TestResultJSON(t *testing.T) {
	res := checkCount(t, days("2024-01-03", "2023-12-31"), span("2024-01-01", "2024-01-15"), "PER=week;MIN=1")
	data, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"target":"PER=week;MIN=1","buckets":[{"label":"2024-W01","count":1,"dates":["2024-01-03"],"min":1},{"label":"2024-W02","count":0,"min":1}],"missed":[{"label":"2024-W02","count":0,"min":1}],"total":1,"outside":1}`
	if string(data) != want {
		t.Errorf("json.Marshal = %s\nwant           %s", data, want)
	}
	sum, err := schedule.CheckSum([]schedule.Quantity{hours("2024-01-08", "9.5")}, span("2024-01-01", "2024-02-01"), schedule.Month, decimal.NewFromInt(10))
	if err != nil {
		t.Fatal(err)
	}
	data, err = json.Marshal(sum)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"per":"month","min":"10","buckets":[{"label":"2024-01","sum":"9.5","entries":1,"min":"10"}],"missed":[{"label":"2024-01","sum":"9.5","entries":1,"min":"10"}],"total":"9.5"}`
	if string(data) != want {
		t.Errorf("json.Marshal = %s\nwant           %s", data, want)
	}
}

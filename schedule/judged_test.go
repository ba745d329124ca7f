package schedule_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

// labels lists the labels of buckets.
func labels(bs []schedule.Bucket) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Label
	}
	return out
}

func TestJudgedBucketsWholeAtYearEnds(t *testing.T) {
	for _, tc := range []struct {
		name        string
		within      timespan.DateRange
		u           schedule.Unit
		first, last schedule.Bucket
		n           int
		days        timespan.DateRange
	}{
		// 2025-W01 begins on 30.12.2024: 2024 leaves it to 2025.
		{"2024 weeks", span("2024-01-01", "2025-01-01"), schedule.Week,
			whole("2024-W01", "2024-01-01", "2024-01-08"), whole("2024-W52", "2024-12-23", "2024-12-30"), 52, span("2024-01-01", "2024-12-30")},
		{"2025 weeks", span("2025-01-01", "2026-01-01"), schedule.Week,
			whole("2025-W01", "2024-12-30", "2025-01-06"), whole("2025-W52", "2025-12-22", "2025-12-29"), 52, span("2024-12-30", "2025-12-29")},
		// 2020-W53 runs from 28.12.2020 to 03.01.2021: judged in 2021.
		{"2020 weeks", span("2020-01-01", "2021-01-01"), schedule.Week,
			whole("2020-W01", "2019-12-30", "2020-01-06"), whole("2020-W52", "2020-12-21", "2020-12-28"), 52, span("2019-12-30", "2020-12-28")},
		{"2021 weeks", span("2021-01-01", "2022-01-01"), schedule.Week,
			whole("2020-W53", "2020-12-28", "2021-01-04"), whole("2021-W51", "2021-12-20", "2021-12-27"), 52, span("2020-12-28", "2021-12-27")},
		// A period from April judges the first half-year whole, from January.
		{"half-years from April", span("2024-04-01", "2025-01-01"), schedule.HalfYear,
			whole("2024-H1", "2024-01-01", "2024-07-01"), whole("2024-H2", "2024-07-01", "2025-01-01"), 2, span("2024-01-01", "2025-01-01")},
		{"half-years to September", span("2024-01-01", "2024-10-01"), schedule.HalfYear,
			whole("2024-H1", "2024-01-01", "2024-07-01"), whole("2024-H1", "2024-01-01", "2024-07-01"), 1, span("2024-01-01", "2024-07-01")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs, days, err := schedule.JudgedBuckets(tc.within, tc.u, schedule.WholeEdges)
			if err != nil {
				t.Fatal(err)
			}
			if len(bs) != tc.n {
				t.Fatalf("got %d buckets %v, want %d", len(bs), labels(bs), tc.n)
			}
			if diff := cmp.Diff([]schedule.Bucket{tc.first, tc.last, {}}, []schedule.Bucket{bs[0], bs[len(bs)-1], {}}, cmpOpts); diff != "" {
				t.Errorf("first and last bucket (-want +got):\n%s", diff)
			}
			if days != tc.days {
				t.Errorf("days = %v, want %v", days, tc.days)
			}
		})
	}
}

// TestJudgedBucketsOnce checks that consecutive periods, also ones that do
// not start on a bucket boundary, judge every bucket exactly once.
func TestJudgedBucketsOnce(t *testing.T) {
	cuts := []string{"2019-04-01", "2020-01-01", "2020-08-15", "2021-01-01", "2024-01-01", "2024-04-01", "2025-01-01", "2026-01-01"}
	for u := schedule.Week; u <= schedule.Year; u++ {
		seen := map[string]int{}
		for i := 0; i+1 < len(cuts); i++ {
			bs, _, err := schedule.JudgedBuckets(span(cuts[i], cuts[i+1]), u, schedule.WholeEdges)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bs {
				seen[b.Label]++
			}
		}
		all, err := schedule.Split(span("2019-04-01", "2026-01-01"), u)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range all {
			want := 1
			if b.Partial {
				want = 0 // the first bucket ended before 2019-04-01... or is cut by the last end
				if b.Whole.End() == b.Range.End() && !b.Whole.Last().Before(day("2019-04-01")) {
					want = 1
				}
			}
			if seen[b.Label] != want {
				t.Errorf("%s %s judged %d times, want %d", u, b.Label, seen[b.Label], want)
			}
		}
	}
}

func TestParseEdgePolicy(t *testing.T) {
	for _, s := range []string{"count", "excuse", "prorate", "whole"} {
		p, err := schedule.ParseEdgePolicy(s)
		if err != nil || p.String() != s {
			t.Errorf("ParseEdgePolicy(%q) = %v, %v", s, p, err)
		}
	}
	if _, err := schedule.ParseEdgePolicy("skip"); err == nil {
		t.Error("ParseEdgePolicy(skip) did not fail")
	}
}

func TestCheckCountWholeEdges(t *testing.T) {
	target := schedule.Target{Per: schedule.Week, Min: 2}
	// Sessions on Monday 30.12. and Tuesday 31.12.2024 and on 02.01.2025.
	dates := days("2024-12-30", "2024-12-31", "2025-01-02")
	y2024, err := schedule.CheckCount(dates, span("2024-12-16", "2025-01-01"), target, schedule.WithEdges(schedule.WholeEdges))
	if err != nil {
		t.Fatal(err)
	}
	// 2024-W51 and W52 are judged (and missed); 2025-W01 is not judged yet.
	if diff := cmp.Diff([]string{"2024-W51", "2024-W52"}, labels(bucketsOf(y2024.Buckets))); diff != "" {
		t.Errorf("2024 buckets (-want +got):\n%s", diff)
	}
	y2025, err := schedule.CheckCount(dates, span("2025-01-01", "2025-01-13"), target, schedule.WithEdges(schedule.WholeEdges))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2025-W01", "2025-W02"}
	if diff := cmp.Diff(want, labels(bucketsOf(y2025.Buckets))); diff != "" {
		t.Errorf("2025 buckets (-want +got):\n%s", diff)
	}
	if c := y2025.Buckets[0]; c.Count != 3 || c.Partial {
		t.Errorf("2025-W01 counted %d (partial %v), want all 3 sessions of the whole week", c.Count, c.Partial)
	}
	if diff := cmp.Diff([]string{"2025-W02"}, labels(bucketsOf(y2025.Missed))); diff != "" {
		t.Errorf("2025 missed (-want +got):\n%s", diff)
	}
	if _, err := schedule.CheckCount(dates, span("2025-01-01", "2025-03-01"), schedule.Target{Window: period.NewYMD(0, 0, 14), Min: 1}, schedule.WithEdges(schedule.WholeEdges)); err == nil {
		t.Error("the whole policy with a rolling window did not fail")
	}
}

func bucketsOf(cs []schedule.BucketCount) []schedule.Bucket {
	out := make([]schedule.Bucket, len(cs))
	for i, c := range cs {
		out[i] = c.Bucket
	}
	return out
}

func TestCheckSumWholeEdges(t *testing.T) {
	entries := []schedule.Quantity{{Date: day("2024-04-02"), Amount: decimal.NewFromInt(4)}, {Date: day("2024-05-01"), Amount: decimal.NewFromInt(3)}}
	res, err := schedule.CheckSum(entries, span("2024-05-01", "2024-07-01"), schedule.Quarter, decimal.NewFromInt(6), schedule.WithEdges(schedule.WholeEdges))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Buckets) != 1 || res.Buckets[0].Label != "2024-Q2" || !res.OK() || !res.Total.Equal(decimal.NewFromInt(7)) {
		t.Errorf("got %s", res)
	}
}

func TestCheckGapsOnce(t *testing.T) {
	// Anchor 15.11.2024, limit 60 days: the gap first exceeds on 15.01.2025.
	dates := days("2024-11-15", "2025-03-01")
	y2024, err := schedule.CheckGapsOnce(dates, span("2024-01-01", "2025-01-01"), 60)
	if err != nil {
		t.Fatal(err)
	}
	if len(y2024.Exceeded) != 1 || y2024.Exceeded[0].String() != "2024-01-01..2024-11-15 (319 days, from the range start)" {
		t.Errorf("2024: %s", y2024)
	}
	y2025, err := schedule.CheckGapsOnce(dates, span("2025-01-01", "2026-01-01"), 60)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, g := range y2025.Exceeded {
		got = append(got, g.String())
	}
	want := []string{"2024-11-15..2025-03-01 (106 days)", "2025-03-01..2025-12-31 (305 days, to the range end)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("2025 (-want +got):\n%s", diff)
	}
	// A gap that exceeded before the range is not judged again.
	late, err := schedule.CheckGapsOnce(days("2024-10-01", "2025-03-01"), span("2025-01-01", "2025-06-01"), 60)
	if err != nil {
		t.Fatal(err)
	}
	if len(late.Exceeded) != 1 || late.Exceeded[0].From != day("2025-03-01") {
		t.Errorf("late: %s", late)
	}
	// A gap still within the limit on the last day is left to the next range.
	open, err := schedule.CheckGapsOnce(days("2025-05-01"), span("2025-05-01", "2025-06-01"), 60)
	if err != nil || !open.OK() {
		t.Errorf("open: %s, %v", open, err)
	}
}

func TestCheckWindows(t *testing.T) {
	six := period.NewYMD(0, 6, 0)
	gap := func(g schedule.Gap) string { return g.String() }
	for _, tc := range []struct {
		name   string
		dates  []string
		within timespan.DateRange
		min    int
		want   []string
	}{
		// Meetings in January and November: calendar half-years pass, but
		// the stretch from 16.01. holds none for more than six months.
		{"long gap across half-years", []string{"2024-01-15", "2024-11-20"}, span("2024-01-01", "2025-01-01"), 1,
			[]string{"2024-01-15..2024-11-20 (310 days)"}},
		// Meetings on 1.01. and 1.07.: exactly six months apart passes.
		{"six months apart", []string{"2024-01-01", "2024-07-01"}, span("2024-01-01", "2024-12-01"), 1, nil},
		{"one day more", []string{"2024-01-01", "2024-07-02"}, span("2024-01-01", "2024-12-01"), 1,
			[]string{"2024-01-01..2024-07-02 (183 days)"}},
		// No anchor and no meeting: the stretch from the first day.
		{"nothing", nil, span("2024-01-01", "2025-01-01"), 1, []string{"2024-01-01..2024-12-31 (365 days, no occurrence in the range)"}},
		// Two per six months: one meeting only in the spring.
		{"two per window", []string{"2024-01-10", "2024-03-01", "2024-06-15"}, span("2024-01-01", "2024-12-01"), 2,
			[]string{"2024-03-01..2024-11-30 (274 days, to the range end)"}},
		// The anchor from 2024 carries into 2025: 20.11.2024 + 6 months.
		{"anchor", []string{"2024-11-20", "2025-05-19"}, span("2025-01-01", "2026-01-01"), 1, []string{"2025-05-19..2025-12-31 (226 days, to the range end)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := schedule.CheckWindows(days(tc.dates...), tc.within, six, tc.min)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, g := range res.Missed {
				got = append(got, gap(g))
			}
			if diff := cmp.Diff(tc.want, got, cmpOpts); diff != "" {
				t.Errorf("missed (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := schedule.CheckWindows(nil, span("2024-01-01", "2025-01-01"), six, 0); err == nil {
		t.Error("min 0 did not fail")
	}
}

// TestCheckWindowsOnce checks that consecutive ranges judge a short
// stretch once.
func TestCheckWindowsOnce(t *testing.T) {
	six := period.NewYMD(0, 6, 0)
	dates := days("2024-03-01", "2025-02-10")
	n := 0
	for _, r := range []timespan.DateRange{span("2024-01-01", "2024-09-01"), span("2024-09-01", "2025-01-01"), span("2025-01-01", "2026-01-01")} {
		res, err := schedule.CheckWindows(dates, r, six, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range res.Missed {
			if g.From == day("2024-03-01") {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("the stretch after 01.03.2024 was judged %d times, want 1", n)
	}
}

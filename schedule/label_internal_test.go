package schedule

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// TestBucketLabel writes labels as fmt's verbs would, also for years and
// numbers beyond four and two digits and below zero.
func TestBucketLabel(t *testing.T) {
	for _, year := range []int{-12, -1, 0, 7, 99, 999, 2024, 9999, 12345} {
		for _, n := range []int{-3, 0, 1, 9, 10, 53, 123} {
			got := []string{bucketLabel(year, "-W", n, 2), bucketLabel(year, "-Q", n, 1), bucketLabel(year, "", n, 0)}
			want := []string{fmt.Sprintf("%04d-W%02d", year, n), fmt.Sprintf("%04d-Q%d", year, n), fmt.Sprintf("%04d", year)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("year %d, n %d (-fmt +bucketLabel):\n%s", year, n, diff)
			}
		}
	}
}

// TestSplitWeeksAgreesWithBucket splits stretches of every length up to
// three years, starting on each day around New Year of years with 52 and
// 53 ISO weeks and at the ends of the supported dates, into weeks: every
// week is the one Unit.Bucket gives for its first day, cut by the range.
func TestSplitWeeksAgreesWithBucket(t *testing.T) {
	var starts []date.Date
	for _, y := range []int{2015, 2020, 2021, 2024, 2026} {
		first := date.New(y, time.December, 20)
		for i := range 20 {
			starts = append(starts, first.Add(date.PeriodOfDays(i)))
		}
	}
	starts = append(starts, date.New(1, time.January, 1), date.New(1, time.January, 5), date.New(9997, time.June, 1))
	for _, start := range starts {
		for _, days := range []int{1, 2, 6, 7, 8, 13, 30, 200, 366, 400, 1100} {
			within := timespan.NewDateRange(start, start.Add(date.PeriodOfDays(days)))
			if checkRange(within) != nil {
				continue
			}
			got, err := Split(within, Week)
			if err != nil {
				t.Fatal(err)
			}
			var want []Bucket
			for b := Week.Bucket(within.Start()); b.Whole.Start().Before(within.End()); b = Week.Bucket(b.Whole.End()) {
				want = append(want, clip(b, within))
			}
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b timespan.DateRange) bool { return a == b })); diff != "" {
				t.Fatalf("%s (-Unit.Bucket +Split):\n%s", within, diff)
			}
		}
	}
}

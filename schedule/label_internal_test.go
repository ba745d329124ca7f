package schedule

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
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

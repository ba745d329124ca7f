package kiez_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// TestMonthString holds Month.String to fmt's %04d-%02d for the years and
// months of rules and beyond them, and the months of rules to one
// allocation.
func TestMonthString(t *testing.T) {
	var got, want []string
	for _, y := range []int{-12, -1, 0, 7, 99, 100, 999, 1000, 2024, 2099, 9999, 10000, 123456} {
		for m := time.Month(-1); m <= 14; m++ {
			got = append(got, kiez.Month{Year: y, Month: m}.String())
			want = append(want, fmt.Sprintf("%04d-%02d", y, int(m)))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("months (-fmt +String):\n%s", diff)
	}
	m := kiez.Month{Year: 2024, Month: time.March}
	if n := testing.AllocsPerRun(100, func() { _ = m.String() }); n != 1 {
		t.Errorf("String allocates %v times, want 1", n)
	}
}

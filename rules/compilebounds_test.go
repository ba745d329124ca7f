package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestCompileBoundsAlike keeps the bounds the package documents for its
// users equal to those the compiler layer applies.
func TestCompileBoundsAlike(t *testing.T) {
	got := []uint64{CostCentres, CostSessions, CostRecords, CostMembers, CostList, MaxExpressionLength, MaxNesting}
	want := []uint64{compile.CostCentres, compile.CostSessions, compile.CostRecords, compile.CostMembers, compile.CostList,
		compile.MaxExpressionLength, compile.MaxNesting}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bounds (-compile +rules):\n%s", diff)
	}
}

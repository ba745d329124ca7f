package rules

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestSyncVars holds setVar to write the variables by place only, and
// syncLets to copy those set since into the machine's map: the map of a
// run is behind until an expression falls back to the machine.
func TestSyncVars(t *testing.T) {
	r := &run{programme: &kiez.Programme{}, params: struct{}{}, ec: newEvalCtx(context.Background(), newSharedCache(nil, 0, nil)),
		budget: &stepBudget{}, frame: &compile.Frame{}, prog: &RuleSet{}}
	r.initVars()
	a, b := &kiez.Centre{ID: "a"}, &kiez.Centre{ID: "b"}
	r.setVar(slotCentre, a)
	r.setVar(slotItem, "x")
	r.syncLets()
	r.setVar(slotCentre, b)
	if got := r.env[varCentre]; got != a {
		t.Errorf("before syncLets the map has centre %v, want the one synced before (a)", got)
	}
	if r.vals[slotCentre] != b {
		t.Errorf("the place of the centre holds %v, want b", r.vals[slotCentre])
	}
	r.syncLets()
	got := map[string]any{varCentre: r.env[varCentre], varItem: r.env[varItem]}
	want := map[string]any{varCentre: b, varItem: "x"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("map after syncLets (-want +got):\n%s", diff)
	}
	if r.varsChanged != 0 {
		t.Errorf("varsChanged = %b after syncLets, want 0", r.varsChanged)
	}
}

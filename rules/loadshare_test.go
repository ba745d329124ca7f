package rules

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSharedLoadCompilesAlike loads the embedded programmes together
// (LoadEmbeddedAll: one cache of expressions, the checker's
// configurations handed from one goroutine to the next) and each from its
// text with Load on one goroutine, and compares every compiled
// expression: the same program, type and analysis.
func TestSharedLoadCompilesAlike(t *testing.T) {
	all, diags := LoadEmbeddedAll()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, shared := range all {
		data, _ := EmbeddedSource(shared.ID)
		alone, diags := Load(shared.File, data, WithCompileWorkers(1))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if diff := cmp.Diff(describeRuleSet(t, alone), describeRuleSet(t, shared)); diff != "" {
			t.Errorf("%s (-Load +LoadEmbeddedAll):\n%s", shared.ID, diff)
		}
	}
}

// describeRuleSet describes every compiled expression of a rule set.
func describeRuleSet(t *testing.T, p *RuleSet) []string {
	out := []string{fmt.Sprintf("consts %d", p.consts)}
	describe := func(r *Rule, what string, e *expression) {
		if e == nil {
			return
		}
		out = append(out, fmt.Sprintf("%s %s: %q slot %d konst %d lets %v type %v\n%s",
			r.ID, what, e.text, e.slot, e.konst, e.lets, e.program.Node().Type(), mustMachine(t, e.program).Disassemble()))
	}
	for _, r := range p.Rules {
		out = append(out, fmt.Sprintf("%s cost %d params %v texts %v slots %d", r.ID, r.cost, r.params, r.textsNamed(), r.slots))
		describe(r, "each", r.each)
		describe(r, "when", r.when)
		describe(r, "subject", r.subject)
		for i, x := range r.lets {
			describe(r, "let "+r.Let[i], x)
		}
		describe(r, "needs", r.needs)
		describe(r, "assert", r.assert)
		for _, part := range r.message {
			describe(r, "message", part.expr)
		}
		for _, part := range r.notApplicable {
			describe(r, "notApplicable", part.expr)
		}
		for _, part := range r.missingMsg {
			describe(r, "missing", part.expr)
		}
		for i, e := range r.evidence {
			describe(r, "evidence "+r.Evidence[i], e)
		}
	}
	return out
}

// TestCompileTurns shows the bound that LoadEmbeddedAll puts on the
// goroutines compiling rules at once across its programmes
// (exprCache.turns): with two turns, eight goroutines compile at most two
// at a time; without, all eight at once, as before. Each goroutine stays
// in its turn until as many are in as the bound allows (or a second has
// passed), so that the count does not depend on how fast they start.
func TestCompileTurns(t *testing.T) {
	most := func(turns chan struct{}, bound int32) int32 {
		cache := newExprCache()
		cache.turns = turns
		var now, most atomic.Int32
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				end := (&loader{cache: cache}).compileTurn()
				defer end()
				n := now.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				for deadline := time.Now().Add(time.Second); most.Load() < bound && time.Now().Before(deadline); {
					time.Sleep(100 * time.Microsecond)
				}
				now.Add(-1)
			})
		}
		wg.Wait()
		return most.Load()
	}
	got := []int32{most(make(chan struct{}, 2), 2), most(nil, 8)}
	if diff := cmp.Diff([]int32{2, 8}, got); diff != "" {
		t.Errorf("goroutines compiling at once with two turns and without (-want +got):\n%s", diff)
	}
}

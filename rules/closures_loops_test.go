package rules

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// loopCase is an expression of TestClosureLoops and whether it must run
// as closures on every value the machine gives a value for (covered), or
// may fall back to the machine.
type loopCase struct {
	text    string
	covered bool
}

// TestClosureLoops runs expressions over the loops of the typed closures
// (all, any, filter, map, count, sum, find, groupBy …), the lists they
// walk and give on (lists of records, of pointers, of interfaces with nil
// elements, of texts and numbers, filter, map and flatten results handed
// on to the next loop), optional chains on nil elements and variables
// declared with let, both as closures and on expr's machine, on the
// testdata centres and on a table of values: where the machine gives a
// value, the closure gives the same value, and ran as closures (it did
// not fall back) where the case says so; where the machine fails, the
// closure fails too.
func TestClosureLoops(t *testing.T) {
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach", "../testdata/wiesbaden", "../testdata/thueringen")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	var centres []*kiez.Centre
	for i := range min(len(ds.Centres), 7) {
		centres = append(centres, &ds.Centres[i])
	}
	day := date.New(2024, 3, 1)
	types := map[string]any{
		"n": 0, "s": "", "centre": (*kiez.Centre)(nil), "centres": []*kiez.Centre(nil), "list": []int(nil),
		"texts": []string(nil), "anys": []any(nil), "recs": []testRecord(nil), "ptrs": []*testRecord(nil),
		"nested": [][]string(nil), "day": date.Date{}, "decs": []decimal.Decimal(nil),
		ctxVar: (*evalCtx)(nil), budgetVar: (*stepBudget)(nil),
	}
	values := []map[string]any{}
	for i, c := range append([]*kiez.Centre{{ID: "leer"}}, centres...) {
		for _, s := range []string{"", "a"} {
			values = append(values, map[string]any{
				"n": i - 1, "s": s, "centre": c, "centres": centres[:i%(len(centres)+1)],
				"list": []int{i, 1, -2, math.MaxInt, 3, 0}[:i%7], "texts": []string{s, "b", "a", s}[:i%5],
				"anys":   []any{nil, s, i, &testRecord{Name: s, Count: i}, testRecord{Name: "a"}, nil, []any{"x", nil}}[:i%8],
				"recs":   []testRecord{{Name: "a", Count: 1, Tags: []string{"t", s}}, {Name: s, Count: i, Tags: nil}, {Name: "b", Count: -1, From: day}}[:i%4],
				"ptrs":   []*testRecord{nil, {Name: s, Count: 2, Tags: []string{"a"}}, nil, {Name: "a", Count: i}}[:i%5],
				"nested": [][]string{{"a", s}, nil, {"b"}, {}}[:i%5], "day": day,
				"decs": []decimal.Decimal{decimal.NewFromInt(int64(i)), decimal.RequireFromString("2.5")}[:i%3],
			})
		}
	}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	funcs.AddTyped(typedFunctions())
	machine := &vm.VM{}
	frame := &compile.Frame{} // one frame for every run, as a worker keeps it
	for _, lc := range loopCases {
		prog, err := l.compileExpr(lc.text, types)
		if err != nil {
			t.Errorf("%s: %v", lc.text, err)
			continue
		}
		c := compile.CompileClosure(prog, funcs)
		if c == nil {
			if lc.covered {
				t.Errorf("%s: not compiled to closures", lc.text)
			}
			continue
		}
		ran := 0
		for _, v := range values {
			env := map[string]any{ctxVar: newEvalCtx(context.Background(), newSharedCache(nil, 0, nil)), budgetVar: &stepBudget{limit: 1 << 40}}
			for k, x := range v {
				env[k] = x
			}
			want, err := machine.Run(mustMachine(t, prog), env)
			got, ok := c.Run(frame, env, 0)
			switch {
			case err != nil && ok:
				t.Errorf("%s on n=%v s=%q: closure gave %#v, the machine failed: %v", lc.text, v["n"], v["s"], got, err)
			case err == nil && !ok && lc.covered:
				t.Errorf("%s on n=%v s=%q: closure failed, the machine gave %#v", lc.text, v["n"], v["s"], want)
			case err == nil && ok:
				ran++
				if d := cmp.Diff(want, got, closureCmp); d != "" {
					t.Errorf("%s on n=%v s=%q (-machine +closure):\n%s", lc.text, v["n"], v["s"], d)
				}
			}
		}
		if lc.covered && ran == 0 {
			t.Errorf("%s: never ran as closures", lc.text)
		}
	}
}

// loopCases are the expressions of TestClosureLoops.
var loopCases = func() []loopCase {
	var out []loopCase
	add := func(covered bool, texts ...string) {
		for _, t := range texts {
			out = append(out, loopCase{text: strings.TrimSpace(t), covered: covered})
		}
	}
	// Loops over lists of records, pointers, texts and numbers.
	add(true,
		`all(list, # > n)`, `any(list, # == n)`, `none(list, # < 0)`, `one(list, # == 1)`, `count(list, # > 0)`,
		`filter(list, # > 0)`, `map(list, # * 2)`, `map(list, #index)`, `map(list, # > #index)`, `sum(list)`,
		`sum(list, # % 3)`, `find(list, # > 1)`, `findIndex(list, # > 1)`, `findLast(list, # < 3)`, `findLastIndex(list, # < 3)`,
		`groupBy(list, # % 2)`, `groupBy(list, # > 0)[true]`, `len(groupBy(texts, #))`, `groupBy(texts, #)[s]`,
		`all(texts, # != "")`, `filter(texts, # != s)`, `map(texts, # + s)`, `count(texts, # == s)`, `find(texts, # == "b")`,
		`filter(recs, .count > n)`, `map(recs, .name)`, `map(recs, .tags)`, `any(recs, .name == s)`, `sum(recs, .count)`,
		`map(filter(recs, .count >= 0), .name)`, `filter(map(recs, .name), # != "")`, `groupBy(recs, .name)`,
		`groupBy(recs, .name)[s]`, `len(groupBy(recs, .name)[s] ?? [])`, `find(recs, .name == s)?.count`,
		`findLast(recs, .count < 2)`, `map(recs, #index + .count)`, `count(recs, s in .tags)`,
		`map(ptrs, #?.name)`, `map(ptrs, #?.count ?? -1)`, `filter(ptrs, # != nil)`, `filter(ptrs, # == nil)`,
		`count(ptrs, # == nil)`, `map(filter(ptrs, # != nil), .name)`, `any(ptrs, #?.name == "a" ?? false)`,
		`map(ptrs, (#?.name ?? "-") + s)`, `map(ptrs, #?.tags)`, `groupBy(filter(ptrs, # != nil), .count)`,
		`map(anys, #)`, `filter(anys, # != nil)`, `count(anys, # == nil)`, `map(anys, # == s)`, `filter(anys, # == s)`,
		`any(anys, # == n)`, `findIndex(anys, # == nil)`, `groupBy(anys, # == nil)`, `map(anys, # ?? "nil")`,
		`flatten(nested)`, `flatten(map(recs, .tags))`, `len(flatten(map(recs, .tags)))`, `uniq(flatten(map(recs, .tags)))`,
		`filter(flatten(map(recs, .tags)), # != s)`, `map(flatten(map(recs, .tags)), # + "!")`, `s in flatten(map(recs, .tags))`,
		`count(flatten(nested), # == s)`, `flatten(map(nested, map(#, # + s)))`, `flatten([texts, nested[0] ?? []])`,
		`join(map(recs, .name), ", ")`, `join(filter(texts, # != ""), "/")`, `join(map(list, string(#)), "+")`,
		`s + join(texts, ",") + s`, `map(recs, .name + ": " + string(.count))`, `map(texts, upper(#) + lower(s))`,
		`len(filter(list, # > n))`, `len(map(recs, .name))`, `first(filter(recs, .count > 0))?.name`,
		`last(map(list, # + 1))`, `map(filter(list, # > 0), # * n)`, `filter(filter(list, # > 0), # < 3)`,
		`sum(filter(list, # > 0))`, `sum(map(recs, .count))`, `sum(list, # > 0 ? # : 0)`, `count(map(list, # > 0))`,
		`all(map(recs, .name), # != "")`, `any(filter(recs, .count > 0), .name == s)`, `findIndex(map(recs, .name), # == s)`,
		`map(centres, .id)`, `map(centres, len(.catchment))`, `flatten(map(centres, map(.catchment, .id)))`,
		`filter(flatten(map(centres, .catchment)), .id != s)`, `map(filter(flatten(map(centres, .catchment)), .id != s), .name)`,
		`uniq(map(centres, .location.verbandsgemeinde))`, `all(centres, .location.verbandsgemeinde != "")`,
		`count(centres, len(.staff) > 0)`, `groupBy(centres, .kind)`, `map(centre.staff, .hoursPerWeek)`,
		`map(centre.catchment, .id)`, `filter(centre.catchment, .id != s)`, `any(centre.rooms, "beratungsraum" in .kinds)`,
		`map(filter(centre.rooms, len(.kinds) > 1), .name)`, `flatten(map(centre.rooms, .kinds))`,
		`map(centre.meetings, len(.participants))`, `flatten(map(centre.meetings, .participants))`,
		`map(filter(flatten(map(centre.meetings, .participants)), .role != ""), .kita)`,
		`all(centre.catchment, .id in flatten(map(centre.staff, .kitas)))`, `count(centre.evidence, .kind == s)`,
		`groupBy(centre.evidence, .kind)[s]`, `groupBy(centre.evidence, .subject)`, `sumDec(map(centre.staff, .hoursPerWeek))`,
		`sumDec(decs)`, `map(decs, # * 2)`, `filter(decs, # > 1)`, `map(centre.sessions, .date)`,
		`filter(centre.sessions, .cancelled)`, `findLast(centre.sessions, !.cancelled)?.offer`, `map(centres, .name + " " + .id)`,
		`map(centres, (.since == nil ? "-" : "x"))`, `filter(centres, .since == nil)`, `filter(centres, .since != nil)`,
		`any(centres, .since == nil and .kind == s)`, `map(list, let x = # * 2; x + n)`, `let xs = filter(list, # > 0); len(xs) + sum(xs)`,
		`let t = map(recs, .name); filter(t, # != s)`, `let t = flatten(map(recs, .tags)); count(t, # == s)`,
		`let g = groupBy(recs, .name); map(recs, len(g[.name]))`, `let m = map(ptrs, #?.name); map(m, # == nil)`,
		`let k = s; filter(texts, # == k)`, `let k = n; map(list, # + k)`, `let c = centre; map(c.catchment, .name)`,
		`map(list, map(texts, # + string(#index)))`, `map(recs, map(.tags, # + s))`, `any(recs, any(.tags, # == s))`,
		`filter(recs, all(.tags, # != ""))`, `map(recs, count(list, # > 0))`, `map(anys, #index)`,
		`map(list, ({"v": #}))`, `map(list, [#, n])`, `filter(texts, # in ["a", "b"])`, `map(texts, # == "b" ? 1 : 2)`,
		`sum(map(texts, len(#)))`, `sum(list, #) + sum(list)`, `map(list, # == n)`, `map(texts, # == nil)`,
		`map(recs, .until == nil)`, `map(recs, .until != nil)`, `filter(recs, .until == nil)`, `map(ptrs, # == nil)`,
		`map(anys, # != nil)`, `map(centres, .since)`, `map(centres, .since == nil ? 0 : 1)`,
		`let g = groupBy(list, # > 0); [concat(g[true] ?? [], [7]), g[false] ?? []]`,
		`let g = groupBy(texts, #); map(texts, concat(g[#], [s]))`, `len(groupBy(recs, .count % 2))`,
		`let g = groupBy(centre.evidence, .kind); map(centre.evidence, len(g[.kind]))`,
		`any(recs, .name in map(recs, .name))`, `s in map(anys, #)`, `s in filter(texts, # != "b")`, `"a" in flatten(nested)`, `s in map(list, string(#))`,
		`all(centre.catchment, .id in flatten(map(centre.staff, .kitas)))`, `filter(centre.catchment, .id not in map(centre.staff, .id))`,
		`map(centre.sessions, .attendance.adults + .attendance.children + .attendance.families)`,
		`filter(centre.sessions, .attendance.adults + .attendance.children <= 0)`, `map(centres, .location.county + .name)`,
		`map(centres, .ownKita?.name)`, `map(centres, .ownKita?.id ?? "-")`, `map(centres, .licence?.granted)`, `map(centres, .ownKita)`,
	)
	// Optional chains on nil elements: where the machine asserts a text
	// (OpEqualString) and meets the chain's nil, it fails, and so must the
	// closure (it ran anyway, to fall back).
	add(false,
		`map(ptrs, #?.name == s)`, `filter(ptrs, #?.name == s)`, `any(ptrs, #?.name == "a")`,
		`map(ptrs, #?.count == n)`, `map(ptrs, #?.name != s)`, `count(ptrs, #?.name == "a")`,
		`map(anys, #?.name == s)`, `sum(list, # / 2)`, `map(texts, int(#))`, `sum(anys)`, `map(anys, #?.name)`,
		`filter(list, # > 100)[0]`, `reduce(list, # + #acc, 0)`, `sortBy(recs, .count)`,
	)
	return out
}()

// TestClosureVarOfOtherType: a variable declared with let, of another
// type than the loop's elements, read inside a loop, and a variable of the
// evaluation whose value has another type than its declared one (any):
// the closures give what the machine gives.
func TestClosureVarOfOtherType(t *testing.T) {
	types := map[string]any{"v": any(nil), "list": []int(nil)}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	machine := &vm.VM{}
	exprs := []string{
		`map(list, # > 0 ? v : 1)`, `filter(list, # == v)`, `let x = v; map(list, # > 0 ? x : 1)`, `let x = "t"; map(list, x + string(#))`,
		`let x = [v, 1]; map(x, # == v)`, `let x = list; map(x, # + 1)`, `let x = map(list, # > 0); filter(x, #)`,
		`v == nil`, `v != nil`, `map(list, v == nil)`, `count(list, v != nil)`,
	}
	for _, text := range exprs {
		prog, err := l.compileExpr(text, types)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		c := compile.CompileClosure(prog, funcs)
		if c == nil {
			t.Errorf("%s: not compiled to closures", text)
			continue
		}
		for _, v := range []any{nil, 1, "t", true, []any{1, nil}, &testRecord{}, testRecord{Name: "x"}, (*testRecord)(nil)} {
			env := map[string]any{ctxVar: nil, budgetVar: &stepBudget{limit: 1 << 40}, "v": v, "list": []int{1, 0, -1}}
			want, err := machine.Run(mustMachine(t, prog), env)
			got, ok := c.Run(&compile.Frame{}, env, 0)
			switch {
			case err != nil && ok:
				t.Errorf("%s on %#v: closure gave %#v, the machine failed: %v", text, v, got, err)
			case err == nil && !ok:
				t.Errorf("%s on %#v: closure failed, the machine gave %#v", text, v, want)
			case err == nil:
				if d := cmp.Diff(want, got, closureCmp); d != "" {
					t.Errorf("%s on %#v (-machine +closure):\n%s", text, v, d)
				}
			}
		}
	}
}

// TestClosureGroupByNaN: groupBy with keys that are not equal to
// themselves (NaN) gives one group per element on the machine, and so on
// the closures; the groups keep the elements' order.
func TestClosureGroupByNaN(t *testing.T) {
	types := map[string]any{"xs": []float64(nil)}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	for _, text := range []string{`len(groupBy(xs, #))`, `len(groupBy(xs, # * 0))`, `groupBy(xs, # > 0)`, `len(groupBy(xs, # / #))`} {
		prog, err := l.compileExpr(text, types)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		c := compile.CompileClosure(prog, funcs)
		if c == nil {
			t.Fatalf("%s: not compiled to closures", text)
		}
		env := map[string]any{ctxVar: nil, budgetVar: &stepBudget{limit: 1 << 40}, "xs": []float64{math.NaN(), 1, math.NaN(), 0, 1}}
		want, err := (&vm.VM{}).Run(mustMachine(t, prog), env)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		got, ok := c.Run(&compile.Frame{}, env, 0)
		if !ok {
			t.Fatalf("%s: the closure failed", text)
		}
		// NaN keys cannot be looked up: compare the groups as printed.
		if w, g := fmt.Sprint(want), fmt.Sprint(got); w != g {
			t.Errorf("%s: machine %s, closure %s", text, w, g)
		}
	}
}

// TestClosureListsOnStack: filter, map and flatten read by a loop, by
// flatten or by len hand their results on the frame's stack, not as new
// lists of interfaces: once the frame's stack has grown, such an
// expression runs without allocating.
func TestClosureListsOnStack(t *testing.T) {
	types := map[string]any{"recs": []testRecord(nil), "ptrs": []*testRecord(nil), "anys": []any(nil), "s": ""}
	recs := []testRecord{{Name: "a", Count: 1, Tags: []string{"x", "y"}}, {Name: "b", Count: 0}, {Name: "c", Count: 3, Tags: []string{"z"}}}
	env := map[string]any{ctxVar: nil, budgetVar: &stepBudget{limit: 1 << 40}, "recs": recs, "s": "y",
		"ptrs": []*testRecord{&recs[0], nil, &recs[2]}, "anys": []any{recs[0], "x", nil, recs[1]}}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	for _, text := range []string{
		`len(flatten(map(recs, .tags)))`, `count(flatten(map(recs, .tags)), # == s)`, `any(flatten(map(recs, .tags)), # == s)`,
		`count(filter(recs, .count > 0), .name != s)`, `sum(map(filter(recs, .count > 0), .count))`,
		`len(filter(anys, # != nil))`, `all(map(ptrs, #?.count ?? 0), # >= 0)`, `s in flatten(map(recs, .tags))`,
		`s in map(filter(recs, .count > 0), .name)`, `first(filter(ptrs, # != nil))?.name`, `last(map(recs, .count))`,
		`first(filter(recs, .count > 0))?.name`, `find(recs, .name == s)?.count`, `count(map(filter(anys, # != nil), #), # != nil)`,
	} {
		prog, err := l.compileExpr(text, types)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		c := compile.CompileClosure(prog, funcs)
		if c == nil {
			t.Fatalf("%s: not compiled to closures", text)
		}
		want, err := (&vm.VM{}).Run(mustMachine(t, prog), env)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		f := &compile.Frame{}
		if got, ok := c.Run(f, env, 0); !ok || !cmp.Equal(want, got) {
			t.Errorf("%s: closure gave %v, %v; the machine %v", text, got, ok, want)
		}
		if n := testing.AllocsPerRun(20, func() { c.Run(f, env, 0) }); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", text, n)
		}
	}
}

// TestClosureListsMemory: the lists filter, map and flatten leave on the
// frame's stack are counted in memory as the machine counts the lists it
// makes: with every budget around the expression's need, the closure
// fails exactly where the machine fails.
func TestClosureListsMemory(t *testing.T) {
	types := map[string]any{"list": []int(nil), "recs": []testRecord(nil), "nested": [][]string(nil),
		ctxVar: (*evalCtx)(nil), budgetVar: (*stepBudget)(nil)}
	env := map[string]any{ctxVar: newEvalCtx(context.Background(), newSharedCache(nil, 0, nil)), budgetVar: &stepBudget{limit: 1 << 40}, "list": []int{3, 1, 0, 2, 5},
		"recs":   []testRecord{{Tags: []string{"a", "b"}}, {}, {Tags: []string{"c"}}},
		"nested": [][]string{{"a"}, {"b", "c"}, nil}}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	for _, text := range []string{
		`filter(list, # > 0)`, `count(flatten(map(recs, .tags)), # != "")`, `first(map(list, # + 1))`,
		`sum(map(filter(list, # > 1), # * 2))`, `len(flatten(nested))`, `any(map(list, # > 0), #)`,
		`map(filter(list, # > 0), [#, #])`, `len(flatten(map(nested, map(#, # + "!"))))`,
	} {
		prog, err := l.compileExpr(text, types)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		c := compile.CompileClosure(prog, funcs)
		if c == nil {
			t.Fatalf("%s: not compiled to closures", text)
		}
		failed := 0
		for budget := uint(1); budget <= 30; budget++ {
			_, err := (&vm.VM{MemoryBudget: budget}).Run(mustMachine(t, prog), env)
			_, ok := c.Run(&compile.Frame{}, env, budget)
			if ok != (err == nil) {
				t.Errorf("%s with a budget of %d: closure ran %v, the machine failed: %v", text, budget, ok, err)
			}
			if err != nil {
				failed++
			}
		}
		if failed == 0 {
			t.Errorf("%s: the machine never ran out of memory, the test shows nothing", text)
		}
	}
}

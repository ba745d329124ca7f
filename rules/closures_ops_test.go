package rules

import (
	"math"
	"testing"

	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// TestClosureOperators runs a table of expressions over the operators,
// builtins and shapes the closures cover, on every combination of a set
// of values (zero, negative, the largest whole numbers, dates not given,
// empty texts), both as closures and on expr's machine: where the machine
// gives a value, the closure gives the same value; where the machine
// fails, the closure fails too (and the machine's error is the result).
func TestClosureOperators(t *testing.T) {
	day := date.New(2024, 3, 1)
	later := date.New(2024, 9, 30)
	types := map[string]any{
		"n": 0, "m": 0, "d": decimal.Decimal{}, "e": decimal.Decimal{}, "day": date.Date{}, "until": (*date.Date)(nil),
		"s": "", "list": []int(nil), "texts": []string(nil), "anys": []any(nil), "rec": (*testRecord)(nil),
		"recs": []testRecord(nil),
	}
	exprs := []string{
		"n + m", "n - m", "n * m", "n / m", "n % m", "n ** 2", "-n", "+n", "n == m", "n != m", "n < m", "n >= m",
		"d + e", "d - e", "d * e", "d / e", "d < e", "d == e", "d != 2", "d > n",
		"day < later", "day <= until", "until == nil", "(until ?? later) > day", "day.After(later)", "later.Before(day)",
		"s + \"x\"", "s == \"a\"", "s in texts", "s in rec?.tags", "any(recs, s in .tags)", "s in [\"a\", \"b\"]", "n in list", "n in anys", "s contains \"a\"",
		"s startsWith \"a\"", "s endsWith \"\"", "len(texts)", "len(s)", "upper(s)", "trim(s) == \"\"",
		"filter(list, # > 1)", "map(list, # * 2)", "count(list, # > 0)", "count(list, # > 0) >= 1", "sum(list)",
		"sum(list, # * n)", "any(list, # == n)", "all(list, # != m)", "none(list, # < 0)", "one(list, # == 1)",
		"find(list, # > 5)", "findIndex(list, # > 1)", "findLast(list, # < 5)", "findLastIndex(list, # < 5)",
		"filter(list, # > 0)[0]", "map(filter(list, # > 1), # + n)", "len(filter(list, # > 1))", "1..n", "n..3",
		"{\"a\": 1, \"b\": n}[s]", "{\"a\": 1}[s] ?? 0", "let x = n; x + m", "let x = n; let y = x * 2; y > m",
		"n > 0 ? s : \"nein\"", "n > 0 && s != \"\"", "n > 0 || s == \"\"", "not (n > 1)", "!(n == m)",
		"[n, m, s]", "[n, m][1]", "texts[0]", "anys?.[0]", "rec?.name", "rec?.name ?? \"-\"", "rec.name", "rec.count + n",
		"map(recs, .name)", "filter(recs, .count > n)", "any(recs, .name == s)", "sum(recs, .count)",
		"rec?.from ?? day", "rec?.until", "flatten([texts, texts])", "sort(list)", "concat(list, list)",
		"join(texts, \", \")", "groupBy(list, # % 2)", "groupBy(recs, .name)[s]", "uniq(texts)", "string(n)", "int(s) + 1", "max(n, m)", "abs(n)",
	}
	values := []map[string]any{}
	for _, n := range []int{0, 1, -1, 7, math.MaxInt} {
		for _, m := range []int{0, 2, math.MinInt} {
			for _, s := range []string{"", "a", "12"} {
				for _, until := range []*date.Date{nil, &later} {
					values = append(values, map[string]any{"n": n, "m": m, "s": s, "until": until,
						"d": decimal.NewFromInt(int64(n % 1000)), "e": decimal.RequireFromString([]string{"0", "2.5", "-0.1"}[len(s)]),
						"day": day, "later": later, "list": []int{n, 1, m, 3}[:len(s)+1], "texts": []string{s, "b"}[:len(s)],
						"anys": []any{n, s, nil}[:len(s)], "rec": []*testRecord{nil, {Name: s, Count: n, From: day, Tags: []string{"a", "b"}}}[len(s)%2],
						"recs": []testRecord{{Name: "a", Count: 1}, {Name: s, Count: m, Until: until, Tags: []string{s}}}})
				}
			}
		}
	}
	types["later"] = date.Date{}
	l := &loader{}
	funcs := compile.NewClosureFuncs(compilerConfig(functions()))
	machine := &vm.VM{}
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
		for _, v := range values {
			env := map[string]any{ctxVar: nil, budgetVar: &stepBudget{limit: 1 << 40}}
			for k, x := range v {
				env[k] = x
			}
			want, err := machine.Run(mustMachine(t, prog), env)
			got, ok := c.Run(&compile.Frame{}, env, 0)
			switch {
			case err != nil && ok:
				t.Errorf("%s on %v: closure gave %#v, the machine failed: %v", text, v, got, err)
			case err == nil && !ok:
				t.Errorf("%s on %v: closure failed, the machine gave %#v", text, v, want)
			case err == nil:
				if d := cmp.Diff(want, got, closureCmp); d != "" {
					t.Errorf("%s on %v (-machine +closure):\n%s", text, v, d)
				}
			}
		}
	}
}

// testRecord is a record of the operator test.
type testRecord struct {
	Name  string     `expr:"name"`
	Count int        `expr:"count"`
	From  date.Date  `expr:"from"`
	Until *date.Date `expr:"until"`
	Tags  []string   `expr:"tags"`
}

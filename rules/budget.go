package rules

import (
	"fmt"
	"reflect"

	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// The run-time step budget of a rule: the functions that count
// (stepBudget), which the compiler calls where it puts the counting into
// a checked tree (compile's budget.go); cost.go estimates the cost at
// load.

// DefaultStepBudget is the run-time budget of one rule on one centre, in
// steps: iterations of loops and bytes of text joined with +. A
// programme rule, which reads all centres, has the budget once for every
// CostCentres centres of the data begun (at least once). A rule that
// exceeds its budget gets the verdict "Prüffehler" with a German message
// naming the budget, and the other rules go on. The shipped rules take
// fewer than 10,000 steps per centre on the testdata, and their programme
// rules fewer than 5 million on 10,000 generated centres (whose budget is
// 20 times this one); a hostile rule is stopped after about 0.15 s per
// centre on 2 cores.
const DefaultStepBudget = 5_000_000

// The run-time budget: the compiler counts every loop's list when the loop
// begins (nested loops are counted each time they begin, so the count is
// the number of iterations), the elements of every list handed to a
// function or a builtin that reads it (sort, join …), and the bytes of
// text joined with +, in the budget of the rule being evaluated, which the
// engine resets per rule and centre. Work a function does on one value
// (upper of a long text) is not counted; the evaluation's context bounds
// it.
const (
	stepsName  = compile.StepsName
	guardName  = compile.GuardName
	concatName = compile.ConcatName
	budgetVar  = compile.BudgetVar
)

// stepBudget counts the steps of the rule being evaluated.
type stepBudget struct{ used, limit uint64 }

// start begins a rule of the given scope on data of the given number of
// centres, with the budget of the rule (see DefaultStepBudget).
func (b *stepBudget) start(scope Scope, centres int, perCentre uint64) {
	if b == nil {
		return
	}
	b.used, b.limit = 0, perCentre
	if scope == ScopeProgramme && centres > CostCentres {
		b.limit = compile.SatMul(perCentre, uint64((centres+CostCentres-1)/CostCentres))
	}
}

// spend counts n steps and fails once the budget is exceeded.
func (b *stepBudget) spend(n int) error {
	b.used += uint64(n)
	if b.used > b.limit {
		return fmt.Errorf("the rule exceeds its step budget of %d steps, counted as loop iterations and characters of built texts; simplify the rule, e.g. without nested loops", b.limit)
	}
	return nil
}

// germanDigits writes a number with thousands separated by points.
func germanDigits(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// countSteps is $steps(budget, list): it counts the list's elements in
// the budget and gives the list.
func countSteps(budget, list any) (any, error) {
	if err := spendSteps(budget, reflect.ValueOf(list).Len()); err != nil {
		return nil, err
	}
	return list, nil
}

// spendSteps is $steps on the length n of the list (compile.Config's
// StepsLen).
func spendSteps(budget any, n int) error {
	if b, ok := budget.(*stepBudget); ok {
		return b.spend(n)
	}
	return nil
}

// guardSteps is $guard(ctx, budget, list) on the length n of the list
// (compile.Config's GuardLen): it fails once the context is done, and
// counts the list's elements.
func guardSteps(ctx, budget any, n int) error {
	if ec := ecOf(ctx); ec != nil {
		if err := ec.Err(); err != nil {
			return err
		}
	}
	return spendSteps(budget, n)
}

// budgetFunctions are the functions the compiler inserts for the budget;
// they count nothing outside an evaluation (no budget in the variables).
func budgetFunctions() map[string]*builtin.Function {
	return map[string]*builtin.Function{
		stepsName: {Name: stepsName, Func: func(a ...any) (any, error) { return countSteps(a[0], a[1]) }},
		guardName: {Name: guardName, Func: func(a ...any) (any, error) {
			if err := guardSteps(a[0], a[1], reflect.ValueOf(a[2]).Len()); err != nil {
				return nil, err
			}
			return a[2], nil
		}},
		concatName: {Name: concatName, Func: func(a ...any) (any, error) {
			x, okx := a[1].(string)
			y, oky := a[2].(string)
			if !okx || !oky {
				return runtime.Add(a[1], a[2]), nil // operands of unknown type that are no texts: expr's +
			}
			b, _ := a[0].(*stepBudget)
			return concatTexts(b, x, y)
		}},
	}
}

package rules

import (
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/rickb777/date"
)

// errOverflow is the run-time error of whole-number arithmetic whose
// result does not fit in 64 bits: expr would wrap it around silently
// (a sum of large counts turning negative), so that a comparison with it
// gave a wrong verdict instead of an error result.
var errOverflow = errors.New("integer overflow: the result is out of range")

// maxDayShift bounds the days addDays may add (about 10,000 years), and
// maxMonthShift the months of addMonths: a date moved further lies
// outside every calendar the data can hold, and the date arithmetic
// behind them would wrap around.
const (
	maxDayShift   = 3_660_000
	maxMonthShift = 120_000
)

// overflowFunctions are the checked whole-number operations behind the
// operators (and unary minus, compile.Config.Negate).
func overflowFunctions() []function {
	ints := []any{new(func(int, int) int)}
	return []function{
		{name: "intAdd", group: "operator", doc: "a + b on whole numbers; a result beyond 64 bits is an error", types: ints,
			fn2: func(a, b any) (any, error) { return addInt(a.(int), b.(int)) }},
		{name: "intSub", group: "operator", doc: "a - b on whole numbers; a result beyond 64 bits is an error", types: ints,
			fn2: func(a, b any) (any, error) { return subInt(a.(int), b.(int)) }},
		{name: "intMul", group: "operator", doc: "a * b on whole numbers; a result beyond 64 bits is an error", types: ints,
			fn2: func(a, b any) (any, error) { return mulInt(a.(int), b.(int)) }},
		{name: "intNeg", group: "operator", doc: "-a on a whole number; the negation of the smallest whole number is an error", types: []any{new(func(int) int)},
			fn: func(a ...any) (any, error) { return subInt(0, a[0].(int)) }},
	}
}

func addInt(a, b int) (int, error) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, errOverflow
	}
	return s, nil
}

func subInt(a, b int) (int, error) {
	s := a - b
	if (s < a) != (b > 0) {
		return 0, errOverflow
	}
	return s, nil
}

func mulInt(a, b int) (int, error) {
	if a == 0 || b == 0 {
		return 0, nil
	}
	neg := (a < 0) != (b < 0)
	hi, lo := bits.Mul64(absInt(a), absInt(b))
	if hi != 0 || (!neg && lo > math.MaxInt64) || (neg && lo > 1<<63) {
		return 0, errOverflow
	}
	if neg {
		return int(-lo), nil // -(1<<63) wraps to MinInt64 exactly
	}
	return int(lo), nil
}

func absInt(a int) uint64 {
	if a < 0 {
		return uint64(-(a + 1)) + 1
	}
	return uint64(a)
}

// withOverflowChecks adds the checked operations to the environment's
// functions and bounds the shifts of addDays and addMonths.
func withOverflowChecks(fs []function) []function {
	for i := range fs {
		switch fs[i].name {
		case "addDays":
			fs[i].doc += "; more than 3,660,000 days (about 10,000 years) either way is an error"
			fs[i].fn2 = func(d, x any) (any, error) {
				n := x.(int)
				if n > maxDayShift || n < -maxDayShift {
					return nil, fmt.Errorf("addDays: %d days is out of range (at most %d either way)", n, maxDayShift)
				}
				return d.(date.Date).Add(date.PeriodOfDays(n)), nil
			}
		case "addMonths":
			fs[i].doc += "; more than 120,000 months either way is an error"
			fs[i].fn2 = func(d, x any) (any, error) {
				n := x.(int)
				if n > maxMonthShift || n < -maxMonthShift {
					return nil, fmt.Errorf("addMonths: %d months is out of range (at most %d either way)", n, maxMonthShift)
				}
				return addMonths(d.(date.Date), n), nil
			}
		}
	}
	return append(fs, overflowFunctions()...)
}

// This file holds the functions behind the expression operators on
// decimals and dates; overflow.go has those on whole numbers.

package rules

import (
	"errors"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// numberPairs returns the signatures of a binary operator on decimals
// mixed with int and float literals.
func numberPairs[R any]() []any {
	return []any{
		new(func(decimal.Decimal, decimal.Decimal) R),
		new(func(decimal.Decimal, int) R),
		new(func(int, decimal.Decimal) R),
		new(func(decimal.Decimal, float64) R),
		new(func(float64, decimal.Decimal) R),
	}
}

// datePairs returns the signatures of a comparison of dates, either of
// which may be an optional date (a *date.Date field such as until).
func datePairs() []any {
	return []any{
		new(func(date.Date, date.Date) bool),
		new(func(*date.Date, date.Date) bool),
		new(func(date.Date, *date.Date) bool),
		new(func(*date.Date, *date.Date) bool),
	}
}

// compareDates compares two date arguments; an optional date that is not
// given cannot be compared.
func compareDates(a, b any, cmp func(x, y date.Date) bool) (any, error) {
	var ds [2]date.Date
	for i, x := range [2]any{a, b} {
		switch v := x.(type) {
		case date.Date:
			ds[i] = v
		case *date.Date:
			if v == nil {
				return nil, errors.New("a date that is not given cannot be compared; supply one with ?? (e.g. item.until ?? period.until)")
			}
			ds[i] = *v
		}
	}
	return cmp(ds[0], ds[1]), nil
}

// operators maps expression operators to the functions that implement
// them for decimals and dates, and to the checked whole-number operations
// (see overflow.go) for +, - and * on two whole numbers.
var operators = []struct{ op, fn string }{
	{"+", "decAdd"}, {"-", "decSub"}, {"*", "decMul"}, {"/", "decDiv"}, {"/", "intDiv"},
	{"+", "intAdd"}, {"-", "intSub"}, {"*", "intMul"},
	{"<", "decLess"}, {"<=", "decLessEq"}, {">", "decGreater"}, {">=", "decGreaterEq"}, {"==", "decEq"}, {"!=", "decNotEq"},
	{"<", "dateBefore"}, {"<=", "dateBeforeEq"}, {">", "dateAfter"}, {">=", "dateAfterEq"},
}

// operatorFunctions are the functions behind the operators on decimals
// and dates (see operators).
func operatorFunctions() []function {
	return []function{
		{name: "decAdd", group: "operator", doc: "a + b on decimals", types: numberPairs[decimal.Decimal](),
			fn2: func(a, b any) (any, error) { return dec(a).Add(dec(b)), nil }},
		{name: "decSub", group: "operator", doc: "a - b on decimals", types: numberPairs[decimal.Decimal](),
			fn2: func(a, b any) (any, error) { return dec(a).Sub(dec(b)), nil }},
		{name: "decMul", group: "operator", doc: "a * b on decimals", types: numberPairs[decimal.Decimal](),
			fn2: func(a, b any) (any, error) { return dec(a).Mul(dec(b)), nil }},
		{name: "decDiv", group: "operator", doc: "a / b on decimals, to 16 decimal places; dividing by zero is an error", types: numberPairs[decimal.Decimal](),
			fn2: func(a, b any) (any, error) {
				d := dec(b)
				if d.IsZero() {
					return nil, errDivZero
				}
				return dec(a).DivRound(d, 16), nil
			}},
		{name: "intDiv", group: "operator", doc: "a / b on whole numbers gives a number; dividing by zero is an error", types: []any{new(func(int, int) float64)},
			fn2: func(a, b any) (any, error) {
				if b.(int) == 0 {
					return nil, errDivZero
				}
				return float64(a.(int)) / float64(b.(int)), nil
			}},
		{name: "decLess", group: "operator", doc: "a < b on decimals", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return dec(a).LessThan(dec(b)), nil }},
		{name: "decLessEq", group: "operator", doc: "a <= b on decimals", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return dec(a).LessThanOrEqual(dec(b)), nil }},
		{name: "decGreater", group: "operator", doc: "a > b on decimals", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return dec(a).GreaterThan(dec(b)), nil }},
		{name: "decGreaterEq", group: "operator", doc: "a >= b on decimals", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return dec(a).GreaterThanOrEqual(dec(b)), nil }},
		{name: "decEq", group: "operator", doc: "a == b on decimals, by value: 2 == 2.00", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return dec(a).Equal(dec(b)), nil }},
		{name: "decNotEq", group: "operator", doc: "a != b on decimals, by value", types: numberPairs[bool](),
			fn2: func(a, b any) (any, error) { return !dec(a).Equal(dec(b)), nil }},
		{name: "dateBefore", group: "operator", doc: "a < b on dates; an optional date that is not given is an error", types: datePairs(),
			fn2: func(a, b any) (any, error) {
				return compareDates(a, b, func(x, y date.Date) bool { return x.Before(y) })
			}},
		{name: "dateBeforeEq", group: "operator", doc: "a <= b on dates; an optional date that is not given is an error", types: datePairs(),
			fn2: func(a, b any) (any, error) {
				return compareDates(a, b, func(x, y date.Date) bool { return !x.After(y) })
			}},
		{name: "dateAfter", group: "operator", doc: "a > b on dates; an optional date that is not given is an error", types: datePairs(),
			fn2: func(a, b any) (any, error) {
				return compareDates(a, b, func(x, y date.Date) bool { return x.After(y) })
			}},
		{name: "dateAfterEq", group: "operator", doc: "a >= b on dates; an optional date that is not given is an error", types: datePairs(),
			fn2: func(a, b any) (any, error) {
				return compareDates(a, b, func(x, y date.Date) bool { return !x.Before(y) })
			}},
	}
}

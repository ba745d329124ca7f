package rules

import (
	"math"

	"github.com/shopspring/decimal"
)

// maxSumDigits bounds the digits of a scaled coefficient that sumDecimals
// adds as a whole number: 10^17 and less, so that adding one to a sum
// below math.MaxInt64 - 10^17 cannot overflow.
const maxSumDigits = 17

// sumDecimals adds the n decimals at(0) … at(n-1) as decimal.Zero.Add
// does one after the other: the exact sum, with the smallest exponent of
// theirs and 0. Where every coefficient, scaled to that exponent, is a
// whole number of at most maxSumDigits digits, it adds them as whole
// numbers, without a big number per step; otherwise decimal by decimal.
func sumDecimals(n int, at func(i int) decimal.Decimal) decimal.Decimal {
	exp := int32(0)
	for i := range n {
		exp = min(exp, at(i).Exponent())
	}
	var sum int64
	for i := range n {
		d := at(i)
		shift := int(d.Exponent()) - int(exp) // in int: the difference of two int32 may not fit one
		if exp < -maxSumDigits || d.NumDigits()+shift > maxSumDigits || sum > math.MaxInt64-1e17 || sum < math.MinInt64+1e17 {
			return sumBig(n, at)
		}
		c := d.CoefficientInt64()
		for range shift {
			c *= 10
		}
		sum += c
	}
	return decimal.New(sum, exp)
}

// sumBig is sumDecimals decimal by decimal.
func sumBig(n int, at func(i int) decimal.Decimal) decimal.Decimal {
	sum := decimal.Zero
	for i := range n {
		sum = sum.Add(at(i))
	}
	return sum
}

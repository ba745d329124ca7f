package rules

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestSumDecimals holds sumDecimals to decimal.Zero.Add one by one: the
// same value and exponent (so the same text), for whole numbers and
// fractions, negative values, zeros, huge coefficients and exponents.
func TestSumDecimals(t *testing.T) {
	lists := [][]string{
		{}, {"0"}, {"2", "3"}, {"19.5", "20", "0.25"}, {"-1.5", "1.5"}, {"1.000", "2"}, {"100", "1e3"},
		{"123456789012345678", "1"}, {"99999999999999999", "99999999999999999", "0.1"}, {"1e-20", "1"},
		{"-99999999999999999", "-99999999999999999"}, {"0.0000", "0"}, {"1e18", "1e18", "1e18", "1e18", "1e18", "1e18", "1e18", "1e18", "1e18", "1e18"},
	}
	for _, l := range lists {
		ds := make([]decimal.Decimal, len(l))
		want := decimal.Zero
		for i, s := range l {
			ds[i] = decimal.RequireFromString(s)
			want = want.Add(ds[i])
		}
		got := sumDecimals(len(ds), func(i int) decimal.Decimal { return ds[i] })
		if !got.Equal(want) || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Errorf("%v: got %s (exponent %d), want %s (exponent %d)", l, got, got.Exponent(), want, want.Exponent())
		}
	}
}

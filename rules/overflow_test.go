package rules

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckedIntArithmetic(t *testing.T) {
	type result struct {
		Value int
		Err   bool
	}
	do := func(f func(a, b int) (int, error), a, b int) result {
		v, err := f(a, b)
		return result{v, err != nil}
	}
	got := map[string]result{
		"max+1":       do(addInt, math.MaxInt64, 1),
		"min+-1":      do(addInt, math.MinInt64, -1),
		"max+min":     do(addInt, math.MaxInt64, math.MinInt64),
		"2+3":         do(addInt, 2, 3),
		"min-1":       do(subInt, math.MinInt64, 1),
		"max--1":      do(subInt, math.MaxInt64, -1),
		"0-min":       do(subInt, 0, math.MinInt64),
		"-1-max":      do(subInt, -1, math.MaxInt64),
		"5-7":         do(subInt, 5, 7),
		"max*2":       do(mulInt, math.MaxInt64, 2),
		"min*-1":      do(mulInt, math.MinInt64, -1),
		"min*1":       do(mulInt, math.MinInt64, 1),
		"-2^62*2":     do(mulInt, -(1 << 62), 2),
		"2^62*2":      do(mulInt, 1<<62, 2),
		"3037000500²": do(mulInt, 3037000500, 3037000500),
		"-6*7":        do(mulInt, -6, 7),
		"0*min":       do(mulInt, 0, math.MinInt64),
	}
	want := map[string]result{
		"max+1":       {Err: true},
		"min+-1":      {Err: true},
		"max+min":     {Value: -1},
		"2+3":         {Value: 5},
		"min-1":       {Err: true},
		"max--1":      {Err: true},
		"0-min":       {Err: true},
		"-1-max":      {Value: math.MinInt64},
		"5-7":         {Value: -2},
		"max*2":       {Err: true},
		"min*-1":      {Err: true},
		"min*1":       {Value: math.MinInt64},
		"-2^62*2":     {Value: math.MinInt64},
		"2^62*2":      {Err: true},
		"3037000500²": {Err: true},
		"-6*7":        {Value: -42},
		"0*min":       {Value: 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("checked arithmetic (-want +got):\n%s", diff)
	}
}

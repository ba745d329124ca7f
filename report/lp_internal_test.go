package report

import (
	"errors"
	"math"
	"testing"
)

// TestLP bounds variables of small systems with redundant rows, an
// unbounded direction and a contradiction.
func TestLP(t *testing.T) {
	inf := math.Inf(1)
	// x + y = 5, y + z = 5, x - z = 0 (redundant), x in [1,2], y, z >= 0.
	p := &lpProblem{lo: []float64{1, 0, 0}, hi: []float64{2, inf, inf},
		rows: []map[int]float64{{0: 1, 1: 1}, {1: 1, 2: 1}, {0: 1, 2: -1}}, rhs: []float64{5, 5, 0}}
	tab, err := p.feasible()
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]float64{{1, 2}, {3, 4}, {1, 2}}
	for k, w := range want {
		lo, err := tab.extreme(k, 1)
		if err != nil {
			t.Fatal(err)
		}
		hi, err := tab.extreme(k, -1)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(lo-w[0]) > 1e-9 || math.Abs(hi-w[1]) > 1e-9 {
			t.Errorf("x%d in [%v, %v], want [%v, %v]", k, lo, hi, w[0], w[1])
		}
	}
	// Without the equations a variable is unbounded above.
	free := &lpProblem{lo: []float64{3}, hi: []float64{inf}}
	tab, err = free.feasible()
	if err != nil {
		t.Fatal(err)
	}
	if hi, err := tab.extreme(0, -1); err != nil || !math.IsInf(hi, 1) {
		t.Errorf("free variable: max = %v, %v; want +Inf", hi, err)
	}
	// x + y = 10 with x, y in [1, 2] contradicts.
	bad := &lpProblem{lo: []float64{1, 1}, hi: []float64{2, 2}, rows: []map[int]float64{{0: 1, 1: 1}}, rhs: []float64{10}}
	if _, err := bad.feasible(); !errors.Is(err, errLPInfeasible) {
		t.Errorf("contradiction: %v, want errLPInfeasible", err)
	}
}

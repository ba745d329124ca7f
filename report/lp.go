package report

import (
	"errors"
	"math"
)

// This file holds the small linear-programming solver of the disclosure
// audit (audit.go): a dense two-phase simplex over bounded variables.
//
// Why not gonum's optimize/convex/lp: its Simplex needs a constraint
// matrix of full row rank without zero columns and panics on some
// malformed input, while a report's additive relations are redundant by
// nature (the row sums and the column sums of a table both add up to
// the grand total); it solves a dense linear system on every step, and
// every audit asks two questions of the same constraints per suppressed
// cell, which a tableau kept feasible after phase one answers without
// starting again. The problems are small (tens to a few hundred
// variables with coefficients ±1), so a tableau with Bland's rule as
// the guard against cycling is fast and exact enough.

// lpEps is the tolerance of the solver: the values are whole counts, so
// anything closer than this to a whole number is that number.
const lpEps = 1e-7

// errLPInfeasible says that the constraints contradict each other.
var errLPInfeasible = errors.New("the additive relations and the marks contradict each other")

// errLPStalled says that the simplex did not finish within its step
// budget; with Bland's rule this does not happen, the budget guards
// against rounding going round in circles.
var errLPStalled = errors.New("the linear program did not converge")

// lpProblem is: variables x[j] with lo[j] <= x[j] <= hi[j] (hi may be
// +Inf), and equalities sum_j rows[i][j]*x[j] = rhs[i].
type lpProblem struct {
	lo, hi []float64
	rows   []map[int]float64
	rhs    []float64
}

// lpTableau is a feasible basis of a problem after phase one: the
// columns are the shifted variables y = x - lo, then one slack per
// finite upper bound.
type lpTableau struct {
	n     int         // number of problem variables
	cols  int         // columns besides the right-hand side
	t     [][]float64 // rows of cols+1 entries, the last is the value
	basis []int
	lo    []float64
}

// feasible runs phase one and returns a tableau with a feasible basis,
// or errLPInfeasible.
func (p *lpProblem) feasible() (*lpTableau, error) {
	n := len(p.lo)
	var bounded []int
	for j := 0; j < n; j++ {
		if p.hi[j] < p.lo[j]-lpEps {
			return nil, errLPInfeasible
		}
		if !math.IsInf(p.hi[j], 1) {
			bounded = append(bounded, j)
		}
	}
	neq := len(p.rows)
	m := neq + len(bounded)
	cols := n + len(bounded) + neq // variables, slacks, artificials
	t := make([][]float64, m)
	basis := make([]int, m)
	for i, row := range p.rows {
		r := make([]float64, cols+1)
		v := p.rhs[i]
		for j, a := range row {
			r[j] += a
			v -= a * p.lo[j]
		}
		if v < 0 {
			for j := range r {
				r[j] = -r[j]
			}
			v = -v
		}
		art := n + len(bounded) + i
		r[art] = 1
		r[cols] = v
		t[i], basis[i] = r, art
	}
	for k, j := range bounded {
		r := make([]float64, cols+1)
		r[j] = 1
		r[n+k] = 1
		r[cols] = p.hi[j] - p.lo[j]
		t[neq+k], basis[neq+k] = r, n+k
	}
	tab := &lpTableau{n: n, cols: cols, t: t, basis: basis, lo: p.lo}
	cost := make([]float64, cols)
	for i := 0; i < neq; i++ {
		cost[n+len(bounded)+i] = 1
	}
	first := n + len(bounded)
	z, err := tab.minimise(cost, cols)
	if err != nil {
		return nil, err
	}
	if z > lpEps*float64(1+m) {
		return nil, errLPInfeasible
	}
	// Drive the artificials out of the basis; a row where that is
	// impossible is redundant and goes.
	for i := 0; i < len(tab.t); i++ {
		if tab.basis[i] < first {
			continue
		}
		pivoted := false
		for j := 0; j < first; j++ {
			if math.Abs(tab.t[i][j]) > lpEps {
				tab.pivot(i, j)
				pivoted = true
				break
			}
		}
		if !pivoted {
			tab.t = append(tab.t[:i], tab.t[i+1:]...)
			tab.basis = append(tab.basis[:i], tab.basis[i+1:]...)
			i--
		}
	}
	// Drop the artificial columns.
	for i, r := range tab.t {
		v := r[cols]
		r = r[:first+1]
		r[first] = v
		tab.t[i] = r
	}
	tab.cols = first
	return tab, nil
}

// clone copies a tableau.
func (tab *lpTableau) clone() *lpTableau {
	c := &lpTableau{n: tab.n, cols: tab.cols, t: make([][]float64, len(tab.t)), basis: append([]int(nil), tab.basis...), lo: tab.lo}
	for i, r := range tab.t {
		c.t[i] = append([]float64(nil), r...)
	}
	return c
}

// pivot makes column j basic in row i.
func (tab *lpTableau) pivot(i, j int) {
	r := tab.t[i]
	p := r[j]
	for k := range r {
		r[k] /= p
	}
	r[j] = 1
	for k, o := range tab.t {
		if k == i {
			continue
		}
		f := o[j]
		if f == 0 {
			continue
		}
		for c := range o {
			o[c] -= f * r[c]
		}
		o[j] = 0
	}
	tab.basis[i] = j
}

// minimise runs the simplex on the tableau for the cost vector over its
// first `allowed` columns and returns the optimum (-Inf when
// unbounded).
func (tab *lpTableau) minimise(cost []float64, allowed int) (float64, error) {
	rhs := tab.cols
	// The reduced costs, kept up to date with every pivot.
	d := make([]float64, rhs+1)
	copy(d, cost[:rhs])
	for i, r := range tab.t {
		cb := cost[tab.basis[i]]
		if cb == 0 {
			continue
		}
		for c := range d {
			d[c] -= cb * r[c]
		}
	}
	bland := false
	degenerate := 0
	budget := 50 * (len(tab.t) + rhs + 10)
	for step := 0; ; step++ {
		if step > budget {
			return 0, errLPStalled
		}
		enter := -1
		best := -lpEps
		for j := 0; j < allowed; j++ {
			if d[j] < best {
				enter, best = j, d[j]
				if bland {
					break
				}
			}
		}
		if enter < 0 {
			return -d[rhs], nil
		}
		leave := -1
		ratio := math.Inf(1)
		for i, r := range tab.t {
			a := r[enter]
			if a <= lpEps {
				continue
			}
			q := r[rhs] / a
			if q < ratio-lpEps || (q < ratio+lpEps && leave >= 0 && tab.basis[i] < tab.basis[leave]) {
				leave, ratio = i, q
			}
		}
		if leave < 0 {
			return math.Inf(-1), nil
		}
		if ratio < lpEps {
			degenerate++
			if degenerate > 20 {
				bland = true
			}
		} else {
			degenerate = 0
		}
		tab.pivot(leave, enter)
		f := d[enter]
		r := tab.t[leave]
		for c := range d {
			d[c] -= f * r[c]
		}
		d[enter] = 0
	}
}

// extreme returns the smallest (sign 1) or the largest (sign -1) value
// variable k takes over the feasible set of the tableau.
func (tab *lpTableau) extreme(k int, sign float64) (float64, error) {
	c := tab.clone()
	cost := make([]float64, c.cols)
	cost[k] = sign
	z, err := c.minimise(cost, c.cols)
	if err != nil {
		return 0, err
	}
	return tab.lo[k] + sign*z, nil
}

package rules

import "github.com/kiez-go/kiez/rules/internal/compile"

// The variables by place. The typed closures read the variables of an
// evaluation from a list the run keeps up to date (run.vals, given to the
// closures' frame), not from the map of variables: the fixed variables at
// the places below, the lets of the rule being evaluated after them, in
// the rule's order. The map stays what expr's machine reads; the
// variables are written to the list, and those that changed are copied
// into the map before an expression runs on the machine (syncLets): most
// verdicts never run one, and setting the item in a map for each of them
// costs a hash of its name.

// The places of the fixed variables; the rule's lets follow from
// slotLets on.
const (
	slotProgramme = iota
	slotCentres
	slotPeriod
	slotParams
	slotCtx
	slotBudget
	slotCentre
	slotItem
	slotLets
)

// run.varsChanged has a bit for each fixed variable: this does not
// compile once there are more of them than it has bits.
const _ = uint16(1 << (slotLets - 1))

// slotNames are the names of the fixed variables by place.
var slotNames = [slotLets]string{varProgramme, varCentres, varPeriod, varParams, ctxVar, budgetVar, varCentre, varItem}

// ruleSlots returns the places of the variables for the expressions of a
// rule with the given lets.
func ruleSlots(lets []string) map[string]int {
	m := make(map[string]int, slotLets+len(lets))
	for k, name := range slotNames {
		m[name] = k
	}
	for i, name := range lets {
		m[name] = slotLets + i
	}
	return m
}

// sameLets reports whether two lists of let names are the same list (a
// closure compiled for one rule's lets runs only for that rule).
func sameLets(a, b []string) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// setVar sets a fixed variable in its place, and notes that the map must
// be given it before the machine runs (syncLets).
func (r *run) setVar(k int, v any) {
	r.vals[k] = v
	r.varsChanged |= 1 << k
}

// initVars fills the variables of a new worker's run: the map, and the
// list of places with room for the lets of every rule of the programme.
func (r *run) initVars() {
	n := slotLets
	for _, rule := range r.prog.Rules {
		n = max(n, slotLets+len(rule.Let))
	}
	r.vals = make([]any, n)
	r.env = make(map[string]any, n)
	r.setVar(slotProgramme, r.programme)
	r.setVar(slotCentres, r.centres)
	r.setVar(slotPeriod, r.period)
	r.setVar(slotParams, r.params)
	r.setVar(slotCtx, r.ec)
	r.setVar(slotBudget, r.budget)
	r.frame.SetSlots(r.vals)
}

// beginLets starts the lets of a verdict of the rule: none computed yet.
func (r *run) beginLets(rule *Rule) {
	if cap(r.letDone) < len(rule.lets) {
		r.letDone = make([]bool, len(rule.lets))
	}
	r.letDone = r.letDone[:len(rule.lets)]
	clear(r.letDone)
	r.curLets = rule.Let
	if n := slotLets + len(rule.Let); len(r.vals) < n {
		r.vals = append(r.vals, make([]any, n-len(r.vals))...)
		r.frame.SetSlots(r.vals)
	}
}

// setLet keeps the value of the i-th let of the current verdict.
func (r *run) setLet(i int, v any) {
	r.vals[slotLets+i] = v
	r.letDone[i] = true
}

// syncLets copies the fixed variables set since it last ran and the lets
// computed for the current verdict into the map of variables, for expr's
// machine.
func (r *run) syncLets() {
	for k := range slotLets {
		if r.varsChanged&(1<<k) != 0 {
			r.env[slotNames[k]] = r.vals[k]
		}
	}
	r.varsChanged = 0
	for i, done := range r.letDone {
		if done && i < len(r.curLets) {
			r.env[r.curLets[i]] = r.vals[slotLets+i]
		}
	}
}

// compileClosure compiles an expression of the rule being evaluated (its
// lets are curLets) to closures reading the variables by place.
func (r *run) compileClosure(e *expression, funcs *compile.ClosureFuncs) {
	e.closureOnce.Do(func() {
		e.closure = compile.CompileClosureSlots(e.program, funcs, ruleSlots(r.curLets))
		e.closureLets = r.curLets
	})
}

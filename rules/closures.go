package rules

import "github.com/kiez-go/kiez/rules/internal/compile"

// Running an expression as typed closures (compile.Closure), compiled
// when it first runs, with expr's machine where the closures do not
// cover its shape or fail.

// runClosure runs an expression as typed closures when its shape is
// covered (compiled when it first runs); ok is false when the machine
// must run it. A failed closure leaves the step budget as it found it.
// With the engine's checkClosure (tests), the machine runs every covered
// expression as well, the results go to checkClosure, and the machine's
// is the one used.
func (r *run) runClosure(e *expression) (out any, ok bool) {
	cl := r.closureOf(e)
	if cl == nil {
		return nil, false
	}
	used := r.budget.used
	out, ok = cl.Run(r.frame, r.env, r.eng.cfg.memoryBudget)
	if check := r.eng.cfg.checkClosure; check != nil {
		r.budget.used = used
		r.syncLets()
		want, err := r.runMachine(e)
		check(e, out, ok, want, err)
		r.budget.used = used
		return nil, false
	}
	if !ok {
		r.budget.used = used // the machine runs it again, from the same budget
	}
	return out, ok
}

// runClosureText runs an expression whose closure's value is a text
// (compile.Closure.Text) and gives the text without an interface; ok is
// false when the expression must run as usual (not a text, not covered,
// failed, or checked against the machine).
func (r *run) runClosureText(e *expression) (string, bool) {
	if r.eng.cfg.checkClosure != nil {
		return "", false
	}
	cl := r.closureOf(e)
	if cl == nil || !cl.Text() {
		return "", false
	}
	used := r.budget.used
	s, ok := cl.RunText(r.frame, r.env, r.eng.cfg.memoryBudget)
	if !ok {
		r.budget.used = used // the expression runs again, from the same budget
	}
	return s, ok
}

// closureOf returns the closure of an expression of the rule being
// evaluated, compiled when it first runs; nil where the machine runs it
// (closures off, a shape not covered, or compiled for another rule's
// lets).
func (r *run) closureOf(e *expression) *compile.Closure {
	if r.eng.cfg.noClosures {
		return nil
	}
	r.closureFuncs()
	r.compileClosure(e, r.eng.closures)
	if e.closure == nil || !sameLets(e.closureLets, r.curLets) {
		return nil
	}
	return e.closure
}

// closureFuncs makes the engine's functions of the closures, with their
// typed forms, when an expression first runs.
func (r *run) closureFuncs() {
	r.eng.closuresOnce.Do(func() {
		funcs := compile.NewClosureFuncs(compilerConfig(functions()))
		funcs.AddTyped(typedFunctions())
		r.eng.closures = funcs
	})
}

// closureText is the text of an expression of a message when its closure
// gives one directly (a text is written as it is): ok is false where the
// value must be computed and formatted instead, or is computed once per
// subject or evaluation.
func (r *run) closureText(rule *Rule, e *expression, slots []slot) (text string, ok bool, err error) {
	if e.konst >= 0 || (slots != nil && e.slot >= 0) {
		return "", false, nil
	}
	if err := r.needLets(rule, e, slots); err != nil {
		return "", false, err
	}
	text, ok = r.runClosureText(e)
	return text, ok, nil
}

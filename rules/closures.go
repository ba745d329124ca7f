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
	if r.eng.cfg.noClosures {
		return nil, false
	}
	r.eng.closuresOnce.Do(func() {
		funcs := compile.NewClosureFuncs(compilerConfig(functions()))
		funcs.AddTyped(typedFunctions())
		r.eng.closures = funcs
	})
	funcs := r.eng.closures
	r.compileClosure(e, funcs)
	if e.closure == nil || !sameLets(e.closureLets, r.curLets) {
		return nil, false
	}
	used := r.budget.used
	out, ok = e.closure.Run(r.frame, r.env, r.eng.cfg.memoryBudget)
	if check := r.eng.cfg.checkClosure; check != nil {
		r.budget.used = used
		r.syncLets()
		want, err := r.machine.Run(e.program, r.env)
		check(e, out, ok, want, err)
		r.budget.used = used
		return nil, false
	}
	if !ok {
		r.budget.used = used // the machine runs it again, from the same budget
	}
	return out, ok
}

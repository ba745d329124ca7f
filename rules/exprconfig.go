package rules

import (
	"sync"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// The rules' side of the expression compiler (package compile): what the
// layer is given — the environment's functions, the operators' meanings,
// the budget's counters — and the cache a load's goroutines share.

// exprCache is what one load (or one LoadEmbeddedAll, whose programmes
// share it and have the same options) compiled, shared by its goroutines
// (compile.Cache), with the environment's functions built once for it.
type exprCache struct {
	functions func() []function
	shared    *compile.Cache
	// turns bounds the goroutines that compile rules at once, across the
	// loads that share the cache (nil: each load bounds only its own; see
	// compileTurn).
	turns chan struct{}
}

// compileTurn waits until the goroutine may compile rules, and returns
// the function that ends its turn. The programmes of LoadEmbeddedAll are
// loaded several at once, each compiling its rules on several
// goroutines; the turns keep the goroutines that compile at once to the
// number of compile workers, so that no more compilers are made than run
// at once (a compiler learns the model's types as it checks, and the
// next goroutine takes it over; see compile.Cache) and none wait for a
// processor while another programme's rules are left.
func (l *loader) compileTurn() (end func()) {
	if l.cache == nil || l.cache.turns == nil {
		return func() {}
	}
	l.cache.turns <- struct{}{}
	return func() { <-l.cache.turns }
}

func newExprCache() *exprCache {
	fs := sync.OnceValue(functions)
	return &exprCache{functions: fs, shared: compile.NewCache(func() *compile.Config { return compilerConfig(fs()) })}
}

// uncachedExprCache is an exprCache that keeps no expression, for a
// loader given none.
func uncachedExprCache(fs []function) *exprCache {
	get := func() []function { return fs }
	return &exprCache{functions: get, shared: compile.NewUncached(func() *compile.Config { return compilerConfig(fs) })}
}

// compilerConfig is the compiler's input for the environment's functions.
func compilerConfig(fs []function) *compile.Config {
	cfg := &compile.Config{Budget: budgetFunctions(), Steps: countSteps, StepsLen: spendSteps, GuardLen: guardSteps, Params: varParams, Negate: "intNeg", Words: authorWords, Sizes: costSizes}
	cfg.Functions = make([]compile.Function, len(fs))
	for i, f := range fs {
		cfg.Functions[i] = compile.Function{Name: f.name, Hidden: f.group == "operator" || f.group == "internal",
			Types: f.types, Signatures: f.signatures(), Fn: f.fn, Fn1: f.fn1, Fn2: f.fn2}
	}
	cfg.Functions = compile.WithRefsPerList(cfg.Functions)
	for _, o := range operators {
		cfg.Operators = append(cfg.Operators, compile.Operator{Op: o.op, Fn: o.fn})
	}
	return cfg
}

// session returns the loader's compiler session, begun when first needed;
// the load gives it back to the cache (endSession) when it is done.
func (l *loader) session() *compile.Session {
	if l.cache == nil {
		l.cache = uncachedExprCache(l.functions())
	}
	if l.sess == nil {
		l.sess = l.cache.shared.Session(l.opts.maxNodes)
	}
	return l.sess
}

// endSession gives the loader's compilers back to its cache.
func (l *loader) endSession() {
	if l.sess != nil {
		l.sess.Close()
		l.sess = nil
	}
}

// compileExpr compiles an expression for an environment with the
// operator overloads, the functions and the patchers of every expression.
func (l *loader) compileExpr(text string, env map[string]any) (*compile.Program, error) {
	return l.session().Compile(text, env)
}

// functionNames returns the set of the names of the environment's
// functions, built once per loader.
func (l *loader) functionNames() map[string]bool {
	if l.fnames == nil {
		l.fnames = map[string]bool{}
		for _, f := range l.functions() {
			l.fnames[f.name] = true
		}
	}
	return l.fnames
}

// functions returns the environment's functions, built once per loader.
func (l *loader) functions() []function {
	if l.fns == nil {
		if l.cache != nil {
			l.fns = l.cache.functions()
		} else {
			l.fns = functions()
		}
	}
	return l.fns
}

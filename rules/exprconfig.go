package rules

import (
	"errors"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// The expr configuration of a load: the options every expression shares
// (bounds, functions, operators, patchers), and parsing, checking and
// compiling an expression with it as expr.Compile does, once per text and
// environment (see exprCache).

// disabledBuiltins are expr's builtins that would make verdicts depend on
// the clock or the machine's time zone.
var disabledBuiltins = []string{"now", "date", "duration", "timezone"}

// compileExpr compiles an expression for an environment with the
// operator overloads, the functions and the patchers of every expression.
func (l *loader) compileExpr(text string, env map[string]any) (*vm.Program, error) {
	if l.main == nil {
		l.main = l.cache.takeConfig(false)
	}
	if l.main == nil {
		l.main = newExprConfig(l.commonOptions(), l.cache, false)
		l.main.typed = typedFunctions(l.functions())
	}
	return l.main.compile(text, env)
}

// recheckNames checks the expression once more without the operator
// overloads and reports only unknown names and fields. expr v1.17 loses
// type errors inside closures passed to typed functions when operator
// patchers are registered (a misspelt field in map(list, .fieldd) would
// otherwise surface only at run time); without the patchers the checker
// finds them, while other errors of that run — decimal comparisons that
// need the overloads — are expected and ignored.
func (l *loader) recheckNames(text string, env map[string]any) error {
	if !hasClosure(text) {
		return nil // the checker misses nothing outside closures
	}
	if l.plain == nil {
		l.plain = l.cache.takeConfig(true)
	}
	if l.plain == nil {
		opts := []expr.Option{expr.MaxNodes(l.opts.maxNodes)}
		for _, b := range disabledBuiltins {
			opts = append(opts, expr.DisableBuiltin(b))
		}
		// The functions with their documented signatures, without the
		// evaluation's state and without the rewriting of record lists:
		// this check only looks for unknown names and fields.
		opts = append(opts, l.functionTableOf(false))
		l.plain = newExprConfig(opts, l.cache, true)
	}
	err := l.plain.check(text, env)
	var fe *file.Error
	if err != nil && errors.As(err, &fe) && (unknownName.MatchString(fe.Message) || unknownField.MatchString(fe.Message)) {
		return err
	}
	return nil
}

// exprConfig is one expr compiler configuration, used for every
// expression of a load in turn: expr.Compile builds its configuration
// again for each expression (the builtins, the operators and, above all,
// what it learns about the model's types while checking), which made up
// most of the cost of loading a programme. It does what expr.Compile
// does, in the same order. An exprConfig belongs to one loader and is
// never used by two goroutines at once: the type information it collects
// is filled in lazily.
type exprConfig struct {
	c *conf.Config
	// env is the environment the configuration holds, and envLen its
	// length when it was set (a rule's environment only grows, by its
	// lets), so that the expressions of one rule share its type
	// information. Holding the map keeps it alive, so that its identity
	// cannot pass to a new map.
	env    map[string]any
	envLen int
	// typed are the functions the compiled programs call with typed
	// arguments (see typedCalls).
	typed map[string]typedImpl
	// visitors are the patchers, taken out of c (whose checker would run
	// them itself) for patchAndCheck.
	visitors []ast.Visitor
	// cache holds what the load compiled or checked so far, shared by
	// the configurations of its goroutines; plain tells that this
	// configuration has no operator patchers (see recheckNames).
	cache *exprCache
	plain bool
	// dollarEnv is the environment dollars were worked out for (held,
	// like env, so that its identity cannot pass to a new map) and
	// dollarLen its length then.
	dollarEnv map[string]any
	dollarLen int
	dollars   []string
}

func newExprConfig(opts []expr.Option, cache *exprCache, plain bool) *exprConfig {
	c := conf.CreateNew()
	c.WithEnv(map[string]any{}) // replaced for each expression
	for _, op := range opts {
		op(c)
	}
	for name := range c.Disabled {
		delete(c.Builtins, name)
	}
	c.Check()
	x := &exprConfig{c: c, visitors: c.Visitors, cache: cache, plain: plain}
	c.Visitors = nil
	return x
}

// setEnv makes env the environment of the next expression. The
// environment declared last, grown since by a rule's lets, only gets its
// new names declared (see declareNew).
func (x *exprConfig) setEnv(env map[string]any) {
	if x.env != nil && reflect.ValueOf(env).Pointer() == reflect.ValueOf(x.env).Pointer() {
		switch {
		case len(env) == x.envLen:
			return
		case len(env) > x.envLen && declareNew(x.c, env):
			x.envLen = len(env)
			return
		}
	}
	if !declareEnv(x.c, env) {
		x.c.WithEnv(env)
		declareLists(x.c.Env.Fields, &x.c.NtCache, env)
	}
	x.env, x.envLen = env, len(env)
}

// key is exprCache.key with the environment's $ names worked out once
// for each environment (and again when a rule's lets have grown it).
func (x *exprConfig) key(text string, env map[string]any) exprKey {
	if x.cache == nil {
		return exprKey{}
	}
	if strings.Contains(text, "$env") {
		return x.cache.keyWith(text, x.plain, env, dollarNames(env, true))
	}
	if x.dollarEnv == nil || reflect.ValueOf(env).Pointer() != reflect.ValueOf(x.dollarEnv).Pointer() || len(env) != x.dollarLen {
		x.dollarEnv, x.dollarLen, x.dollars = env, len(env), dollarNames(env, false)
	}
	return x.cache.keyWith(text, x.plain, env, x.dollars)
}

// check parses and type-checks an expression for an environment. An
// expression that passed for the same names before passes again without
// a check.
func (x *exprConfig) check(text string, env map[string]any) error {
	key := x.key(text, env)
	if x.cache.checked(key) {
		return nil
	}
	x.setEnv(env)
	tree, err := parser.ParseWithConfig(text, x.c)
	if err != nil {
		return err
	}
	if err := x.patchAndCheck(tree); err != nil {
		return err
	}
	x.cache.keepChecked(key)
	return nil
}

// compile parses, checks, optimises and compiles an expression for an
// environment, like expr.Compile, with the counting of the step budget
// (instrument) put in after the checker. An expression compiled before
// for the same names (see exprCache) gives the same program again.
func (x *exprConfig) compile(text string, env map[string]any) (*vm.Program, error) {
	key := x.key(text, env)
	if p := x.cache.program(key); p != nil {
		return p, nil
	}
	x.setEnv(env)
	tree, err := parser.ParseWithConfig(text, x.c)
	if err != nil {
		return nil, err
	}
	if err := x.patchAndCheck(tree); err != nil {
		return nil, err
	}
	if x.c.Optimize {
		if err := optimizer.Optimize(&tree.Node, x.c); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, fe.Bind(tree.Source)
			}
			return nil, err
		}
	}
	instrument(&tree.Node)
	undo := typedCalls(&tree.Node, x.typed)
	prog, err := compiler.Compile(tree, x.c)
	undo()
	if err == nil {
		x.cache.keepProgram(key, prog)
	}
	return prog, err
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

// functionTableOf is functionTable for the loader's functions, built
// once for all the loads that share the loader's cache.
func (l *loader) functionTableOf(signatures bool) expr.Option {
	if l.cache != nil {
		return l.cache.functionTable(signatures)
	}
	return functionTable(l.functions(), signatures)
}

// functionTable is expr.Function for every function at once: it builds
// the table of functions once and hands the same table to every
// compilation, instead of building it again for each expression. With
// signatures, the functions that take the evaluation's state have it as
// first parameter; without, they have their documented signatures.
func functionTable(fs []function, signatures bool) expr.Option {
	table := map[string]*builtin.Function{}
	for _, f := range fs {
		sigs := f.types
		if signatures {
			sigs = f.signatures()
		}
		types := make([]reflect.Type, len(sigs))
		for i, t := range sigs {
			types[i] = reflect.TypeOf(t).Elem()
		}
		table[f.name] = &builtin.Function{Name: f.name, Func: f.fn, Types: types}
	}
	for name, f := range budgetFunctions() {
		table[name] = f
	}
	// Every compilation reads the same table; expr only reads it once the
	// options are applied, and no option after this one adds a function.
	return func(c *conf.Config) { c.Functions = table }
}

// hasClosure reports whether an expression may hold a closure: braces, a
// predicate on the element (", .field") or the element itself (#).
func hasClosure(text string) bool {
	return strings.ContainsAny(text, "{#") || strings.Contains(text, ", .") || strings.Contains(text, ",.")
}

// commonOptions are the compiler options every expression shares: the
// bounds, the functions and the operators.
func (l *loader) commonOptions() []expr.Option {
	opts := []expr.Option{expr.MaxNodes(l.opts.maxNodes)}
	for _, b := range disabledBuiltins {
		opts = append(opts, expr.DisableBuiltin(b))
	}
	fs := l.functions()
	opts = append(opts, l.functionTableOf(true))
	// The order matters: the field accesses become calls of refsName
	// first (and uniq and in their faster forms, in the same walk: expr
	// type-checks the whole tree before each patcher), then every call of
	// a function that takes the evaluation's state gets it.
	opts = append(opts, expr.Patch(newRefsPatcher(fs)), expr.WithContext(ctxVar))
	opts = append(opts, expr.Patch(newOperatorPatcher(fs)), expr.Patch(negPatcher{}))
	return opts
}

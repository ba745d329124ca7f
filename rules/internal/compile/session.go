package compile

import (
	"context"
	"errors"
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
)

// The front of the layer: a Session compiles the expressions of one
// goroutine of a load with the options every expression shares (bounds,
// functions, operators, patchers), through the compilers of its Cache.

// Session compiles the expressions of one goroutine of a load. It is not
// safe for concurrent use; the goroutines of a load each have their own,
// over a Cache they share. Close gives its compilers back to the cache.
type Session struct {
	cache    *Cache
	maxNodes uint
	// main compiles with the operator patchers; plain checks without
	// them (CheckNames). Each is made when first needed.
	main, plain *exprConfig
	// ref is the reference compiler of CompileAsExpr.
	ref *exprConfig
	// needsNames holds the programs Compile gave whose trees the checker
	// checked again after a patcher changed them and may hide a name
	// (NeedsCheckNames).
	needsNames map[*Program]bool
}

// Session returns a session over the cache for a load whose expressions
// may have at most maxNodes nodes (0: no bound).
func (c *Cache) Session(maxNodes uint) *Session {
	return &Session{cache: c, maxNodes: maxNodes}
}

// Close gives the session's compilers back to the cache, for a goroutine
// that starts later. The session must not be used after it.
func (s *Session) Close() {
	s.cache.giveBack(s.main, s.plain)
	s.main, s.plain = nil, nil
}

// Compile parses, type-checks, rewrites and compiles an expression for
// an environment (a map of the variables' zero values, or a ListOf or
// Unknown for a let), as expr.Compile does with the operators, the
// functions and the patchers. An expression compiled before for the same
// names gives the same program again. The error is expr's, for
// Explain.
func (s *Session) Compile(text string, env map[string]any) (*Program, error) {
	if s.main == nil {
		s.main = s.cache.takeConfig(false)
	}
	if s.main == nil {
		s.main = newCompiler(s.options(true), s.cache, false)
	}
	prog, needsNames, err := s.main.compile(text, env)
	if err == nil && needsNames {
		if s.needsNames == nil {
			s.needsNames = map[*Program]bool{}
		}
		s.needsNames[prog] = true
	}
	return prog, err
}

// NeedsCheckNames reports whether CheckNames must check an expression
// that the session's Compile compiled to prog: whether its tree may hide
// an unknown name or field (MayHideNames) that the checker lost, which it
// can only where a patcher changed the tree after a first check that
// failed (see the package documentation).
func (s *Session) NeedsCheckNames(prog *Program) bool {
	return s.needsNames[prog]
}

// CheckNames checks an expression that Compile compiled once more,
// without the operator patchers, and reports only unknown names and
// fields: expr's checker loses them in the arguments of a call of a
// function with typed signatures once a patcher changed the tree (see
// the package documentation). It is needed only where NeedsCheckNames
// says so. Other errors of that check (comparisons of decimals, which
// need the operators) are expected and ignored.
func (s *Session) CheckNames(text string, env map[string]any) error {
	if s.plain == nil {
		s.plain = s.cache.takeConfig(true)
	}
	if s.plain == nil {
		s.plain = newCompiler(s.options(false), s.cache, true)
	}
	err := s.plain.check(text, env)
	var fe *file.Error
	if err != nil && errors.As(err, &fe) && (unknownName.MatchString(fe.Message) || unknownField.MatchString(fe.Message)) {
		return err
	}
	return nil
}

// options are the compiler options every expression shares: the bounds,
// the functions and, with operators, the patchers. Without them, the
// functions have their documented signatures, without the evaluation's
// state and without the rewriting of record lists: that check only looks
// for unknown names and fields. With operators, the calls of the
// functions that take the evaluation's state get it before the first
// check (patchAndCheck's insertCtx) and where the refs patcher puts such
// calls in, not from expr's WithContext patcher after the first check.
func (s *Session) options(operators bool) []expr.Option {
	opts := []expr.Option{expr.MaxNodes(s.maxNodes)}
	for _, b := range DisabledBuiltins {
		opts = append(opts, expr.DisableBuiltin(b))
	}
	opts = append(opts, s.cache.functionTable(operators))
	if !operators {
		return opts
	}
	cfg := s.cache.Config()
	// The order matters: the field accesses become calls of RefsName
	// first (and uniq and in their faster forms, in the same walk: expr
	// type-checks the whole tree before each patcher), then the
	// operators.
	opts = append(opts, expr.Patch(newRefsPatcher(cfg.Functions, s.cache.ctxFuncs())))
	opts = append(opts, expr.Patch(newOperatorPatcher(cfg)))
	if cfg.Negate != "" {
		opts = append(opts, expr.Patch(negPatcher{fn: cfg.Negate}))
	}
	return opts
}

// ctxFunctions returns the names of the functions whose signatures take
// the evaluation's state as first parameter: the calls that get CtxVar.
func ctxFunctions(cfg *Config) map[string]bool {
	names := map[string]bool{}
	for _, f := range cfg.Functions {
		sigs := funcTypes(f.Signatures)
		if len(sigs) > 0 && sigs[0].NumIn() > 0 && sigs[0].In(0) == typeContext {
			names[f.Name] = true
		}
	}
	return names
}

// typeContext is the type of the evaluation's state in a signature.
var typeContext = reflect.TypeFor[context.Context]()

// functionTable is the table of the functions that expr.Function builds
// for every function at once: it is built once and handed to every
// compilation (withFunctions), instead of being built again for each
// expression. With signatures, the functions that take the evaluation's
// state have it as first parameter; without, they have their documented
// signatures.
func functionTable(cfg *Config, signatures bool) conf.FunctionsTable {
	table := map[string]*builtin.Function{}
	for _, f := range cfg.Functions {
		sigs := f.Types
		if signatures {
			sigs = f.Signatures
		}
		table[f.Name] = &builtin.Function{Name: f.Name, Func: f.Fn, Types: funcTypes(sigs)}
	}
	for name, f := range cfg.Budget {
		table[name] = f
	}
	return table
}

// withFunctions is the option that gives a compilation a table of
// functions. Every compilation reads the same table; expr only reads it
// once the options are applied, and no option after this one adds a
// function.
func withFunctions(table conf.FunctionsTable) expr.Option {
	return func(c *conf.Config) { c.Functions = table }
}

package compile

import (
	"errors"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
)

// The expr configuration of a load: the options every expression shares
// (bounds, functions, operators, patchers), and parsing, checking and
// compiling an expression with it as expr.Compile does, once per text and
// environment (see Cache).

// exprConfig is one expr compiler configuration, used for every
// expression of a load in turn: expr.Compile builds its configuration
// again for each expression (the builtins, the operators and, above all,
// what it learns about the model's types while checking), which made up
// most of the cost of loading a programme. It does what expr.Compile
// does, in the same order, up to expr's compiler, which Program.Machine
// runs when the expression first needs it. An exprConfig belongs to one
// Session and is never used by two goroutines at once: the type
// information it collects is filled in lazily.
type exprConfig struct {
	c *conf.Config
	// env is the environment the configuration holds, and envLen its
	// length when it was set (a rule's environment only grows, by its
	// lets), so that the expressions of one rule share its type
	// information. Holding the map keeps it alive, so that its identity
	// cannot pass to a new map.
	env    map[string]any
	envLen int
	// visitors are the patchers, taken out of c (whose checker would run
	// them itself) for patchAndCheck.
	visitors []ast.Visitor
	// cache holds what the load compiled or checked so far, shared by
	// the configurations of its goroutines; plain tells that this
	// configuration has no operator patchers (see CheckNames).
	cache *Cache
	plain bool
	// dollarEnv is the environment dollars were worked out for (held,
	// like env, so that its identity cannot pass to a new map) and
	// dollarLen its length then.
	dollarEnv map[string]any
	dollarLen int
	dollars   []string
	// keyBuf holds the names of the last key (see key).
	keyBuf []declared
	// watch is patchAndCheck's, reused from expression to expression, and
	// so is checker (expr's checker clears what it kept of the check
	// before when it starts the next, and keeps its lists of scopes).
	watch   watch
	checker checker.Checker
}

func newCompiler(opts []expr.Option, cache *Cache, plain bool) *exprConfig {
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

// key is Cache.key with the environment's $ names worked out once
// for each environment (and again when a rule's lets have grown it), its
// names in the configuration's buffer (keyBuf): the key is good until the
// next call.
func (x *exprConfig) key(text string, env map[string]any) exprKey {
	if !x.cache.keeps {
		return exprKey{}
	}
	if strings.Contains(text, "$env") {
		return x.cache.keyWith(text, x.plain, env, dollarNames(env, true), nil)
	}
	if x.dollarEnv == nil || reflect.ValueOf(env).Pointer() != reflect.ValueOf(x.dollarEnv).Pointer() || len(env) != x.dollarLen {
		x.dollarEnv, x.dollarLen, x.dollars = env, len(env), dollarNames(env, false)
	}
	k := x.cache.keyWith(text, x.plain, env, x.dollars, x.keyBuf)
	x.keyBuf = k.names[:0]
	return k
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
	if _, err := x.patchAndCheck(tree); err != nil {
		return err
	}
	x.cache.keepChecked(key)
	return nil
}

// compile parses, checks, optimises and instruments an expression for
// an environment, like expr.Compile, with the counting of the step budget
// (instrument) put in after the checker; expr's program of it is built
// only when it first runs on the machine (Program.Machine). An expression
// compiled before for the same names (see Cache) gives the same program
// again. needsNames tells that the checker checked the tree again after a
// patch and that the tree may hide a name it lost (see
// Session.NeedsCheckNames), worked out once for each program.
func (x *exprConfig) compile(text string, env map[string]any) (prog *Program, needsNames bool, err error) {
	key := x.key(text, env)
	if p, ok := x.cache.program(key); ok {
		return p.prog, p.needsNames, nil
	}
	x.setEnv(env)
	tree, err := parser.ParseWithConfig(text, x.c)
	if err != nil {
		return nil, false, err
	}
	rechecked, err := x.patchAndCheck(tree)
	if err != nil {
		return nil, false, err
	}
	if x.c.Optimize && (len(x.c.ConstFns) > 0 || mayOptimize(tree.Node)) {
		if err := optimizer.Optimize(&tree.Node, x.c); err != nil {
			var fe *file.Error
			if errors.As(err, &fe) {
				return nil, false, fe.Bind(tree.Source)
			}
			return nil, false, err
		}
	}
	instrument(&tree.Node, x.cache.Config().Params)
	prog = newProgram(tree, x.cache.machine())
	needsNames = rechecked && MayHideNames(prog.Node())
	x.cache.keepProgram(key, cachedExpr{prog: prog, needsNames: needsNames})
	return prog, needsNames, nil
}

// mayOptimize reports whether expr's optimizer (optimizer.Optimize,
// v1.17) could change a checked tree: whether a node of it has the shape
// one of the optimizer's passes rewrites. Each pass rewrites only such
// a node, so a tree without one leaves every pass, in turn, without
// anything to do, and the optimizer's thirteen walks of it can be
// skipped; most of the shipped expressions have no such node. The test
// is broader than the passes (any list literal, any sum): a tree it lets
// through is optimised as before.
// TestMayOptimize pins it against each pass, and the rules'
// TestPatchAndCheckAsExpr compares the programs with expr's own
// compilation (always optimised) on every shipped expression.
func mayOptimize(n ast.Node) bool {
	found := false
	EachNode(n, func(n ast.Node) {
		if !found {
			found = optimizable(n)
		}
	})
	return found
}

// optimizable reports whether one node has a shape a pass of expr's
// optimizer rewrites (see mayOptimize).
func optimizable(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.UnaryNode:
		// fold: -1, +1.5, !true.
		return isLiteral(n.Node)
	case *ast.BinaryNode:
		// fold: an operator between two literals (1 + 2, and the range of
		// inRange, 1..3), and or or beside true or false.
		if isLiteral(n.Left) && isLiteral(n.Right) {
			return true
		}
		switch n.Operator {
		case "and", "&&", "or", "||":
			if isBool(n.Left) || isBool(n.Right) {
				return true
			}
		case "in":
			// inArray: x in [ … ]; inRange: x in 1..3.
			switch r := n.Right.(type) {
			case *ast.ArrayNode:
				return true
			case *ast.BinaryNode:
				return r.Operator == ".."
			}
		}
		// countAny and countThreshold: count(…) compared with a whole
		// number.
		if isBuiltin(n.Left, "count") {
			if _, ok := n.Right.(*ast.IntegerNode); ok {
				return true
			}
		}
		// predicateCombination: all(…) && all(…), none(…) && none(…),
		// any(…) || any(…).
		l, lok := n.Left.(*ast.BuiltinNode)
		r, rok := n.Right.(*ast.BuiltinNode)
		if !lok || !rok || l.Name != r.Name {
			return false
		}
		switch n.Operator {
		case "and", "&&":
			return l.Name == "all" || l.Name == "none"
		case "or", "||":
			return l.Name == "any"
		}
	case *ast.ArrayNode:
		// fold: a list of literals.
		return len(n.Nodes) > 0
	case *ast.MemberNode:
		// filterFirst and filterLast: filter(…)[0], filter(…)[-1].
		return isBuiltin(n.Node, "filter")
	case *ast.BuiltinNode:
		switch n.Name {
		case "sum", "reduce":
			// sumRange, sumArray, sumMap.
			return true
		case "filter", "map", "len", "first", "last":
			// fold (filter of a filter), filterMap, filterLen,
			// filterFirst, filterLast.
			return len(n.Arguments) > 0 && isBuiltin(n.Arguments[0], "filter")
		}
	}
	return false
}

// isLiteral reports whether a node is a literal the optimizer folds.
func isLiteral(n ast.Node) bool {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.StringNode, *ast.BoolNode:
		return true
	}
	return false
}

// isBool reports whether a node is true or false.
func isBool(n ast.Node) bool {
	_, ok := n.(*ast.BoolNode)
	return ok
}

// isBuiltin reports whether a node is a call of the builtin name.
func isBuiltin(n ast.Node, name string) bool {
	b, ok := n.(*ast.BuiltinNode)
	return ok && b.Name == name
}

package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/rickb777/date"
)

// Typed calls. expr calls a function of the table (OpCall1 … OpCallN) with
// its arguments copied into a list; the list comes from a buffer sized
// once per run by counting the calls in the program, so every call in a
// loop beyond that count allocates a list of its own, and a program with
// any such call allocates the buffer on every run. A function value whose
// type is one of expr's typed signatures (func(any, any) any and the
// like) is called with its arguments taken straight from the machine's
// stack (OpCallTyped), with no list. The functions behind the operators
// (checked whole-number arithmetic, decimals and dates), which run inside
// nearly every predicate, and the step counter of the run-time budget
// have such a form; typedCalls makes the compiler use it, also for the
// date methods After and Before, which expr would call by reflection.

// typedImpl is a function's implementation with a typed signature: a
// func(any) any or a func(any, any) any that panics with the error the
// function returns, as OpCall does with it, so that a failing call gives
// the same error either way.
type typedImpl struct {
	fn   any
	args int
}

// typedFunctions returns the typed implementations of the functions that
// have one (Function.Fn1, Fn2), and of the budget's step counter.
func typedFunctions(cfg *Config) map[string]typedImpl {
	m := map[string]typedImpl{}
	for _, f := range cfg.Functions {
		switch fn1, fn2 := f.Fn1, f.Fn2; {
		case fn2 != nil:
			m[f.Name] = typedImpl{args: 2, fn: func(a, b any) any {
				v, err := fn2(a, b)
				if err != nil {
					panic(err)
				}
				return v
			}}
		case fn1 != nil:
			m[f.Name] = typedImpl{args: 1, fn: func(a any) any {
				v, err := fn1(a)
				if err != nil {
					panic(err)
				}
				return v
			}}
		}
	}
	if steps := cfg.Steps; steps != nil {
		m[StepsName] = typedImpl{args: 2, fn: func(budget, list any) any {
			v, err := steps(budget, list)
			if err != nil {
				panic(err)
			}
			return v
		}}
	}
	return m
}

// typedCalls makes every call of a function with a typed implementation
// call that implementation: its callee becomes a constant holding it. The
// rest of the package reads the tree by function names (argument checks,
// costs, the lets an expression reads), so the returned function puts the
// callees back once the tree is compiled. A call whose arguments expr
// would dereference to fit the function's declared signature keeps the
// table's implementation, which gets them dereferenced.
func typedCalls(node *ast.Node, typed map[string]typedImpl) (undo func()) {
	v := &typedCallVisitor{typed: typed}
	ast.Walk(node, v)
	return func() {
		for _, c := range v.changed {
			c.call.Callee, c.call.Arguments = c.callee, c.args
		}
	}
}

type typedCallVisitor struct {
	typed   map[string]typedImpl
	changed []typedChange
}

// typedChange is a call as it was before typedCalls changed it.
type typedChange struct {
	call   *ast.CallNode
	callee ast.Node
	args   []ast.Node
}

// dateMethods are the methods of a date that a rule may call, with the
// functions behind the date operators that do the same: d.After(e) is
// d > e. expr calls a method through reflection, which costs several
// allocations per call.
var dateMethods = map[string]string{"After": "dateAfter", "Before": "dateBefore"}

func (v *typedCallVisitor) Visit(node *ast.Node) {
	call, ok := (*node).(*ast.CallNode)
	if !ok {
		return
	}
	name, args, at, ok := v.callOf(call)
	if !ok {
		return
	}
	impl, ok := v.typed[name]
	if !ok || len(args) != impl.args {
		return
	}
	c := &ast.ConstantNode{Value: impl.fn}
	c.SetType(reflect.TypeOf(impl.fn))
	c.SetLocation(at)
	v.changed = append(v.changed, typedChange{call, call.Callee, call.Arguments})
	call.Callee, call.Arguments = c, args
}

// callOf names the function a call calls and its arguments: a function of
// the table whose arguments expr would not dereference, or a date method
// of dateMethods on a date with a date argument.
func (v *typedCallVisitor) callOf(call *ast.CallNode) (name string, args []ast.Node, at file.Location, ok bool) {
	switch callee := call.Callee.(type) {
	case *ast.IdentifierNode:
		if derefsArgs(callee.Type(), call.Arguments) {
			return "", nil, at, false
		}
		return callee.Value, call.Arguments, callee.Location(), true
	case *ast.MemberNode:
		prop, isText := callee.Property.(*ast.StringNode)
		if !isText || callee.Optional || len(call.Arguments) != 1 || !isDate(callee.Node.Type()) || !isDate(call.Arguments[0].Type()) {
			return "", nil, at, false
		}
		fn, known := dateMethods[prop.Value]
		return fn, []ast.Node{callee.Node, call.Arguments[0]}, callee.Location(), known
	}
	return "", nil, at, false
}

// isDate reports whether t is the date type (not a pointer to one).
func isDate(t reflect.Type) bool { return t == reflect.TypeFor[date.Date]() }

// derefsArgs reports whether expr's compiler would dereference one of
// the arguments of a call of a function of type fn (its first declared
// signature): a pointer passed where the signature takes no pointer.
func derefsArgs(fn reflect.Type, args []ast.Node) bool {
	if fn == nil || fn.Kind() != reflect.Func {
		return false
	}
	for i, arg := range args {
		var in reflect.Type
		switch {
		case fn.IsVariadic() && i >= fn.NumIn()-1:
			in = fn.In(fn.NumIn() - 1).Elem()
		case i < fn.NumIn():
			in = fn.In(i)
		default:
			return true
		}
		t := arg.Type()
		if t != nil && !t.AssignableTo(in) && in.Kind() != reflect.Pointer && t.Kind() == reflect.Pointer {
			return true
		}
	}
	return false
}

package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
)

// Field reads and function calls of the typed closures (closures.go).

// member reads a field: of a record by its index, without copying it
// into an interface unless the parent needs one; of anything else (a
// map, a list by position) with expr's runtime.Fetch, as the machine
// does.
func (cc *closureCompiler) member(n *ast.MemberNode) (*cnode, error) {
	if n.Method {
		return nil, errUncovered
	}
	base, err := cc.compile(n.Node)
	if err != nil {
		return nil, err
	}
	prop, err := cc.compile(n.Property)
	if err != nil {
		return nil, err
	}
	if name, ok := n.Property.(*ast.StringNode); ok {
		if c := cc.fieldNode(n, base, name.Value); c != nil {
			return c, nil
		}
	}
	ba, pa, optional := base.any, prop.any, n.Optional
	// from fetches the property of the base's value b.
	from := func(f *Frame, b any) (any, error) {
		if optional && runtime.IsNil(b) {
			f.stop = b
			return nil, errChainNil
		}
		p, err := pa(f)
		if err != nil {
			return nil, err
		}
		if m, ok := b.(map[string]any); ok {
			if k, ok := p.(string); ok {
				return m[k], nil // as runtime.Fetch: nil for a key not in the map
			}
		}
		return runtime.Fetch(b, p), nil
	}
	if name, ok := n.Property.(*ast.StringNode); ok {
		if c := dynamicField(n, base, name.Value, from); c != nil {
			return c, nil
		}
	}
	if c := textKey(n, base, prop, from); c != nil {
		return c, nil
	}
	fetch := func(f *Frame) (any, error) {
		b, err := ba(f)
		if err != nil {
			return nil, err
		}
		return from(f, b)
	}
	return &cnode{typ: n.Type(), any: fetch}, nil
}

// ClosureFuncs are the functions an expression can call: expr's table
// (the project's functions with the evaluation's state, and the budget's
// counters) and the two-argument and one-argument forms of those that
// have them, which need no list of arguments.
type ClosureFuncs struct {
	table map[string]*builtin.Function
	fn1   map[string]func(any) (any, error)
	fn2   map[string]func(any, any) (any, error)
	// stepsLen and guardLen are Config.StepsLen and Config.GuardLen.
	stepsLen func(budget any, n int) error
	guardLen func(ctx, budget any, n int) error
	// typed are the typed forms of functions (closures_typedfn.go);
	// sigs counts the signatures each function of the environment
	// accepts.
	typed map[string][]TypedFunc
	sigs  map[string]int
}

// NewClosureFuncs returns the functions of the closures: those of the
// configuration, as the compiler hands them to expr.
func NewClosureFuncs(cfg *Config) *ClosureFuncs {
	c := &ClosureFuncs{table: map[string]*builtin.Function{}, fn1: map[string]func(any) (any, error){},
		fn2: map[string]func(any, any) (any, error){}, sigs: map[string]int{}, stepsLen: cfg.StepsLen, guardLen: cfg.GuardLen}
	for _, f := range cfg.Functions {
		c.table[f.Name] = &builtin.Function{Name: f.Name, Func: f.Fn}
		c.sigs[f.Name] = len(f.Types)
		if f.Fn1 != nil {
			c.fn1[f.Name] = f.Fn1
		}
		if f.Fn2 != nil {
			c.fn2[f.Name] = f.Fn2
		}
	}
	for name, f := range cfg.Budget {
		c.table[name] = f
	}
	return c
}

// call calls a function of the table with its arguments, dereferenced
// where the machine dereferences them (compiler.derefParam).
func (cc *closureCompiler) call(n *ast.CallNode) (*cnode, error) {
	if m, ok := n.Callee.(*ast.MemberNode); ok {
		return cc.dateMethod(n, m)
	}
	id, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		return nil, errUncovered
	}
	if c, err := cc.countedList(id.Value, n); c != nil || err != nil {
		return c, err
	}
	fn, ok := cc.funcs.table[id.Value]
	if !ok || fn.Fast != nil || fn.Safe != nil || fn.Func == nil {
		return nil, errUncovered
	}
	args := make([]func(*Frame) (any, error), len(n.Arguments))
	nodes := make([]*cnode, len(n.Arguments))
	types := make([]reflect.Type, len(n.Arguments))
	ft := n.Callee.Type()
	derefs := false
	for i, a := range n.Arguments {
		c, err := cc.compile(a)
		if err != nil {
			return nil, err
		}
		args[i], nodes[i], types[i] = c.any, c, a.Type()
		if ft == nil || ft.Kind() != reflect.Func {
			continue
		}
		var in reflect.Type
		if ft.IsVariadic() && i >= ft.NumIn()-1 {
			in = ft.In(ft.NumIn() - 1).Elem()
		} else if i < ft.NumIn() {
			in = ft.In(i)
		} else {
			return nil, errUncovered
		}
		if a.Nature().Nil {
			continue
		}
		at := a.Type()
		if at == nil {
			return nil, errUncovered
		}
		if !at.AssignableTo(in) && in.Kind() != reflect.Pointer && at.Kind() == reflect.Pointer {
			args[i] = derefArg(c.any)
			derefs = true
		}
	}
	if !derefs {
		if c := dateCall(id.Value, nodes); c != nil {
			return c, nil
		}
		if c := textInList(id.Value, nodes); c != nil {
			return c, nil
		}
		if c := cc.funcs.typedCall(id.Value, nodes, types); c != nil {
			if c.typ == nil {
				c.typ = n.Type()
			}
			return c, nil
		}
	}
	out := &cnode{typ: n.Type()}
	switch f1, f2 := cc.funcs.fn1[id.Value], cc.funcs.fn2[id.Value]; {
	case f2 != nil && len(args) == 2:
		a, b := args[0], args[1]
		out.any = func(f *Frame) (any, error) {
			x, err := a(f)
			if err != nil {
				return nil, err
			}
			y, err := b(f)
			if err != nil {
				return nil, err
			}
			return f2(x, y)
		}
	case f1 != nil && len(args) == 1:
		a := args[0]
		out.any = func(f *Frame) (any, error) {
			x, err := a(f)
			if err != nil {
				return nil, err
			}
			return f1(x)
		}
	default:
		out.any = callWith(fn.Func, args)
	}
	if out.typ == typeBool {
		return &cnode{typ: typeBool, any: out.any, b: out.boolFn()}, nil
	}
	return out, nil
}

// derefArg dereferences an argument as expr's deref.Interface does.
func derefArg(a func(*Frame) (any, error)) func(*Frame) (any, error) {
	return func(f *Frame) (any, error) {
		p, err := a(f)
		if err != nil || p == nil {
			return nil, err
		}
		v := reflect.ValueOf(p)
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return nil, nil
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return nil, errClosure
		}
		return v.Interface(), nil
	}
}

// callWith calls a function with the values of args, in a list taken
// from the frame's stack of arguments: like the machine's buffer of
// arguments, the list is used again once the function returns.
func callWith(call func(...any) (any, error), args []func(*Frame) (any, error)) func(*Frame) (any, error) {
	return func(f *Frame) (any, error) {
		base := len(f.args)
		for _, a := range args {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, v)
		}
		out, err := call(f.args[base:]...)
		clear(f.args[base:])
		f.args = f.args[:base]
		return out, err
	}
}

package compile

import (
	"reflect"
	"slices"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// The operators of the typed closures (closures.go): the same run-time
// functions as the machine's, and comparisons of whole numbers and texts
// without boxing. +, -, * and / of whole numbers and every operator on
// decimals and dates are calls of the project's functions in the checked
// tree (operators.go, overflow.go) and come through call.

// operand compiles an operand of an operator, dereferenced where the
// machine dereferences it (compiler.derefInNeeded: a pointer or a value
// of unknown type).
func (cc *closureCompiler) operand(n ast.Node) (*cnode, error) {
	return cc.operandOf(n, false)
}

// operandOf is operand; under ?? an optional chain gives the value it
// stopped at (chain).
func (cc *closureCompiler) operandOf(n ast.Node, coalesce bool) (*cnode, error) {
	var c *cnode
	var err error
	if ch, ok := n.(*ast.ChainNode); ok && coalesce {
		c, err = cc.chain(ch, true)
	} else {
		c, err = cc.compile(n)
	}
	if err != nil {
		return nil, err
	}
	if n.Nature().Nil {
		return c, nil
	}
	t := n.Type()
	if t == nil {
		return nil, errUncovered
	}
	if k := t.Kind(); k == reflect.Pointer || k == reflect.Interface {
		out := &cnode{typ: t, any: derefArg(c.any)}
		if c.val != nil {
			out.val = derefVal(c.val)
		}
		return out, nil
	}
	return c, nil
}

func (cc *closureCompiler) unary(n *ast.UnaryNode) (*cnode, error) {
	x, err := cc.operand(n.Node)
	if err != nil {
		return nil, err
	}
	switch n.Operator {
	case "!", "not":
		b := x.boolFn()
		return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
			v, err := b(f)
			return !v, err
		}}), nil
	case "+":
		return x, nil
	case "-":
		a := x.any
		return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			return runtime.Negate(v), nil
		}}, nil
	}
	return nil, errUncovered
}

func (cc *closureCompiler) binary(n *ast.BinaryNode) (*cnode, error) {
	switch n.Operator {
	case "matches":
		return nil, errUncovered // the machine compiles a constant pattern once
	}
	l, err := cc.operandOf(n.Left, n.Operator == "??")
	if err != nil {
		return nil, err
	}
	r, err := cc.operandOf(n.Right, n.Operator == "??")
	if err != nil {
		return nil, err
	}
	switch n.Operator {
	case "and", "&&", "or", "||":
		return logical(n.Operator == "and" || n.Operator == "&&", l, r), nil
	case "..":
		return rangeOf(l, r), nil
	case "??":
		la, ra := l.any, r.any
		return listOrEmpty(n, l, &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
			v, err := la(f)
			if err != nil || !runtime.IsNil(v) {
				return v, err
			}
			return ra(f)
		}}), nil
	case "==", "!=":
		if c := nilEquality(n, l, r); c != nil {
			return c, nil
		}
		l, r = strictOperands(n, l, r)
		return equality(n.Operator == "!=", l, r), nil
	case "<", ">", "<=", ">=":
		return order(n.Operator, l, r), nil
	}
	if n.Operator == "in" {
		if c := inSet(n, l); c != nil {
			return c, nil
		}
		if c := textIn(textOperand(n.Left, l), r); c != nil {
			return c, nil
		}
	}
	var op func(a, b any) any
	switch n.Operator {
	case "+":
		op = runtime.Add
	case "-":
		op = runtime.Subtract
	case "*":
		op = runtime.Multiply
	case "/":
		op = func(a, b any) any { return runtime.Divide(a, b) }
	case "%":
		op = func(a, b any) any { return runtime.Modulo(a, b) }
	case "**", "^":
		op = func(a, b any) any { return runtime.Exponent(a, b) }
	case "in":
		op = func(a, b any) any { return in(a, b) }
	case "contains":
		op = textOp(strings.Contains)
	case "startsWith":
		op = textOp(strings.HasPrefix)
	case "endsWith":
		op = textOp(strings.HasSuffix)
	default:
		return nil, errUncovered
	}
	c := &cnode{typ: n.Type(), any: both(l.any, r.any, op)}
	if c.typ == typeBool {
		c.b = c.boolFn()
	}
	return c, nil
}

// both is the closure of an operation on two operands: it evaluates the
// left one, then the right one, the first error ending it, and applies op
// to their values.
func both[T, U, R any](l func(*Frame) (T, error), r func(*Frame) (U, error), op func(T, U) R) func(*Frame) (R, error) {
	return func(f *Frame) (R, error) {
		var zero R
		x, err := l(f)
		if err != nil {
			return zero, err
		}
		y, err := r(f)
		if err != nil {
			return zero, err
		}
		return op(x, y), nil
	}
}

// bothEqual is both with ==, compared in place rather than by a call.
func bothEqual[T comparable](l, r func(*Frame) (T, error)) func(*Frame) (bool, error) {
	return func(f *Frame) (bool, error) {
		x, err := l(f)
		if err != nil {
			return false, err
		}
		y, err := r(f)
		if err != nil {
			return false, err
		}
		return x == y, nil
	}
}

// textOp is contains, startsWith or endsWith as the machine does them:
// false when either side is nil.
func textOp(fn func(s, t string) bool) func(a, b any) any {
	return func(a, b any) any {
		if runtime.IsNil(a) || runtime.IsNil(b) {
			return false
		}
		return fn(a.(string), b.(string))
	}
}

// logical is and/or with short circuit: the left side must be a truth
// value; the right side's value is the result as it is.
func logical(and bool, l, r *cnode) *cnode {
	lb, ra := l.boolFn(), r.any
	if r.b != nil {
		rb := r.b
		return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
			v, err := lb(f)
			if err != nil || v != and {
				return v, err
			}
			return rb(f)
		}})
	}
	return &cnode{typ: r.typ, any: func(f *Frame) (any, error) {
		v, err := lb(f)
		if err != nil || v != and {
			return v, err
		}
		return ra(f)
	}}
}

// equality is == (or != with not) as runtime.Equal, and directly on two
// whole numbers or two texts.
func equality(not bool, l, r *cnode) *cnode {
	var b func(*Frame) (bool, error)
	switch {
	case l.i != nil && r.i != nil:
		b = bothEqual(l.i, r.i)
	case l.s != nil && r.s != nil:
		b = bothEqual(l.s, r.s)
	case l.s != nil && r.s == nil:
		b = textEquals(r, l.s, true)
	case l.s == nil && r.s != nil:
		b = textEquals(l, r.s, false)
	default:
		b = both(l.any, r.any, runtime.Equal)
	}
	if not {
		eq := b
		b = func(f *Frame) (bool, error) {
			v, err := eq(f)
			return !v, err
		}
	}
	return typed(&cnode{typ: typeBool, b: b})
}

// order is <, >, <= and >= as expr's runtime functions, and directly on
// two whole numbers.
func order(op string, l, r *cnode) *cnode {
	if l.i != nil && r.i != nil {
		var cmp func(x, y int) bool
		switch op {
		case "<":
			cmp = func(x, y int) bool { return x < y }
		case ">":
			cmp = func(x, y int) bool { return x > y }
		case "<=":
			cmp = func(x, y int) bool { return x <= y }
		default:
			cmp = func(x, y int) bool { return x >= y }
		}
		return typed(&cnode{typ: typeBool, b: both(l.i, r.i, cmp)})
	}
	var fn func(a, b any) bool
	switch op {
	case "<":
		fn = runtime.Less
	case ">":
		fn = runtime.More
	case "<=":
		fn = runtime.LessOrEqual
	default:
		fn = runtime.MoreOrEqual
	}
	return typed(&cnode{typ: typeBool, b: both(l.any, r.any, fn)})
}

func (cc *closureCompiler) conditional(n *ast.ConditionalNode) (*cnode, error) {
	cond, err := cc.operand(n.Cond)
	if err != nil {
		return nil, err
	}
	x, err := cc.compile(n.Exp1)
	if err != nil {
		return nil, err
	}
	y, err := cc.compile(n.Exp2)
	if err != nil {
		return nil, err
	}
	cb, xa, ya := cond.boolFn(), x.any, y.any
	out := &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
		c, err := cb(f)
		if err != nil {
			return nil, err
		}
		if c {
			return xa(f)
		}
		return ya(f)
	}}
	if xs, ys := x.s, y.s; xs != nil && ys != nil {
		// Two texts: also a text, for a parent that reads one.
		out.s = func(f *Frame) (string, error) {
			c, err := cb(f)
			if err != nil {
				return "", err
			}
			if c {
				return xs(f)
			}
			return ys(f)
		}
	}
	return out, nil
}

// in is runtime.In, without boxing the elements of a list of texts or
// of values: the same comparisons (runtime.Equal of each element with
// the needle), in the same order.
func in(needle, list any) bool {
	switch l := list.(type) {
	case []string:
		if s, ok := needle.(string); ok {
			return slices.Contains(l, s)
		}
	case []any:
		for _, e := range l {
			if runtime.Equal(e, needle) {
				return true
			}
		}
		return false
	}
	return runtime.In(needle, list)
}

package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
)

// Equality of two whole numbers or two texts as the machine does it. When
// the checker gives both operands of == the type int (or both string),
// expr's compiler emits OpEqualInt (OpEqualString), which asserts that
// both values are of that type: a nil where a text was checked (the end
// of an optional chain, #?.name on a nil element) fails on the machine.
// The closures then fail too, so that the machine runs the expression and
// gives its error, instead of comparing the nil as runtime.Equal would.

// strictOperands returns the operands of == or != in n, each with a
// typed form (cnode.i or cnode.s) that fails on a value of another type
// where the machine asserts the type, or l and r as they are.
func strictOperands(n *ast.BinaryNode, l, r *cnode) (*cnode, *cnode) {
	lt, rt := n.Left.Type(), n.Right.Type()
	if lt == nil || rt == nil || lt != rt || lt.PkgPath() != "" {
		return l, r
	}
	switch lt.Kind() {
	case reflect.Int:
		return strictInt(l), strictInt(r)
	case reflect.String:
		return strictText(l), strictText(r)
	}
	return l, r
}

// strictInt gives the node a typed form for a whole number, asserted.
func strictInt(c *cnode) *cnode {
	if c.i != nil {
		return c
	}
	a := c.any
	out := *c
	out.i = func(f *Frame) (int, error) {
		v, err := a(f)
		if err != nil {
			return 0, err
		}
		x, ok := v.(int)
		if !ok {
			return 0, errClosure
		}
		return x, nil
	}
	return &out
}

// strictText gives the node a typed form for a text, asserted.
func strictText(c *cnode) *cnode {
	if c.s != nil {
		return c
	}
	a := c.any
	out := *c
	out.s = func(f *Frame) (string, error) {
		v, err := a(f)
		if err != nil {
			return "", err
		}
		x, ok := v.(string)
		if !ok {
			return "", errClosure
		}
		return x, nil
	}
	return &out
}

// textOperand gives an operand checked as a text (a variable, a let) a
// typed form that fails on a value of another type, for text in list:
// the checker's type holds whenever the machine's runtime.In would find
// the text, and the machine runs the expression on anything else.
func textOperand(n ast.Node, c *cnode) *cnode {
	if c.s == nil && n.Type() == typeString {
		return strictText(c)
	}
	return c
}

// nilEquality compiles x == nil and x != nil (nil on either side) on an
// operand read in place (cnode.val, pointers and interfaces followed by
// operandOf) without copying the value into an interface: runtime.Equal
// of a value and nil holds when the value is nil (a nil pointer,
// interface, list or map; the invalid value). It returns nil for any
// other comparison.
func nilEquality(n *ast.BinaryNode, l, r *cnode) *cnode {
	other := l
	if _, ok := n.Left.(*ast.NilNode); ok {
		other = r
	} else if _, ok := n.Right.(*ast.NilNode); !ok {
		return nil
	}
	val := other.val
	if val == nil {
		return nil
	}
	not := n.Operator == "!="
	return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
		v, err := val(f)
		if err != nil {
			return false, err
		}
		isNil := !v.IsValid()
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			isNil = v.IsNil()
		}
		return isNil != not, nil
	}})
}

package compile

import (
	"reflect"
	"slices"
)

// Typed functions of the typed closures (closures.go). A function of the
// table takes its arguments as interfaces (func(...any), Fn1, Fn2): every
// call builds a list of them and copies dates, periods and texts into
// interfaces. A TypedFunc is the same function with typed parameters; a
// call whose arguments' checked types are its parameter types (or, for a
// function of one signature, are unknown: an interface, asserted when the
// call runs) calls it with the
// arguments read as they are, without a list and without boxing. Its
// result is given typed to a parent that can read it so (truth values,
// whole numbers, texts) and boxed otherwise. A TypedFunc computes what
// the function computes (the project's functions are written once, with
// their untyped forms calling the typed ones); when an argument does not
// have the type at run time, or the function fails, the closure fails and
// the machine runs the expression, as for any other closure.

// TypedFunc is a function of the table with typed parameters (Typed1 …
// Typed4), for the closures.
type TypedFunc struct {
	params []reflect.Type
	bind   func(args []*cnode) *cnode
}

// Typed1 returns the typed form of a function of one argument.
func Typed1[A, R any](fn func(A) (R, error)) TypedFunc {
	return TypedFunc{params: []reflect.Type{reflect.TypeFor[A]()}, bind: func(args []*cnode) *cnode {
		a := argOf[A](args[0])
		return resultNode(func(f *Frame) (R, error) {
			x, err := a(f)
			if err != nil {
				var zero R
				return zero, err
			}
			return fn(x)
		})
	}}
}

// Typed2 returns the typed form of a function of two arguments.
func Typed2[A, B, R any](fn func(A, B) (R, error)) TypedFunc {
	return TypedFunc{params: []reflect.Type{reflect.TypeFor[A](), reflect.TypeFor[B]()}, bind: func(args []*cnode) *cnode {
		a, b := argOf[A](args[0]), argOf[B](args[1])
		return resultNode(func(f *Frame) (R, error) {
			var zero R
			x, err := a(f)
			if err != nil {
				return zero, err
			}
			y, err := b(f)
			if err != nil {
				return zero, err
			}
			return fn(x, y)
		})
	}}
}

// Typed3 returns the typed form of a function of three arguments.
func Typed3[A, B, C, R any](fn func(A, B, C) (R, error)) TypedFunc {
	return TypedFunc{params: []reflect.Type{reflect.TypeFor[A](), reflect.TypeFor[B](), reflect.TypeFor[C]()},
		bind: func(args []*cnode) *cnode {
			a, b, c := argOf[A](args[0]), argOf[B](args[1]), argOf[C](args[2])
			return resultNode(func(f *Frame) (R, error) {
				var zero R
				x, err := a(f)
				if err != nil {
					return zero, err
				}
				y, err := b(f)
				if err != nil {
					return zero, err
				}
				z, err := c(f)
				if err != nil {
					return zero, err
				}
				return fn(x, y, z)
			})
		}}
}

// Typed4 returns the typed form of a function of four arguments.
func Typed4[A, B, C, D, R any](fn func(A, B, C, D) (R, error)) TypedFunc {
	return TypedFunc{params: []reflect.Type{reflect.TypeFor[A](), reflect.TypeFor[B](), reflect.TypeFor[C](), reflect.TypeFor[D]()},
		bind: func(args []*cnode) *cnode {
			a, b, c, d := argOf[A](args[0]), argOf[B](args[1]), argOf[C](args[2]), argOf[D](args[3])
			return resultNode(func(f *Frame) (R, error) {
				var zero R
				x, err := a(f)
				if err != nil {
					return zero, err
				}
				y, err := b(f)
				if err != nil {
					return zero, err
				}
				z, err := c(f)
				if err != nil {
					return zero, err
				}
				w, err := d(f)
				if err != nil {
					return zero, err
				}
				return fn(x, y, z, w)
			})
		}}
}

// fits reports whether the typed function takes arguments of the checked
// types: each the parameter's type, or an interface whose value is
// asserted when the call runs.
func (t TypedFunc) fits(args []*cnode, types []reflect.Type) bool {
	if len(args) != len(t.params) {
		return false
	}
	for i, p := range t.params {
		at := types[i]
		if at == nil {
			return false
		}
		if at != p && (at.Kind() != reflect.Interface || at.NumMethod() > 0) {
			return false
		}
	}
	return true
}

// typedCall compiles a call of a function with a typed form that fits its
// arguments, or returns nil.
func (c *ClosureFuncs) typedCall(name string, args []*cnode, types []reflect.Type) *cnode {
	forms := c.typed[name]
	if (len(forms) > 1 || c.sigs[name] > 1) && slices.ContainsFunc(types, func(t reflect.Type) bool { return t != nil && t.Kind() == reflect.Interface }) {
		// Which form a value of unknown type needs shows only when the
		// call runs; the untyped function takes it as it comes.
		return nil
	}
	for _, t := range forms {
		if t.fits(args, types) {
			return t.bind(args)
		}
	}
	return nil
}

// AddTyped adds typed forms of functions of the table, by name, tried in
// order. It is called before the functions are first used.
func (c *ClosureFuncs) AddTyped(typed map[string][]TypedFunc) {
	if c.typed == nil {
		c.typed = map[string][]TypedFunc{}
	}
	for name, ts := range typed {
		if _, ok := c.table[name]; ok {
			c.typed[name] = append(c.typed[name], ts...)
		}
	}
	// RefsName's functions per list (WithRefsPerList) take its typed
	// forms, each trying the one that fits its list.
	if ts := typed[RefsName]; len(ts) > 0 {
		for name := range c.table {
			if name != RefsName && isRefs(name) {
				c.typed[name] = append(c.typed[name], ts...)
			}
		}
	}
}

// argOf reads an argument of type T: a whole number, text or truth value
// from its typed form, a field in place (through its address, not copied
// into an interface), anything else from its boxed value. A value of
// another type fails the closure.
func argOf[T any](c *cnode) func(*Frame) (T, error) {
	if fn, ok := c.t.(func(*Frame) (T, error)); ok {
		return fn
	}
	for _, fn := range []any{c.i, c.s, c.b} {
		if fn, ok := fn.(func(*Frame) (T, error)); ok && fn != nil {
			return fn
		}
	}
	t := reflect.TypeFor[T]()
	if val := c.val; val != nil {
		return func(f *Frame) (T, error) {
			var zero T
			v, err := val(f)
			if err != nil {
				return zero, err
			}
			switch {
			case !v.IsValid() || v.Type() != t:
				return zero, errClosure
			case v.CanAddr():
				return *v.Addr().Interface().(*T), nil
			}
			return v.Interface().(T), nil
		}
	}
	a := c.any
	return func(f *Frame) (T, error) {
		v, err := a(f)
		if err != nil {
			var zero T
			return zero, err
		}
		x, ok := v.(T)
		if !ok {
			return x, errClosure
		}
		return x, nil
	}
}

// resultNode makes a node of a typed call: a truth value, whole number or
// text typed, anything else boxed (a result of type any as it is).
func resultNode[R any](call func(*Frame) (R, error)) *cnode {
	switch fn := any(call).(type) {
	case func(*Frame) (bool, error):
		return typed(&cnode{typ: typeBool, b: fn})
	case func(*Frame) (int, error):
		return typed(&cnode{typ: typeInt, i: fn})
	case func(*Frame) (string, error):
		return typed(&cnode{typ: typeString, s: fn})
	case func(*Frame) (any, error):
		return &cnode{any: fn}
	}
	return &cnode{typ: reflect.TypeFor[R](), t: call, any: func(f *Frame) (any, error) {
		v, err := call(f)
		if err != nil {
			return nil, err
		}
		return v, nil
	}}
}

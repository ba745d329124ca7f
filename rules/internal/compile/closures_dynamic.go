package compile

import (
	"reflect"
	"slices"
	"sync/atomic"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// Fields of values of unknown type and the operator in on texts, for the
// typed closures (closures.go). The checker does not always know the
// type of a loop's element (# in a predicate of and, or a call): expr
// fetches its fields by name (runtime.Fetch) and copies each into an
// interface. The closures read such a field by its index, found for the
// element's type when the loop first meets it, in place, so that a typed
// function or comparison reads it without an interface.

// dynIndex is where a field lies in values of one type: index is the
// field's index in the struct the value points to, -1 when
// runtime.Fetch must fetch it (a method of that name, a promoted field,
// no struct).
type dynIndex struct {
	t     reflect.Type
	index int
}

// newDynIndex finds the field name in values of type t as runtime.Fetch
// does: a method first, then a field by its expr tag or its name.
func newDynIndex(t reflect.Type, name string) *dynIndex {
	d := &dynIndex{t: t, index: -1}
	if t.NumMethod() > 0 {
		if _, ok := t.MethodByName(name); ok {
			return d
		}
	}
	st := t
	for st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		return d
	}
	field, ok := st.FieldByNameFunc(func(n string) bool {
		field, _ := st.FieldByName(n)
		switch field.Tag.Get("expr") {
		case "-":
			return false
		case name:
			return true
		default:
			return n == name
		}
	})
	if ok && len(field.Index) == 1 {
		d.index = field.Index[0]
	}
	return d
}

// dynamicField reads the field name of a value of unknown type: by its
// index where the value is a record (or points to one), with from (the
// member node's fetch from the base's value) otherwise.
func dynamicField(n *ast.MemberNode, base *cnode, name string, from func(f *Frame, b any) (any, error)) *cnode {
	bt := n.Node.Type()
	if bt == nil || bt.Kind() != reflect.Interface || bt.NumMethod() > 0 || n.Method {
		return nil
	}
	bv := base.valFn()
	var cache atomic.Pointer[dynIndex]
	field := func(v reflect.Value) (reflect.Value, bool) {
		for v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return reflect.Value{}, false
		}
		d := cache.Load()
		if d == nil || d.t != v.Type() {
			d = newDynIndex(v.Type(), name)
			cache.Store(d)
		}
		if d.index < 0 {
			return reflect.Value{}, false
		}
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		return v.Field(d.index), true
	}
	return typed(&cnode{typ: n.Type(), val: func(f *Frame) (reflect.Value, error) {
		v, err := bv(f)
		if err != nil {
			return reflect.Value{}, err
		}
		if fv, ok := field(v); ok {
			return fv, nil
		}
		var b any
		if v.IsValid() {
			b = v.Interface()
		}
		x, err := from(f, b)
		return reflect.ValueOf(x), err
	}})
}

// textIn compiles text in list, on a list of texts or of anything, without
// copying the text or the elements into interfaces, or returns nil. The
// machine's runtime.In compares each element with runtime.Equal, which
// holds for a text and another value only when the value is the same
// text.
func textIn(l, r *cnode) *cnode {
	if l.s == nil {
		return nil
	}
	text := l.s
	if r.seq != nil {
		return textInSeq(text, r.seq)
	}
	switch r.typ {
	case reflect.TypeFor[[]string]():
		return typed(&cnode{typ: typeBool, b: both(text, argOf[[]string](r), func(x string, l []string) bool {
			return slices.Contains(l, x)
		})})
	case reflect.TypeFor[[]any]():
		return typed(&cnode{typ: typeBool, b: both(text, argOf[[]any](r), func(x string, l []any) bool {
			for _, e := range l {
				if s, ok := e.(string); ok && s == x {
					return true
				}
			}
			return false
		})})
	}
	return nil
}

// textKey reads a map by a text key without copying the key into an
// interface: the groups of groupBy (map[any][]any) and map literals
// (map[string]any), with runtime.Fetch's results (the zero value of the
// map's elements for a key not in it), or returns nil. A value of another
// type is fetched with from, as the member node does.
func textKey(n *ast.MemberNode, base, prop *cnode, from func(f *Frame, b any) (any, error)) *cnode {
	if prop.s == nil || n.Method || n.Optional {
		return nil
	}
	ba, key := base.any, prop.s
	if m, size := constMap(n.Node); m != nil {
		// A literal of constant texts and values indexed at once: the
		// map is built once, and counted in memory as the machine counts
		// the one it builds on every run.
		return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
			if err := f.grow(size); err != nil {
				return nil, err
			}
			k, err := key(f)
			if err != nil {
				return nil, err
			}
			return m[k], nil
		}}
	}
	c := &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
		b, err := ba(f)
		if err != nil {
			return nil, err
		}
		switch m := b.(type) {
		case map[any][]any:
			k, err := key(f)
			if err != nil {
				return nil, err
			}
			if v, ok := m[k]; ok {
				return v, nil
			}
			return []any(nil), nil
		case map[string]any:
			k, err := key(f)
			if err != nil {
				return nil, err
			}
			return m[k], nil
		}
		return from(f, b)
	}}
	if n.Node.Type() == reflect.TypeFor[map[any][]any]() {
		// A group as a list, for a parent that reads one (listOrEmpty,
		// length) without an interface.
		c.t = func(f *Frame) ([]any, error) {
			b, err := ba(f)
			if err != nil {
				return nil, err
			}
			m, ok := b.(map[any][]any)
			if !ok {
				return nil, errClosure
			}
			k, err := key(f)
			if err != nil {
				return nil, err
			}
			return m[k], nil
		}
	}
	return c
}

// listOrEmpty gives x ?? [] (a list, or an empty list for nil) on a list
// of type []any also as that list (cnode.t), when x has that form: the
// machine's empty list literal is a new empty list, counted as none.
func listOrEmpty(n *ast.BinaryNode, l, out *cnode) *cnode {
	lt, ok := l.t.(func(*Frame) ([]any, error))
	if !ok {
		return out
	}
	empty := func() []any { return []any{} }
	switch r := n.Right.(type) {
	case *ast.ArrayNode:
		if len(r.Nodes) != 0 {
			return out
		}
	case *ast.ConstantNode:
		// The literal folded by expr's optimizer: the machine gives
		// this very list.
		c, ok := r.Value.([]any)
		if !ok || len(c) != 0 {
			return out
		}
		empty = func() []any { return c }
	default:
		return out
	}
	out.t = func(f *Frame) ([]any, error) {
		v, err := lt(f)
		if err != nil || v != nil {
			return v, err
		}
		return empty(), nil
	}
	return out
}

// constMap returns the map of a map literal whose keys are texts and
// whose values are texts, truth values or whole numbers, and its number
// of pairs, or nil. Of two equal keys the first wins, as in mapLiteral.
func constMap(n ast.Node) (map[string]any, int) {
	mn, ok := n.(*ast.MapNode)
	if !ok || len(mn.Pairs) == 0 {
		return nil, 0
	}
	m := make(map[string]any, len(mn.Pairs))
	for i := len(mn.Pairs) - 1; i >= 0; i-- {
		pair, ok := mn.Pairs[i].(*ast.PairNode)
		if !ok {
			return nil, 0
		}
		k, ok := pair.Key.(*ast.StringNode)
		if !ok {
			return nil, 0
		}
		switch v := pair.Value.(type) {
		case *ast.StringNode:
			m[k.Value] = v.Value
		case *ast.BoolNode:
			m[k.Value] = v.Value
		case *ast.IntegerNode:
			if v.Type() != typeInt {
				return nil, 0
			}
			m[k.Value] = v.Value
		default:
			return nil, 0
		}
	}
	return m, len(mn.Pairs)
}

// length is the builtin len as a whole number: of a list, a map or a
// text (in runes), as builtin.Len counts; a list read from a field is
// counted in place. Anything else fails, as the builtin does.
func (cc *closureCompiler) length(n *ast.BuiltinNode) (*cnode, error) {
	if len(n.Arguments) != 1 {
		return nil, errUncovered
	}
	arg := n.Arguments[0]
	t := arg.Type()
	if t == nil || (t.Kind() == reflect.Interface && t.NumMethod() > 0) {
		return nil, errUncovered
	}
	c, err := cc.compile(arg)
	if err != nil {
		return nil, err
	}
	if seq := c.seq; seq != nil {
		return typed(&cnode{typ: typeInt, i: func(f *Frame) (int, error) {
			base, err := seq(f)
			if err != nil {
				return 0, err
			}
			n := len(f.elems) - base
			f.popElems(base)
			return n, nil
		}}), nil
	}
	count := func(v reflect.Value) (int, error) {
		switch v.Kind() {
		case reflect.Array, reflect.Slice, reflect.Map:
			return v.Len(), nil
		case reflect.String:
			return utf8.RuneCountInString(v.String()), nil
		}
		return 0, errClosure
	}
	if k := t.Kind(); c.val != nil && (k == reflect.Slice || k == reflect.Array || k == reflect.Map) {
		val := c.val
		return typed(&cnode{typ: typeInt, i: func(f *Frame) (int, error) {
			v, err := val(f)
			if err != nil {
				return 0, err
			}
			return count(v)
		}}), nil
	}
	if list, ok := c.t.(func(*Frame) ([]any, error)); ok {
		return typed(&cnode{typ: typeInt, i: func(f *Frame) (int, error) {
			l, err := list(f)
			return len(l), err
		}}), nil
	}
	a := c.any
	if k := t.Kind(); k == reflect.Pointer || k == reflect.Interface {
		a = derefArg(a)
	}
	return typed(&cnode{typ: typeInt, i: func(f *Frame) (int, error) {
		v, err := a(f)
		if err != nil {
			return 0, err
		}
		switch x := v.(type) {
		case []any:
			return len(x), nil
		case string:
			return utf8.RuneCountInString(x), nil
		}
		return count(reflect.ValueOf(v))
	}}), nil
}

// derefVal is derefArg on a node's reflect.Value: pointers and interfaces
// followed to the value, the invalid Value for nil.
func derefVal(val func(*Frame) (reflect.Value, error)) func(*Frame) (reflect.Value, error) {
	return func(f *Frame) (reflect.Value, error) {
		v, err := val(f)
		if err != nil {
			return reflect.Value{}, err
		}
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, nil
			}
			v = v.Elem()
		}
		return v, nil
	}
}

// textEquals is runtime.Equal of a node's value and a text, without
// copying the text into an interface: a value that is a text is compared
// as it is, anything else (nil, a value of another type) through
// runtime.Equal. textFirst says the text is the left operand, which is
// evaluated first.
func textEquals(other *cnode, text func(*Frame) (string, error), textFirst bool) func(*Frame) (bool, error) {
	// value gives the other operand as a text when it is one, else boxed.
	var value func(f *Frame) (string, bool, any, error)
	if val := other.val; val != nil {
		value = func(f *Frame) (string, bool, any, error) {
			v, err := val(f)
			switch {
			case err != nil:
				return "", false, nil, err
			case !v.IsValid():
				return "", false, nil, nil
			case v.Kind() == reflect.String && v.Type() == typeString:
				return v.String(), true, nil, nil
			}
			return "", false, v.Interface(), nil
		}
	} else {
		a := other.any
		value = func(f *Frame) (string, bool, any, error) {
			v, err := a(f)
			if x, ok := v.(string); ok && err == nil {
				return x, true, nil, nil
			}
			return "", false, v, err
		}
	}
	return func(f *Frame) (bool, error) {
		var s, x string
		var isText bool
		var v any
		var err error
		if textFirst {
			if s, err = text(f); err == nil {
				x, isText, v, err = value(f)
			}
		} else if x, isText, v, err = value(f); err == nil {
			s, err = text(f)
		}
		switch {
		case err != nil:
			return false, err
		case isText:
			return x == s, nil
		case textFirst:
			return runtime.Equal(s, v), nil
		}
		return runtime.Equal(v, s), nil
	}
}

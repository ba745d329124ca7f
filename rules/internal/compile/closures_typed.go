package compile

import (
	"reflect"
	"slices"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
	"github.com/rickb777/date"
)

// Typed forms of the hottest calls and operators of the typed closures
// (closures.go): date comparisons on date fields without copying the
// dates into interfaces, and a text looked up in a set of texts that
// expr's optimizer made of a list literal.

var (
	typeDate    = reflect.TypeFor[date.Date]()
	typeDatePtr = reflect.TypeFor[*date.Date]()
)

// dateComparisons are the functions behind the date operators
// (operators.go) with what they compute.
var dateComparisons = map[string]func(x, y date.Date) bool{
	"dateBefore":   func(x, y date.Date) bool { return x.Before(y) },
	"dateBeforeEq": func(x, y date.Date) bool { return !x.After(y) },
	"dateAfter":    func(x, y date.Date) bool { return x.After(y) },
	"dateAfterEq":  func(x, y date.Date) bool { return !x.Before(y) },
}

// dateCall compiles a call of a date comparison on two arguments of the
// types date.Date or *date.Date, or returns nil. A date not given fails,
// as compareDates does (its message is the machine's to give).
func dateCall(name string, args []*cnode) *cnode {
	cmp, ok := dateComparisons[name]
	if !ok || len(args) != 2 {
		return nil
	}
	x, y := dateArg(args[0]), dateArg(args[1])
	if x == nil || y == nil {
		return nil
	}
	return typed(&cnode{typ: typeBool, b: both(x, y, cmp)})
}

// dateArg reads a date argument: a date field in place (through its
// address, no copy into an interface), any other date from its boxed
// value.
func dateArg(c *cnode) func(*Frame) (date.Date, error) {
	if c.typ != typeDate && c.typ != typeDatePtr {
		return nil
	}
	if c.val != nil {
		val := c.val
		return func(f *Frame) (date.Date, error) {
			v, err := val(f)
			if err != nil {
				return date.Date{}, err
			}
			// The kind first, then the type once: comparing types is a
			// call.
			switch v.Kind() {
			case reflect.Struct:
				if v.Type() != typeDate {
					break
				}
				if v.CanAddr() {
					return *v.Addr().Interface().(*date.Date), nil
				}
				return v.Interface().(date.Date), nil
			case reflect.Pointer:
				if v.Type() == typeDatePtr && !v.IsNil() {
					return *v.Interface().(*date.Date), nil
				}
			}
			return date.Date{}, errClosure
		}
	}
	a := c.any
	return func(f *Frame) (date.Date, error) {
		v, err := a(f)
		if err != nil {
			return date.Date{}, err
		}
		switch d := v.(type) {
		case date.Date:
			return d, nil
		case *date.Date:
			if d != nil {
				return *d, nil
			}
		}
		return date.Date{}, errClosure
	}
}

// inSet compiles text in set, where the set is the constant expr's
// optimizer made of a list of texts, or returns nil.
func inSet(n *ast.BinaryNode, l *cnode) *cnode {
	c, ok := n.Right.(*ast.ConstantNode)
	if !ok || l.s == nil {
		return nil
	}
	set, ok := c.Value.(map[string]struct{})
	if !ok {
		return nil
	}
	s := l.s
	return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
		x, err := s(f)
		if err != nil {
			return false, err
		}
		_, in := set[x]
		return in, nil
	}})
}

// closureLet is a variable an expression declares, in scope.
type closureLet struct {
	name  string
	place int
}

// let is let name = value; expr: the value is kept in the variable's
// place, which the names in expr read.
func (cc *closureCompiler) let(n *ast.VariableDeclaratorNode) (*cnode, error) {
	value, err := cc.compile(n.Value)
	if err != nil {
		return nil, err
	}
	place := cc.locals
	cc.locals++
	cc.lets = append(cc.lets, closureLet{name: n.Name, place: place})
	body, err := cc.compile(n.Expr)
	cc.lets = cc.lets[:len(cc.lets)-1]
	if err != nil {
		return nil, err
	}
	va, ba := value.any, body.any
	out := &cnode{typ: body.typ, any: func(f *Frame) (any, error) {
		v, err := va(f)
		if err != nil {
			return nil, err
		}
		f.locals[place] = v
		return ba(f)
	}}
	if body.b != nil {
		bb := body.b
		out.b = func(f *Frame) (bool, error) {
			v, err := va(f)
			if err != nil {
				return false, err
			}
			f.locals[place] = v
			return bb(f)
		}
	}
	return out, nil
}

// dateMethod compiles d.After(e) and d.Before(e) on two dates as the
// date comparisons that typedCalls makes of them, or returns nil.
func (cc *closureCompiler) dateMethod(n *ast.CallNode, m *ast.MemberNode) (*cnode, error) {
	prop, isText := m.Property.(*ast.StringNode)
	if !isText || m.Optional || len(n.Arguments) != 1 || m.Node.Type() != typeDate || n.Arguments[0].Type() != typeDate {
		return nil, errUncovered
	}
	fn, known := dateMethods[prop.Value]
	if !known {
		return nil, errUncovered
	}
	recv, err := cc.compile(m.Node)
	if err != nil {
		return nil, err
	}
	arg, err := cc.compile(n.Arguments[0])
	if err != nil {
		return nil, err
	}
	if c := dateCall(fn, []*cnode{recv, arg}); c != nil {
		return c, nil
	}
	return nil, errUncovered
}

// rangeOf is a..b: the list of whole numbers from a to b, counted in
// memory before it is made, as the machine does.
func rangeOf(l, r *cnode) *cnode {
	la, ra := l.any, r.any
	return &cnode{typ: reflect.TypeFor[[]int](), any: func(f *Frame) (any, error) {
		a, err := la(f)
		if err != nil {
			return nil, err
		}
		b, err := ra(f)
		if err != nil {
			return nil, err
		}
		lo, hi := runtime.ToInt(a), runtime.ToInt(b)
		if err := f.grow(max(hi-lo+1, 0)); err != nil {
			return nil, err
		}
		return runtime.MakeRange(lo, hi), nil
	}}
}

// mapLiteral is {key: value, …}: the pairs evaluated in order, counted
// in memory, and put into a map from the last to the first, as the
// machine does (the first of two equal keys wins).
func (cc *closureCompiler) mapLiteral(n *ast.MapNode) (*cnode, error) {
	var keys, values []func(*Frame) (any, error)
	for _, p := range n.Pairs {
		pair, ok := p.(*ast.PairNode)
		if !ok {
			return nil, errUncovered
		}
		k, err := cc.compile(pair.Key)
		if err != nil {
			return nil, err
		}
		v, err := cc.compile(pair.Value)
		if err != nil {
			return nil, err
		}
		keys, values = append(keys, k.any), append(values, v.any)
	}
	return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
		ks, vs := make([]any, len(keys)), make([]any, len(keys))
		for i := range keys {
			var err error
			if ks[i], err = keys[i](f); err != nil {
				return nil, err
			}
			if vs[i], err = values[i](f); err != nil {
				return nil, err
			}
		}
		if err := f.grow(len(keys)); err != nil {
			return nil, err
		}
		m := make(map[string]any)
		for i := len(keys) - 1; i >= 0; i-- {
			m[ks[i].(string)] = vs[i]
		}
		return m, nil
	}}, nil
}

// callSafe calls a builtin that tells the memory it took (flatten,
// concat, sort …), and counts it as the machine does.
func callSafe(call func(...any) (any, uint, error), args []func(*Frame) (any, error)) func(*Frame) (any, error) {
	return func(f *Frame) (any, error) {
		base := len(f.args)
		for _, a := range args {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, v)
		}
		out, mem, err := call(f.args[base:]...)
		clear(f.args[base:])
		f.args = f.args[:base]
		if err != nil {
			return nil, err
		}
		f.mem += mem
		if f.mem >= f.limit {
			return nil, errClosure
		}
		return out, nil
	}
}

// textInList compiles the call of InName (text in list of texts) on a
// text and a list of texts without boxing either, or returns nil.
func textInList(name string, args []*cnode) *cnode {
	if name != InName || len(args) != 2 || args[0].s == nil || args[1].typ != reflect.TypeFor[[]string]() {
		return nil
	}
	text, list := args[0].s, args[1].valFn()
	return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
		x, err := text(f)
		if err != nil {
			return false, err
		}
		v, err := list(f)
		if err != nil {
			return false, err
		}
		var l []string
		switch {
		case v.Kind() != reflect.Slice:
			// nil: an empty list, as the function reads it
		case v.CanAddr():
			l = *v.Addr().Interface().(*[]string)
		default:
			l, _ = v.Interface().([]string)
		}
		return slices.Contains(l, x), nil
	}})
}

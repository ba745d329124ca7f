package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
)

// filter, map and flatten of the typed closures, with their results on
// the frame's stack of elements (closures_seq.go), and list literals.

// pushNode returns how a node's value goes on the frame's stack: read
// in place where the node has that form, else as its interface.
func pushNode(c *cnode) func(*Frame) error {
	if val := c.val; val != nil {
		return func(f *Frame) error {
			v, err := val(f)
			if err == nil {
				f.pushValue(v)
			}
			return err
		}
	}
	a := c.any
	return func(f *Frame) error {
		x, err := a(f)
		if err == nil {
			f.pushBox(x)
		}
		return err
	}
}

// pushItem puts the current element of the innermost loop on the stack.
func pushItem(f *Frame) error {
	s := &f.scope[len(f.scope)-1]
	f.elems = append(f.elems, elem{v: s.cur, box: s.box, boxed: s.boxed})
	return nil
}

// filter puts the elements for which the predicate holds (or the folded
// map's values of them) on the frame's stack, counted in memory as the
// machine counts the list it makes.
func (p *loopParts) filter() func(*Frame) (int, error) {
	push := pushItem
	if p.mp != nil {
		push = pushNode(p.mp)
	}
	return p.collect(p.pred.boolFn(), push)
}

// mapped puts the predicate's values on the frame's stack, counted in
// memory as the machine counts the list it makes.
func (p *loopParts) mapped() func(*Frame) (int, error) {
	return p.collect(nil, pushNode(p.pred))
}

// collect walks the list and pushes, for each element that pred holds
// for (every element when pred is nil), what push puts on the frame's
// stack; the result is where the pushed elements begin, and they count in
// memory as the list the machine makes.
func (p *loopParts) collect(pred func(*Frame) (bool, error), push func(*Frame) error) func(*Frame) (int, error) {
	return func(f *Frame) (int, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return 0, err
		}
		out := len(f.elems)
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			b := true
			if pred != nil {
				b, err = pred(f)
			}
			if err == nil && b {
				err = push(f)
			}
			if err != nil {
				return 0, err
			}
		}
		out = endKeep(f, d, out)
		return out, f.grow(len(f.elems) - out)
	}
}

// flatten is the builtin flatten on one list: the elements of the list
// and of the lists in it, at any depth, pointers and interfaces followed,
// as builtin.flatten gives them, on the frame's stack; the memory is
// counted as callSafe counts the builtin's.
func (cc *closureCompiler) flatten(n *ast.BuiltinNode) (*cnode, error) {
	if len(n.Arguments) != 1 {
		return nil, errUncovered
	}
	t := n.Arguments[0].Type()
	if t == nil || (t.Kind() != reflect.Slice && t.Kind() != reflect.Array && (t.Kind() != reflect.Interface || t.NumMethod() > 0)) {
		return nil, errUncovered
	}
	arg, err := cc.compile(n.Arguments[0])
	if err != nil {
		return nil, err
	}
	list := listOf(arg)
	seq := func(f *Frame) (int, error) {
		var out int
		if list.seq != nil {
			base, err := list.seq(f)
			if err != nil {
				return 0, err
			}
			// The argument's elements are on the stack: each goes on
			// again, flattened, above them, and then they move down.
			out = len(f.elems)
			for i := base; i < out; i++ {
				if e := f.elems[i]; e.boxed && !mayHold(e.v) {
					f.elems = append(f.elems, e)
				} else if err := flattenInto(f, e.v, 1); err != nil {
					return 0, err
				}
			}
			k := copy(f.elems[base:], f.elems[out:])
			f.popElems(base + k)
			out = base
		} else {
			// The argument as the builtin reads it.
			var top reflect.Value
			if list.val != nil {
				v, err := list.val(f)
				if err != nil {
					return 0, err
				}
				top = v
			} else {
				x, err := list.any(f)
				if err != nil {
					return 0, err
				}
				top = reflect.ValueOf(x)
			}
			out = len(f.elems)
			if err := flattenInto(f, top, 0); err != nil {
				return 0, err
			}
		}
		f.mem += uint(len(f.elems) - out)
		if f.mem >= f.limit {
			return 0, errClosure
		}
		return out, nil
	}
	return &cnode{typ: n.Type(), seq: seq, any: seqAny(seq)}, nil
}

// mayHold reports whether v may hold a list: it is one, or a pointer or
// an interface that flatten follows.
func mayHold(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Array:
		return true
	}
	return false
}

// flattenInto puts the element v on the frame's stack as builtin.flatten
// does: pointers and interfaces followed (a nil one as it is), a list's
// elements in turn (the list at depth 0 must be one), anything else as
// it is.
func flattenInto(f *Frame, v reflect.Value, depth int) error {
	if depth > builtin.MaxDepth {
		return errClosure
	}
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if v.Kind() == reflect.Interface {
				v = reflect.Value{}
			}
			break
		}
		v = v.Elem()
	}
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		if depth == 0 {
			return errClosure // the builtin's error
		}
		f.elems = append(f.elems, elem{v: v})
		return nil
	}
	for i := 0; i < v.Len(); i++ {
		if err := flattenInto(f, v.Index(i), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// countedList compiles $steps(budget, list) and $guard(ctx, budget, list)
// on a list that filter, map or flatten leaves on the frame's stack: the
// list is counted by its length (Config.StepsLen, GuardLen) and stays on
// the stack. It returns nil for any other call.
func (cc *closureCompiler) countedList(name string, n *ast.CallNode) (*cnode, error) {
	var counter func(args []any, n int) error
	switch steps, guard := cc.funcs.stepsLen, cc.funcs.guardLen; {
	case name == StepsName && steps != nil && len(n.Arguments) == 2:
		counter = func(args []any, n int) error { return steps(args[0], n) }
	case name == GuardName && guard != nil && len(n.Arguments) == 3:
		counter = func(args []any, n int) error { return guard(args[0], args[1], n) }
	default:
		return nil, nil
	}
	last := len(n.Arguments) - 1
	if _, fn := cc.funcs.table[name]; !fn || !isSeqNode(n.Arguments[last]) {
		return nil, nil
	}
	list, err := cc.compile(n.Arguments[last])
	if err != nil || list.seq == nil {
		return nil, err
	}
	args := make([]func(*Frame) (any, error), last)
	for i, a := range n.Arguments[:last] {
		c, err := cc.compile(a)
		if err != nil {
			return nil, err
		}
		args[i] = c.any
	}
	inner := list.seq
	seq := func(f *Frame) (int, error) {
		base := len(f.args)
		for _, a := range args {
			v, err := a(f)
			if err != nil {
				return 0, err
			}
			f.args = append(f.args, v)
		}
		at, err := inner(f)
		if err == nil {
			err = counter(f.args[base:], len(f.elems)-at)
		}
		clear(f.args[base:])
		f.args = f.args[:base]
		return at, err
	}
	return &cnode{typ: n.Type(), seq: seq, any: seqAny(seq)}, nil
}

// isSeqNode reports whether the closures of the node leave its list on
// the frame's stack: filter, map, flatten, or such a list counted.
func isSeqNode(n ast.Node) bool {
	switch x := n.(type) {
	case *ast.BuiltinNode:
		return x.Name == "filter" || x.Name == "map" || x.Name == "flatten"
	case *ast.CallNode:
		id, ok := x.Callee.(*ast.IdentifierNode)
		return ok && (id.Value == StepsName || id.Value == GuardName) && len(x.Arguments) > 0 && isSeqNode(x.Arguments[len(x.Arguments)-1])
	}
	return false
}

// textInSeq is text in list on a list that filter, map or flatten left on
// the frame's stack, as textIn compares: an element holds when it is the
// same text.
func textInSeq(text func(*Frame) (string, error), seq func(*Frame) (int, error)) *cnode {
	return typed(&cnode{typ: typeBool, b: func(f *Frame) (bool, error) {
		x, err := text(f)
		if err != nil {
			return false, err
		}
		base, err := seq(f)
		if err != nil {
			return false, err
		}
		in := false
		for i := base; i < len(f.elems) && !in; i++ {
			e := &f.elems[i]
			if e.boxed {
				s, ok := e.box.(string)
				in = ok && s == x
			} else {
				in = e.v.IsValid() && e.v.Kind() == reflect.String && e.v.Type() == typeString && e.v.String() == x
			}
		}
		f.popElems(base)
		return in, nil
	}})
}

// endOf compiles first(list) and last(list) on a list that filter, map or
// flatten leaves on the frame's stack: the element, or nil for an empty
// list, as the builtins give them, without making the list. It returns
// nil for any other argument.
func (cc *closureCompiler) endOf(n *ast.BuiltinNode) (*cnode, error) {
	if len(n.Arguments) != 1 || !isSeqNode(n.Arguments[0]) {
		return nil, nil
	}
	list, err := cc.compile(n.Arguments[0])
	if err != nil || list.seq == nil {
		return nil, err
	}
	seq, last := list.seq, n.Name == "last"
	return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
		base, err := seq(f)
		if err != nil {
			return nil, err
		}
		var v any
		if top := len(f.elems); top > base {
			i := base
			if last {
				i = top - 1
			}
			v = f.elems[i].value(f)
		}
		f.popElems(base)
		return v, nil
	}}, nil
}

// findVal is find (findLast when backwards) without a folded map, giving
// the element found as the loop read it (in place, not copied into an
// interface), for a parent that reads a field of it; the invalid value
// when there is none.
func (p *loopParts) findVal(backwards, throws bool) func(*Frame) (reflect.Value, error) {
	pred := p.pred.boolFn()
	return func(f *Frame) (reflect.Value, error) {
		i, d, err := p.seek(f, pred, backwards)
		if err != nil {
			return reflect.Value{}, err
		}
		defer end(f, d)
		switch {
		case i >= 0:
			return f.scope[d].cur, nil
		case throws:
			return reflect.Value{}, errClosure
		}
		return reflect.Value{}, nil
	}
}

// array is a list literal: a list of its values, counted in memory.
func (cc *closureCompiler) array(n *ast.ArrayNode) (*cnode, error) {
	nodes, err := cc.compileAll(n.Nodes)
	if err != nil {
		return nil, err
	}
	return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) {
		out := make([]any, len(nodes))
		for i, c := range nodes {
			v, err := c.any(f)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		if err := f.grow(len(nodes)); err != nil {
			return nil, err
		}
		return out, nil
	}}, nil
}

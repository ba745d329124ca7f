package compile

import (
	"reflect"

	"github.com/rickb777/date"
)

// The lists the loops of the typed closures walk (closures_loops.go), and
// the lists filter, map and flatten hand on to the next node. A loop
// walks a list of interfaces ([]any) as it is, element by element, and
// any other list by reflection, in place; each element is read once per
// step and kept in the loop's scope, as the value the machine's scope
// gives (interfaces followed) and, where the list holds interfaces, as
// the interface itself, which the loop hands on without copying it into
// a new one.
//
// filter, map and flatten put their results on the frame's stack of
// elements (cnode.seq) instead of into a new list of interfaces: a loop,
// flatten or len that reads such a result walks the stack, and a field
// of a record (the participants of a meeting, the ids of the Kitas of a
// position) goes on it as it is, not copied into an interface. Only a
// node that needs the result as a value (a variable, a function's
// argument, the expression's value) makes the list of interfaces the
// machine makes, from the stack. The machine's order is kept: a result
// is complete before the next node reads it, and counted in memory as
// the machine counts it.

// cscope is the element of a loop being walked.
type cscope struct {
	list  reflect.Value // the list, walked by reflection (from == fromValue)
	anys  []any         // the list of interfaces (from == fromAnys)
	base  int           // where the list lies on the frame's stack (from == fromStack)
	from  uint8
	index int
	cur   reflect.Value // the element, interfaces followed
	box   any           // the element as an interface, when boxed
	boxed bool
	// rec is the element as the record of type recType that its fields
	// are read from (closures_field.go), once recType is set for the
	// element.
	rec     reflect.Value
	recType reflect.Type
}

// Where a loop's list lies.
const (
	fromValue = iota
	fromAnys
	fromStack
)

// at makes the element i the loop's current one.
func (s *cscope) at(f *Frame, i int) {
	s.index, s.recType = i, nil
	switch s.from {
	case fromAnys:
		s.box, s.boxed = s.anys[i], true
		s.cur = reflect.ValueOf(s.box)
	case fromStack:
		e := &f.elems[s.base+i]
		s.cur, s.box, s.boxed = e.v, e.box, e.boxed
	default:
		v := s.list.Index(i)
		if v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		s.cur, s.box, s.boxed = v, nil, false
	}
}

// item returns the element of the innermost loop.
func (f *Frame) item() reflect.Value { return f.scope[len(f.scope)-1].cur }

// itemValue is the current element as the machine's scope gives it.
func itemValue(f *Frame) any {
	s := &f.scope[len(f.scope)-1]
	if s.boxed {
		return s.box
	}
	return f.boxValue(s.cur)
}

// boxValue is v as an interface: nil for the invalid value, texts, whole
// numbers and dates in place from the frame's tables (closures_box.go).
func (f *Frame) boxValue(v reflect.Value) any {
	// The kind first: comparing types is a call, the kind a field.
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.String:
		if v.Type() == typeString {
			return f.boxText(v.String())
		}
	case reflect.Int:
		if v.Type() == typeInt {
			return f.boxInt(int(v.Int()))
		}
	case reflect.Struct:
		if v.Type() == typeDate && v.CanAddr() {
			return f.boxDate(*v.Addr().Interface().(*date.Date))
		}
	}
	return v.Interface()
}

// elem is an element of a list on the frame's stack (Frame.elems).
type elem struct {
	v     reflect.Value // the element, interfaces followed
	box   any           // the element as an interface, when boxed
	boxed bool
}

// value is the element as an interface.
func (e *elem) value(f *Frame) any {
	if e.boxed {
		return e.box
	}
	return f.boxValue(e.v)
}

// pushValue puts a value read in place on the frame's stack.
func (f *Frame) pushValue(v reflect.Value) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	f.elems = append(f.elems, elem{v: v})
}

// pushBox puts a value as an interface on the frame's stack.
func (f *Frame) pushBox(x any) {
	f.elems = append(f.elems, elem{v: reflect.ValueOf(x), box: x, boxed: true})
}

// popElems takes the elements from base on off the frame's stack.
func (f *Frame) popElems(base int) {
	clear(f.elems[base:])
	f.elems = f.elems[:base]
}

// seqAny is the boxed form of a node whose result is on the frame's
// stack: the list of interfaces the machine makes (emptyList for none).
func seqAny(seq func(*Frame) (int, error)) func(*Frame) (any, error) {
	return func(f *Frame) (any, error) {
		base, err := seq(f)
		if err != nil {
			return nil, err
		}
		if len(f.elems) == base {
			return emptyList, nil
		}
		out := make([]any, len(f.elems)-base)
		for i := range out {
			out[i] = f.elems[base+i].value(f)
		}
		f.popElems(base)
		return out, nil
	}
}

// emptyList is the empty list of interfaces a node gives as its value,
// boxed once: a list of no elements cannot be written to, and appending
// to it makes a new one, so that every empty result can be this one.
var emptyList any = []any{}

// listForm is how a loop reads its list: from the frame's stack, as a
// value read in place, or as an interface.
type listForm struct {
	seq func(*Frame) (int, error)
	val func(*Frame) (reflect.Value, error)
	any func(*Frame) (any, error)
}

// listOf returns how a loop reads the list of the node c.
func listOf(c *cnode) listForm {
	switch {
	case c.seq != nil:
		return listForm{seq: c.seq}
	case c.val != nil:
		return listForm{val: c.val}
	}
	return listForm{any: c.any}
}

// begin starts a loop: it puts the list's scope on the frame and returns
// the list's length and the scope's depth, which end takes back. The
// list must be a list (or an array): the machine fails on anything else.
func (l listForm) begin(f *Frame) (n, depth int, err error) {
	depth = len(f.scope)
	switch {
	case l.seq != nil:
		base, err := l.seq(f)
		if err != nil {
			return 0, 0, err
		}
		f.scope = append(f.scope, cscope{from: fromStack, base: base})
		return len(f.elems) - base, depth, nil
	case l.any != nil:
		x, err := l.any(f)
		if err != nil {
			return 0, 0, err
		}
		if a, ok := x.([]any); ok {
			f.scope = append(f.scope, cscope{from: fromAnys, anys: a})
			return len(a), depth, nil
		}
		return beginValue(f, reflect.ValueOf(x), depth)
	}
	v, err := l.val(f)
	if err != nil {
		return 0, 0, err
	}
	return beginValue(f, v, depth)
}

// beginValue starts a loop over a list read by reflection.
func beginValue(f *Frame, v reflect.Value, depth int) (n, d int, err error) {
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return 0, 0, errClosure
	}
	f.scope = append(f.scope, cscope{list: v})
	return v.Len(), depth, nil
}

// end ends a loop begun at depth, taking a list it walked on the frame's
// stack off it.
func end(f *Frame, depth int) {
	if s := &f.scope[depth]; s.from == fromStack {
		f.popElems(s.base)
	}
	f.scope = f.scope[:depth]
}

// endKeep ends a loop begun at depth, like end, and keeps the elements
// put on the frame's stack from out on (the loop's own result): they
// move down to where the list walked began. It returns where they begin.
func endKeep(f *Frame, depth, out int) int {
	s := f.scope[depth]
	f.scope = f.scope[:depth]
	if s.from != fromStack {
		return out
	}
	k := copy(f.elems[s.base:], f.elems[out:])
	f.popElems(s.base + k)
	return s.base
}

package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
)

// Fields of records read by the typed closures (closures_member.go). A
// field is read by its index: the record is checked once (a pointer
// followed, its type compared with the checked one), and a chain of
// fields (.attendance.adults, .location.name) is read from that record
// along the indexes of its fields in one step, without checking each
// record on the way again: a field of a record has exactly the type of
// the field, and one that is a record (not a pointer) is never nil.

// fieldRead is how a node reading a field reads it: from the record rec
// gives (a record of type rec's, checked), along the fields of path.
type fieldRead struct {
	rec  func(*Frame) (reflect.Value, error)
	path []int
	typ  reflect.Type // the field's type: every value read has it
}

// get reads the field.
func (r *fieldRead) get() func(*Frame) (reflect.Value, error) {
	rec := r.rec
	switch path := r.path; len(path) {
	case 1:
		i := path[0]
		return func(f *Frame) (reflect.Value, error) {
			v, err := rec(f)
			if err != nil {
				return reflect.Value{}, err
			}
			return v.Field(i), nil
		}
	case 2:
		i, j := path[0], path[1]
		return func(f *Frame) (reflect.Value, error) {
			v, err := rec(f)
			if err != nil {
				return reflect.Value{}, err
			}
			return v.Field(i).Field(j), nil
		}
	default:
		return func(f *Frame) (reflect.Value, error) {
			v, err := rec(f)
			if err != nil {
				return reflect.Value{}, err
			}
			for _, i := range path {
				v = v.Field(i)
			}
			return v, nil
		}
	}
}

// fieldIndex returns the index of the field name of the record type st
// as expr finds it (its expr tag, or its name without one), or -1 when
// the name is a method of the base type bt or of a pointer to st, or not
// one of st's own exported fields: expr then fetches by name.
func fieldIndex(bt, st reflect.Type, name string) int {
	if _, method := bt.MethodByName(name); method {
		return -1
	}
	if _, method := reflect.PointerTo(st).MethodByName(name); method {
		return -1
	}
	for i := 0; i < st.NumField(); i++ {
		sf := st.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("expr")
		if tag == "-" {
			continue
		}
		if tag == name || (tag == "" && sf.Name == name) {
			return i
		}
	}
	return -1
}

// fieldNode reads a field of a record (or of a pointer to one) by its
// index, or returns nil when the base is of another type or the name is
// not one of its own fields: expr then fetches by name.
func (cc *closureCompiler) fieldNode(n *ast.MemberNode, base *cnode, name string) *cnode {
	bt := n.Node.Type()
	if bt == nil {
		return nil
	}
	st := bt
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() != reflect.Struct {
		return nil
	}
	index := fieldIndex(bt, st, name)
	if index < 0 {
		return nil
	}
	read := &fieldRead{typ: st.Field(index).Type}
	switch bf := base.field; {
	case bf != nil && bf.typ == bt && bt == st:
		// A field of a record that is itself a field, of a record: read
		// from the same record, one field further.
		read.rec, read.path = bf.rec, append(append(make([]int, 0, len(bf.path)+1), bf.path...), index)
	case bf != nil && bf.typ == bt:
		// A field of a record a field points to: only nil is left to
		// check.
		read.rec, read.path = pointedRecord(bf.get(), n.Optional), []int{index}
	case base.item:
		read.rec, read.path = itemRecord(checkedRecord(base.valFn(), st, n.Optional), st), []int{index}
	default:
		read.rec, read.path = checkedRecord(base.valFn(), st, n.Optional), []int{index}
	}
	place := -1
	if base.fixed && cc.loops > 0 {
		// A field of a variable read in a loop: read once per run.
		place = cc.fields
		cc.fields++
	}
	c := fieldCnode(n.Type(), read, place)
	c.fixed = base.fixed
	return c
}

// pointedRecord is the record a pointer of the record's pointer type
// points to; a nil pointer ends an optional chain, or fails.
func pointedRecord(ptr func(*Frame) (reflect.Value, error), optional bool) func(*Frame) (reflect.Value, error) {
	return func(f *Frame) (reflect.Value, error) {
		v, err := ptr(f)
		if err != nil {
			return reflect.Value{}, err
		}
		return deref(f, v, optional)
	}
}

// deref follows a pointer to what it points to: a nil pointer ends an
// optional chain (the chain's value is the nil pointer), or fails.
func deref(f *Frame, v reflect.Value, optional bool) (reflect.Value, error) {
	if !v.IsNil() {
		return v.Elem(), nil
	}
	if optional {
		f.stop = v.Interface()
		return reflect.Value{}, errChainNil
	}
	return reflect.Value{}, errClosure
}

// itemRecord is checkedRecord on the element of the innermost loop (#),
// checked once per element: the record found is kept in the loop's scope
// for the element's other fields (.attendance.adults +
// .attendance.children reads one record).
func itemRecord(checked func(*Frame) (reflect.Value, error), st reflect.Type) func(*Frame) (reflect.Value, error) {
	return func(f *Frame) (reflect.Value, error) {
		s := &f.scope[len(f.scope)-1]
		if s.recType == st {
			return s.rec, nil
		}
		v, err := checked(f)
		if err != nil {
			return reflect.Value{}, err
		}
		s = &f.scope[len(f.scope)-1]
		s.rec, s.recType = v, st
		return v, nil
	}
}

// checkedRecord is the value of a node as a record of type st: a pointer
// followed (nil ends an optional chain, or fails), nil ending an
// optional chain, any other type failing.
func checkedRecord(bv func(*Frame) (reflect.Value, error), st reflect.Type, optional bool) func(*Frame) (reflect.Value, error) {
	return func(f *Frame) (reflect.Value, error) {
		v, err := bv(f)
		if err != nil {
			return reflect.Value{}, err
		}
		if v.Kind() == reflect.Pointer {
			if v, err = deref(f, v, optional); err != nil {
				return reflect.Value{}, err
			}
		}
		if !v.IsValid() {
			if optional {
				f.stop = nil
				return reflect.Value{}, errChainNil
			}
			return reflect.Value{}, errClosure
		}
		if v.Type() != st {
			return reflect.Value{}, errClosure
		}
		return v, nil
	}
}

// fieldCnode makes the node of a field read: a whole number, text or
// truth value typed, anything else in place. With a place (0 or more),
// the field is read once per run and kept in the frame's fields at that
// place: a field of a variable, which does not change while the
// expression runs, read in a loop (item.id in .kitas).
func fieldCnode(typ reflect.Type, read *fieldRead, place int) *cnode {
	get := read.get()
	if place >= 0 {
		read := get
		get = func(f *Frame) (reflect.Value, error) {
			if f.fieldGot[place] {
				return f.fields[place], nil
			}
			v, err := read(f)
			if err == nil {
				f.fields[place], f.fieldGot[place] = v, true
			}
			return v, err
		}
	}
	c := &cnode{typ: typ, field: read}
	switch read.typ {
	case typeInt:
		c.i = func(f *Frame) (int, error) {
			v, err := get(f)
			if err != nil {
				return 0, err
			}
			return int(v.Int()), nil
		}
	case typeString:
		c.s = func(f *Frame) (string, error) {
			v, err := get(f)
			if err != nil {
				return "", err
			}
			return v.String(), nil
		}
	case typeBool:
		c.b = func(f *Frame) (bool, error) {
			v, err := get(f)
			if err != nil {
				return false, err
			}
			return v.Bool(), nil
		}
	default:
		c.val = get
	}
	return typed(c)
}

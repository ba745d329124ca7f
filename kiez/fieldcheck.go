package kiez

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
)

// The struct tags of the model ("validate:") are checked by a plan made
// once per type from the tags: a list of fields with their rules, walked
// without allocating for a value that passes. It does what
// go-playground/validator did with the same tags, with the same data
// paths, field names, parameters and values in its failures, and so the
// same diagnostics (TestFieldChecksAgree compares the two); at state
// scale the general validator cost more than parsing the files, mostly in
// putting every field into an interface.
//
// The rules the model uses: required, omitempty, id, min=N and max=N on
// whole numbers, nonneg and upto=N on decimals, and dive on lists. A
// struct field without rules, or a non-nil pointer to a struct, or each
// struct of a dived list, is checked field by field. A date or month has
// only required, which holds when it is set.

// fieldFailure is one rule a field fails.
type fieldFailure struct {
	path  string // the data path of the field
	tag   string // the rule: required, id, min, …
	field string // the field's name, with "[i]" for an item of a list
	param string // the rule's parameter
	value string // the field's value as text
}

// fieldRule is one rule of a validate tag.
type fieldRule struct {
	tag   string
	param string
	n     int64           // min, max
	limit decimal.Decimal // upto
}

// valueKind says how a field's value is read.
type valueKind int

const (
	kindOther   valueKind = iota
	kindString            // a string
	kindInt               // a whole number
	kindBool              // a bool
	kindDate              // a date: set or not
	kindMonth             // a month: set or not
	kindDecimal           // a decimal.Decimal
	kindPointer           // a pointer; elem says to what
	kindSlice             // a list; elem says of what
	kindStruct            // a struct checked field by field
)

// valuePlan is how one value (a field, or an item of a dived list) is
// checked.
type valuePlan struct {
	kind      valueKind
	omitempty bool
	rules     []fieldRule
	// elem is the plan of what a pointer points to, or of each item of
	// a list when the tag dives into it (nil: the items are not
	// checked).
	elem *valuePlan
	// nested is the plan of a struct checked field by field.
	nested *structPlan
}

// fieldPlan is one field of a struct.
type fieldPlan struct {
	index int
	name  string
	valuePlan
}

// structPlan is the fields of a struct type that hold any check.
type structPlan struct {
	fields []fieldPlan
}

var (
	dateType    = reflect.TypeOf(date.Date{})
	monthType   = reflect.TypeOf(Month{})
	decimalType = reflect.TypeOf(decimal.Decimal{})
)

// fieldChecks holds the plans of the struct types reached from a
// Dataset. It is made once per Validate and only read while checking, so
// that the workers of Validate may share it.
type fieldChecks struct {
	plans map[reflect.Type]*structPlan
}

// newFieldChecks makes the plans for the types of a Dataset's entries.
func newFieldChecks() (*fieldChecks, error) {
	fc := &fieldChecks{plans: map[reflect.Type]*structPlan{}}
	for _, t := range []reflect.Type{reflect.TypeOf(Programme{}), reflect.TypeOf(Centre{}), reflect.TypeOf(Waiver{})} {
		if _, err := fc.plan(t); err != nil {
			return nil, err
		}
	}
	return fc, nil
}

// plan returns the plan of a struct type, making it on first need.
func (fc *fieldChecks) plan(t reflect.Type) (*structPlan, error) {
	if p, ok := fc.plans[t]; ok {
		return p, nil
	}
	p := &structPlan{}
	fc.plans[t] = p // before the fields: a type may hold itself
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("validate")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = f.Name
		}
		var parts []string
		if tag != "" {
			parts = strings.Split(tag, ",")
		}
		vp, err := fc.valuePlan(f.Type, parts)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name(), f.Name, err)
		}
		if vp != nil {
			p.fields = append(p.fields, fieldPlan{index: i, name: name, valuePlan: *vp})
		}
	}
	return p, nil
}

// valuePlan makes the plan of a value of type t with the rules in parts;
// nil when there is nothing to check.
func (fc *fieldChecks) valuePlan(t reflect.Type, parts []string) (*valuePlan, error) {
	if t.Kind() == reflect.Pointer {
		// The rules apply to what the pointer points to, and a nil
		// pointer passes: the model's pointers are optional, so their
		// rules start with omitempty.
		if len(parts) > 0 && parts[0] != "omitempty" {
			return nil, fmt.Errorf("the rules of a pointer must start with omitempty")
		}
		elem, err := fc.valuePlan(t.Elem(), parts)
		if elem == nil || err != nil {
			return nil, err
		}
		return &valuePlan{kind: kindPointer, elem: elem}, nil
	}
	vp := &valuePlan{}
	for i, part := range parts {
		tag, param, _ := strings.Cut(part, "=")
		switch tag {
		case "omitempty":
			vp.omitempty = true
		case "dive":
			if t.Kind() != reflect.Slice {
				return nil, fmt.Errorf("dive on a %s", t.Kind())
			}
			elem, err := fc.valuePlan(t.Elem(), parts[i+1:])
			if err != nil {
				return nil, err
			}
			vp.kind, vp.elem = kindSlice, elem
			if elem == nil && len(vp.rules) == 0 {
				return nil, nil
			}
			return vp, nil
		case "required", "id", "nonneg":
			vp.rules = append(vp.rules, fieldRule{tag: tag})
		case "min", "max":
			n, err := strconv.ParseInt(param, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s=%s: %w", tag, param, err)
			}
			vp.rules = append(vp.rules, fieldRule{tag: tag, param: param, n: n})
		case "upto":
			limit, err := decimal.NewFromString(param)
			if err != nil {
				return nil, fmt.Errorf("upto=%s: %w", param, err)
			}
			vp.rules = append(vp.rules, fieldRule{tag: tag, param: param, limit: limit})
		default:
			return nil, fmt.Errorf("unknown rule %q", part)
		}
	}
	switch {
	case t == dateType:
		vp.kind = kindDate
	case t == monthType:
		vp.kind = kindMonth
	case t == decimalType:
		vp.kind = kindDecimal
	case t.Kind() == reflect.String:
		vp.kind = kindString
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		vp.kind = kindInt
	case t.Kind() == reflect.Bool:
		vp.kind = kindBool
	case t.Kind() == reflect.Struct:
		nested, err := fc.plan(t)
		if err != nil {
			return nil, err
		}
		vp.kind = kindStruct
		if len(nested.fields) > 0 {
			vp.nested = nested
		}
	case t.Kind() == reflect.Slice:
		vp.kind = kindSlice
	}
	for _, r := range vp.rules {
		if !ruleFits(r.tag, vp.kind) {
			return nil, fmt.Errorf("rule %s on a %s", r.tag, t)
		}
	}
	if len(vp.rules) == 0 && vp.nested == nil {
		return nil, nil
	}
	return vp, nil
}

// ruleFits reports whether the rule is made for values of the kind.
func ruleFits(tag string, kind valueKind) bool {
	switch tag {
	case "required":
		return kind != kindStruct && kind != kindOther
	case "id":
		return kind == kindString
	case "min", "max":
		return kind == kindInt
	case "nonneg", "upto":
		return kind == kindDecimal
	}
	return false
}

// fieldWalker checks the entries of a dataset against the plans; it
// keeps the data path as a stack of parts and writes it out only for a
// failure.
type fieldWalker struct {
	path     []pathPart
	failures []fieldFailure
}

// check checks the struct v, addressable, at the walker's path.
func (w *fieldWalker) check(p *structPlan, v reflect.Value) {
	for i := range p.fields {
		f := &p.fields[i]
		w.path = append(w.path, pathPart{name: f.name})
		w.value(&f.valuePlan, v.Field(f.index))
		w.path = w.path[:len(w.path)-1]
	}
}

// value checks one value.
func (w *fieldWalker) value(vp *valuePlan, v reflect.Value) {
	switch vp.kind {
	case kindPointer:
		if !v.IsNil() {
			w.value(vp.elem, v.Elem())
		}
		return
	case kindSlice:
		if vp.omitempty && v.IsNil() {
			return
		}
		if !w.rules(vp, v) || vp.elem == nil {
			return
		}
		for i := 0; i < v.Len(); i++ {
			w.path = append(w.path, pathPart{index: i})
			w.value(vp.elem, v.Index(i))
			w.path = w.path[:len(w.path)-1]
		}
		return
	case kindStruct:
		w.check(vp.nested, v)
		return
	}
	w.rules(vp, v)
}

// rules applies the rules of vp to v, stopping at the first that fails;
// it reports whether all passed.
func (w *fieldWalker) rules(vp *valuePlan, v reflect.Value) bool {
	if vp.omitempty && !hasValue(vp.kind, v) {
		return true
	}
	for _, r := range vp.rules {
		ok := true
		switch r.tag {
		case "required":
			ok = hasValue(vp.kind, v)
		case "id":
			ok = IsID(v.String())
		case "min":
			ok = v.Int() >= r.n
		case "max":
			ok = v.Int() <= r.n
		case "nonneg":
			ok = decimalAt(v).Sign() >= 0
		case "upto":
			ok = decimalAt(v).LessThanOrEqual(r.limit)
		}
		if !ok {
			w.fail(r.tag, r.param, valueText(vp.kind, v))
			return false
		}
	}
	return true
}

// hasValue reports whether a value is set: not empty, zero or nil.
func hasValue(kind valueKind, v reflect.Value) bool {
	switch kind {
	case kindDate:
		return !dateAt(v).IsZero()
	case kindMonth:
		return !monthAt(v).IsZero()
	case kindDecimal:
		// The text of a decimal is never empty.
		return true
	case kindSlice, kindPointer:
		return !v.IsNil()
	}
	return !v.IsZero()
}

// valueText is a value as a failure shows it.
func valueText(kind valueKind, v reflect.Value) string {
	switch kind {
	case kindDate, kindMonth:
		return strconv.FormatBool(hasValue(kind, v))
	case kindDecimal:
		return decimalText(decimalAt(v))
	}
	return fmt.Sprint(v.Interface())
}

// decimalAt, dateAt and monthAt read a field of a known type through its
// address; the entries are checked through pointers, so every field is
// addressable.
func decimalAt(v reflect.Value) decimal.Decimal {
	if v.CanAddr() {
		return *v.Addr().Interface().(*decimal.Decimal)
	}
	return v.Interface().(decimal.Decimal)
}

func dateAt(v reflect.Value) date.Date {
	if v.CanAddr() {
		return *v.Addr().Interface().(*date.Date)
	}
	return v.Interface().(date.Date)
}

func monthAt(v reflect.Value) Month {
	if v.CanAddr() {
		return *v.Addr().Interface().(*Month)
	}
	return v.Interface().(Month)
}

// fail records a failure at the walker's path. The field's name is the
// path's last name with the indexes after it ("staff[2]"), written out
// only here, so that a passing item of a list costs no text.
func (w *fieldWalker) fail(tag, param, value string) {
	var path, field strings.Builder
	last := len(w.path) - 1
	for last > 0 && w.path[last].name == "" {
		last--
	}
	for i, p := range w.path {
		source.WritePathPart(&path, p.name, p.index)
		if i >= last {
			source.WritePathPart(&field, p.name, p.index)
		}
	}
	w.failures = append(w.failures, fieldFailure{path: path.String(), tag: tag, field: field.String(), param: param, value: value})
}

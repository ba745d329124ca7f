package words

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// Formatter writes any value of an expression for people in its
// language: decimals with the language's decimal mark, dates as Date
// writes them, booleans as Bool, lists joined with commas, records of the
// data model by what identifies them, the facts of this package as their
// summaries, and nothing (nil, an empty list, a nil pointer) as Dash.
type Formatter struct {
	Lang Language
	// Facts turns a value of a package above this one (a check of the
	// rules engine) into the facts of this package (Cadence, Gaps, Hours,
	// Coverage, Span, ClosedDays); nil, or false, leaves the value as it
	// is. It is asked for every value that has a String method before
	// that method is used.
	Facts func(v any) (any, bool)
}

// Format writes v for people.
func (f Formatter) Format(v any) string {
	switch x := v.(type) {
	case nil:
		return Dash
	case string:
		return x
	case date.Date:
		return f.Lang.Date(x)
	case decimal.Decimal:
		return f.Lang.Decimal(x)
	case bool:
		return f.Lang.Bool(x)
	case int:
		return strconv.Itoa(x)
	case []string:
		if len(x) == 0 {
			return Dash
		}
		return strings.Join(x, ", ")
	}
	return string(f.Append(make([]byte, 0, formatSize(v)), v))
}

// formatSize estimates the length of a value written, to build it in one
// piece: exact for lists of dates, a guess for other lists.
func formatSize(v any) int {
	switch l := v.(type) {
	case []date.Date:
		return 12 * len(l)
	case []any:
		return 16 * len(l)
	}
	return 32
}

// Append appends v as Format writes it to b and returns the extended
// slice; the elements of a list are written one after another into it.
func (f Formatter) Append(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, Dash...)
	case string:
		return append(b, x...)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case decimal.Decimal:
		return f.Lang.appendNumber(b, x.String())
	case *decimal.Decimal:
		if x == nil {
			return append(b, Dash...)
		}
		return f.Lang.appendNumber(b, x.String())
	case date.Date:
		return f.Lang.AppendDate(b, x)
	case *date.Date:
		if x == nil {
			return append(b, Dash...)
		}
		return f.Lang.AppendDate(b, *x)
	case bool:
		return append(b, f.Lang.Bool(x)...)
	case float64:
		return f.Lang.appendNumber(b, fmt.Sprint(x))
	case Cadence:
		return append(b, f.Lang.Cadence(x)...)
	case Gaps:
		return append(b, f.Lang.Gaps(x)...)
	case Hours:
		return append(b, f.Lang.Hours(x)...)
	case Coverage:
		return append(b, f.Lang.Coverage(x)...)
	case Span:
		return append(b, f.Lang.Span(x)...)
	case ClosedDays:
		return append(b, f.Lang.ClosedDays(x)...)
	case schedule.Bucket:
		return append(b, f.Lang.Bucket(x)...)
	case schedule.Gap:
		return append(b, f.Lang.Stretch(x)...)
	case schedule.BucketSum:
		return append(b, f.Lang.HoursBucket(x)...)
	case fmt.Stringer:
		return f.appendStringer(b, v, x)
	case []string:
		for i := range x {
			b = appendSeparator(b, i)
			b = append(b, x[i]...)
		}
		return appendEmpty(b, len(x))
	case []any:
		for i := range x {
			b = appendSeparator(b, i)
			b = f.Append(b, x[i])
		}
		return appendEmpty(b, len(x))
	case []date.Date:
		for i := range x {
			b = appendSeparator(b, i)
			b = f.Lang.AppendDate(b, x[i])
		}
		return appendEmpty(b, len(x))
	case []int:
		for i := range x {
			b = appendSeparator(b, i)
			b = strconv.AppendInt(b, int64(x[i]), 10)
		}
		return appendEmpty(b, len(x))
	}
	return f.appendReflect(b, reflect.ValueOf(v))
}

// appendStringer appends v, which has a String method: a nil pointer as
// Dash, the facts Facts makes of it, or else its String.
func (f Formatter) appendStringer(b []byte, v any, x fmt.Stringer) []byte {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(b, Dash...)
	}
	if f.Facts != nil {
		if facts, ok := f.Facts(v); ok {
			return f.Append(b, facts)
		}
	}
	return append(b, x.String()...)
}

// appendReflect appends a value none of Append's cases names: a list
// element by element, a pointer by what it points to, a record of the
// model by what identifies it, anything else as fmt prints it. A record
// of the model in a list or behind a pointer is written from its place,
// without first copying it into an interface.
func (f Formatter) appendReflect(b []byte, rv reflect.Value) []byte {
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		n := rv.Len()
		for i := range n {
			b = appendSeparator(b, i)
			b = f.appendElem(b, rv.Index(i))
		}
		return appendEmpty(b, n)
	case reflect.Pointer:
		if rv.IsNil() {
			return append(b, Dash...)
		}
		return f.appendElem(b, rv.Elem())
	case reflect.Struct:
		return f.appendRecord(b, rv)
	}
	return append(b, fmt.Sprint(rv.Interface())...)
}

// appendElem appends an element of a list or the target of a pointer:
// a plain record of the model (see recordFields.plain) and a pointer to
// one directly, any other value as Append writes it.
func (f Formatter) appendElem(b []byte, rv reflect.Value) []byte {
	switch rv.Kind() {
	case reflect.Struct:
		if fields, ok := modelRecords[rv.Type()]; ok && fields.plain {
			return f.appendFields(b, rv, &fields)
		}
	case reflect.Pointer:
		if fields, ok := modelRecords[rv.Type().Elem()]; ok && fields.plainPointer {
			if rv.IsNil() {
				return append(b, Dash...)
			}
			return f.appendFields(b, rv.Elem(), &fields)
		}
	}
	return f.Append(b, rv.Interface())
}

// appendSeparator appends the comma before the i-th element of a list.
func appendSeparator(b []byte, i int) []byte {
	if i > 0 {
		return append(b, ", "...)
	}
	return b
}

// appendEmpty appends Dash for a list of n elements when n is 0.
func appendEmpty(b []byte, n int) []byte {
	if n == 0 {
		return append(b, Dash...)
	}
	return b
}

// appendRecord names a record of the model by what identifies it: its
// kind or role, its id or title, and its date, e.g. "bedarfsanalyse
// (bedarfsanalyse-2024) vom 15.02.2024", "… dated 2024-02-15". A struct
// with none of these writes as fmt prints it.
func (f Formatter) appendRecord(b []byte, rv reflect.Value) []byte {
	fields := recordFieldsOf(rv.Type())
	return f.appendFields(b, rv, &fields)
}

// appendFields is appendRecord with the record's fields looked up.
func (f Formatter) appendFields(b []byte, rv reflect.Value, fields *recordFields) []byte {
	start := len(b)
	for i := range fieldID { // Kind, Role, Title, Name: the first given
		if t := f.field(rv, fields.index[i]); t.given() {
			b = f.appendText(b, t)
			break
		}
	}
	if id := f.field(rv, fields.index[fieldID]); id.given() {
		if len(b) > start {
			b = append(b, ' ')
		}
		b = append(b, '(')
		b = f.appendText(b, id)
		b = append(b, ')')
	}
	if d := f.field(rv, fields.index[fieldDate]); d.given() {
		if len(b) > start {
			b = append(b, ' ')
		}
		b = append(b, pick(f.Lang == English, "vom ", "dated ")...)
		b = f.appendText(b, d)
	}
	if len(b) == start {
		return append(b, fmt.Sprint(rv.Interface())...)
	}
	return b
}

// fieldText is what a record says in one of its fields: a text, or a
// date other than the zero date.
type fieldText struct {
	s      string
	d      date.Date
	isDate bool
}

// given reports whether the field says anything.
func (t fieldText) given() bool { return t.s != "" || t.isDate }

// field reads the field of rv at index: a string field as its text, a
// date field as its date unless that is zero, anything else as nothing.
func (f Formatter) field(rv reflect.Value, index []int) fieldText {
	if index == nil {
		return fieldText{}
	}
	v := rv.FieldByIndex(index)
	switch v.Type() {
	case stringType:
		return fieldText{s: v.String()}
	case dateType:
		if d, _ := reflect.TypeAssert[date.Date](v); !d.IsZero() {
			return fieldText{d: d, isDate: true}
		}
	}
	return fieldText{}
}

// appendText appends what a field says, a date as Date writes it.
func (f Formatter) appendText(b []byte, t fieldText) []byte {
	if t.isDate {
		return f.Lang.AppendDate(b, t.d)
	}
	return append(b, t.s...)
}

var (
	stringType   = reflect.TypeFor[string]()
	dateType     = reflect.TypeFor[date.Date]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)

// namedStructs are the struct types Append's switch names: a value of
// one is never written as a record.
var namedStructs = []reflect.Type{
	reflect.TypeFor[date.Date](), reflect.TypeFor[decimal.Decimal](),
	reflect.TypeFor[Cadence](), reflect.TypeFor[Gaps](), reflect.TypeFor[Hours](), reflect.TypeFor[Coverage](),
	reflect.TypeFor[Span](), reflect.TypeFor[ClosedDays](),
	reflect.TypeFor[schedule.Bucket](), reflect.TypeFor[schedule.Gap](), reflect.TypeFor[schedule.BucketSum](),
}

// recordFieldNames are the fields appendFields reads, in its order; fieldID and
// fieldDate are the places of ID and Date.
var recordFieldNames = [...]string{"Kind", "Role", "Title", "Name", "ID", "Date"}

const (
	fieldID   = 4
	fieldDate = 5
)

// recordFields are what writing a struct type as a record needs: the
// index paths of its recordFieldNames (nil where it has no such field),
// and whether Append writes a value of it (plain) and a pointer to it
// (plainPointer) as a record, that is, neither has a String method and
// Append's switch does not name the type.
type recordFields struct {
	index               [len(recordFieldNames)][]int
	plain, plainPointer bool
}

// modelRecords are the recordFields of every struct type of the model,
// worked out once: looking fields up by name for each record written
// took a noticeable part of an evaluation. It is never changed.
var modelRecords = recordFieldTable(reflect.TypeFor[kiez.Dataset]())

// recordFieldsOf returns the recordFields of a struct type.
func recordFieldsOf(t reflect.Type) recordFields {
	if f, ok := modelRecords[t]; ok {
		return f
	}
	return lookUpRecordFields(t)
}

// lookUpRecordFields works out the recordFields of a struct type.
func lookUpRecordFields(t reflect.Type) recordFields {
	var out recordFields
	for i, name := range recordFieldNames {
		if f, ok := t.FieldByName(name); ok {
			out.index[i] = f.Index
		}
	}
	out.plain = !t.Implements(stringerType) && !slices.Contains(namedStructs, t)
	out.plainPointer = out.plain && !reflect.PointerTo(t).Implements(stringerType)
	return out
}

// recordFieldTable returns the recordFields of every struct type
// reachable from root through fields, pointers and lists.
func recordFieldTable(root reflect.Type) map[reflect.Type]recordFields {
	table := map[reflect.Type]recordFields{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if _, seen := table[t]; seen || t.Kind() != reflect.Struct {
			return
		}
		table[t] = lookUpRecordFields(t)
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(root)
	return table
}

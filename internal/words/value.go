package words

import (
	"fmt"
	"reflect"
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
	case []string:
		if len(x) == 0 {
			return Dash
		}
		return strings.Join(x, ", ")
	}
	var b strings.Builder
	b.Grow(formatSize(v))
	f.write(&b, v)
	return b.String()
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

// write writes v to b; the elements of a list are written one after
// another into the same text.
func (f Formatter) write(b *strings.Builder, v any) {
	var scratch [16]byte
	switch x := v.(type) {
	case nil:
		b.WriteString(Dash)
	case decimal.Decimal:
		f.Lang.writeNumber(b, x.String())
	case *decimal.Decimal:
		if x == nil {
			b.WriteString(Dash)
			return
		}
		f.Lang.writeNumber(b, x.String())
	case date.Date:
		b.Write(f.Lang.AppendDate(scratch[:0], x))
	case *date.Date:
		if x == nil {
			b.WriteString(Dash)
			return
		}
		b.Write(f.Lang.AppendDate(scratch[:0], *x))
	case bool:
		b.WriteString(f.Lang.Bool(x))
	case string:
		b.WriteString(x)
	case float64:
		f.Lang.writeNumber(b, fmt.Sprint(x))
	case Cadence:
		b.WriteString(f.Lang.Cadence(x))
	case Gaps:
		b.WriteString(f.Lang.Gaps(x))
	case Hours:
		b.WriteString(f.Lang.Hours(x))
	case Coverage:
		b.WriteString(f.Lang.Coverage(x))
	case Span:
		b.WriteString(f.Lang.Span(x))
	case ClosedDays:
		b.WriteString(f.Lang.ClosedDays(x))
	case schedule.Bucket:
		b.WriteString(f.Lang.Bucket(x))
	case schedule.Gap:
		b.WriteString(f.Lang.Stretch(x))
	case schedule.BucketSum:
		b.WriteString(f.Lang.HoursBucket(x))
	case fmt.Stringer:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			b.WriteString(Dash)
			return
		}
		if f.Facts != nil {
			if facts, ok := f.Facts(v); ok {
				f.write(b, facts)
				return
			}
		}
		b.WriteString(x.String())
	case []string:
		for i := range x {
			writeSeparator(b, i)
			b.WriteString(x[i])
		}
		writeEmpty(b, len(x))
	case []any:
		for i := range x {
			writeSeparator(b, i)
			f.write(b, x[i])
		}
		writeEmpty(b, len(x))
	case []date.Date:
		for i := range x {
			writeSeparator(b, i)
			b.Write(f.Lang.AppendDate(scratch[:0], x[i]))
		}
		writeEmpty(b, len(x))
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				writeSeparator(b, i)
				f.write(b, rv.Index(i).Interface())
			}
			writeEmpty(b, rv.Len())
		case reflect.Pointer:
			if rv.IsNil() {
				b.WriteString(Dash)
				return
			}
			f.write(b, rv.Elem().Interface())
		case reflect.Struct:
			b.WriteString(f.record(rv))
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
}

// writeSeparator writes the comma before the i-th element of a list.
func writeSeparator(b *strings.Builder, i int) {
	if i > 0 {
		b.WriteString(", ")
	}
}

// writeEmpty writes Dash for a list of n elements when n is 0.
func writeEmpty(b *strings.Builder, n int) {
	if n == 0 {
		b.WriteString(Dash)
	}
}

// record names a record of the model by what identifies it: its kind or
// role, its id or title, and its date, e.g. "bedarfsanalyse
// (bedarfsanalyse-2024) vom 15.02.2024", "… dated 2024-02-15".
func (f Formatter) record(rv reflect.Value) string {
	fields := recordFieldsOf(rv.Type())
	field := func(i int) string {
		if fields[i] == nil {
			return ""
		}
		v := rv.FieldByIndex(fields[i])
		switch v.Type() {
		case reflect.TypeFor[string]():
			return v.String()
		case reflect.TypeFor[date.Date]():
			if d := v.Interface().(date.Date); !d.IsZero() {
				return f.Lang.Date(d)
			}
		}
		return ""
	}
	var b strings.Builder
	for i := range fieldID { // Kind, Role, Title, Name: the first given
		if s := field(i); s != "" {
			b.WriteString(s)
			break
		}
	}
	if id := field(fieldID); id != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("(" + id + ")")
	}
	if d := field(fieldDate); d != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pick(f.Lang == English, "vom ", "dated ") + d)
	}
	if b.Len() == 0 {
		return fmt.Sprint(rv.Interface())
	}
	return b.String()
}

// recordFieldNames are the fields record reads, in its order; fieldID and
// fieldDate are the places of ID and Date.
var recordFieldNames = [...]string{"Kind", "Role", "Title", "Name", "ID", "Date"}

const (
	fieldID   = 4
	fieldDate = 5
)

// recordFields are the index paths of a struct type's recordFieldNames;
// nil where it has no such field.
type recordFields [len(recordFieldNames)][]int

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

func lookUpRecordFields(t reflect.Type) recordFields {
	var out recordFields
	for i, name := range recordFieldNames {
		if f, ok := t.FieldByName(name); ok {
			out[i] = f.Index
		}
	}
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

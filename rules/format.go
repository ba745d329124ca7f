// This file writes values for people, the German way.

package rules

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/kiez-go/kiez/kiez"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// German formats the period for messages: 01.01.2024–31.12.2024.
func (p Period) German() string { return germanDate(p.From) + "–" + germanDate(p.Until) }

func germanDate(d date.Date) string {
	var b [10]byte
	return string(appendGermanDate(b[:0], d))
}

// appendGermanDate appends a date written the German way, 15.03.2024.
func appendGermanDate(b []byte, d date.Date) []byte {
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%02d.%02d.%04d", day, int(m), y)
	}
	return append(b, byte('0'+day/10), byte('0'+day%10), '.', byte('0'+int(m)/10), byte('0'+int(m)%10), '.',
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// Format renders a value of an expression for people, the German way:
// decimals with a decimal comma, dates as 15.03.2024, true/false as
// ja/nein, lists joined with commas, and nothing as "–".
func Format(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case string:
		return x
	case date.Date:
		return germanDate(x)
	case decimal.Decimal:
		return strings.Replace(x.String(), ".", ",", 1)
	case bool:
		if x {
			return "ja"
		}
		return "nein"
	case []string:
		if len(x) == 0 {
			return "–"
		}
		return strings.Join(x, ", ")
	}
	var b strings.Builder
	b.Grow(formatSize(v))
	writeFormat(&b, v)
	return b.String()
}

// formatSize estimates the length of Format(v), to build it in one piece:
// exact for lists of dates, a guess for other lists.
func formatSize(v any) int {
	switch l := v.(type) {
	case []date.Date:
		return 12 * len(l)
	case []any:
		return 16 * len(l)
	}
	return 32
}

// writeFormat writes Format(v) to b; the elements of a list are written
// one after another into the same text.
func writeFormat(b *strings.Builder, v any) {
	var scratch [10]byte
	switch x := v.(type) {
	case nil:
		b.WriteString("–")
	case decimal.Decimal:
		writeDecimalComma(b, x.String())
	case *decimal.Decimal:
		if x == nil {
			b.WriteString("–")
			return
		}
		writeDecimalComma(b, x.String())
	case date.Date:
		b.Write(appendGermanDate(scratch[:0], x))
	case *date.Date:
		if x == nil {
			b.WriteString("–")
			return
		}
		b.Write(appendGermanDate(scratch[:0], *x))
	case bool:
		if x {
			b.WriteString("ja")
		} else {
			b.WriteString("nein")
		}
	case string:
		b.WriteString(x)
	case float64:
		writeDecimalComma(b, fmt.Sprint(x))
	case fmt.Stringer:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			b.WriteString("–")
			return
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
			writeFormat(b, x[i])
		}
		writeEmpty(b, len(x))
	case []date.Date:
		for i := range x {
			writeSeparator(b, i)
			b.Write(appendGermanDate(scratch[:0], x[i]))
		}
		writeEmpty(b, len(x))
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				writeSeparator(b, i)
				writeFormat(b, rv.Index(i).Interface())
			}
			writeEmpty(b, rv.Len())
		case reflect.Pointer:
			if rv.IsNil() {
				b.WriteString("–")
				return
			}
			writeFormat(b, rv.Elem().Interface())
		case reflect.Struct:
			b.WriteString(formatRecord(rv))
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
}

// writeDecimalComma writes a number written with a decimal point with a
// decimal comma instead.
func writeDecimalComma(b *strings.Builder, s string) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte(',')
		s = s[i+1:]
	}
	b.WriteString(s)
}

// writeSeparator writes the comma before the i-th element of a list.
func writeSeparator(b *strings.Builder, i int) {
	if i > 0 {
		b.WriteString(", ")
	}
}

// writeEmpty writes "–" for a list of n elements when n is 0.
func writeEmpty(b *strings.Builder, n int) {
	if n == 0 {
		b.WriteString("–")
	}
}

// formatRecord names a record of the model by what identifies it: its
// kind or role, its id or title, and its date, e.g. "bedarfsanalyse vom
// 12.03.2024".
func formatRecord(rv reflect.Value) string {
	fields := recordFieldsOf(rv.Type())
	field := func(i int) string {
		if fields[i] == nil {
			return ""
		}
		f := rv.FieldByIndex(fields[i])
		switch f.Type() {
		case reflect.TypeFor[string]():
			return f.String()
		case reflect.TypeFor[date.Date]():
			if d := f.Interface().(date.Date); !d.IsZero() {
				return germanDate(d)
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
		b.WriteString("vom " + d)
	}
	if b.Len() == 0 {
		return fmt.Sprint(rv.Interface())
	}
	return b.String()
}

// recordFieldNames are the fields formatRecord reads, in its order; fieldID
// and fieldDate are the places of ID and Date.
var recordFieldNames = [...]string{"Kind", "Role", "Title", "Name", "ID", "Date"}

const (
	fieldID   = 4
	fieldDate = 5
)

// recordFields are the index paths of a struct type's recordFieldNames; nil
// where it has no such field.
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

// recordFieldTable returns the recordFields of every struct type reachable
// from root through fields, pointers and lists.
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

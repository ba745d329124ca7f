package words

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

// The formatter as it was before it appended to a byte slice (commit
// 1bd60bc), kept as the reference the faster one must agree with to the
// byte: every message and piece of evidence of the shipped programmes is
// written by it, and their goldens must not move.

// Format writes v for people.
func (f Formatter) refFormat(v any) string {
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
	b.Grow(refFormatSize(v))
	f.refWrite(&b, v)
	return b.String()
}

// formatSize estimates the length of a value written, to build it in one
// piece: exact for lists of dates, a guess for other lists.
func refFormatSize(v any) int {
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
func (f Formatter) refWrite(b *strings.Builder, v any) {
	var scratch [16]byte
	switch x := v.(type) {
	case nil:
		b.WriteString(Dash)
	case decimal.Decimal:
		refWriteNumber(f.Lang, b, x.String())
	case *decimal.Decimal:
		if x == nil {
			b.WriteString(Dash)
			return
		}
		refWriteNumber(f.Lang, b, x.String())
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
		refWriteNumber(f.Lang, b, fmt.Sprint(x))
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
				f.refWrite(b, facts)
				return
			}
		}
		b.WriteString(x.String())
	case []string:
		for i := range x {
			refWriteSeparator(b, i)
			b.WriteString(x[i])
		}
		refWriteEmpty(b, len(x))
	case []any:
		for i := range x {
			refWriteSeparator(b, i)
			f.refWrite(b, x[i])
		}
		refWriteEmpty(b, len(x))
	case []date.Date:
		for i := range x {
			refWriteSeparator(b, i)
			b.Write(f.Lang.AppendDate(scratch[:0], x[i]))
		}
		refWriteEmpty(b, len(x))
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				refWriteSeparator(b, i)
				f.refWrite(b, rv.Index(i).Interface())
			}
			refWriteEmpty(b, rv.Len())
		case reflect.Pointer:
			if rv.IsNil() {
				b.WriteString(Dash)
				return
			}
			f.refWrite(b, rv.Elem().Interface())
		case reflect.Struct:
			b.WriteString(f.refRecord(rv))
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
}

// writeSeparator writes the comma before the i-th element of a list.
func refWriteSeparator(b *strings.Builder, i int) {
	if i > 0 {
		b.WriteString(", ")
	}
}

// writeEmpty writes Dash for a list of n elements when n is 0.
func refWriteEmpty(b *strings.Builder, n int) {
	if n == 0 {
		b.WriteString(Dash)
	}
}

// record names a record of the model by what identifies it: its kind or
// role, its id or title, and its date, e.g. "bedarfsanalyse
// (bedarfsanalyse-2024) vom 15.02.2024", "… dated 2024-02-15".
func (f Formatter) refRecord(rv reflect.Value) string {
	fields := recordFieldsOf(rv.Type())
	field := func(i int) string {
		if fields.index[i] == nil {
			return ""
		}
		v := rv.FieldByIndex(fields.index[i])
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

// refWriteNumber is the former writeNumber.
func refWriteNumber(l Language, b *strings.Builder, s string) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte(l.point())
		s = s[i+1:]
	}
	b.WriteString(s)
}

package words

import (
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// TestFormatAgreesWithReference writes values of every kind the rules
// engine hands over, and every record type of the model filled in,
// empty, behind pointers and in lists, with the formatter and with the
// reference (the formatter before it appended to a byte slice), in both
// languages, with and without a Facts hook: the texts are the same.
func TestFormatAgreesWithReference(t *testing.T) {
	d := date.New(2024, time.March, 15)
	dec := decimal.RequireFromString("1234.5")
	r := timespan.NewDateRange(d, d.Add(7))
	month := kiez.Month{Year: 2024, Month: time.May}
	values := []any{
		nil, "", "Elterncafé", 0, -17, 1234567, int64(-9), int32(5), uint8(200), 2.5, 1e21, math.Inf(1), math.NaN(),
		true, false, d, &d, (*date.Date)(nil), date.Date{}, dec, &dec, (*decimal.Decimal)(nil), decimal.Zero,
		decimal.RequireFromString("-0.001"), []string{}, []string{"a", "b"}, []any{}, []any{1, "x", d, nil, []int{1, 2}},
		[]date.Date{d, d.Add(1)}, []date.Date{}, []int{}, []int{3, 4}, []int64{5}, []float64{0.5},
		month, &month, []kiez.Month{month}, (*kiez.Month)(nil),
		Span{From: d}, Coverage{OK: true, Days: 3}, Gaps{Occurrences: 2, Longest: 9},
		Hours{Total: dec}, ClosedDays{Land: "DE-HE"}, Cadence{Total: 4, Per: schedule.Week, Buckets: 2},
		schedule.Bucket{Label: "2024-W10", Range: r, Whole: r}, schedule.Gap{From: d, To: d.Add(9), Length: 9},
		schedule.BucketSum{Bucket: schedule.Bucket{Label: "2024-03"}, Sum: dec},
		stringerValue{}, &stringerValue{}, (*stringerValue)(nil), []stringerValue{{}}, []*stringerPointer{{}, nil},
		struct{ Name, ID string }{"Raum", "r-1"}, struct{ ID date.Date }{d}, struct{ Date string }{"morgen"},
		struct{ Kind, Title string }{"", "T"}, struct{ X int }{3}, &struct{ Name string }{"n"},
		[]struct{ Name string }{{"a"}, {""}}, map[string]int{"a": 1}, [2]string{"x", "y"},
	}
	for typ := range modelRecords {
		if typ.PkgPath() != reflect.TypeFor[kiez.Dataset]().PkgPath() {
			continue
		}
		filled := reflect.New(typ)
		fill(filled.Elem(), d)
		one := reflect.MakeSlice(reflect.SliceOf(typ), 0, 2)
		one = reflect.Append(one, filled.Elem(), reflect.Zero(typ))
		ptrs := reflect.MakeSlice(reflect.SliceOf(reflect.PointerTo(typ)), 0, 3)
		ptrs = reflect.Append(ptrs, filled, reflect.Zero(reflect.PointerTo(typ)), reflect.New(typ))
		values = append(values, filled.Interface(), filled.Elem().Interface(), reflect.Zero(typ).Interface(),
			reflect.Zero(reflect.PointerTo(typ)).Interface(), one.Interface(), ptrs.Interface())
	}
	hook := func(v any) (any, bool) {
		if _, ok := v.(stringerValue); ok {
			return Span{From: d, Until: d.Add(3)}, true
		}
		return nil, false
	}
	for _, lang := range []Language{German, English} {
		for _, facts := range []func(any) (any, bool){nil, hook} {
			f := Formatter{Lang: lang, Facts: facts}
			for i, v := range values {
				want := f.refFormat(v)
				if diff := cmp.Diff(want, f.Format(v)); diff != "" {
					t.Errorf("%s, value %d (%T %v), Format (-reference +now):\n%s", lang, i, v, v, diff)
				}
				if diff := cmp.Diff("<"+want, string(f.Append([]byte("<"), v))); diff != "" {
					t.Errorf("%s, value %d (%T %v), Append (-reference +now):\n%s", lang, i, v, v, diff)
				}
			}
		}
	}
	if got, want := German.Decimal(dec), "1234,5"; got != want {
		t.Errorf("Decimal = %q, want %q", got, want)
	}
}

// fill sets the fields of a record that formatting reads: the texts to
// their names, the dates to d, and does the same in nested records.
func fill(v reflect.Value, d date.Date) {
	for i := range v.NumField() {
		f := v.Field(i)
		if !f.CanSet() {
			continue
		}
		switch {
		case f.Type() == dateType:
			f.Set(reflect.ValueOf(d))
		case f.Kind() == reflect.String:
			f.SetString(fmt.Sprintf("%s-%d", v.Type().Field(i).Name, i))
		case f.Kind() == reflect.Int:
			f.SetInt(int64(i))
		}
	}
}

type stringerValue struct{}

func (stringerValue) String() string { return "Wert" }

type stringerPointer struct{ Name string }

func (*stringerPointer) String() string { return "Zeiger" }

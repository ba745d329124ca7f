package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"github.com/expr-lang/expr/vm/runtime"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// function is one function of the expression environment: its name, what
// it is for, its typed signatures and its implementation.
type function struct {
	name  string
	group string
	doc   string
	types []any // each a *func(...) giving one accepted signature
	fn    func(args ...any) (any, error)
	// fn2 is the implementation of a function of two arguments (counting
	// the evaluation's state of a ctx function), which the compiler calls
	// without building a list of the arguments (see compile.Function.Fn2); fn is
	// made from it.
	fn2 func(a, b any) (any, error)
	// fn1 is the same for a function of one argument.
	fn1 func(a any) (any, error)
	// ctx marks a function that takes the evaluation's state: expr passes
	// it as the first argument (before those of types), see evalCtx.
	ctx bool
}

// contextType is the type of the first parameter of the functions that
// take the evaluation's state.
var contextType = reflect.TypeFor[context.Context]()

// signatures returns the signatures the compiler checks calls against:
// types, with the evaluation's state first for a function marked ctx.
func (f function) signatures() []any {
	if !f.ctx {
		return f.types
	}
	out := make([]any, len(f.types))
	for i, t := range f.types {
		ft := reflect.TypeOf(t).Elem()
		in := []reflect.Type{contextType}
		for j := 0; j < ft.NumIn(); j++ {
			in = append(in, ft.In(j))
		}
		outs := make([]reflect.Type, ft.NumOut())
		for j := range outs {
			outs[j] = ft.Out(j)
		}
		out[i] = reflect.New(reflect.FuncOf(in, outs, ft.IsVariadic())).Interface()
	}
	return out
}

// without lists the texts of list that drop lacks, in list's order; it is
// missing(required, present) and extra(present, allowed) alike. It reads
// both lists in place (eachText) and allocates only the answer, at its
// length, and for a long drop a set.
func without(list, drop any) []string {
	in := func(s string) bool { return !eachText(drop, func(d string) bool { return d != s }) }
	if n := countTexts(drop); n > smallList {
		have := make(map[string]bool, n)
		eachText(drop, func(s string) bool {
			have[s] = true
			return true
		})
		in = func(s string) bool { return have[s] }
	}
	n := 0
	eachText(list, func(s string) bool {
		if !in(s) {
			n++
		}
		return true
	})
	out := make([]string, 0, n)
	eachText(list, func(s string) bool {
		if !in(s) {
			out = append(out, s)
		}
		return true
	})
	return out
}

// withoutTexts is without on typed lists: the typed form of missing and
// extra.
func withoutTexts[L, D []string | []any](list L, drop D) ([]string, error) {
	return without(list, drop), nil
}

// eachText calls fn with the texts of a list of texts or of lists of
// texts (flattened), those texts lists, in order, until fn returns false;
// it reports whether fn never did.
func eachText(v any, fn func(string) bool) bool {
	switch l := v.(type) {
	case []string:
		for _, s := range l {
			if !fn(s) {
				return false
			}
		}
	case []any:
		for _, x := range l {
			switch y := x.(type) {
			case string:
				if !fn(y) {
					return false
				}
			case []string, []any:
				if !eachText(y, fn) {
					return false
				}
			}
		}
	}
	return true
}

// countTexts is the number of texts eachText visits.
func countTexts(v any) int {
	n := 0
	eachText(v, func(string) bool {
		n++
		return true
	})
	return n
}

// smallList is the length up to which a list is searched element by
// element rather than through a set built for it.
const smallList = 16

// errDivZero is returned when an expression divides by zero.
var errDivZero = errors.New("division by zero")

// dec converts an int, float64 or decimal argument into a decimal.
func dec(v any) decimal.Decimal {
	switch x := v.(type) {
	case decimal.Decimal:
		return x
	case int:
		return decimal.NewFromInt(int64(x))
	case int64:
		return decimal.NewFromInt(x)
	case float64:
		return decimal.NewFromFloat(x)
	}
	return decimal.Zero
}

// functions returns the environment's functions. It builds a fresh list
// each time; nothing in it is shared state.
func functions() []function {
	fs := []function{
		// Numbers.
		{name: "dec", group: "numbers", doc: "dec(x) turns a whole number, a number or a text such as \"19.5\" into a decimal",
			types: []any{new(func(int) decimal.Decimal), new(func(float64) decimal.Decimal), new(func(string) decimal.Decimal), new(func(decimal.Decimal) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				if s, ok := a[0].(string); ok {
					return source.ParseDecimal(s)
				}
				return dec(a[0]), nil
			}},
		{name: "sumDec", group: "numbers", doc: "sumDec(list) adds up a list of decimals (e.g. map(centre.staff, .hoursPerWeek)); an empty list gives 0",
			types: []any{new(func([]any) decimal.Decimal), new(func([]decimal.Decimal) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				switch l := a[0].(type) {
				case []any:
					return sumDecimals(len(l), func(i int) decimal.Decimal { return dec(l[i]) }), nil
				case []decimal.Decimal:
					return sumDecimals(len(l), func(i int) decimal.Decimal { return l[i] }), nil
				}
				return decimal.Zero, nil
			}},
		{name: "fte", group: "numbers", doc: "fte(hoursPerWeek, fullTimeWeek) converts weekly hours into full-time equivalents (4 decimal places); a full-time week of 0 is an error",
			types: []any{new(func(decimal.Decimal, decimal.Decimal) decimal.Decimal), new(func(decimal.Decimal, int) decimal.Decimal)},
			fn:    func(a ...any) (any, error) { return kiez.FTE(dec(a[0]), dec(a[1])) }},

		// Dates.
		{name: "date", group: "dates", doc: "date(\"2024-03-15\") is a date; an invalid text is an error",
			types: []any{new(func(string) date.Date)},
			fn:    func(a ...any) (any, error) { return source.ParseDate(a[0].(string)) }},
		{name: "days", group: "dates", doc: "days(a, b) is the number of days from a to b (negative when b is before a)",
			types: []any{new(func(date.Date, date.Date) int)},
			fn2:   func(a, b any) (any, error) { return daysBetween(a.(date.Date), b.(date.Date)) }},
		{name: "addDays", group: "dates", doc: "addDays(d, n) is the date n days after d",
			types: []any{new(func(date.Date, int) date.Date)},
			fn2:   func(d, n any) (any, error) { return d.(date.Date).Add(date.PeriodOfDays(n.(int))), nil }},
		{name: "addMonths", group: "dates", doc: "addMonths(d, n) is the date n calendar months after d (the day is clamped to the month's end)",
			types: []any{new(func(date.Date, int) date.Date)},
			fn2:   func(d, n any) (any, error) { return addMonths(d.(date.Date), n.(int)), nil }},
		{name: "addPeriod", group: "dates", doc: "addPeriod(d, p) adds an ISO-8601 period such as \"P6W\" or a period param",
			types: []any{new(func(date.Date, period.Period) date.Date), new(func(date.Date, string) date.Date)},
			fn2: func(d, x any) (any, error) {
				p, ok := x.(period.Period)
				if !ok {
					var err error
					if p, err = period.Parse(x.(string)); err != nil {
						return nil, fmt.Errorf("%q is not an ISO-8601 period such as P6W", x)
					}
				}
				return d.(date.Date).AddPeriod(p), nil
			}},
		{name: "year", group: "dates", doc: "year(d) is the year of a date",
			types: []any{new(func(date.Date) int)},
			fn1:   func(d any) (any, error) { return yearOf(d.(date.Date)) }},
		{name: "inPeriod", group: "dates", doc: "inPeriod(d, period) reports whether a date lies in the period",
			types: []any{new(func(date.Date, Period) bool)},
			fn2:   func(d, p any) (any, error) { return inPeriod(d.(date.Date), p.(Period)) }},
		{name: "monthsBetween", group: "dates", doc: "monthsBetween(a, b) is the number of whole calendar months from a to b",
			types: []any{new(func(date.Date, date.Date) int)},
			fn2:   func(a, b any) (any, error) { return monthsBetween(a.(date.Date), b.(date.Date)), nil }},

		// Lists of text.
		{name: "missing", group: "lists", doc: "missing(required, present) lists the texts of required that present lacks, e.g. missing([\"begegnung\", \"bildung\"], fields)",
			types: []any{new(func([]any, []any) []string), new(func([]string, []any) []string), new(func([]any, []string) []string), new(func([]string, []string) []string)},
			fn2:   func(list, drop any) (any, error) { return without(list, drop), nil }},
		{name: "distinct", group: "lists", doc: "distinct(list) is the sorted list of different texts in a list of texts or lists of texts (flattened)",
			types: []any{new(func([]any) []string), new(func([]string) []string)},
			fn1:   func(list any) (any, error) { return distinct(texts(list)), nil }},
	}
	fs = append(fs, operatorFunctions()...)
	fs = append(fs, identityFunctions()...)
	fs = append(fs, recordFunctions()...)
	fs = append(fs, cadenceFunctions()...)
	fs = append(fs, bucketFunctions()...)
	fs = append(fs, intervalFunctions()...)
	fs = append(fs, judgedFunctions()...)
	fs = withOverflowChecks(fs)
	fs = append(fs, refsFunction(fs), uniqFunction(), inFunction(), aliveFunction())
	for i := range fs {
		if fn2 := fs[i].fn2; fn2 != nil && fs[i].fn == nil {
			fs[i].fn = func(a ...any) (any, error) { return fn2(a[0], a[1]) }
		}
		if fn1 := fs[i].fn1; fn1 != nil && fs[i].fn == nil {
			fs[i].fn = func(a ...any) (any, error) { return fn1(a[0]) }
		}
	}
	return fs
}

// aliveName is the function the compiler puts before every loop that runs
// inside another loop's predicate (compile.AliveName): it ends the
// expression with the context's error once the evaluation's context is
// done, so that a deadline stops even an expression that would run for
// hours, such as three loops over a thousand elements nested in each other.
const aliveName = compile.AliveName

func aliveFunction() function {
	return function{name: aliveName, group: "internal", ctx: true,
		doc:   "ends the expression when the evaluation's context is done (inserted by the compiler)",
		types: []any{new(func() bool)},
		fn: func(a ...any) (any, error) {
			if ec := ecOf(a[0]); ec != nil {
				if err := ec.Err(); err != nil {
					return nil, err
				}
			}
			return true, nil
		}}
}

// inName is the function the compiler puts in place of "text in list of
// texts" (compile.InName).
const inName = compile.InName

// inFunction is expr's "in" for a text and a list of texts, without
// copying each element of the list into an interface value as the
// generic operator does.
func inFunction() function {
	return function{name: inName, group: "internal",
		doc:   "text in list of texts (inserted by the compiler)",
		types: []any{new(func(string, []string) bool)},
		fn2: func(x, list any) (any, error) {
			l, _ := list.([]string)
			return slices.Contains(l, x.(string)), nil
		}}
}

// uniqName is the function the compiler puts in place of expr's builtin
// uniq on lists of texts or of anything (compile.UniqName).
const uniqName = compile.UniqName

// uniqFunction returns expr's uniq in linear time: the elements in the
// order of their first occurrence, equal ones (runtime.Equal) only once.
// The builtin compares every element with every one kept, which takes
// seconds on the tens of thousands of ids of a large programme; texts are
// looked up in a set instead, other values compared as the builtin does.
func uniqFunction() function {
	return function{name: uniqName, group: "internal",
		doc:   "uniq(list) in linear time (inserted by the compiler)",
		types: []any{new(func([]any) []any), new(func([]string) []any)},
		fn: func(a ...any) (any, error) {
			switch l := a[0].(type) {
			case []string:
				return uniqTexts(l)
			case []any:
				return uniqValues(l)
			}
			return []any{}, nil
		}}
}

// uniqTexts is uniq on a list of texts: each text kept is boxed once, a
// repeated one not at all.
func uniqTexts(l []string) ([]any, error) {
	// A short list is searched in the texts before; a long one through a
	// set.
	var seen map[string]bool
	if len(l) > smallList {
		seen = make(map[string]bool, len(l))
	}
	out := make([]any, 0, len(l))
	for i, s := range l {
		if seen != nil {
			if seen[s] {
				continue
			}
			seen[s] = true
		} else if slices.Contains(l[:i], s) {
			continue
		}
		out = append(out, s)
	}
	return out, nil
}

// uniqValues is uniq on a list of anything: texts are looked up as in
// uniqTexts, other values compared as the builtin does.
func uniqValues(l []any) ([]any, error) {
	out := make([]any, 0, len(l)) // room for all: one allocation, not one per doubling
	var seen map[string]bool
	if len(l) > smallList {
		seen = make(map[string]bool, len(l))
	}
	var others []any
	for _, x := range l {
		if s, ok := x.(string); ok {
			switch {
			case seen != nil && !seen[s]:
				seen[s] = true
				out = append(out, x)
			case seen == nil && !slices.ContainsFunc(out, func(o any) bool { t, ok := o.(string); return ok && t == s }):
				out = append(out, x)
			}
			continue
		}
		if slices.ContainsFunc(others, func(o any) bool { return runtime.Equal(x, o) }) {
			continue
		}
		others = append(others, x)
		out = append(out, x)
	}
	return out, nil
}

// isRecord reports whether a type is a record of the model (or of the
// answers of the functions): a struct with exported fields, not one of the
// value types dates, decimals and periods.
func isRecord(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.PkgPath() == "github.com/rickb777/date" || t.PkgPath() == "github.com/rickb777/date/period" ||
		t == reflect.TypeFor[decimal.Decimal]() {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

// refsName is the function the compiler wraps around every field access
// that gives a list of records (see refsOf); the "$" keeps rule authors
// from calling it by accident.
const refsName = compile.RefsName

// refsFunction returns the function behind refsOf with one signature per
// list of records that an expression can reach: the fields of the model
// and of the values the other functions return.
func refsFunction(fs []function) function {
	var roots []reflect.Type
	for _, v := range envTypes(ScopeCentre, reflect.TypeOf(struct{}{}), nil) {
		if v != nil {
			roots = append(roots, reflect.TypeOf(v))
		}
	}
	for _, f := range fs {
		for _, t := range f.types {
			roots = append(roots, reflect.TypeOf(t).Elem().Out(0))
		}
	}
	var types []any
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t.Kind() {
		case reflect.Pointer:
			walk(t.Elem())
		case reflect.Slice:
			if e := t.Elem(); isRecord(e) {
				types = append(types, reflect.New(reflect.FuncOf([]reflect.Type{t}, []reflect.Type{reflect.SliceOf(reflect.PointerTo(e))}, false)).Interface())
			}
			walk(t.Elem())
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if t.Field(i).IsExported() {
					walk(t.Field(i).Type)
				}
			}
		}
	}
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].String() < roots[j].String() })
	for _, t := range roots {
		walk(t)
	}
	return function{name: refsName, group: "internal", ctx: true, types: types,
		doc: "the list of records of a field, as pointers (inserted by the compiler)",
		fn2: func(ec, list any) (any, error) { return refsOf(ecOf(ec), list), nil }}
}

// texts flattens a list of texts, or of lists of texts, into one list.
func texts(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		var out []string
		for _, x := range l {
			switch y := x.(type) {
			case string:
				out = append(out, y)
			case []string:
				out = append(out, y...)
			case []any:
				out = append(out, texts(y)...)
			}
		}
		return out
	}
	return nil
}

func distinct(list []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func addMonths(d date.Date, n int) date.Date {
	y, m, day := d.Date()
	first := date.New(y, m+timeMonth(n), 1)
	last := first.LastDayOfMonth()
	if day > last {
		day = last
	}
	fy, fm, _ := first.Date()
	return date.New(fy, fm, day)
}

func monthsBetween(a, b date.Date) int {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	n := (by-ay)*12 + int(bm-am)
	if n > 0 && bd < ad {
		n--
	} else if n < 0 && bd > ad {
		n++
	}
	return n
}

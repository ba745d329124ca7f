package kiez

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// playgroundValidator is go-playground/validator set up as Validate used
// it before the struct tags got plans of their own (fieldcheck.go): the
// reference the plans must agree with.
func playgroundValidator(t *testing.T) *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	v.RegisterCustomTypeFunc(func(f reflect.Value) any {
		switch x := f.Interface().(type) {
		case date.Date:
			return !x.IsZero()
		case Month:
			return !x.IsZero()
		case decimal.Decimal:
			return x.String()
		}
		return nil
	}, date.Date{}, Month{}, decimal.Decimal{})
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(v.RegisterValidation("id", func(fl validator.FieldLevel) bool { return IsID(fl.Field().String()) }))
	must(v.RegisterValidation("nonneg", func(fl validator.FieldLevel) bool { return !strings.HasPrefix(fl.Field().String(), "-") }))
	must(v.RegisterValidation("upto", func(fl validator.FieldLevel) bool {
		d, err := decimal.NewFromString(fl.Field().String())
		if err != nil {
			return false
		}
		return d.LessThanOrEqual(decimal.RequireFromString(fl.Param()))
	}))
	return v
}

// playgroundFailures checks an entry with go-playground/validator.
func playgroundFailures(t *testing.T, v *validator.Validate, entry any, prefix string) []fieldFailure {
	err := v.Struct(entry)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		t.Fatal(err)
	}
	var out []fieldFailure
	for _, fe := range verrs {
		p := prefix
		if _, rest, ok := strings.Cut(fe.Namespace(), "."); ok {
			p += "." + rest
		}
		out = append(out, fieldFailure{path: p, tag: fe.Tag(), field: fe.Field(), param: fe.Param(), value: fmt.Sprint(fe.Value())})
	}
	return out
}

// planFailures checks an entry with the plans.
func planFailures(fc *fieldChecks, entry any, prefix string) []fieldFailure {
	v := reflect.ValueOf(entry).Elem()
	w := &fieldWalker{path: []pathPart{{name: prefix}}}
	w.check(fc.plans[v.Type()], v)
	return w.failures
}

// compareFailures checks every entry of ds both ways.
func compareFailures(t *testing.T, name string, fc *fieldChecks, v *validator.Validate, ds *Dataset) int {
	t.Helper()
	n := 0
	check := func(entry any, prefix string) {
		want := playgroundFailures(t, v, entry, prefix)
		got := planFailures(fc, entry, prefix)
		n += len(want)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(fieldFailure{})); diff != "" {
			t.Errorf("%s %s: the plans differ from go-playground/validator (-want +got):\n%s", name, prefix, diff)
		}
	}
	for i := range ds.Programmes {
		check(&ds.Programmes[i], fmt.Sprintf("programmes[%d]", i))
	}
	for i := range ds.Centres {
		check(&ds.Centres[i], fmt.Sprintf("centres[%d]", i))
	}
	for i := range ds.Waivers {
		check(&ds.Waivers[i], fmt.Sprintf("waivers[%d]", i))
	}
	return n
}

// TestFieldChecksAgree checks that the plans of the struct tags find
// exactly what go-playground/validator finds, with the same paths, field
// names, parameters and values: on the shipped data, on every file of the
// bad-data corpus, and on the shipped data with fields broken at random
// (emptied, made negative, too large, or not an id).
func TestFieldChecksAgree(t *testing.T) {
	fc, err := newFieldChecks()
	if err != nil {
		t.Fatal(err)
	}
	v := playgroundValidator(t)
	shipped, diags := LoadFiles("../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	compareFailures(t, "shipped data", fc, v, shipped)
	bad, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "data", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range bad {
		if strings.HasSuffix(f, ".golden") || strings.HasSuffix(f, ".md") {
			continue
		}
		if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() {
			continue
		}
		ds, _ := LoadFiles(f)
		compareFailures(t, f, fc, v, ds)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	failures := 0
	for round := range 40 {
		ds, _ := LoadFiles("../testdata/wiesbaden", "../testdata/bad-kreuznach", "../testdata/thueringen")
		breakFields(reflect.ValueOf(ds).Elem(), rng, 0.05)
		failures += compareFailures(t, fmt.Sprintf("broken data (round %d)", round), fc, v, ds)
	}
	t.Logf("%d failures in the broken data, all alike", failures)
	if failures < 1000 {
		t.Errorf("only %d failures in the broken data; the test breaks too little", failures)
	}
}

// breakFields breaks each field below v with probability p: a text
// becomes empty or no id, a number zero, negative or huge, a date zero, a
// list or pointer nil.
func breakFields(v reflect.Value, rng *rand.Rand, p float64) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if rng.Float64() < p {
			v.SetZero()
			return
		}
		breakFields(v.Elem(), rng, p)
		return
	case reflect.Slice:
		if rng.Float64() < p/4 {
			v.SetZero()
			return
		}
		for i := 0; i < v.Len(); i++ {
			breakFields(v.Index(i), rng, p)
		}
		return
	}
	if v.Type() == dateType || v.Type() == monthType {
		if rng.Float64() < p {
			v.SetZero()
		}
		return
	}
	if v.Type() == decimalType {
		if rng.Float64() < p {
			choices := []string{"-1", "0", "1000000001", "24.5", "-0.5", "745"}
			v.Set(reflect.ValueOf(decimal.RequireFromString(choices[rng.IntN(len(choices))])))
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				breakFields(v.Field(i), rng, p)
			}
		}
	case reflect.String:
		if rng.Float64() < p {
			v.SetString([]string{"", "Not An Id", "a--b", "x"}[rng.IntN(4)])
		}
	case reflect.Int, reflect.Int64:
		if rng.Float64() < p {
			v.SetInt([]int64{0, -1, 10, 100001, 99999}[rng.IntN(5)])
		}
	}
}

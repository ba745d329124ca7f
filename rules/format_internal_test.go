package rules

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/kiez"
)

// TestFormatWholeNumbers holds the evidence text of a whole number to the
// formatter's and a small one to no allocation (the worker's buffer and a
// copy took one for each).
func TestFormatWholeNumbers(t *testing.T) {
	for _, lang := range []words.Language{words.German, words.English} {
		r := &run{lang: lang}
		var got, want []string
		for _, n := range []int{0, 7, 42, 99, 100, 12345, -3} {
			got = append(got, r.format(n))
			want = append(want, words.Formatter{Lang: lang, Facts: facts}.Format(n))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", lang, diff)
		}
		if n := testing.AllocsPerRun(100, func() { r.format(42) }); n != 0 {
			t.Errorf("%s: format(42) allocates %v times, want none", lang, n)
		}
	}
}

// TestUniqValuesOneAllocation holds uniq on a list of anything to one
// allocation, the list it returns (it grew by doubling before).
func TestUniqValuesOneAllocation(t *testing.T) {
	l := []any{"a", "b", "a", "c", "d", "e", "b", "f", "g", "h", "i"}
	got, err := uniqValues(l)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{"a", "b", "c", "d", "e", "f", "g", "h", "i"}, got); diff != "" {
		t.Errorf("uniq (-want +got):\n%s", diff)
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = uniqValues(l) }); n != 1 {
		t.Errorf("uniqValues allocates %v times, want 1", n)
	}
}

// reflectFacts is facts as it was: a pointer taken apart by reflection,
// then the check values as they are.
func reflectFacts(v any) (any, bool) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, false
		}
		v = rv.Elem().Interface()
	}
	switch v.(type) {
	case Cadence, GapCheck, HoursCheck, DayCoverage, Span, Period, Stretch, HoursShort, ClosedDays:
		return v.(checkValue).fact(), true
	}
	return nil, false
}

// TestFactsByPointer holds facts to what it gave with reflection, for the
// check values as they are, by pointer, by nil pointer and for other
// values and pointers, and a pointer to a check value to the allocations
// of the value (the facts in an interface), not one more for a copy.
func TestFactsByPointer(t *testing.T) {
	day := date.New(2024, 3, 1)
	span := Span{From: day, Until: day.Add(6)}
	per := Period{From: day, Until: day.Add(30)}
	values := []any{Cadence{Total: 3}, GapCheck{Longest: 4}, HoursCheck{}, DayCoverage{Days: 2}, span, per,
		Stretch{Label: "2024-W10"}, HoursShort{Label: "2024-03"}, ClosedDays{land: "DE-HE"}}
	var all []any
	for _, v := range values {
		p := reflect.New(reflect.TypeOf(v))
		p.Elem().Set(reflect.ValueOf(v))
		all = append(all, v, p.Interface(), reflect.Zero(p.Type()).Interface())
	}
	all = append(all, nil, 7, "text", day, &day, kiez.Month{Year: 2024, Month: 3}, &kiez.Month{}, (*kiez.Month)(nil))
	type answer struct {
		Facts any
		OK    bool
	}
	var got, want []answer
	for _, v := range all {
		f, ok := facts(v)
		got = append(got, answer{f, ok})
		f, ok = reflectFacts(v)
		want = append(want, answer{f, ok})
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("facts (-reflection +now):\n%s", diff)
	}
	// Both boxed before, so that only facts' own allocations count.
	var byValueBox, byPointerBox any = span, &span
	byValue := testing.AllocsPerRun(100, func() { facts(byValueBox) })
	if n := testing.AllocsPerRun(100, func() { facts(byPointerBox) }); n != byValue {
		t.Errorf("facts of a pointer to a span allocates %v times, of the span %v: want the same (no copy of the span)", n, byValue)
	}
}

package compile

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
)

// TestBoxTables: the frame's tables give every text and whole number back
// as itself, whatever the collisions between them, and a text or number
// boxed before is handed out again without allocating.
func TestBoxTables(t *testing.T) {
	f := &Frame{}
	var texts []string
	for i := range 3 * textBoxes {
		texts = append(texts, fmt.Sprintf("text-%d", i))
	}
	texts = append(texts, "", "ä", strings.Repeat("x", 100))
	ints := []int{0, 1, 255, 256, -1, math.MaxInt, math.MinInt, 1000, 1000 + intBoxes, -intBoxes}
	for round := range 2 {
		var gotTexts []any
		for _, s := range texts {
			gotTexts = append(gotTexts, f.boxText(s))
		}
		var gotInts []any
		for _, x := range ints {
			gotInts = append(gotInts, f.boxInt(x))
		}
		var wantTexts, wantInts []any
		for _, s := range texts {
			wantTexts = append(wantTexts, s)
		}
		for _, x := range ints {
			wantInts = append(wantInts, x)
		}
		if d := cmp.Diff(wantTexts, gotTexts); d != "" {
			t.Errorf("round %d: texts (-want +got):\n%s", round, d)
		}
		if d := cmp.Diff(wantInts, gotInts); d != "" {
			t.Errorf("round %d: whole numbers (-want +got):\n%s", round, d)
		}
	}
	// A text made anew each time (not the same memory) with the contents
	// of one in the table is boxed without allocating.
	var sink any
	prefix := "kita"
	f.boxText(prefix + "-1")
	f.boxInt(4711)
	if n := testing.AllocsPerRun(100, func() { sink = f.boxText("kita-1") }); n != 0 {
		t.Errorf("a text in the table: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { sink = f.boxInt(4711) }); n != 0 {
		t.Errorf("a number in the table: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { sink = any(strings.Clone(prefix)) }); n == 0 {
		t.Error("boxing a new text does not allocate: the test shows nothing")
	}
	_ = sink
}

// TestBoxedResults: a closure whose value is a text or whole number hands
// out the same box from run to run (it allocates nothing for it).
func TestBoxedResults(t *testing.T) {
	c := &Closure{root: typed(&cnode{typ: typeString, s: func(*Frame) (string, error) { return "elternberatung", nil }})}
	n := &Closure{root: typed(&cnode{typ: typeInt, i: func(*Frame) (int, error) { return 100000, nil }})}
	f := &Frame{}
	env := map[string]any{}
	for _, cl := range []*Closure{c, n} {
		first, ok := cl.Run(f, env, 0)
		if !ok {
			t.Fatal("the closure failed")
		}
		if allocs := testing.AllocsPerRun(50, func() {
			v, _ := cl.Run(f, env, 0)
			if v != first {
				t.Errorf("got %v, want %v", v, first)
			}
		}); allocs != 0 {
			t.Errorf("%v: %v allocations per run, want 0", first, allocs)
		}
	}
}

// TestBoxDates: a date read in place (a field) is boxed from the frame's
// table: every date comes back as itself, whatever the collisions, and a
// date boxed before is handed out again without allocating; a date that
// is not in place is boxed as it is.
func TestBoxDates(t *testing.T) {
	f := &Frame{}
	var days []date.Date
	for i := range 3 * dateBoxes {
		days = append(days, date.New(2024, 1, 1).Add(date.PeriodOfDays(i*7)))
	}
	days = append(days, date.Date{}, date.New(1900, 2, 28))
	for round := range 2 {
		var got, want []any
		for i := range days {
			got = append(got, f.boxValue(reflect.ValueOf(&days[i]).Elem()))
			want = append(want, days[i])
		}
		got = append(got, f.boxValue(reflect.ValueOf(days[0])))
		want = append(want, days[0])
		if d := cmp.Diff(want, got, cmp.Comparer(func(x, y date.Date) bool { return x == y })); d != "" {
			t.Errorf("round %d: dates (-want +got):\n%s", round, d)
		}
	}
	day := date.New(2025, 3, 1)
	v := reflect.ValueOf(&day).Elem()
	f.boxValue(v)
	if n := testing.AllocsPerRun(100, func() { f.boxValue(v) }); n != 0 {
		t.Errorf("a date in the table: %v allocations, want 0", n)
	}
}

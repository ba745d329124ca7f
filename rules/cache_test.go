package rules

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// TestPointerViewKeys checks that the views of pointerView and reflectView
// are the same, and that a list has the same key whether it is given as a
// Go list (listKey) or as a reflect.Value (sliceKey), and another key when
// it starts elsewhere or is shorter.
func TestPointerViewKeys(t *testing.T) {
	l := make([]kiez.Session, 5)
	v := reflect.ValueOf(l)
	typed, refl := pointerView(v).([]*kiez.Session), reflectView(v).([]*kiez.Session)
	if len(typed) != len(l) || len(refl) != len(l) {
		t.Fatalf("views of %d and %d sessions, want %d", len(typed), len(refl), len(l))
	}
	for i := range l {
		if typed[i] != &l[i] || refl[i] != &l[i] {
			t.Errorf("element %d: the views do not point into the list", i)
		}
	}
	if listKey(l) != sliceKey(v) {
		t.Errorf("listKey %v and sliceKey %v differ for the same list", listKey(l), sliceKey(v))
	}
	for name, other := range map[string]refKey{"shorter": listKey(l[:4]), "later start": listKey(l[1:])} {
		if other == listKey(l) {
			t.Errorf("a %s list has the key of the whole list", name)
		}
	}
	ps := make([]kiez.Participant, 3)
	if diff := cmp.Diff(3, len(pointerView(reflect.ValueOf(ps)).([]*kiez.Participant))); diff != "" {
		t.Error(diff)
	}
}

// BenchmarkPointerView compares the view of a centre-sized list of
// sessions built by pointerView (its typed case) and by reflectView:
//
//	go test ./rules -run '^$' -bench PointerView -cpu 1
func BenchmarkPointerView(b *testing.B) {
	v := reflect.ValueOf(make([]kiez.Session, 300))
	b.Run("typed", func(b *testing.B) {
		for b.Loop() {
			_ = pointerView(v)
		}
	})
	b.Run("reflect", func(b *testing.B) {
		for b.Loop() {
			_ = reflectView(v)
		}
	})
}

// TestProgrammeIndexWalk checks that the index of a programme record
// (addRefs with the engine's recordFields) holds a view of every list of
// records in it, as a walk of every exported field finds them: on a
// programme whose every list, at every depth, has two records, and on a
// type that holds itself.
func TestProgrammeIndexWalk(t *testing.T) {
	for name, v := range map[string]reflect.Value{
		"programme": reflect.New(reflect.TypeFor[kiez.Programme]()),
		"tree":      reflect.New(reflect.TypeFor[tree]()),
	} {
		fillLists(v.Elem(), 3)
		s := newSharedCache(nil, 0, nil)
		s.addRefs(v.Elem(), newRecordFields(v.Elem().Type()))
		want := map[refKey]bool{}
		walkAll(v.Elem(), want)
		if len(want) < 2 {
			t.Fatalf("%s: the test's walk found %d lists", name, len(want))
		}
		got := map[refKey]bool{}
		for k := range s.refs {
			got[k] = true
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b refKey) bool { return a == b })); diff != "" {
			t.Errorf("%s: lists indexed (-every list +indexed):\n%s", name, diff)
		}
	}
}

// tree is a record type that holds itself.
type tree struct {
	Name     string
	Children []tree
	Next     *tree
	Leaves   []struct{ ID string }
}

// fillLists gives every list of records below v two records, down to
// depth lists deep, and every pointer to a record a record.
func fillLists(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if depth > 0 && v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.New(v.Type().Elem()))
			fillLists(v.Elem(), depth-1)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillLists(v.Field(i), depth)
			}
		}
	case reflect.Slice:
		if depth > 0 && v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := 0; i < 2; i++ {
				fillLists(v.Index(i), depth-1)
			}
		}
	}
}

// walkAll is the walk the index had before it knew which fields to
// visit: every exported field of every record, every element of every
// list of records.
func walkAll(v reflect.Value, lists map[refKey]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkAll(v.Elem(), lists)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkAll(v.Field(i), lists)
			}
		}
	case reflect.Slice:
		if v.Len() == 0 || v.Type().Elem().Kind() != reflect.Struct {
			return
		}
		lists[sliceKey(v)] = true
		for i := 0; i < v.Len(); i++ {
			walkAll(v.Index(i), lists)
		}
	}
}

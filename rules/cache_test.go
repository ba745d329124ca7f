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

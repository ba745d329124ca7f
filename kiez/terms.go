package kiez

import (
	"reflect"
	"strings"

	"github.com/kiez-go/kiez/internal/source"
)

// termField is what the terms walk needs of one exported struct field,
// worked out once per type instead of once per value.
type termField struct {
	index int
	name  string // the field's json name, for data paths
	vocab string // the vocabulary of a `vocab:"…"` field, or ""
}

// termWalker checks every field tagged `vocab:"name"` against its
// vocabulary, so that the model's struct tags are the one place that says
// which field takes which terms. It builds a data path only for a value it
// reports, and never descends into a type that holds no tagged field. A
// walker belongs to one goroutine.
type termWalker struct {
	c *checker
	// fields and holds cache, per struct type, its fields and whether
	// any value of the type can hold a term.
	fields map[reflect.Type][]termField
	holds  map[reflect.Type]bool
	// path is the data path of the current value, as a stack of parts:
	// a name (".name" or "name" at the top) or an index.
	path []pathPart
}

type pathPart struct {
	name  string
	index int // used when name is ""
}

var (
	locationType   = reflect.TypeOf(Location{})
	attendanceType = reflect.TypeOf(Attendance{})
)

func newTermWalker(c *checker) *termWalker {
	return &termWalker{c: c, fields: map[reflect.Type][]termField{}, holds: map[reflect.Type]bool{}}
}

// pathString renders the current path, with extra appended.
func (w *termWalker) pathString(extra ...pathPart) string {
	var b strings.Builder
	for _, p := range append(w.path[:len(w.path):len(w.path)], extra...) {
		source.WritePathPart(&b, p.name, p.index)
	}
	return b.String()
}

// structFields returns the exported fields of a struct type.
func (w *termWalker) structFields(t reflect.Type) []termField {
	if fs, ok := w.fields[t]; ok {
		return fs
	}
	var fs []termField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		fs = append(fs, termField{index: i, name: name, vocab: f.Tag.Get("vocab")})
	}
	w.fields[t] = fs
	return fs
}

// holdsTerms reports whether a value of type t can hold a tagged field
// that the walk checks.
func (w *termWalker) holdsTerms(t reflect.Type) bool {
	if h, ok := w.holds[t]; ok {
		return h
	}
	w.holds[t] = false // a recursive type is settled by its other fields
	h := false
	switch t.Kind() {
	case reflect.Pointer:
		h = w.holdsTerms(t.Elem())
	case reflect.Slice:
		h = t.Elem().Kind() != reflect.String && w.holdsTerms(t.Elem())
	case reflect.Struct:
		if t == locationType || t == attendanceType {
			break
		}
		for _, f := range w.structFields(t) {
			if f.vocab != "" || w.holdsTerms(t.Field(f.index).Type) {
				h = true
				break
			}
		}
	}
	w.holds[t] = h
	return h
}

// walk checks the terms in v, whose path is w.path.
func (w *termWalker) walk(v reflect.Value) {
	if !w.holdsTerms(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			w.path = append(w.path, pathPart{index: i})
			w.walk(v.Index(i))
			w.path = w.path[:len(w.path)-1]
		}
	case reflect.Struct:
		for _, f := range w.structFields(v.Type()) {
			fv := v.Field(f.index)
			if f.vocab != "" {
				switch fv.Kind() {
				case reflect.String:
					w.term(f.vocab, fv.String(), pathPart{name: f.name})
				case reflect.Slice:
					for j := 0; j < fv.Len(); j++ {
						w.term(f.vocab, fv.Index(j).String(), pathPart{name: f.name}, pathPart{index: j})
					}
				}
				continue
			}
			w.path = append(w.path, pathPart{name: f.name})
			w.walk(fv)
			w.path = w.path[:len(w.path)-1]
		}
	}
}

// term checks one value and reports it at the current path with extra
// appended; the path is built only for a value that is reported.
func (w *termWalker) term(vocab, id string, extra ...pathPart) {
	if id == "" {
		return
	}
	v := w.c.vocabs[vocab]
	if v.Has(id) || (!v.Closed && !IsID(id)) {
		return
	}
	w.c.term(vocab, id, w.pathString(extra...))
}

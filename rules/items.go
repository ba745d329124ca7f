// This file lists the items of a rule with each and names each item,
// for the subject of its result.

package rules

import (
	"fmt"
	"reflect"
	"strconv"
)

// items returns the items of a rule with each. The list of an each that
// reads neither the centre nor anything of it (buckets of the period, the
// months of the period, a param) is built once per evaluation.
func (r *run) items(rule *Rule) ([]any, error) {
	if k := rule.each.konst; k >= 0 {
		c := &r.shared.consts[k]
		c.once.Do(func() {
			c.v, c.err = r.exec(rule.each)
			if c.err == nil {
				c.items = listItems(c.v)
			}
		})
		return c.items, c.err
	}
	list, err := r.exec(rule.each)
	if err != nil {
		return nil, err
	}
	return listItems(list), nil
}

// listItems returns the elements of a list value.
func listItems(list any) []any {
	if l, ok := list.([]any); ok {
		return l
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil
	}
	items := make([]any, v.Len())
	for i := range items {
		items[i] = v.Index(i).Interface()
	}
	return items
}

// itemSubject names an item: the subject expression, else its id field,
// else its text form, else its position in the list.
func (r *run) itemSubject(rule *Rule, item any, i int) string {
	if rule.subject != nil {
		// The expression runs once: a closure's text, empty or not, is
		// the subject expression's value (a second run would charge its
		// steps twice).
		if s, ok := r.runClosureText(rule.subject); ok {
			if s != "" {
				return s
			}
		} else if v, err := r.exec(rule.subject); err == nil {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
	}
	v := reflect.ValueOf(item)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if idx := r.idField(v.Type()); idx != nil {
			if f := v.FieldByIndex(idx); f.String() != "" {
				return f.String()
			}
		}
	}
	switch x := item.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	return strconv.Itoa(i + 1)
}

// idField returns the index of a struct type's text field ID, or nil; the
// answers are kept per goroutine.
func (r *run) idField(t reflect.Type) []int {
	if idx, ok := r.ids[t]; ok {
		return idx
	}
	var idx []int
	if f, ok := t.FieldByName("ID"); ok && f.Type.Kind() == reflect.String {
		idx = f.Index
	}
	if r.ids == nil {
		r.ids = map[reflect.Type][]int{}
	}
	r.ids[t] = idx
	return idx
}

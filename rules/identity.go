package rules

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// parseGroups reads the value of a groups param: a mapping from an id to
// a list of ids, such as the Kitas annex 5 assigns to each
// Familienzentrum. An id may not be listed twice in one group.
func parseGroups(n *source.Node) (any, error) {
	if n.Kind != source.KindMap {
		return nil, fmt.Errorf("expected a mapping from ids to lists of ids, found %s", nodeWord(n))
	}
	out := make(map[string][]string, len(n.Keys))
	for i, k := range n.Keys {
		if !kiez.IsID(k.Value) {
			return nil, fmt.Errorf("group %q: the name is not a kebab-case id", k.Value)
		}
		v := n.Values[i]
		if v.Kind != source.KindSeq {
			return nil, fmt.Errorf("group %q: expected a list of ids, found %s", k.Value, nodeWord(v))
		}
		ids := make([]string, 0, len(v.Items))
		seen := map[string]bool{}
		for _, it := range v.Items {
			if it.Kind != source.KindScalar || !kiez.IsID(it.Value) {
				return nil, fmt.Errorf("group %q: %q is not a kebab-case id", k.Value, it.Value)
			}
			if seen[it.Value] {
				return nil, fmt.Errorf("group %q lists %q twice", k.Value, it.Value)
			}
			seen[it.Value] = true
			ids = append(ids, it.Value)
		}
		out[k.Value] = ids
	}
	return out, nil
}

// nodeWord names what a YAML node holds, for messages.
func nodeWord(n *source.Node) string {
	switch n.Kind {
	case source.KindScalar:
		return fmt.Sprintf("text %q", n.Value)
	case source.KindSeq:
		return "a list"
	case source.KindMap:
		return "a mapping"
	}
	return "nothing"
}

// identityFunctions compare lists of ids as sets, for rules that check
// records by identity rather than by count.
func identityFunctions() []function {
	textPairs := []any{new(func([]any, []any) []string), new(func([]string, []any) []string), new(func([]any, []string) []string), new(func([]string, []string) []string)}
	return []function{
		{name: "extra", group: "lists", doc: "extra(present, allowed) lists the texts of present that allowed lacks, in present's order: the complement of missing, e.g. extra(map(centre.catchment, .id), params.anhang5[centre.id])",
			types: textPairs,
			fn2:   func(list, drop any) (any, error) { return without(list, drop), nil }},
		{name: "duplicates", group: "lists", doc: "duplicates(list) is the sorted list of texts that occur more than once in a list of texts (or lists of texts, flattened)",
			types: []any{new(func([]any) []string), new(func([]string) []string)},
			fn: func(a ...any) (any, error) {
				seen := map[string]int{}
				out := []string{}
				for _, s := range texts(a[0]) {
					seen[s]++
					if seen[s] == 2 {
						out = append(out, s)
					}
				}
				sort.Strings(out)
				return out, nil
			}},
		{name: "namesOf", group: "lists", doc: "namesOf(records, ids) lists for each id the name of the record with that id (a Kita, a partner, a centre …), or the id itself when no record has it, e.g. namesOf(flatten(map(centres, .catchment)), fehlend)",
			types: []any{new(func(any, []string) []string), new(func(any, []any) []string)},
			fn: func(a ...any) (any, error) {
				names := recordNames(a[0])
				ids := texts(a[1])
				out := make([]string, len(ids))
				for i, id := range ids {
					if n := names[id]; n != "" {
						out[i] = n
					} else {
						out[i] = id
					}
				}
				return out, nil
			}},
	}
}

// recordNames maps the id of each record of a list to its name: the
// fields the data files call id and name.
func recordNames(list any) map[string]string {
	out := map[string]string{}
	for _, item := range listItems(list) {
		v := reflect.ValueOf(item)
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				break
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			continue
		}
		id, name := exprField(v, "id"), exprField(v, "name")
		if id != "" && name != "" {
			if _, dup := out[id]; !dup {
				out[id] = name
			}
		}
	}
	return out
}

// exprField returns the text field a struct shows expressions under the
// name, or "".
func exprField(v reflect.Value, name string) string {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Tag.Get("expr") == name && f.Type.Kind() == reflect.String {
			return v.Field(i).String()
		}
	}
	return ""
}

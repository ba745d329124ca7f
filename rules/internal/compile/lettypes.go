package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker/nature"
)

// ListOf is the type of a let variable that holds a list of known
// elements which expr builds as a list of anything: filter, sortBy, map
// and the like give []any at run time, and expr's checker knows the type
// of their elements only while it checks the expression that builds them.
// Declaring such a let as []any would lose the element type (a misspelt
// field of a let-bound list would pass the load, a comparison of its dates
// would be "mismatched types"); declaring it as a typed list would not
// match the value the expression machine holds at run time. A ListOf in a
// rule's environment is declared to the checker as expr declares the
// result of filter: a list of anything whose elements have the type Elem.
// The value at run time stays the same; only the checker knows more.
type ListOf struct{ Elem reflect.Type }

// Unknown is the type of a let variable whose type the checker does
// not know (its expression gives "anything", or it failed to compile): it
// is declared unknown, as expr declares such a value inside an expression,
// and not as nil, which only compares with nil.
type Unknown struct{}

// LetType returns what a let variable is declared as in the environment
// of the expressions after it: a zero value of the checked type of its
// expression, a ListOf when that is a list of anything with elements of a
// known type, or an Unknown.
func LetType(n ast.Node) any {
	nt := n.Nature()
	t := nt.Type
	if t == nil || t.Kind() == reflect.Interface {
		return Unknown{}
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Interface && nt.Ref != nil {
		if e := nt.Ref.Type; e != nil && e.Kind() != reflect.Interface {
			return ListOf{Elem: e}
		}
	}
	return reflect.New(t).Elem().Interface()
}

// declareLists tells the checker the element types of the let variables
// of an environment that are a ListOf, and that those of an Unknown
// are unknown, after the environment has been set
// with conf.WithEnv (which sees only their Go type).
func declareLists(fields map[string]nature.Nature, cache *nature.Cache, env map[string]any) {
	for name, v := range env {
		switch v := v.(type) {
		case ListOf:
			fields[name] = nature.ArrayFromType(cache, v.Elem)
		case Unknown:
			fields[name] = nature.Nature{}
		}
	}
}

// EnvType is the Go type of a variable of an environment, as far as it is
// known: the type of its zero value, []elem for a ListOf, nil when
// unknown.
func EnvType(v any) reflect.Type {
	switch v := v.(type) {
	case ListOf:
		return reflect.SliceOf(v.Elem)
	case Unknown, nil:
		return nil
	}
	return reflect.TypeOf(v)
}

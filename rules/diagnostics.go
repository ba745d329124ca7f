package rules

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/source"
)

// Turning expr's compile errors (explained by compile.Session.Explain) and
// wrong result types into diagnostics in the author's words: the position
// in the rule file, a suggestion for an unknown name, field or param, and
// the expected kind of value (see words.go for the names of the types).

func (l *loader) exprError(t source.Text, what string, err error, env map[string]any) {
	p := l.session().Explain(err, env)
	if p.Offset < 0 {
		l.errorf(l.of(t), "", "%s: %s", what, p.Message)
		return
	}
	// expr counts runes from the start of the trimmed text; skip the
	// leading space trimmed away.
	lead := len([]rune(t.Value)) - len([]rune(strings.TrimLeft(t.Value, " \t\n")))
	at := source.Locate(l.data, t, p.Offset+lead)
	l.errorf(l.at(at), p.Detail, "%s: %s", what, p.Message)
}

func wantBool(t reflect.Type) string {
	if t == nil || t.Kind() == reflect.Interface || t.Kind() == reflect.Bool {
		return ""
	}
	return fmt.Sprintf("the expression must be true or false, but gives %s", typeName(t))
}

func wantList(t reflect.Type) string {
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		return ""
	}
	return fmt.Sprintf("the expression must give a list, but gives %s", typeName(t))
}

func wantText(t reflect.Type) string {
	if t == nil || t.Kind() == reflect.Interface || t.Kind() == reflect.String {
		return ""
	}
	return fmt.Sprintf("the expression must give text, but gives %s", typeName(t))
}

func wantNeeds(t reflect.Type) string {
	if t == nil {
		return ""
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Slice, reflect.Array, reflect.Map, reflect.Bool, reflect.Int, reflect.Pointer:
		return ""
	}
	return fmt.Sprintf("needs must give a list, a number, true/false or a record, but gives %s", typeName(t))
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "nothing"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true/false"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	if t == reflect.TypeOf(date.Date{}) {
		return "a date"
	}
	if w, ok := typeWordsOf(t.String()); ok {
		return w.one
	}
	return "a value of another kind"
}

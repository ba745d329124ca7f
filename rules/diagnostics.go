package rules

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/expr-lang/expr/file"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// Turning expr's compile errors and wrong result types into diagnostics in
// the author's words: the position in the rule file, a suggestion for an
// unknown name, field or param, and the expected kind of value (see
// words.go for the names of the types).

var (
	unknownName  = regexp.MustCompile(`^unknown name (\S+)`)
	unknownField = regexp.MustCompile(`^type (.+) has no field (\S+)$`)
)

func (l *loader) exprError(t source.Text, what string, err error, env map[string]any) {
	var fe *file.Error
	if !errors.As(err, &fe) {
		l.errorf(l.of(t), "", "%s: %s", what, authorWords(err.Error()))
		return
	}
	// expr counts runes from the start of the trimmed text; skip the
	// leading space trimmed away.
	lead := len([]rune(t.Value)) - len([]rune(strings.TrimLeft(t.Value, " \t\n")))
	p := source.Locate(l.data, t, fe.From+lead)
	msg := fe.Message
	detail := ""
	if m := unknownName.FindStringSubmatch(msg); m != nil {
		names := make([]string, 0, len(env))
		for n := range env {
			if n != ctxVar {
				names = append(names, n)
			}
		}
		for _, f := range l.functions() {
			if f.group != "operator" && f.group != "internal" {
				names = append(names, f.name)
			}
		}
		if s := source.Suggest(m[1], names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		detail = "See docs/rules-reference.md for the variables and functions an expression may use."
	} else if m := unknownField.FindStringSubmatch(msg); m != nil {
		if s := suggestField(m[1], m[2], env); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		if strings.HasPrefix(m[1], "struct {") || strings.Contains(m[1], "P_") {
			msg = fmt.Sprintf("param %q is not declared", m[2])
			detail = "Declare it under params: with its type and history, or correct the name."
			if s := suggestField(m[1], m[2], env); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
	}
	l.errorf(l.at(p), detail, "%s: %s", what, authorWords(msg))
}

// suggestField finds the closest expression field name of a type named in
// an expr error.
func suggestField(typeName, field string, env map[string]any) string {
	var names []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		if t.String() == typeName || strings.HasSuffix(typeName, "."+t.Name()) || (strings.HasPrefix(typeName, "struct {") && t.Name() == "") {
			for i := 0; i < t.NumField(); i++ {
				if n := t.Field(i).Tag.Get("expr"); n != "" {
					names = append(names, n)
				}
			}
		}
		for i := 0; i < t.NumField(); i++ {
			walk(t.Field(i).Type)
		}
	}
	for _, v := range env {
		if t := compile.EnvType(v); t != nil {
			walk(t)
		}
	}
	return source.Suggest(field, names)
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

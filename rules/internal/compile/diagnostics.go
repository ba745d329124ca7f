package compile

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr/file"

	"github.com/kiez-go/kiez/internal/source"
)

// Explaining expr's compile errors in words a rule author can act on:
// where in the expression the mistake is, a suggestion for an unknown
// name, field or param, a hint what to do, and no Go type names
// (Config.Words).

// Problem is an error of expr explained for the author of an expression.
type Problem struct {
	// Offset is where in the expression's text (trimmed of space) the
	// problem is, in runes from its start as expr counts them, or -1
	// when expr gave no place.
	Offset int
	// Message says what is wrong, in the author's words; Detail, when
	// not empty, what might be done about it.
	Message, Detail string
}

// Explain explains an error of Compile or CheckNames for an expression
// compiled against env.
func (s *Session) Explain(err error, env map[string]any) Problem {
	cfg := s.cache.Config()
	words := cfg.Words
	if words == nil {
		words = func(s string) string { return s }
	}
	var fe *file.Error
	if !errors.As(err, &fe) {
		return Problem{Offset: -1, Message: words(err.Error())}
	}
	msg := fe.Message
	detail := ""
	if m := unknownName.FindStringSubmatch(msg); m != nil {
		names := make([]string, 0, len(env))
		for n := range env {
			if n != CtxVar {
				names = append(names, n)
			}
		}
		for _, f := range cfg.Functions {
			if !f.Hidden {
				names = append(names, f.Name)
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
		// The params: an anonymous struct whose Go names start with P_
		// (TestExprMessages pins how expr writes it).
		if strings.HasPrefix(m[1], "struct {") || strings.Contains(m[1], "P_") {
			msg = fmt.Sprintf("param %q is not declared", m[2])
			detail = "Declare it under params: with its type and history, or correct the name."
			if s := suggestField(m[1], m[2], env); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
		}
	}
	return Problem{Offset: fe.From, Message: words(msg), Detail: detail}
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
		if t := EnvType(v); t != nil {
			walk(t)
		}
	}
	return source.Suggest(field, names)
}

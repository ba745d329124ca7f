package rules

import (
	"regexp"
	"strings"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// The rule's let variables: their names checked, their expressions
// compiled in order, each against the variables before it (compile.LetType
// says what each is declared as).

var letName = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)

// lets compiles the rule's own variables in order, each against the
// variables before it, and returns the environment with all of them.
func (l *loader) lets(fr *fileRule, r *Rule, env map[string]any) map[string]any {
	if len(fr.Let) == 0 {
		return env
	}
	out := make(map[string]any, len(env)+len(fr.Let))
	for k, v := range env {
		out[k] = v
	}
	fnames := l.functionNames()
	for _, e := range fr.Let {
		name := e.Key.Value
		at := l.of(e.Key)
		switch _, taken := out[name]; {
		case !letName.MatchString(name):
			l.errorf(at, "Names start with a lower-case letter and hold only letters and digits, e.g. heldSessions.", "%q is not a valid name for a let variable", name)
			continue
		case taken || fnames[name]:
			l.errorf(at, "Choose another name: a variable or function of that name exists.", "let variable %q hides a variable or function", name)
			continue
		}
		x := l.compile(e.Value, "let "+name, out, nil)
		if x == nil {
			// Declared of unknown type, so that the expressions after it
			// report their own mistakes and not that the name is unknown.
			out[name] = compile.Unknown{}
			continue
		}
		r.Let = append(r.Let, name)
		r.LetExprs = append(r.LetExprs, strings.TrimSpace(e.Value.Value))
		r.lets = append(r.lets, x)
		out[name] = compile.LetType(x.program.Node())
	}
	return out
}

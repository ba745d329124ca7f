package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// Message templates: a message split into literal text and {{ expression }}
// parts, each expression compiled with its position inside the message.

// template splits a message into literal text and {{ expression }} parts.
func (l *loader) template(t source.Text, env map[string]any) []templatePart {
	var parts []templatePart
	rest := t.Value
	offset := 0 // runes of t.Value consumed
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if rest != "" {
				parts = append(parts, templatePart{text: rest})
			}
			return parts
		}
		if i > 0 {
			parts = append(parts, templatePart{text: rest[:i]})
		}
		j := strings.Index(rest[i+2:], "}}")
		start := offset + len([]rune(rest[:i+2]))
		if j < 0 {
			l.errorf(l.at(source.Locate(l.data, t, start-2)), "Close every {{ with }}.", "message: unclosed {{")
			return parts
		}
		inner := rest[i+2 : i+2+j]
		if strings.TrimSpace(inner) == "" {
			l.errorf(l.at(source.Locate(l.data, t, start)), "Put an expression between {{ and }}.", "message: empty {{ }}")
		} else if e := l.compileInMessage(t, start, inner, env); e != nil {
			parts = append(parts, templatePart{expr: e})
		}
		consumed := rest[:i+2+j+2]
		offset += len([]rune(consumed))
		rest = rest[i+2+j+2:]
	}
}

// compileInMessage compiles an expression inside a message template; its
// position is found through the whole message, so that errors point into
// the template.
func (l *loader) compileInMessage(msg source.Text, start int, inner string, env map[string]any) *expression {
	text := strings.TrimSpace(inner)
	lead := len([]rune(inner)) - len([]rune(strings.TrimLeft(inner, " \t\n")))
	name, data := l.name, l.data
	locate := func() source.Text {
		return source.Text{Value: text, Pos: source.Locate(data, msg, start+lead),
			End: source.Locate(data, msg, start+lead+utf8.RuneCountInString(text))}
	}
	e := l.compileText(text, locate, "message", env, nil)
	if e != nil {
		e.locate = func() diag.Range { return locate().Range(name) }
	}
	return e
}

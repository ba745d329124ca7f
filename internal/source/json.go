package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
)

// ParseJSON parses one JSON value. Numbers keep their exact text so that
// decimals lose no precision; duplicate keys in an object are an error.
func ParseJSON(data []byte) (*Node, error) { return parseJSON(data, nil) }

// ParseJSON is the package's ParseJSON, sharing repeated texts through in.
func (in *Interner) ParseJSON(data []byte) (*Node, error) { return parseJSON(data, in) }

func parseJSON(data []byte, in *Interner) (*Node, error) {
	// A byte-order mark, as Windows editors write it, is not part of the
	// text; positions are counted as an editor shows them, without it.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &jsonParser{data: data, li: newLineIndex(data), in: in}
	p.skipSpace()
	if p.off >= len(data) {
		return nil, p.errorf(p.off, "the file is empty")
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(data) {
		return nil, p.errorf(p.off, "unexpected text after the JSON value")
	}
	return n, nil
}

type jsonParser struct {
	data []byte
	off  int
	li   *lineIndex
	in   *Interner
}

func (p *jsonParser) errorf(off int, format string, args ...any) error {
	return &SyntaxError{Pos: p.li.posAt(off), Message: "JSON syntax: " + fmt.Sprintf(format, args...)}
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\n', '\r':
			p.off++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, p.errorf(p.off, "the file is nested too deeply")
	}
	p.skipSpace()
	if p.off >= len(p.data) {
		return nil, p.errorf(p.off, "unexpected end of file")
	}
	start := p.off
	switch c := p.data[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n := &Node{Kind: KindScalar, Type: TypeString, Style: StyleDouble, Value: s, Pos: p.li.posAt(start)}
		n.End = p.li.posAt(p.off)
		return n, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			text string
			kind Kind
		}{{"true", KindScalar}, {"false", KindScalar}, {"null", KindNull}} {
			if len(p.data)-p.off >= len(lit.text) && string(p.data[p.off:p.off+len(lit.text)]) == lit.text {
				p.off += len(lit.text)
				n := &Node{Kind: lit.kind, Pos: p.li.posAt(start)}
				n.End = p.li.posAt(p.off)
				if lit.kind == KindScalar {
					n.Type, n.Value = TypeBool, lit.text
				}
				return n, nil
			}
		}
		r, _ := utf8.DecodeRune(p.data[p.off:])
		return nil, p.errorf(p.off, "unexpected character %q", r)
	}
}

func (p *jsonParser) object(depth int) (*Node, error) {
	n := &Node{Kind: KindMap, Pos: p.li.posAt(p.off)}
	p.off++ // {
	seen := map[string]diag.Pos{}
	p.skipSpace()
	if p.off < len(p.data) && p.data[p.off] == '}' {
		p.off++
		n.End = p.li.posAt(p.off)
		return n, nil
	}
	for {
		p.skipSpace()
		if p.off >= len(p.data) || p.data[p.off] != '"' {
			return nil, p.errorf(p.off, "expected a quoted key")
		}
		kstart := p.off
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		kp := p.li.posAt(kstart)
		kend := p.li.posAt(p.off)
		if prev, dup := seen[k]; dup {
			return nil, &SyntaxError{Pos: kp, Message: fmt.Sprintf("JSON syntax: key %q is already defined at line %d", k, prev.Line)}
		}
		seen[k] = kp
		p.skipSpace()
		if p.off >= len(p.data) || p.data[p.off] != ':' {
			return nil, p.errorf(p.off, "expected ':' after key %q", k)
		}
		p.off++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Keys = append(n.Keys, &Node{Kind: KindScalar, Type: TypeString, Value: k, Pos: kp, End: kend})
		n.Values = append(n.Values, v)
		p.skipSpace()
		if p.off >= len(p.data) {
			return nil, p.errorf(p.off, "unexpected end of file: missing '}'")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case '}':
			p.off++
			n.End = p.li.posAt(p.off)
			return n, nil
		default:
			return nil, p.errorf(p.off, "expected ',' or '}'")
		}
	}
}

func (p *jsonParser) array(depth int) (*Node, error) {
	n := &Node{Kind: KindSeq, Pos: p.li.posAt(p.off)}
	p.off++ // [
	p.skipSpace()
	if p.off < len(p.data) && p.data[p.off] == ']' {
		p.off++
		n.End = p.li.posAt(p.off)
		return n, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Items = append(n.Items, v)
		p.skipSpace()
		if p.off >= len(p.data) {
			return nil, p.errorf(p.off, "unexpected end of file: missing ']'")
		}
		switch p.data[p.off] {
		case ',':
			p.off++
		case ']':
			p.off++
			n.End = p.li.posAt(p.off)
			return n, nil
		default:
			return nil, p.errorf(p.off, "expected ',' or ']'")
		}
	}
}

// str reads a JSON string starting at the opening quote and unescapes it.
func (p *jsonParser) str() (string, error) {
	start := p.off
	p.off++
	plain := true // no escape and no control character
	for p.off < len(p.data) {
		switch c := p.data[p.off]; {
		case c == '\\':
			p.off += 2
			plain = false
			continue
		case c < 0x20 && c != '\n':
			plain = false
		case c == '"':
			p.off++
			if inner := p.data[start+1 : p.off-1]; plain && utf8.Valid(inner) {
				// What encoding/json would make of it, without its cost.
				return p.in.str(inner), nil
			}
			var s string
			if err := json.Unmarshal(p.data[start:p.off], &s); err != nil {
				return "", p.errorf(start, "invalid string: %v", err)
			}
			return s, nil
		case c == '\n':
			return "", p.errorf(p.off, "line break inside a string")
		}
		p.off++
	}
	return "", p.errorf(start, "unterminated string")
}

func (p *jsonParser) number() (*Node, error) {
	start := p.off
	typ := TypeInt
	for p.off < len(p.data) {
		c := p.data[p.off]
		if c == '.' || c == 'e' || c == 'E' {
			typ = TypeFloat
		} else if !(c == '-' || c == '+' || (c >= '0' && c <= '9')) {
			break
		}
		p.off++
	}
	text := p.in.str(p.data[start:p.off])
	if !json.Valid([]byte(text)) {
		return nil, p.errorf(start, "invalid number %q", text)
	}
	n := &Node{Kind: KindScalar, Type: typ, Value: text, Pos: p.li.posAt(start)}
	n.End = p.li.posAt(p.off)
	return n, nil
}

package source

import "unicode/utf8"

// The ends of YAML values read by the general path: go.yaml.in/yaml/v3
// gives where a value starts, not where it ends, so the end is found in
// the file's text from the start, the value's style and its text. Each
// function reads only the bytes of the value itself (and, for a flow
// collection, the blanks, commas and comments before its closing
// bracket), so that reading a file stays linear.

// skipProperties moves past a value's anchor (&name) and tag (!tag), and
// the blanks after them, when the position yaml gives is theirs.
func skipProperties(src []byte, off int) int {
	// A position yaml counts on lines this package does not (a lone \r
	// breaks a line for yaml) has no byte offset: -1.
	off = max(off, 0)
	for off < len(src) && (src[off] == '&' || src[off] == '!') {
		for off < len(src) && !blank(src[off]) {
			off++
		}
		for off < len(src) && blank(src[off]) {
			off++
		}
	}
	return off
}

func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// scalarEnd returns the byte offset just after the scalar written at off
// with the given style and value: after the closing quote of a quoted
// scalar; after the last character of a plain scalar, which may run over
// several lines; after the last character of a block scalar's last line
// of content, or after its indicator line when it has none.
func scalarEnd(src []byte, off int, style Style, value string) int {
	off = skipProperties(src, off)
	if off >= len(src) {
		return len(src)
	}
	switch style {
	case StyleDouble:
		if src[off] != '"' {
			return off
		}
		for i := off + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(src)
	case StyleSingle:
		if src[off] != '\'' {
			return off
		}
		for i := off + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	case StyleLiteral, StyleFolded:
		// The content starts on the line after the indicator (| or >,
		// with its chomping and indentation marks and a comment).
		for off < len(src) && src[off] != '\n' {
			off++
		}
		for len(value) > 0 && value[len(value)-1] == '\n' {
			value = value[:len(value)-1]
		}
		if value == "" {
			// No content: the range is the indicator's line.
			for off > 0 && src[off-1] == '\r' {
				off--
			}
			return off
		}
	}
	return alignEnd(src, off, value)
}

// alignEnd walks the file text from off along value, which the text holds
// rune for rune apart from the line breaks and indentation that folding
// turned into spaces or took away, and returns the offset just after the
// text of the value's last rune. It stops where the text holds anything
// else, so that it never reads past the value.
func alignEnd(src []byte, off int, value string) int {
	end := off
	for i := 0; i < len(value) && off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		v, vsize := utf8.DecodeRuneInString(value[i:])
		switch {
		case r == v:
			i += vsize
			off += size
			end = off
		case blank(src[off]):
			off++
		default:
			return end
		}
	}
	return end
}

// flowEnd returns the byte offset just after the closing bracket of a flow
// collection whose last entry ends at off (or whose opening bracket is at
// off-1 when it is empty): past blanks, a trailing comma and comments. It
// returns off when something else comes first.
func flowEnd(src []byte, off int, closer byte) int {
	for i := off; i < len(src); i++ {
		switch c := src[i]; {
		case c == closer:
			return i + 1
		case blank(c) || c == ',':
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		default:
			return off
		}
	}
	return off
}

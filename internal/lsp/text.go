package lsp

import (
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
)

// A document's text and the conversions between the positions of kiez
// (1-based line, 1-based column in Unicode characters) and those of the
// protocol (0-based line, 0-based character in UTF-16 code units).

// lineStarts returns the byte offset of the start of every line.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineText returns the text of a 0-based line without its line break,
// and its start offset; ok is false for a line the text does not have.
func lineText(text string, starts []int, line int) (s string, start int, ok bool) {
	if line < 0 || line >= len(starts) {
		return "", 0, false
	}
	start = starts[line]
	end := len(text)
	if line+1 < len(starts) {
		end = starts[line+1] - 1
	}
	return strings.TrimSuffix(text[start:end], "\r"), start, true
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// toProtocol converts a kiez position into a protocol position in the
// text. A position without a line is the start of the document.
func toProtocol(text string, starts []int, p diag.Pos) Position {
	if p.Line < 1 {
		return Position{}
	}
	line, _, ok := lineText(text, starts, p.Line-1)
	if !ok {
		return Position{Line: p.Line - 1}
	}
	// The first Column-1 characters of the line.
	i, col := 0, 1
	for col < p.Column && i < len(line) {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
		col++
	}
	return Position{Line: p.Line - 1, Character: utf16Len(line[:i])}
}

// offset converts a protocol position into a byte offset of the text; a
// character beyond the line's end is its end, a line beyond the text the
// text's end.
func offset(text string, starts []int, p Position) int {
	line, start, ok := lineText(text, starts, p.Line)
	if !ok {
		if p.Line < 0 {
			return 0
		}
		return len(text)
	}
	units := 0
	for i, r := range line {
		if units >= p.Character {
			return start + i
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return start + len(line)
}

// uriPath returns the file path of a file: URI, or the URI itself for
// another scheme (an unsaved buffer).
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

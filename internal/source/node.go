package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
)

// Kind is the kind of a node.
type Kind int

// The node kinds.
const (
	KindNull Kind = iota
	KindScalar
	KindMap
	KindSeq
)

func (k Kind) String() string {
	switch k {
	case KindScalar:
		return "scalar"
	case KindMap:
		return "mapping"
	case KindSeq:
		return "list"
	}
	return "null"
}

// ScalarType says how a scalar was written, which decides what Go types it
// may decode into.
type ScalarType int

// The scalar types. A quoted YAML scalar or a JSON string is always
// TypeString; unquoted YAML scalars resolve as YAML 1.2 core schema does.
const (
	TypeString ScalarType = iota
	TypeInt
	TypeFloat
	TypeBool
	TypeDate
)

func (t ScalarType) String() string {
	switch t {
	case TypeInt:
		return "integer"
	case TypeFloat:
		return "number"
	case TypeBool:
		return "true/false"
	case TypeDate:
		return "date"
	}
	return "text"
}

// Style is how a scalar was written in the file, which decides how a
// position inside the scalar's text maps to the file.
type Style int

// The scalar styles.
const (
	StylePlain   Style = iota // unquoted
	StyleDouble               // "double-quoted" (and every JSON string)
	StyleSingle               // 'single-quoted'
	StyleLiteral              // | block, lines kept
	StyleFolded               // > block, lines folded
)

// Node is one value of a parsed file with its position.
type Node struct {
	Kind  Kind
	Type  ScalarType // for scalars
	Style Style      // for scalars
	Value string     // for scalars: the unquoted text
	Pos   diag.Pos   // where the value starts
	// End is just after the value as written (exclusive): after the
	// closing quote of a quoted scalar, after the last character of a
	// plain or block scalar's last line, after the closing bracket of a
	// flow collection, and at the end of the last entry of a block
	// mapping or list. Equal to Pos for an empty value.
	End diag.Pos
	// For mappings: Keys[i] is the key node of Values[i].
	Keys   []*Node
	Values []*Node
	// For lists.
	Items []*Node
}

// Range returns where the node is written in the file named filename.
func (n *Node) Range(filename string) diag.Range {
	return diag.Range{Filename: filename, Start: n.Pos, End: n.End}
}

// blockEnd returns the end of a block mapping or list: the end of its
// last entry, key or value, whichever lies further (an empty value may
// stand before its key's end).
func blockEnd(n *Node) diag.Pos {
	end := n.Pos
	later := func(c *Node) {
		if c != nil && c.End.Byte > end.Byte {
			end = c.End
		}
	}
	if k := len(n.Keys); k > 0 {
		later(n.Keys[k-1])
		later(n.Values[k-1])
	}
	if k := len(n.Items); k > 0 {
		later(n.Items[k-1])
	}
	return end
}

// Lookup returns the value of key in a mapping node, or nil.
func (n *Node) Lookup(key string) *Node {
	if n == nil || n.Kind != KindMap {
		return nil
	}
	for i, k := range n.Keys {
		if k.Value == key {
			return n.Values[i]
		}
	}
	return nil
}

// describe names a node's kind the way a user would: "text \"abc\"", "a list".
func (n *Node) describe() string {
	switch n.Kind {
	case KindMap:
		return "a mapping"
	case KindSeq:
		return "a list"
	case KindNull:
		return "nothing (null)"
	}
	v := n.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return fmt.Sprintf("%s %q", n.Type, v)
}

// lineIndex converts between line/column and byte offsets of one file. It
// remembers the last position it resolved, so that offsets asked for in
// increasing order (as parsers do) cost time proportional to the distance
// from the previous one, not to the length of the line: reading a file
// that is one long line stays linear.
type lineIndex struct {
	data  []byte
	start []int // byte offset of each line's first byte
	// The cursor: the last resolved byte offset and its line (0-based)
	// and column (1-based).
	curOff, curLine, curCol int
}

func newLineIndex(data []byte) *lineIndex {
	li := &lineIndex{data: data, start: make([]int, 1, 1+bytes.Count(data, []byte{'\n'}))}
	for i, b := range data {
		if b == '\n' {
			li.start = append(li.start, i+1)
		}
	}
	li.curCol = 1
	return li
}

// lineOf returns the 0-based line of a byte offset. The line of the
// cursor and the one after it are tried first: a parser asks for offsets
// in increasing order, mostly on the same or the next line.
func (li *lineIndex) lineOf(off int) int {
	for l := li.curLine; l <= li.curLine+1 && l < len(li.start); l++ {
		if li.start[l] <= off && (l+1 == len(li.start) || off < li.start[l+1]) {
			return l
		}
	}
	line := 0
	lo, hi := 0, len(li.start)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		if li.start[mid] <= off {
			line = mid
			lo = mid + 1
		} else {
			hi = mid - 1
		}
	}
	return line
}

// posAt returns the position of a byte offset.
func (li *lineIndex) posAt(off int) diag.Pos {
	if off > len(li.data) {
		off = len(li.data)
	}
	if off < 0 {
		off = 0
	}
	line := li.lineOf(off)
	from, col := li.start[line], 1
	if line == li.curLine && li.curOff <= off && li.curOff >= from {
		from, col = li.curOff, li.curCol
	}
	col += utf8.RuneCount(li.data[from:off])
	li.curOff, li.curLine, li.curCol = off, line, col
	return diag.Pos{Line: line + 1, Column: col, Byte: off}
}

// byteAt returns the byte offset of a 1-based line and character column.
func (li *lineIndex) byteAt(line, col int) int {
	if line < 1 || line > len(li.start) {
		return -1
	}
	off, c := li.start[line-1], 1
	if li.curLine == line-1 && li.curCol <= col {
		off, c = li.curOff, li.curCol
	}
	for ; c < col && off < len(li.data) && li.data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(li.data[off:])
		off += size
	}
	li.curOff, li.curLine, li.curCol = off, line-1, c
	return off
}

// lineText returns the text of a 1-based line without its line ending.
func (li *lineIndex) lineText(line int) (string, bool) {
	if line < 1 || line > len(li.start) {
		return "", false
	}
	s := li.start[line-1]
	e := len(li.data)
	if line < len(li.start) {
		e = li.start[line] - 1
	}
	return strings.TrimRight(string(li.data[s:e]), "\r"), true
}

// LineText returns the text of a 1-based line without its line ending, for
// printing a snippet under a diagnostic. It indexes the whole file on every
// call; to print many lines of one file, use Lines.
func LineText(data []byte, line int) (string, bool) {
	return newLineIndex(data).lineText(line)
}

// JSONValue returns the node as the plain values encoding/json produces
// (map[string]any, []any, string, bool, nil), with numbers as json.Number
// so that they keep their text. Dates stay text. It is used to check files
// against a JSON Schema.
func (n *Node) JSONValue() any {
	switch n.Kind {
	case KindMap:
		m := make(map[string]any, len(n.Keys))
		for i, k := range n.Keys {
			m[k.Value] = n.Values[i].JSONValue()
		}
		return m
	case KindSeq:
		l := make([]any, len(n.Items))
		for i, it := range n.Items {
			l[i] = it.JSONValue()
		}
		return l
	case KindScalar:
		switch n.Type {
		case TypeBool:
			return n.Value == "true"
		case TypeInt, TypeFloat:
			return json.Number(n.Value)
		}
		return n.Value
	}
	return nil
}

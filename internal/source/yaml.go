package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/diag"
)

// SyntaxError is a file that could not be parsed at all.
type SyntaxError struct {
	Pos     diag.Pos
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// MaxDepth is the deepest nesting of mappings and lists a file may have.
// Real data and rule files stay far below it; the bound keeps hostile input
// from exhausting the stack.
const MaxDepth = 64

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseYAML parses one YAML document. Anchors and aliases are resolved;
// a file holding more than one document is an error, as is an empty file.
func ParseYAML(data []byte) (*Node, error) { return parseYAML(data, nil) }

// ParseYAML is the package's ParseYAML, sharing repeated texts through in.
func (in *Interner) ParseYAML(data []byte) (*Node, error) { return parseYAML(data, in) }

func parseYAML(data []byte, in *Interner) (*Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &SyntaxError{Pos: diag.Pos{Line: 1, Column: 1}, Message: "the file is empty"}
	}
	if n, ok := parseYAMLFast(data, in); ok {
		return n, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			// Only comments: nothing to read.
			return nil, &SyntaxError{Pos: diag.Pos{Line: 1, Column: 1}, Message: "the file is empty"}
		}
		return nil, yamlSyntaxError(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		li := newLineIndex(data)
		p := diag.Pos{Line: extra.Line, Column: extra.Column}
		p.Byte = li.byteAt(p.Line, p.Column)
		return nil, &SyntaxError{Pos: p, Message: "the file holds more than one YAML document (---); put each in its own file"}
	}
	c := &yamlConverter{li: newLineIndex(data), budget: 4*len(data) + 1024, anchors: map[*yaml.Node]anchored{}}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	n, err := c.convert(root, 0)
	if err == nil && n.Kind == KindNull {
		// A document of only "~" or "null" holds nothing either.
		return nil, &SyntaxError{Pos: n.Pos, Message: "the file is empty"}
	}
	return n, err
}

// yamlConverter turns yaml.v3 nodes into Nodes. Its budget bounds the
// number of nodes made, so that aliases that expand exponentially (the
// "billion laughs" attack) are refused instead of exhausting memory.
type yamlConverter struct {
	li     *lineIndex
	budget int
	// alias is the position of the outermost alias being expanded, where
	// an exhausted budget is reported.
	alias *diag.Pos
	// anchors holds every anchored value already converted, so that an
	// alias shares it instead of converting it again: expanding an alias
	// costs constant work, while the budget still counts every value it
	// stands for (the decoder walks them all).
	anchors map[*yaml.Node]anchored
	// made counts the nodes made so far, and deepest is the deepest
	// level reached, for the size and depth of anchored values.
	made, deepest int
}

// anchored is a converted anchored value: its node, how many nodes it
// holds and how deep it nests.
type anchored struct {
	node        *Node
	size, depth int
}

func yamlSyntaxError(data []byte, err error) error {
	msg := err.Error()
	p := diag.Pos{Line: 1, Column: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			p.Line = n
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if line := firstFailingLine(data, err.Error()); line > 0 {
		p.Line = line
		if text, ok := LineText(data, line); ok {
			p.Column = utf8.RuneCountInString(text) - utf8.RuneCountInString(strings.TrimLeft(text, " ")) + 1
		}
	}
	if strings.Contains(msg, "found character that cannot start any token") {
		if line, ok := LineText(data, p.Line); ok && strings.HasPrefix(strings.TrimLeft(line, " "), "\t") {
			msg = "a tab character is used for indentation; YAML allows only spaces"
			p.Column = len(line) - len(strings.TrimLeft(line, " ")) + 1
		}
	}
	p.Byte = newLineIndex(data).byteAt(p.Line, p.Column)
	return &SyntaxError{Pos: p, Message: "YAML syntax: " + msg}
}

// maxLocateSize bounds the files for which firstFailingLine searches; past
// it the line yaml reports is used as it is.
const maxLocateSize = 1 << 20

// firstFailingLine finds the line where a YAML syntax error lies. The YAML
// parser reports the line where the enclosing construct began, which for a
// mis-indented key can be far above the mistake; so the shortest prefix of
// the file, in whole lines, that fails with the same message is searched
// for by bisection. It returns 0 when the search does not apply.
func firstFailingLine(data []byte, msg string) int {
	if len(data) > maxLocateSize {
		return 0
	}
	ends := []int{}
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(n int) bool {
		var v yaml.Node
		err := yaml.Unmarshal(data[:ends[n-1]], &v)
		return err != nil && err.Error() == msg
	}
	lo, hi := 1, len(ends)
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func (c *yamlConverter) convert(y *yaml.Node, depth int) (*Node, error) {
	if y.Kind == yaml.AliasNode && y.Alias != nil {
		if a, ok := c.anchors[y.Alias]; ok {
			return c.share(y, a, depth)
		}
	}
	if y.Anchor == "" {
		return c.convertNode(y, depth)
	}
	made, outer := c.made, c.deepest
	c.deepest = depth
	n, err := c.convertNode(y, depth)
	if err != nil {
		return nil, err
	}
	c.anchors[y] = anchored{node: n, size: c.made - made, depth: c.deepest - depth}
	c.deepest = max(outer, c.deepest)
	return n, nil
}

// share expands an alias of an anchored value already converted.
func (c *yamlConverter) share(y *yaml.Node, a anchored, depth int) (*Node, error) {
	p := diag.Pos{Line: y.Line, Column: y.Column}
	p.Byte = c.li.byteAt(p.Line, p.Column)
	if depth+a.depth > MaxDepth {
		return nil, &SyntaxError{Pos: p, Message: "the file is nested too deeply"}
	}
	c.deepest = max(c.deepest, depth+a.depth)
	if err := c.spend(a.size, p); err != nil {
		return nil, err
	}
	n := *a.node
	n.Pos = p
	n.End = c.aliasEnd(y, p)
	return &n, nil
}

// spend counts n nodes made at p against the budget; once it is exhausted
// the error is reported at the outermost alias being expanded.
func (c *yamlConverter) spend(n int, p diag.Pos) error {
	c.made += n
	c.budget -= n
	if c.budget >= 0 {
		return nil
	}
	if c.alias != nil {
		p = *c.alias
	}
	return &SyntaxError{Pos: p, Message: "YAML aliases expand to too many values; write the values out instead of repeating aliases"}
}

// convertNode converts one node.
func (c *yamlConverter) convertNode(y *yaml.Node, depth int) (*Node, error) {
	li := c.li
	p := diag.Pos{Line: y.Line, Column: y.Column}
	p.Byte = li.byteAt(p.Line, p.Column)
	if depth > MaxDepth {
		return nil, &SyntaxError{Pos: p, Message: "the file is nested too deeply"}
	}
	c.deepest = max(c.deepest, depth)
	if err := c.spend(1, p); err != nil {
		return nil, err
	}
	n := &Node{Pos: p}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &SyntaxError{Pos: p, Message: "YAML alias without anchor"}
		}
		if c.alias == nil {
			c.alias = &p
			defer func() { c.alias = nil }()
		}
		target, err := c.convert(y.Alias, depth+1)
		if err != nil {
			return nil, err
		}
		shared := *target
		shared.Pos = p
		shared.End = c.aliasEnd(y, p)
		return &shared, nil
	case yaml.DocumentNode:
		n.Kind = KindNull
	case yaml.MappingNode:
		n.Kind = KindMap
		seen := make(map[string]diag.Pos, len(y.Content)/2)
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				return nil, &SyntaxError{Pos: diag.Pos{Line: k.Line, Column: k.Column, Byte: li.byteAt(k.Line, k.Column)},
					Message: "YAML merge keys (<<) are not supported; write the keys out"}
			}
			kn, err := c.convert(k, depth+1)
			if err != nil {
				return nil, err
			}
			if kn.Kind != KindScalar {
				return nil, &SyntaxError{Pos: kn.Pos, Message: "a mapping key must be plain text"}
			}
			if prev, dup := seen[kn.Value]; dup {
				return nil, &SyntaxError{Pos: kn.Pos, Message: fmt.Sprintf("YAML syntax: key %q is already defined at line %d", kn.Value, prev.Line)}
			}
			seen[kn.Value] = kn.Pos
			vn, err := c.convert(v, depth+1)
			if err != nil {
				return nil, err
			}
			n.Keys = append(n.Keys, kn)
			n.Values = append(n.Values, vn)
		}
		n.End = c.collectionEnd(y, n, '}')
	case yaml.SequenceNode:
		n.Kind = KindSeq
		for _, item := range y.Content {
			cn, err := c.convert(item, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, cn)
		}
		n.End = c.collectionEnd(y, n, ']')
	case yaml.ScalarNode:
		n.Kind = KindScalar
		n.Value = y.Value
		switch {
		case y.Style&yaml.DoubleQuotedStyle != 0:
			n.Style = StyleDouble
		case y.Style&yaml.SingleQuotedStyle != 0:
			n.Style = StyleSingle
		case y.Style&yaml.LiteralStyle != 0:
			n.Style = StyleLiteral
		case y.Style&yaml.FoldedStyle != 0:
			n.Style = StyleFolded
		}
		switch y.ShortTag() {
		case "!!null":
			n.Kind = KindNull
		case "!!bool":
			n.Type = TypeBool
		case "!!int":
			n.Type = TypeInt
		case "!!float":
			n.Type = TypeFloat
		case "!!timestamp":
			n.Type = TypeDate
		default:
			n.Type = TypeString
		}
		n.End = li.posAt(scalarEnd(li.data, p.Byte, n.Style, y.Value))
	}
	if n.End.Line == 0 {
		n.End = p
	}
	return n, nil
}

// aliasEnd returns the end of an alias (*name) written at p.
func (c *yamlConverter) aliasEnd(y *yaml.Node, p diag.Pos) diag.Pos {
	off := p.Byte
	if off >= 0 && off < len(c.li.data) && c.li.data[off] == '*' {
		off += 1 + len(y.Value)
	}
	return c.li.posAt(off)
}

// collectionEnd returns the end of a mapping or list: after the closing
// bracket of a flow collection, at the end of the last entry of a block
// one.
func (c *yamlConverter) collectionEnd(y *yaml.Node, n *Node, closer byte) diag.Pos {
	end := blockEnd(n)
	if y.Style&yaml.FlowStyle == 0 {
		return end
	}
	off := end.Byte
	if end == n.Pos {
		// Empty: from just after the opening bracket.
		off = skipProperties(c.li.data, n.Pos.Byte) + 1
	}
	if e := flowEnd(c.li.data, off, closer); e != off || end == n.Pos {
		return c.li.posAt(e)
	}
	return end
}

package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// SyntaxError is a file that could not be parsed at all.
type SyntaxError struct {
	Pos     Pos
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
func ParseYAML(data []byte) (*Node, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &SyntaxError{Pos: Pos{Line: 1, Column: 1}, Message: "the file is empty"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, yamlSyntaxError(data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		li := newLineIndex(data)
		p := Pos{Line: extra.Line, Column: extra.Column}
		p.Byte = li.byteAt(p.Line, p.Column)
		return nil, &SyntaxError{Pos: p, Message: "the file holds more than one YAML document (---); put each in its own file"}
	}
	li := newLineIndex(data)
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	return convertYAML(root, li, 0)
}

func yamlSyntaxError(data []byte, err error) error {
	msg := err.Error()
	p := Pos{Line: 1, Column: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			p.Line = n
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
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

func convertYAML(y *yaml.Node, li *lineIndex, depth int) (*Node, error) {
	p := Pos{Line: y.Line, Column: y.Column}
	p.Byte = li.byteAt(p.Line, p.Column)
	if depth > MaxDepth {
		return nil, &SyntaxError{Pos: p, Message: "the file is nested too deeply"}
	}
	n := &Node{Pos: p}
	switch y.Kind {
	case yaml.AliasNode:
		if y.Alias == nil {
			return nil, &SyntaxError{Pos: p, Message: "YAML alias without anchor"}
		}
		target, err := convertYAML(y.Alias, li, depth+1)
		if err != nil {
			return nil, err
		}
		target.Pos = p
		return target, nil
	case yaml.DocumentNode:
		n.Kind = KindNull
	case yaml.MappingNode:
		n.Kind = KindMap
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				return nil, &SyntaxError{Pos: Pos{Line: k.Line, Column: k.Column, Byte: li.byteAt(k.Line, k.Column)},
					Message: "YAML merge keys (<<) are not supported; write the keys out"}
			}
			kn, err := convertYAML(k, li, depth+1)
			if err != nil {
				return nil, err
			}
			if kn.Kind != KindScalar {
				return nil, &SyntaxError{Pos: kn.Pos, Message: "a mapping key must be plain text"}
			}
			vn, err := convertYAML(v, li, depth+1)
			if err != nil {
				return nil, err
			}
			n.Keys = append(n.Keys, kn)
			n.Values = append(n.Values, vn)
		}
	case yaml.SequenceNode:
		n.Kind = KindSeq
		for _, c := range y.Content {
			cn, err := convertYAML(c, li, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, cn)
		}
	case yaml.ScalarNode:
		n.Kind = KindScalar
		n.Value = y.Value
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
	}
	return n, nil
}

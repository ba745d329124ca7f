package sheet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// isJSON reports whether a data file is JSON, by its extension, as the
// loader decides.
func isJSON(name string) bool { return strings.EqualFold(path.Ext(name), ".json") }

// encodeJSON writes a node tree read from a JSON file (or built like one)
// as indented JSON: strings and dates as strings, numbers, booleans and
// null as they are.
func encodeJSON(n *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	if err := writeJSONNode(&b, n, 0); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func writeJSONNode(b *bytes.Buffer, n *yaml.Node, depth int) error {
	if depth > 10000 {
		return fmt.Errorf("the data is nested too deeply")
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return fmt.Errorf("the file holds %d documents", len(n.Content))
		}
		return writeJSONNode(b, n.Content[0], depth+1)
	case yaml.AliasNode:
		return writeJSONNode(b, n.Alias, depth+1)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, n.Content[i].Value)
			b.WriteByte(':')
			if err := writeJSONNode(b, n.Content[i+1], depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSONNode(b, item, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float", "!!bool", "!!null":
			if json.Valid([]byte(n.Value)) {
				b.WriteString(n.Value)
				return nil
			}
		}
		writeJSONString(b, n.Value)
	default:
		return fmt.Errorf("unexpected node kind %d", n.Kind)
	}
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
}

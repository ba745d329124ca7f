package synth

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
	yaml "go.yaml.in/yaml/v3"
)

// encodeNode turns a value of the model into a YAML node tree, field by
// field in the order of the Go struct, with the names of the json tags:
// the layout of the hand-written data files. Empty optional fields (tag
// omitempty) are left out; decimals and dates are plain scalars; short
// records of scalars only (a participant, an attendance) are written on one
// line.
func encodeNode(v reflect.Value) *yaml.Node {
	if v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		return encodeNode(v.Elem())
	}
	switch x := v.Interface().(type) {
	case decimal.Decimal:
		s := x.String()
		tag := "!!int"
		if strings.ContainsAny(s, ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
	case date.Date:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.String()}
	case encoding.TextMarshaler:
		b, err := x.MarshalText()
		if err != nil {
			b = []byte(fmt.Sprint(v.Interface()))
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(b)}
	}
	switch v.Kind() {
	case reflect.String:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String()}
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v.Bool())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v.Int())}
	case reflect.Slice, reflect.Array:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		scalars := true
		for i := 0; i < v.Len(); i++ {
			item := encodeNode(v.Index(i))
			scalars = scalars && item.Kind == yaml.ScalarNode
			n.Content = append(n.Content, item)
		}
		if scalars {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		t := v.Type()
		scalars := true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || name == "" {
				continue
			}
			fv := v.Field(i)
			if strings.Contains(opts, "omitempty") && isEmpty(fv) {
				continue
			}
			val := encodeNode(fv)
			scalars = scalars && val.Kind == yaml.ScalarNode
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}, val)
		}
		if scalars && len(n.Content) <= 12 {
			n.Style = yaml.FlowStyle
		}
		return n
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: fmt.Sprint(v.Interface())}
}

// isEmpty reports whether an omitempty field holds nothing worth writing:
// a zero value, an empty list, or a zero decimal, date or month.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok {
		return z.IsZero()
	}
	return v.IsZero()
}

// marshalYAML writes a value as a YAML document after a comment header.
func marshalYAML(header string, v any) ([]byte, error) {
	var b bytes.Buffer
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		b.WriteString("# " + line + "\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(encodeNode(reflect.ValueOf(v))); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// marshalJSON writes a value as indented JSON with the same fields as
// marshalYAML (decimals as JSON numbers, dates as strings).
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := writeJSON(&b, encodeNode(reflect.ValueOf(v)), ""); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func writeJSON(b *bytes.Buffer, n *yaml.Node, indent string) error {
	inner := indent + "  "
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float", "!!bool", "!!null":
			b.WriteString(n.Value)
			return nil
		}
		s, err := json.Marshal(n.Value)
		if err != nil {
			return err
		}
		b.Write(s)
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteString("[\n")
		for i, c := range n.Content {
			b.WriteString(inner)
			if err := writeJSON(b, c, inner); err != nil {
				return err
			}
			if i < len(n.Content)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteString("{\n")
		for i := 0; i < len(n.Content); i += 2 {
			k, err := json.Marshal(n.Content[i].Value)
			if err != nil {
				return err
			}
			b.WriteString(inner)
			b.Write(k)
			b.WriteString(": ")
			if err := writeJSON(b, n.Content[i+1], inner); err != nil {
				return err
			}
			if i < len(n.Content)-2 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	}
	return nil
}

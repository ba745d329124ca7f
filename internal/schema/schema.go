package schema

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// Options says how to describe types the generator cannot derive alone.
type Options struct {
	// ID is the schema's $id and Title its title.
	ID, Title string
	// Descriptions maps "Type.Field" and "Type" to documentation text.
	Descriptions map[string]string
	// Vocab returns the terms of a vocabulary named in a `vocab` tag and
	// whether it is closed.
	Vocab func(name string) (ids []string, closed bool)
	// Text describes types that implement encoding.TextUnmarshaler, by
	// Go type name: usually a pattern.
	Text map[string]map[string]any
	// Override gives the schema of types the decoder reads in a special
	// way, such as expressions kept with their positions.
	Override map[reflect.Type]map[string]any
	// Fields adds to the schema of single fields, by "Type.Field" (Go
	// names, as in Descriptions): its keys replace or join those derived
	// from the field's type, e.g. an enum of a closed list or a minItems.
	Fields map[string]map[string]any
	// Required names fields, by "Type.Field", that a file must give, in
	// addition to those whose validate tag says required.
	Required map[string]bool
}

// Generate returns the indented schema of the root type.
func Generate(root reflect.Type, opts Options) ([]byte, error) {
	g := &gen{opts: opts, defs: map[string]any{}, types: map[string]reflect.Type{}}
	top := g.object(root)
	top["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	if opts.ID != "" {
		top["$id"] = opts.ID
	}
	if opts.Title != "" {
		top["title"] = opts.Title
	}
	if len(g.defs) > 0 {
		top["$defs"] = g.defs
	}
	if g.err != nil {
		return nil, g.err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type gen struct {
	opts Options
	defs map[string]any
	// types are the Go types of defs, to refuse two types of one name.
	types map[string]reflect.Type
	err   error
}

var (
	dateType    = reflect.TypeOf(date.Date{})
	decimalType = reflect.TypeOf(decimal.Decimal{})
	textType    = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// DatePattern is the pattern of a date written YYYY-MM-DD.
const DatePattern = `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`

// DecimalPattern is the pattern of a decimal written as text.
const DecimalPattern = `^-?[0-9]+(\.[0-9]+)?$`

func (g *gen) typ(t reflect.Type) map[string]any {
	if o, ok := g.opts.Override[t]; ok {
		out := map[string]any{}
		for k, v := range o {
			out[k] = v
		}
		return out
	}
	switch {
	case t == dateType:
		return map[string]any{"type": "string", "format": "date", "pattern": DatePattern}
	case t == decimalType:
		return map[string]any{"type": []string{"number", "string"}, "pattern": DecimalPattern}
	case t.Kind() == reflect.Pointer:
		return g.typ(t.Elem())
	case reflect.PointerTo(t).Implements(textType):
		if s, ok := g.opts.Text[t.Name()]; ok {
			out := map[string]any{}
			for k, v := range s {
				out[k] = v
			}
			return out
		}
		return map[string]any{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Struct:
		name := t.Name()
		if other, ok := g.types[name]; ok && other != t {
			g.err = fmt.Errorf("schema: two types named %s: %s and %s; the schema names its definitions by type name", name, other, t)
		}
		g.types[name] = t
		if _, seen := g.defs[name]; !seen {
			g.defs[name] = true // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.typ(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.typ(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}
	}
	g.err = fmt.Errorf("schema: no schema for Go type %s", t)
	return map[string]any{}
}

func (g *gen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if d := g.opts.Descriptions[t.Name()]; d != "" {
		out["description"] = d
	}
	if len(required) > 0 {
		sort.Strings(required)
		out["required"] = required
	}
	return out
}

func (g *gen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
			// encoding/json writes the fields of an embedded pointer as
			// the outer type's, or none when it is nil: none required.
			var ignored []string
			g.fields(f.Type.Elem(), props, &ignored)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.typ(f.Type)
		if vocab := f.Tag.Get("vocab"); vocab != "" && g.opts.Vocab != nil {
			s = g.vocab(vocab, f.Type.Kind() == reflect.Slice)
		}
		g.constraints(f, s)
		key := t.Name() + "." + f.Name
		for k, v := range g.opts.Fields[key] {
			s[k] = v
		}
		if d := g.opts.Descriptions[key]; d != "" {
			s = withDescription(s, d)
		}
		props[name] = s
		req := g.opts.Required[key]
		for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
			req = req || rule == "required"
		}
		if req {
			*required = append(*required, name)
		}
	}
}

// withDescription adds a description; a $ref is wrapped so that the
// description sits beside it.
func withDescription(s map[string]any, d string) map[string]any {
	if _, ok := s["$ref"]; ok {
		return map[string]any{"allOf": []any{s}, "description": d}
	}
	s["description"] = d
	return s
}

func (g *gen) vocab(name string, list bool) map[string]any {
	ids, closed := g.opts.Vocab(name)
	var one map[string]any
	if closed {
		one = map[string]any{"type": "string", "enum": ids}
	} else {
		one = map[string]any{"type": "string", "anyOf": []any{
			map[string]any{"enum": ids},
			map[string]any{"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
		}}
	}
	if list {
		return map[string]any{"type": "array", "items": one}
	}
	return one
}

// constraints translates the validate tag's id, min and max rules.
func (g *gen) constraints(f reflect.StructField, s map[string]any) {
	target := s
	if items, ok := s["items"].(map[string]any); ok && strings.Contains(f.Tag.Get("validate"), "dive") {
		target = items
	}
	for _, rule := range strings.Split(f.Tag.Get("validate"), ",") {
		k, v, _ := strings.Cut(rule, "=")
		switch k {
		case "id":
			if _, hasEnum := target["enum"]; !hasEnum && target["anyOf"] == nil {
				target["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$"
			}
		case "min", "max":
			if target["type"] == "integer" {
				var n int
				fmt.Sscan(v, &n)
				if k == "min" {
					target["minimum"] = n
				} else {
					target["maximum"] = n
				}
			}
		case "nonneg":
			target["minimum"] = 0
		case "upto":
			// A decimal's stated maximum; it applies to the number form.
			var n int64
			fmt.Sscan(v, &n)
			target["maximum"] = n
		}
	}
}

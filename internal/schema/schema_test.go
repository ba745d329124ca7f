package schema_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/schema"
)

type item struct {
	Name  string   `json:"name"`
	Kind  string   `json:"kind"`
	Tags  []string `json:"tags"`
	Count int      `json:"count" validate:"required"`
}

// TestFieldsAndRequired checks that Options.Fields joins a field's derived
// schema and Options.Required adds to the required keys.
func TestFieldsAndRequired(t *testing.T) {
	b, err := schema.Generate(reflect.TypeOf(item{}), schema.Options{
		Fields: map[string]map[string]any{
			"item.Kind": {"enum": []string{"a", "b"}},
			"item.Tags": {"minItems": 1},
		},
		Required: map[string]bool{"item.Name": true},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Properties map[string]map[string]any `json:"properties"`
		Required   []string                  `json:"required"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{
		"name":  {"type": "string"},
		"kind":  {"type": "string", "enum": []any{"a", "b"}},
		"tags":  {"type": "array", "items": map[string]any{"type": "string"}, "minItems": float64(1)},
		"count": {"type": "integer"},
	}
	if diff := cmp.Diff(want, got.Properties); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"count", "name"}, got.Required); diff != "" {
		t.Errorf("required (-want +got):\n%s", diff)
	}
}

type inner struct {
	Steps uint64 `json:"steps"`
}

type outer struct {
	*inner
	Name string `json:"name" validate:"required"`
}

// TestEmbeddedPointerAndUnsigned: the fields of an embedded pointer are
// the outer type's (none required, as a nil pointer writes none), and an
// unsigned integer is an integer of at least 0.
func TestEmbeddedPointerAndUnsigned(t *testing.T) {
	b, err := schema.Generate(reflect.TypeOf(outer{}), schema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Properties map[string]map[string]any `json:"properties"`
		Required   []string                  `json:"required"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]any{
		"steps": {"type": "integer", "minimum": float64(0)},
		"name":  {"type": "string"},
	}
	if diff := cmp.Diff(want, got.Properties); diff != "" {
		t.Errorf("properties (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"name"}, got.Required); diff != "" {
		t.Errorf("required (-want +got):\n%s", diff)
	}
}

// TestTypeNamesUnique: two Go types with the same name would share one
// definition; Generate refuses them.
func TestTypeNamesUnique(t *testing.T) {
	type item struct{ Other bool }
	type both struct {
		A item       `json:"a"`
		B outerItems `json:"b"`
	}
	_, err := schema.Generate(reflect.TypeOf(both{}), schema.Options{})
	if err == nil || !strings.Contains(err.Error(), "two types named item") {
		t.Errorf("two types named item: %v", err)
	}
}

// outerItems holds the package's item, beside a local type of that name.
type outerItems struct {
	I item `json:"i"`
}

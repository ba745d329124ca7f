package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules"
)

// TestRuleFilesConformToSchema checks every shipped rule file, and the
// fixtures, against the shipped JSON Schema.
func TestRuleFilesConformToSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(rules.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("rulefile.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("rulefile.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("programmes/*.yaml")
	files = append(files, "testdata/fixture.yaml")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.yaml") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		node, err := source.ParseYAML(data)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if err := sch.Validate(node.JSONValue()); err != nil {
			t.Errorf("%s does not conform to rulefile.schema.json: %v", f, err)
		}
	}
	// The schema is as strict as the loader: an unknown key is refused.
	node, _ := source.ParseYAML([]byte("programme: x\nname: X\nrules:\n  - {id: a, asert: true}\n"))
	if err := sch.Validate(node.JSONValue()); err == nil {
		t.Error("the schema accepted an unknown rule key")
	}
}

package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules"
)

// compileSchema compiles a shipped JSON Schema.
func compileSchema(t *testing.T, name string, doc []byte) *jsonschema.Schema {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(name, v); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validate reads YAML text and validates it against sch.
func validate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	node, err := source.ParseYAML(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return sch.Validate(node.JSONValue())
}

// TestTestFilesConformToSchema checks every shipped rule test file, those
// of the fixtures and of the guide's examples, against
// testfile.schema.json, and that the schema refuses what the test runner
// refuses.
func TestTestFilesConformToSchema(t *testing.T) {
	sch := compileSchema(t, "testfile.schema.json", rules.TestFileSchema())
	var files []string
	for _, pattern := range []string{"programmes/*_test.yaml", "testdata/*_test.yaml", "../docs/*/*_test.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %d test files: %v", len(files), files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, sch, data); err != nil {
			t.Errorf("%s does not conform to testfile.schema.json: %v", f, err)
		}
	}
	for name, bad := range map[string]string{
		"unknown key":     "programme: p.yaml\ncases:\n  - {name: a, expct: []}\n",
		"unknown outcome": "programme: p.yaml\ncases:\n  - {name: a, expect: [{rule: r, subject: s, outcome: passed}]}\n",
		"no outcome":      "programme: p.yaml\ncases:\n  - {name: a, expect: [{rule: r, subject: s}]}\n",
		"no programme":    "cases:\n  - {name: a, expect: [{rule: r, subject: s, outcome: pass}]}\n",
		"boolean rule":    "programme: p.yaml\ncases:\n  - {name: a, expect: [{rule: true, subject: s, outcome: pass}]}\n",
	} {
		if err := validate(t, sch, []byte(bad)); err == nil {
			t.Errorf("%s: the schema accepted\n%s", name, bad)
		}
	}
}

// TestRuleFileSchemaRefuses checks that the rule-file schema refuses what
// Load refuses: booleans as expressions, values outside the closed lists,
// missing required keys.
func TestRuleFileSchemaRefuses(t *testing.T) {
	sch := compileSchema(t, "rulefile.schema.json", rules.Schema())
	const head = "programme: p\nname: P\nrequirements: [{id: P-01, text: T}]\n"
	const good = head + "rules:\n  - {id: r, title: T, requirements: [P-01], assert: x, message: M}\n"
	if err := validate(t, sch, []byte(good)); err != nil {
		t.Fatalf("the schema refused a good file: %v", err)
	}
	for name, bad := range map[string]string{
		"assert true":       head + "rules:\n  - {id: r, title: T, requirements: [P-01], assert: true, message: M}\n",
		"when false":        head + "rules:\n  - {id: r, title: T, requirements: [P-01], when: false, assert: x, message: M}\n",
		"needs true":        head + "rules:\n  - {id: r, title: T, requirements: [P-01], needs: true, assert: x, message: M}\n",
		"severity":          head + "rules:\n  - {id: r, title: T, requirements: [P-01], severity: warn, assert: x, message: M}\n",
		"scope":             head + "rules:\n  - {id: r, title: T, requirements: [P-01], scope: centres, assert: x, message: M}\n",
		"ifMissing":         head + "rules:\n  - {id: r, title: T, requirements: [P-01], ifMissing: missing, assert: x, message: M}\n",
		"param type":        head + "params:\n  x: {type: integer, history: [{from: 2024-01-01, value: 1}]}\nrules: []\n",
		"no assert":         head + "rules:\n  - {id: r, title: T, requirements: [P-01], message: M}\n",
		"no requirements":   head + "rules:\n  - {id: r, title: T, requirements: [], assert: x, message: M}\n",
		"no name":           "programme: p\nrules: []\n",
		"param no history":  head + "params:\n  x: {type: int}\nrules: []\n",
		"requirement no id": "programme: p\nname: P\nrequirements: [{text: T}]\n",
	} {
		if err := validate(t, sch, []byte(bad)); err == nil {
			t.Errorf("%s: the schema accepted\n%s", name, bad)
		}
	}
}

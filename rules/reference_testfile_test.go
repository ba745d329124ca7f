package rules

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/internal/schema"
	"github.com/kiez-go/kiez/internal/source"
)

// testFormatDocs documents every key of the rule test-file format, keyed
// "Type.Field" of the file mirror types; the reference and
// testfile.schema.json are generated from it.
var testFormatDocs = map[string]string{
	"fileTest":                  "A rule test file (name ending in _test.yaml): fixtures, a period and the outcomes the rules must give, case by case. `kiez test` runs it.",
	"fileTest.Programme":        "The rule file under test, relative to the test file (e.g. wiesbaden-kiez.yaml), or the id of an embedded programme when no such file exists.",
	"fileTest.Period":           "The period every case is evaluated for, as for `kiez check --period` (see Periods); a case may give its own.",
	"fileTest.Files":            "Data files (or directories) that every case reads, relative to the test file and inside its directory.",
	"fileTest.Cases":            "The cases, each run on its own data.",
	"fileTestCase":              "A case: data and the outcomes expected on it.",
	"fileTestCase.Name":         "What the case shows, in German; `kiez test` prints it.",
	"fileTestCase.Period":       "The period of this case instead of the file's.",
	"fileTestCase.Files":        "Data files for this case. By default they add to the files: of the file: the case reads those and then its own. With replaceFiles: true the case reads its own files alone.",
	"fileTestCase.ReplaceFiles": "true: the case's files: replace the files: of the file instead of adding to them (for a case that needs other fixtures than the rest, e.g. a different programme entry). Default false: they add.",
	"fileTestCase.Data":         "Inline data, written as in a data file (centres: …, as a block text); read together with the files.",
	"fileTestCase.Expect":       "The outcomes the case expects. Rules and subjects not listed may give any outcome.",
	"fileExpect":                "An expected outcome of one rule on one subject.",
	"fileExpect.Rule":           "The id of a rule of the programme.",
	"fileExpect.Subject":        "The subject as results name it: the centre id, the programme id for a rule with scope: programme, or centre/item for a rule with each (e.g. kiez-a/kv-1).",
	"fileExpect.Outcome":        "The expected outcome: pass, fail, not-applicable, waived, missing-data or error.",
}

// requiredTestKeys are the keys a test file must give: without them no
// case can run (TestRequiredTestKeysMatchRunner).
var requiredTestKeys = map[string]bool{
	"fileTest.Programme": true, "fileExpect.Rule": true, "fileExpect.Outcome": true,
}

// testFormatTypes are the types of the test-file format, in the order of
// the reference.
func testFormatTypes() []reflect.Type {
	return []reflect.Type{reflect.TypeOf(fileTest{}), reflect.TypeOf(fileTestCase{}), reflect.TypeOf(fileExpect{})}
}

// outcomeIDs lists the ids of the outcomes in their order.
func outcomeIDs() []string {
	var out []string
	for o := OutcomePass; o.String() != "invalid"; o++ {
		out = append(out, o.String())
	}
	return out
}

// testFileExample is the example of the reference: an excerpt of the
// shipped wiesbaden-kiez_test.yaml (TestTestFileExample).
const testFileExample = `programme: wiesbaden-kiez.yaml
period: 2024
cases:
  - name: Testdaten 2024 – nur die dokumentierten Lücken
    files: [../../testdata/wiesbaden]
    expect:
      - {rule: elterncafe-woechentlich, subject: kiez-sauerland, outcome: fail}
      - {rule: kiez-traeger, subject: kiez-westend, outcome: missing-data}
`

// TestTestFileExample checks that every line of the reference's example
// stands in the shipped test file it is taken from.
func TestTestFileExample(t *testing.T) {
	b, err := os.ReadFile("programmes/wiesbaden-kiez_test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		lines[l] = true
	}
	for _, l := range strings.Split(strings.TrimSpace(testFileExample), "\n") {
		if !lines[l] {
			t.Errorf("the example's line %q is not in programmes/wiesbaden-kiez_test.yaml", l)
		}
	}
}

// writeTestFormat writes the test-file format into the reference.
func writeTestFormat(w func(format string, args ...any)) {
	w("## Test-file format\n\n")
	w("A rule test file sits next to its rule file and is named like it with `_test.yaml` (`wiesbaden-kiez_test.yaml`); `kiez test` runs it, `kiez fmt` formats it, and the JSON Schema [`rules/testfile.schema.json`](../rules/testfile.schema.json) describes it for editors. ")
	w("Paths are relative to the test file and must stay inside its directory, or inside the directory given with `kiez test --root` (the shipped tests, like the example, read the project's testdata/: `kiez test --root . rules/programmes`). ")
	w("Each case reads the file's `files:`, then its own `files:`, then its `data:`, as one dataset (with `replaceFiles: true` its own `files:` replace the file's: the case reads only its own and its `data:`); then the programme is evaluated for the case's period (or the file's) and every entry of `expect:` must match a result. ")
	w("A case that cannot run (its data do not load, an expected rule does not exist) errs instead of failing. ")
	w("A problem in a fixture is reported once, however many cases read the fixture, and the problems of reading a file (YAML syntax, unknown fields) come before those they cause (a missing field, an unknown reference).\n\n")
	w("```yaml\n%s```\n\n", testFileExample)
	titles := map[reflect.Type]string{reflect.TypeOf(fileTest{}): "Test file", reflect.TypeOf(fileTestCase{}): "Case", reflect.TypeOf(fileExpect{}): "Expect"}
	for _, typ := range testFormatTypes() {
		title := titles[typ]
		w("### %s\n\n%s\n\n| key | description |\n|---|---|\n", title, testFormatDocs[typ.Name()])
		for _, f := range orderedFields(typ) {
			w("| `%s` | %s |\n", f.name, docOf(f.key))
		}
		w("\n")
	}
}

func testFileSchema(t *testing.T) []byte {
	t.Helper()
	b, err := schema.Generate(reflect.TypeOf(fileTest{}), schema.Options{
		ID:           "https://github.com/kiez-go/kiez/rules/testfile.schema.json",
		Title:        "kiez rule test file: cases with data and the outcomes the rules must give",
		Descriptions: testDescriptions(),
		Override: map[reflect.Type]map[string]any{
			reflect.TypeOf(source.Text{}): textSchema,
		},
		Fields: map[string]map[string]any{
			"fileExpect.Outcome": {"type": "string", "enum": outcomeIDs()},
		},
		Required: requiredTestKeys,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testDescriptions() map[string]string {
	out := map[string]string{}
	for k := range testFormatDocs {
		out[k] = docOf(k)
	}
	return out
}

func TestTestFormatDocsComplete(t *testing.T) {
	for _, typ := range testFormatTypes() {
		if testFormatDocs[typ.Name()] == "" {
			t.Errorf("test-file type %s is not documented in testFormatDocs", typ.Name())
		}
		for _, f := range formatFields(typ) {
			if testFormatDocs[f.key] == "" {
				t.Errorf("test-file key %s is not documented in testFormatDocs", f.key)
			}
		}
	}
}

func TestTestFileSchemaUpToDate(t *testing.T) {
	got := testFileSchema(t)
	if *update {
		if err := os.WriteFile("testfile.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(TestFileSchema()), string(got)); diff != "" {
		t.Errorf("testfile.schema.json is stale; run go test ./rules -run TestTestFileSchemaUpToDate -update (-shipped +generated):\n%s", diff)
	}
}

// minimalRuleFile gives every required key of a rule file and no other.
const minimalRuleFile = `programme: p
name: P
requirements:
  - {id: P-01, text: T}
  - {id: P-02, text: T}
params:
  x: {type: int, history: [{from: 2024-01-01, value: 1}]}
rules:
  - {id: r, title: T, requirements: [P-01], assert: params.x > 0, message: M}
manual:
  - {requirement: P-02, reason: R, evidence: E}
`

// TestRequiredKeysMatchLoader checks requiredKeys against Load: a file
// with only the required keys loads, and without any one of them it does
// not.
func TestRequiredKeysMatchLoader(t *testing.T) {
	if _, diags := Load("minimal.yaml", []byte(minimalRuleFile)); diags.HasErrors() {
		t.Fatalf("the minimal rule file does not load: %v", diags)
	}
	// Where each required key is given in the minimal file.
	paths := map[string][]any{
		"fileProgramme.Programme": {"programme"}, "fileProgramme.Name": {"name"},
		"fileRequirement.ID": {"requirements", 0, "id"}, "fileRequirement.Text": {"requirements", 0, "text"},
		"fileParam.Type": {"params", "x", "type"}, "fileParam.History": {"params", "x", "history"},
		"fileHistory.From": {"params", "x", "history", 0, "from"}, "fileHistory.Value": {"params", "x", "history", 0, "value"},
		"fileRule.ID": {"rules", 0, "id"}, "fileRule.Title": {"rules", 0, "title"}, "fileRule.Requirements": {"rules", 0, "requirements"},
		"fileRule.Assert": {"rules", 0, "assert"}, "fileRule.Message": {"rules", 0, "message"},
		"fileManual.Requirement": {"manual", 0, "requirement"}, "fileManual.Reason": {"manual", 0, "reason"}, "fileManual.Evidence": {"manual", 0, "evidence"},
	}
	for key := range requiredKeys {
		path, ok := paths[key]
		if !ok {
			t.Errorf("required key %s: the test does not know where it is in the minimal file", key)
			continue
		}
		data := withoutKey(t, minimalRuleFile, path)
		if _, diags := Load("minimal.yaml", data); !diags.HasErrors() {
			t.Errorf("without %s (%v) the rule file loads, yet the schema requires the key:\n%s", key, path, data)
		}
	}
}

// withoutKey returns the YAML text src without the key at path (keys and
// list indexes).
func withoutKey(t *testing.T, src string, path []any) []byte {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	n := doc.Content[0]
	for i, step := range path {
		last := i == len(path)-1
		switch s := step.(type) {
		case int:
			n = n.Content[s]
		case string:
			for j := 0; j < len(n.Content); j += 2 {
				if n.Content[j].Value == s {
					if last {
						n.Content = append(n.Content[:j], n.Content[j+2:]...)
						break
					}
					n = n.Content[j+1]
					break
				}
			}
		}
	}
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSchemaEnumsMatchLoader checks the enums of the rule-file schema
// against Load: every value of an enum loads, and a value outside does
// not.
func TestSchemaEnumsMatchLoader(t *testing.T) {
	examples := map[string]string{"decimal": "1.5", "int": "1", "days": "42", "period": "P6W", "kinds": "[a, b]",
		"groups": "{a: [b]}", "text": "T", "bool": "true", "date": "2024-01-01"}
	load := func(rule, paramType, value string) bool {
		src := strings.Replace(minimalRuleFile, "{id: r, title: T,", "{id: r, title: T, "+rule, 1)
		src = strings.Replace(src, "x: {type: int, history: [{from: 2024-01-01, value: 1}]}",
			"x: {type: int, history: [{from: 2024-01-01, value: 1}]}\n  y: {type: "+paramType+", history: [{from: 2024-01-01, value: "+value+"}]}", 1)
		_, diags := Load("enum.yaml", []byte(src))
		return !diags.HasErrors()
	}
	for key, values := range map[string][]string{"severity": severityNames(), "scope": ruleScopes, "ifMissing": ifMissingNames()} {
		for _, v := range values {
			if !load(key+": "+v+",", "int", "1") {
				t.Errorf("%s: %s is in the schema's enum but does not load", key, v)
			}
		}
		if load(key+": bogus,", "int", "1") {
			t.Errorf("%s: bogus loads, but the schema's enum refuses it", key)
		}
	}
	for _, typ := range paramTypeNames() {
		ex, ok := examples[typ]
		if !ok {
			t.Errorf("param type %s has no example value in this test", typ)
			continue
		}
		if !load("", typ, ex) {
			t.Errorf("param type %s is in the schema's enum but does not load", typ)
		}
	}
	if load("", "bogus", "1") {
		t.Error("param type bogus loads, but the schema's enum refuses it")
	}
	// A boolean where an expression belongs is refused by the decoder, as
	// by the schema.
	for _, key := range []string{"when", "needs"} {
		if load(key+": true,", "int", "1") {
			t.Errorf("%s: true loads, but the schema refuses booleans for it", key)
		}
	}
}

// TestRequiredTestKeysMatchRunner checks requiredTestKeys against the
// test runner: a test file without one of them cannot pass.
func TestRequiredTestKeysMatchRunner(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(minimalRuleFile), 0o644); err != nil {
		t.Fatal(err)
	}
	const full = `programme: p.yaml
period: 2024
cases:
  - name: c
    data: |
      programmes: [{id: p, name: P, authority: A, land: DE-HE, providers: [{id: t, name: T}]}]
      centres: [{id: a, name: A, programme: p, kind: family-centre, provider: t}]
    expect:
      - {rule: r, subject: a, outcome: pass}
`
	run := func(src []byte) bool {
		name := filepath.Join(dir, "p_test.yaml")
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := RunTestFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		return rep.OK() && len(rep.Results) == 1
	}
	if !run([]byte(full)) {
		rep, _ := RunTestFile(context.Background(), filepath.Join(dir, "p_test.yaml"))
		t.Fatalf("the full test file does not pass: %+v", rep)
	}
	paths := map[string][]any{
		"fileTest.Programme": {"programme"},
		"fileExpect.Rule":    {"cases", 0, "expect", 0, "rule"},
		"fileExpect.Outcome": {"cases", 0, "expect", 0, "outcome"},
	}
	for key := range requiredTestKeys {
		path, ok := paths[key]
		if !ok {
			t.Errorf("required key %s: the test does not know where it is", key)
			continue
		}
		if src := withoutKey(t, full, path); run(src) {
			t.Errorf("without %s the test file passes, yet the schema requires the key:\n%s", key, src)
		}
	}
}

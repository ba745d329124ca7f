package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/schema"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// testNow is the time of the run in the golden files (KIEZ_NOW).
const testNow = "2026-12-01T09:30:00Z"

// checkResults decodes the JSON output of kiez check, failing on a field
// the envelope does not know, and returns its results.
func checkResults(t *testing.T, data []byte) []rules.Result {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var env envelope.CheckEnvelope
	if err := dec.Decode(&env); err != nil {
		t.Fatalf("the output of kiez check is no envelope: %v", err)
	}
	return env.Results
}

// typeDocs collects the doc comments of the types and struct fields in
// the files, keyed "Type" and "Type.Field", for the schema's descriptions.
func typeDocs(t *testing.T, files ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				d := ts.Doc
				if d == nil {
					d = gd.Doc
				}
				if d != nil {
					out[ts.Name.Name] = clean(d.Text())
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, field := range st.Fields.List {
					if field.Doc == nil {
						continue
					}
					for _, n := range field.Names {
						out[ts.Name.Name+"."+n.Name] = clean(field.Doc.Text())
					}
				}
			}
		}
	}
	return out
}

// alwaysPresent names, by "Type.Field", every field of the types reached
// from root that encoding/json always writes (no omitempty, omitzero).
func alwaysPresent(root reflect.Type) map[string]bool {
	out := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t.PkgPath() == "github.com/rickb777/date" {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if f.Anonymous && tag == "" {
				walk(f.Type) // its fields are the outer type's in JSON
				continue
			}
			if !f.IsExported() || tag == "-" {
				continue
			}
			if !strings.Contains(tag, ",omitempty") && !strings.Contains(tag, ",omitzero") {
				out[t.Name()+"."+f.Name] = true
			}
			walk(f.Type)
		}
	}
	walk(root)
	return out
}

func outcomeIDs() []string {
	var ids []string
	for _, o := range outcomes() {
		ids = append(ids, o.String())
	}
	return ids
}

// envelopeSchemas are the shipped JSON Schemas of the JSON outputs, by
// file: the root type and the title.
var envelopeSchemas = []struct {
	file, title string
	root        reflect.Type
}{
	{"check.schema.json", "kiez check --format json: the verdicts in an envelope", reflect.TypeOf(envelope.CheckEnvelope{})},
	{"report.schema.json", "kiez report --format json: the report in an envelope", reflect.TypeOf(envelope.ReportEnvelope{})},
	{"plan.schema.json", "kiez plan --format json: the plan in an envelope", reflect.TypeOf(envelope.PlanEnvelope{})},
	{"explain.schema.json", "kiez explain --format json: one verdict and the evaluation of its sub-expressions in an envelope", reflect.TypeOf(envelope.ExplainEnvelope{})},
	{"validate.schema.json", "kiez validate --format json: the summary per programme and the problems of the data in an envelope", reflect.TypeOf(validateEnvelope{})},
	{"lint.schema.json", "kiez lint --format json: the rule files, their coverage, costs and problems in an envelope", reflect.TypeOf(lintEnvelope{})},
	{"test.schema.json", "kiez test --format json: the rule test files' cases in an envelope", reflect.TypeOf(testEnvelope{})},
	{"diff.schema.json", "kiez diff --format json: the comparison of two evaluations in an envelope", reflect.TypeOf(diffEnvelope{})},
	{"version.schema.json", "kiez version --format json: the module, Go and embedded rule-set versions", reflect.TypeOf(versionOutput{})},
}

func generateEnvelopeSchema(t *testing.T, file, title string, root reflect.Type) []byte {
	t.Helper()
	docs := typeDocs(t, filepath.Join("..", "..", "internal", "envelope", "envelope.go"), "envelope.go", "inputs.go", "jsonout.go", "testformat.go", "version.go", filepath.Join("..", "..", "rules", "result.go"),
		filepath.Join("..", "..", "rules", "ruletest.go"), filepath.Join("..", "..", "rules", "period.go"), filepath.Join("..", "..", "rules", "subject.go"),
		filepath.Join("..", "..", "diag", "diagnostic.go"), filepath.Join("..", "..", "whatif", "compare.go"))
	// The envelope's types live in package envelope under exported names;
	// the schemas keep the names they had when they were defined here.
	for exported := range movedEnvelopeTypes {
		if d, ok := docs[exported]; ok {
			docs[exported] = lowerFirst(d)
		}
	}
	docs["Evidence.Value"] = "The value itself: a number, a boolean, a date as YYYY-MM-DD, a decimal (hours, euros) as a string with a decimal point and no exponent (\"19.5\"), a text, a record (an object of such values), or a list of these."
	docs["Result.Source"] = "The section of the programme's documents the rule cites."
	format := map[string]string{"check.schema.json": checkFormat, "report.schema.json": reportFormat, "plan.schema.json": planFormat, "explain.schema.json": explainFormat,
		"validate.schema.json": validateFormat, "lint.schema.json": lintFormat, "test.schema.json": testFormat, "diff.schema.json": diffFormat, "version.schema.json": versionFormat}[file]
	b, err := schema.Generate(root, schema.Options{
		ID:           "https://github.com/kiez-go/kiez/cmd/kiez/" + file,
		Title:        title,
		Descriptions: docs,
		Text: map[string]map[string]any{
			"Outcome":  {"type": "string", "enum": outcomeIDs()},
			"Severity": {"type": "string", "enum": []string{"error", "warning", "info"}},
		},
		Override: map[reflect.Type]map[string]any{
			reflect.TypeOf((*any)(nil)).Elem(): {},
			// The report package's JSON: replaced by its schema below.
			reflect.TypeOf(json.RawMessage{}): {"type": "object", "required": []string{"kind", "title"}},
		},
		Fields: map[string]map[string]any{
			"RunInfo.Format":            {"const": format},
			"versionOutput.Format":      {"const": format},
			"RunInfo.Time":              {"format": "date-time"},
			"toolInfo.Format":           {"const": format},
			"toolInfo.Time":             {"format": "date-time"},
			"requirementCoverage.Check": {"enum": []string{"rule", "manual", "missing", "uncatalogued"}},
			"InputsInfo.Digest":         {"pattern": "^[0-9a-f]{64}$"},
			"InputFile.SHA256":          {"pattern": "^[0-9a-f]{64}$"},
			"RuleSetInfo.SHA256":        {"pattern": "^[0-9a-f]{64}$"},
		},
		Required: alwaysPresent(root),
	})
	if err != nil {
		t.Fatal(err)
	}
	b = renameDefs(t, b, movedEnvelopeTypes)
	if prop := map[string]string{"report.schema.json": "report", "plan.schema.json": "plan"}[file]; prop != "" {
		b = withReportSchema(t, b, prop)
	}
	return b
}

// TestEnvelopeSchemasUpToDate fails when a shipped schema no longer
// matches the envelope's types; run with -update to regenerate them.
func TestEnvelopeSchemasUpToDate(t *testing.T) {
	for _, sc := range envelopeSchemas {
		got := generateEnvelopeSchema(t, sc.file, sc.title, sc.root)
		if *update {
			if err := os.WriteFile(sc.file, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(sc.file)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("%s is stale; run go test ./cmd/kiez -run TestEnvelopeSchemasUpToDate -update (-shipped +generated):\n%s", sc.file, diff)
		}
	}
}

func compileSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(file, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(file)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// stdoutOfGolden returns the standard output recorded in a golden file.
func stdoutOfGolden(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	_, out, ok := strings.Cut(string(b), "--- stdout\n")
	if !ok {
		t.Fatalf("%s records no standard output", name)
	}
	out, _, _ = strings.Cut(out, "--- stderr\n")
	return []byte(out)
}

// TestCheckGoldensConformToSchema validates the JSON goldens of kiez
// check, and the check of the shipped testdata, against the shipped
// schema; each must also decode into the envelope's type without unknown
// fields and be indented exactly as encoding/json indents it, so that
// streaming the results changes nothing.
func TestCheckGoldensConformToSchema(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	sch := compileSchema(t, "check.schema.json")
	outputs := map[string][]byte{}
	for _, name := range []string{"check-json.golden", "check-json-stdin.golden"} {
		outputs[name] = stdoutOfGolden(t, filepath.Join("testdata", name))
	}
	outputs["no results"] = emptyEnvelope(t)
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"check", "--period", "2024", "--format", "json"}, testdataDirs...), &stdout, &stderr); code != exitOK {
		t.Fatalf("kiez check exited %d:\n%s", code, stderr.String())
	}
	outputs["the shipped testdata"] = stdout.Bytes()
	for name, out := range outputs {
		t.Run(name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s does not conform to check.schema.json: %v", name, err)
			}
			dec := json.NewDecoder(bytes.NewReader(out))
			dec.DisallowUnknownFields()
			var env envelope.CheckEnvelope
			if err := dec.Decode(&env); err != nil {
				t.Fatal(err)
			}
			var compact, again bytes.Buffer
			if err := json.Compact(&compact, out); err != nil {
				t.Fatal(err)
			}
			if err := json.Indent(&again, compact.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(again.String()+"\n", string(out)); diff != "" {
				t.Errorf("the streamed envelope is indented otherwise than by encoding/json (-encoding/json +streamed):\n%s", diff)
			}
		})
	}
}

// TestInputDigest: the inputs are the data files sorted by name, then the
// --rules files, each with its SHA-256; the digest is what sha256sum
// FILE... | cut -c1-64 | sha256sum prints.
func TestInputDigest(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	var stdout, stderr bytes.Buffer
	// The files are named out of order: the inputs list them sorted.
	if code := run([]string{"check", "--rules", fixtureRules, "--period", "2024", "--format", "json", fixtureProg, fixtureCentre}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	var env envelope.CheckEnvelope
	if err := json.Unmarshal(stdout.Bytes(), &env); err != nil {
		t.Fatal(err)
	}
	var want []envelope.InputFile
	var lines strings.Builder
	for _, name := range []string{fixtureCentre, fixtureProg, fixtureRules} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		want = append(want, envelope.InputFile{Name: name, Bytes: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
		fmt.Fprintf(&lines, "%s\n", hex.EncodeToString(sum[:]))
	}
	digest := sha256.Sum256([]byte(lines.String()))
	if diff := cmp.Diff(envelope.InputsInfo{Files: want, Digest: hex.EncodeToString(digest[:])}, env.Inputs); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	if env.Time != testNow {
		t.Errorf("time %q, want %q from %s", env.Time, testNow, nowEnv)
	}
	// A rule set's digest is that of its file.
	if len(env.RuleSets) != 1 || env.RuleSets[0].SHA256 != want[2].SHA256 || env.RuleSets[0].Embedded {
		t.Errorf("rule sets %+v, want the fixture's with SHA-256 %s", env.RuleSets, want[2].SHA256)
	}
}

// TestCheckJSONTime: KIEZ_NOW must be a time in RFC 3339.
func TestCheckJSONTime(t *testing.T) {
	t.Setenv(nowEnv, "gestern")
	got, code := transcript("check", "--rules", fixtureRules, "--period", "2024", "--format", "json", fixtureProg, fixtureCentre)
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	golden(t, filepath.Join("testdata", "check-json-bad-now.golden"), got)
}

// TestCheckJSONGoldens records the envelope of data read from the
// standard input.
func TestCheckJSONGoldens(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	var got string
	var code int
	withStdin(t, fixtureCentre, func() {
		got, code = transcript("check", "--rules", fixtureRules, "--period", "2024", "--format", "json", fixtureProg, "-")
	})
	if code != exitOK {
		t.Errorf("exit code %d, want 0", code)
	}
	golden(t, filepath.Join("testdata", "check-json-stdin.golden"), got)
}

// emptyEnvelope is the output of a check without results.
func emptyEnvelope(t *testing.T) []byte {
	t.Helper()
	period, err := rules.ParsePeriod("2024")
	if err != nil {
		t.Fatal(err)
	}
	ev := &evaluation{tx: newTexts(langDE), ds: &kiez.Dataset{}, period: period, sets: []*ruleSet{
		{arg: "p.yaml", prog: &rules.RuleSet{ID: "p", Name: "P", File: "p.yaml"}, sha256: strings.Repeat("0", 64)},
	}}
	a := evalArgs{period: "2024", data: []string{"d"}}
	env := newCheckEnvelope(ev, a, time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC))
	var b bytes.Buffer
	w := newCheckWriter(&b, ev, a, &env, nil)
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"results": [],`) {
		t.Errorf("no empty list of results:\n%s", b.String())
	}
	return b.Bytes()
}

// TestCheckSchemaRejects: the schema refuses what the envelope never
// holds, so that the tests above can fail.
func TestCheckSchemaRejects(t *testing.T) {
	sch := compileSchema(t, "check.schema.json")
	good := string(stdoutOfGolden(t, filepath.Join("testdata", "check-json.golden")))
	for name, bad := range map[string]string{
		"unknown outcome":  strings.Replace(good, `"outcome": "fail"`, `"outcome": "bestanden"`, 1),
		"short digest":     strings.Replace(good, `"digest": "4d1d`, `"digest": "`, 1),
		"no period":        strings.Replace(good, `"period"`, `"zeitraum"`, 1),
		"time not a time":  strings.Replace(good, `"time": "`+testNow+`"`, `"time": "gestern"`, 1),
		"count not number": strings.Replace(good, `"results": 4`, `"results": "4"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the replacement changed nothing", name)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// TestReportPlanEnvelopes records the JSON of a report and of a plan in
// their envelopes and validates them, and those of the shipped testdata,
// against the shipped schemas.
func TestReportPlanEnvelopes(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	for _, tt := range []struct {
		name, schema string
		args         []string
	}{
		{"report-json", "report.schema.json", []string{"report", "--rules", fixtureRules, "--period", "2024", "--format", "json", fixtureProg, fixtureCentre}},
		{"plan-json", "plan.schema.json", []string{"plan", "--rules", fixtureRules, "--programme", "musterstadt", "--year", "2025", "--format", "json", fixtureProg, fixtureCentre}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			if code != exitOK {
				t.Errorf("exit code %d, want 0", code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
			conforms(t, tt.schema, stdoutOfGolden(t, filepath.Join("testdata", tt.name+".golden")))
		})
	}
	for _, tt := range []struct {
		schema string
		args   []string
	}{
		{"report.schema.json", append([]string{"report", "--kind", "programme", "--programme", "thueringen-thekiz", "--period", "2024", "--format", "json"}, testdataDirs...)},
		{"plan.schema.json", append([]string{"plan", "--programme", "wiesbaden-kiez", "--year", "2025", "--format", "json"}, testdataDirs...)},
		{"explain.schema.json", append([]string{"explain", "--rule", "leitungsfreistellung", "--subject", "fz-meisenheim/lfz-1", "--period", "2024", "--format", "json"}, testdataDirs...)},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != exitOK {
			t.Fatalf("kiez %s: exit %d:\n%s", strings.Join(tt.args, " "), code, stderr.String())
		}
		conforms(t, tt.schema, stdout.Bytes())
	}
	conforms(t, "explain.schema.json", stdoutOfGolden(t, filepath.Join("testdata", "explain-json.golden")))
}

// conforms validates out against the schema file, decodes it into its
// envelope type without unknown fields and checks that it is indented as
// encoding/json indents.
func conforms(t *testing.T, file string, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := compileSchema(t, file).Validate(inst); err != nil {
		t.Errorf("the output does not conform to %s: %v", file, err)
	}
	var env any = &envelope.ReportEnvelope{}
	switch file {
	case "plan.schema.json":
		env = &envelope.PlanEnvelope{}
	case "explain.schema.json":
		env = &envelope.ExplainEnvelope{}
	case "validate.schema.json":
		env = &validateEnvelope{}
	case "lint.schema.json":
		env = &lintEnvelope{}
	case "test.schema.json":
		env = &testEnvelope{}
	case "diff.schema.json":
		env = &diffEnvelope{}
	case "version.schema.json":
		env = &versionOutput{}
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(env); err != nil {
		t.Errorf("the output does not decode into its envelope: %v", err)
	}
	var compact, again bytes.Buffer
	if err := json.Compact(&compact, out); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&again, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(again.String()+"\n", string(out)); diff != "" {
		t.Errorf("the output is indented otherwise than by encoding/json (-encoding/json +output):\n%s", diff)
	}
}

// movedEnvelopeTypes are the types of package envelope that the schemas
// name as they were named in this package, by their exported names.
var movedEnvelopeTypes = map[string]string{
	"CheckEnvelope":   "checkEnvelope",
	"ReportEnvelope":  "reportEnvelope",
	"PlanEnvelope":    "planEnvelope",
	"ExplainEnvelope": "explainEnvelope",
	"RunInfo":         "runInfo",
	"ModuleInfo":      "moduleInfo",
	"RuleSetInfo":     "ruleSetInfo",
	"PeriodInfo":      "periodInfo",
	"InputsInfo":      "inputsInfo",
	"InputFile":       "inputFile",
	"CheckSummary":    "checkSummary",
}

// lowerFirst lower-cases the first letter of a doc comment: the type's
// name as it was.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// renameDefs renames definitions of a generated schema, and the
// references to them, and writes it as schema.Generate does.
func renameDefs(t *testing.T, b []byte, names map[string]string) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		t.Fatal(err)
	}
	if defs, ok := top["$defs"].(map[string]any); ok {
		for from, to := range names {
			if d, ok := defs[from]; ok {
				delete(defs, from)
				defs[to] = d
			}
		}
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if ref, ok := x.(string); ok && k == "$ref" {
					name := strings.TrimPrefix(ref, "#/$defs/")
					if to, ok := names[name]; ok {
						v[k] = "#/$defs/" + to
					}
					continue
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(top)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(top); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

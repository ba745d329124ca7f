package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCommandEnvelopes records the JSON of validate, lint and diff in
// their envelopes and validates them, and the outputs of validate, lint,
// test and diff on the shipped testdata and rules, against the shipped
// schemas.
func TestCommandEnvelopes(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	for _, tt := range []struct {
		name, schema string
		args         []string
		code         int
	}{
		{"validate-json", "validate.schema.json", []string{"validate", "--format", "json", "-on", "2024-12-31", fixtureProg, fixtureCentre}, 0},
		{"validate-json-invalid", "validate.schema.json", []string{"validate", "--format", "json", "-on", "2024-12-31", "testdata/validate-small.yaml"}, 1},
		{"lint-json", "lint.schema.json", []string{"lint", "--format", "json", fixtureRules}, 0},
		{"lint-json-broken", "lint.schema.json", []string{"lint", "--format", "json", "--costs", "0", "testdata/lint-broken.yaml", "testdata/keine-datei.yaml"}, 1},
		{"diff-json", "diff.schema.json", []string{"diff", "--format", "json", "--rules", fixtureRules, "--set", "releaseHours=4@2024-01-01", "--period", "2024", fixtureProg, fixtureCentre}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
			conforms(t, tt.schema, stdoutOfGolden(t, filepath.Join("testdata", tt.name+".golden")))
		})
	}
	for _, tt := range []struct {
		schema string
		args   []string
		code   int
	}{
		{"validate.schema.json", append([]string{"validate", "--format", "json"}, testdataDirs...), 0},
		{"lint.schema.json", []string{"lint", "--format", "json", "--strict", "../../rules/programmes"}, 0},
		{"lint.schema.json", []string{"lint", "--format", "json", "bad-kreuznach-familienzentren"}, 0},
		{"test.schema.json", []string{"test", "--root", "../..", "--format", "json", "../../rules/programmes"}, 0},
		{"test.schema.json", []string{"test", "--root", "../..", "--format", "json", "testdata/failing-tests.yaml", "testdata/waiver-tests.yaml", "testdata/broken-fixture-tests.yaml"}, 1},
		{"diff.schema.json", append([]string{"diff", "--format", "json", "--period-old", "2024", "--period", "2025"}, testdataDirs...), 0},
	} {
		t.Run(strings.Join(tt.args[:2], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Fatalf("kiez %s: exit %d, want %d:\n%s", strings.Join(tt.args, " "), code, tt.code, stderr.String())
			}
			conforms(t, tt.schema, stdout.Bytes())
		})
	}
}

// TestCommandSchemasReject: the new schemas refuse what the envelopes
// never hold, so that the tests above can fail.
func TestCommandSchemasReject(t *testing.T) {
	for _, tt := range []struct {
		golden, schema, old, new string
	}{
		{"validate-json-invalid", "validate.schema.json", `"severity": "error"`, `"severity": "Fehler"`},
		{"validate-json", "validate.schema.json", `"day": "2024-12-31"`, `"day": "31.12.2024"`},
		{"validate-json", "validate.schema.json", `"staffHours": "`, `"staffHours": "x`},
		{"lint-json", "lint.schema.json", `"check": "manual"`, `"check": "manuell"`},
		{"lint-json", "lint.schema.json", `"format": "kiez-lint/1"`, `"format": "kiez-check/1"`},
		{"diff-json", "diff.schema.json", `"unchanged": `, `"unverändert": `},
	} {
		good := string(stdoutOfGolden(t, filepath.Join("testdata", tt.golden+".golden")))
		bad := strings.Replace(good, tt.old, tt.new, 1)
		if bad == good {
			t.Fatalf("%s: %q is not in the output", tt.golden, tt.old)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if err := compileSchema(t, tt.schema).Validate(inst); err == nil {
			t.Errorf("%s with %s: the schema accepts it", tt.schema, tt.new)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/schema"
	"github.com/kiez-go/kiez/report"
)

// reportSchemaDefs generates the schema of the report package's JSON
// (report.WriteJSON): its types as $defs, Report the root.
func reportSchemaDefs(t *testing.T) map[string]any {
	t.Helper()
	docs := typeDocs(t, filepath.Join("..", "..", "report", "model.go"))
	docs["Report"] = "Report is a report as the report package writes it in JSON (report.WriteJSON): a title, metadata and sections of tables and charts."
	docs["Cell.Value"] = "The value for machines, by the column's type: count an integer; decimal a string with a decimal point, no exponent and no thousands separator, exact (^-?[0-9]+(\\.[0-9]+)?$, e.g. \"19.5\"); date \"YYYY-MM-DD\"; outcome the verdict's id; bool true or false; text a string (an id where the text is a label); null when the cell is empty or suppressed."
	docs["Cell.Text"] = "The value formatted for people in the report's language (German: 1.234,5 and 15.03.2024); for a suppressed cell its mark (<3 or x)."
	docs["Cell.Suppressed"] = "Why a published report withholds the value: primary (a count of people below the threshold) or secondary (withheld so that a primary cell cannot be recomputed)."
	root := reflect.TypeOf(report.Report{})
	b, err := schema.Generate(root, schema.Options{
		Descriptions: docs,
		Override: map[reflect.Type]map[string]any{
			reflect.TypeOf((*any)(nil)).Elem(): {},
		},
		Fields: map[string]map[string]any{
			"Report.Kind": {"enum": []string{string(report.KindCompliance), string(report.KindCentreAnnual),
				string(report.KindProgrammeAnnual), string(report.KindStaffing), string(report.KindPlan), string(report.KindImpact)}},
			"Report.Language": {"enum": []string{string(report.German), string(report.English)}},
			"Column.Type": {"enum": []string{string(report.TypeText), string(report.TypeCount), string(report.TypeDecimal),
				string(report.TypeDate), string(report.TypeOutcome), string(report.TypeBool)}},
			"Cell.Value":      {"type": []string{"integer", "string", "boolean", "null"}},
			"Cell.Suppressed": {"enum": []string{string(report.Primary), string(report.Secondary)}},
			"Field.Data":      {"type": []string{"integer", "string"}},
			"Chart.Type":      {"enum": []string{string(report.ChartBar), string(report.ChartLine)}},
		},
		Required: alwaysPresent(root),
	})
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	defs, _ := doc["$defs"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
	}
	for _, k := range []string{"$schema", "$defs"} {
		delete(doc, k)
	}
	defs["Report"] = doc
	return defs
}

// withReportSchema puts the schema of the report package's JSON into the
// schema of an envelope whose property prop holds a report (report, or
// plan), in place of "any object".
func withReportSchema(t *testing.T, envelope []byte, prop string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(envelope, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc["properties"].(map[string]any)
	old := props[prop].(map[string]any)
	props[prop] = map[string]any{"allOf": []any{map[string]any{"$ref": "#/$defs/Report"}}, "description": old["description"]}
	defs, _ := doc["$defs"].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
		doc["$defs"] = defs
	}
	for k, v := range reportSchemaDefs(t) {
		if _, clash := defs[k]; clash {
			t.Fatalf("the envelope and the report both define %s", k)
		}
		defs[k] = v
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReportGoldensConformToSchema validates every report golden of the
// report package (every kind, published and English ones included)
// against the report's part of report.schema.json, and checks that the
// schema tells a truth value from its text.
func TestReportGoldensConformToSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	f, err := os.Open("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json#/$defs/Report")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "report", "testdata", "*.json"))
	if err != nil || len(files) < 20 {
		t.Fatalf("%d report goldens: %v", len(files), err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s does not conform to report.schema.json#/$defs/Report: %v", filepath.Base(name), err)
		}
	}
	bad := `{"kind": "staffing", "language": "de", "title": "x", "published": false, "meta": [], "sections": [
	  {"id": "s", "title": "s", "tables": [{"id": "t", "columns": [{"key": "k", "label": "k", "type": "boolean"}],
	   "rows": [{"cells": [{"value": {"x": 1}, "text": "ja"}]}]}]}]}`
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err == nil {
		t.Error("the schema accepts an unknown column type and an object as a cell's value")
	}
}

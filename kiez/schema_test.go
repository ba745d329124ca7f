package kiez_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/schema"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

var update = flag.Bool("update", false, "rewrite golden files")

// docComments collects the doc comments of the package's types and struct
// fields, keyed "Type" and "Type.Field", for the schema's descriptions.
func docComments(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	out := map[string]string{}
	p, err := doc.NewFromFiles(fset, files, "github.com/kiez-go/kiez/kiez")
	if err != nil {
		t.Fatal(err)
	}
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, typ := range p.Types {
		out[typ.Name] = clean(typ.Doc)
		for _, spec := range typ.Decl.Specs {
			st, ok := spec.(*ast.TypeSpec).Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, f := range st.Fields.List {
				if f.Doc == nil {
					continue
				}
				for _, n := range f.Names {
					out[typ.Name+"."+n.Name] = clean(f.Doc.Text())
				}
			}
		}
	}
	return out
}

func generateSchema(t *testing.T) []byte {
	t.Helper()
	b, err := schema.Generate(reflect.TypeOf(kiez.Dataset{}), schema.Options{
		ID:           "https://github.com/kiez-go/kiez/kiez/dataset.schema.json",
		Title:        "kiez data file: programmes, centres and waivers",
		Descriptions: docComments(t),
		Vocab: func(name string) ([]string, bool) {
			v, _ := kiez.LookupVocabulary(name)
			return v.IDs(), v.Closed
		},
		Text: map[string]map[string]any{"Month": {"type": "string", "pattern": `^[0-9]{4}-(0[1-9]|1[0-2])$`}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchemaUpToDate fails when the shipped schema no longer matches the
// model; run with -update to regenerate it.
func TestSchemaUpToDate(t *testing.T) {
	got := generateSchema(t)
	if *update {
		if err := os.WriteFile("dataset.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(string(kiez.Schema()), string(got)); diff != "" {
		t.Errorf("dataset.schema.json is stale; run go test ./kiez -run TestSchemaUpToDate -update (-shipped +generated):\n%s", diff)
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(kiez.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("dataset.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("dataset.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestTestdataConformsToSchema checks every data file under the
// repository's testdata against the shipped schema.
func TestTestdataConformsToSchema(t *testing.T) {
	sch := compileSchema(t)
	n := 0
	for _, dir := range []string{"wiesbaden", "bad-kreuznach", "thueringen"} {
		root := filepath.Join("..", "testdata", dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".json")) {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var node *source.Node
			if strings.HasSuffix(p, ".json") {
				node, err = source.ParseJSON(data)
			} else {
				node, err = source.ParseYAML(data)
			}
			if err != nil {
				t.Errorf("%s: %v", p, err)
				return nil
			}
			n++
			if err := sch.Validate(node.JSONValue()); err != nil {
				t.Errorf("%s does not conform to dataset.schema.json: %v", p, err)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	t.Logf("%d files checked", n)
}

// TestSchemaRejectsUnknownFields shows that the schema is as strict as the
// decoder.
func TestSchemaRejectsUnknownFields(t *testing.T) {
	sch := compileSchema(t)
	node, err := source.ParseYAML([]byte(centreYAML("    staf: []\n")))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(node.JSONValue()); err == nil {
		t.Error("schema accepted an unknown field")
	}
	node, err = source.ParseYAML([]byte(programmeYAML))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(node.JSONValue()); err != nil {
		t.Errorf("schema rejected a valid file: %v", err)
	}
}

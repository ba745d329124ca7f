package rules

import _ "embed"

//go:embed rulefile.schema.json
var ruleFileSchemaJSON []byte

//go:embed testfile.schema.json
var testFileSchemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of rule files, for editors
// that complete and check them. It is generated from the format's Go types
// and names exactly the keys Load accepts, the keys it requires and the
// values of its closed lists (severity, scope, ifMissing, param types).
// The result is a fresh copy.
func Schema() []byte { return append([]byte(nil), ruleFileSchemaJSON...) }

// TestFileSchema returns the JSON Schema (draft 2020-12) of rule test
// files (*_test.yaml), generated like Schema from the format's Go types.
// The result is a fresh copy.
func TestFileSchema() []byte { return append([]byte(nil), testFileSchemaJSON...) }

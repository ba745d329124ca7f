package rules

import _ "embed"

//go:embed rulefile.schema.json
var ruleFileSchemaJSON []byte

// Schema returns the JSON Schema (draft 2020-12) of rule files, for editors
// that complete and check them. It is generated from the format's Go types
// and names exactly the keys Load accepts. The result is a fresh copy.
func Schema() []byte { return append([]byte(nil), ruleFileSchemaJSON...) }

package kiez

import _ "embed"

//go:embed dataset.schema.json
var datasetSchema []byte

// Schema returns the JSON Schema (draft 2020-12) of data files, for editors
// that complete and check YAML and JSON against a schema. It is generated
// from the model's Go types, so it names exactly the fields Decode accepts.
// The result is a fresh copy.
func Schema() []byte { return append([]byte(nil), datasetSchema...) }

// Package schema generates JSON Schemas (draft 2020-12) from the Go types
// that the library decodes files into, so that the shipped schemas cannot
// drift from what the decoder accepts: the same `json` names, the same
// required fields, the same vocabularies.
package schema

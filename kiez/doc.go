// Package kiez is the domain model of family-centre funding programmes:
// programmes, centres and their providers, catchment Kitas, network
// partners, staff positions, offers and their sessions, meetings, evidence
// records, budgets, targets, impact goals and waivers — with strict
// decoding from YAML and JSON files and validation that reports every
// problem at once, each with its data path and file position.
//
// The model is shared by three programmes: Wiesbaden's KinderElternZentren
// (KiEZ, district networks), the Familienzentren of the Landkreis Bad
// Kreuznach (Kita-based centres with a catchment of Kitas) and the
// Thüringer Eltern-Kind-Zentren (ThEKiZ). A field that a programme does not
// use stays empty. The model knows nothing of rules: package rules checks a
// Dataset against a programme's obligations.
//
// # Loading and validating
//
// Load reads files and directories from an fs.FS (LoadFiles from the
// operating system) and merges them into one Dataset; Decode reads one
// file. Unknown fields, values of the wrong type, dates that do not exist
// and numbers written with a decimal comma are decoding errors. Validate
// then checks what struct tags and types cannot: required fields, ids in
// kebab-case, terms of the glossary's vocabularies, unique ids, references
// that resolve, dates in order, non-negative hours, and that a Kita lies in
// one catchment only. Both return the diagnostics of package diag
// (github.com/kiez-go/kiez/diag), with file, line, column and data path;
// print them with diag.WriteText.
//
// # Privacy
//
// The model holds no names of families, children or staff. Sessions carry
// aggregated attendance counts; staff positions are identified by role and
// a pseudonymous id.
//
// # Values
//
// Dates are github.com/rickb777/date values; hours and money are
// github.com/shopspring/decimal values, read from JSON numbers or strings
// without passing through float64. Full-time equivalents take the
// full-time week as an input (FTE), because it differs between collective
// agreements and changes over time.
//
// # Glossary
//
// Vocabularies returns every vocabulary of the model (roles, offer kinds,
// meeting kinds, evidence kinds, …) with German labels; the glossary in
// the repository's docs is generated from it.
//
// # Concurrency
//
// A Dataset is plain data: many goroutines may read it at once, none may
// write it meanwhile. The package has no global mutable state.
package kiez

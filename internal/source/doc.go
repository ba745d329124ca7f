// Package source reads YAML and JSON text into a small tree of nodes that
// keeps the line and column of every value, and decodes that tree into Go
// structs strictly: unknown keys, wrong types and malformed scalars are
// reported as problems with their position and data path, all at once.
//
// It is the one place where the library turns user-written files into Go
// values; the data model (package kiez) and the rule files (package rules)
// both decode through it, so both report mistakes in the same way.
package source

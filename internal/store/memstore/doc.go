// Package memstore is a store.Store that keeps everything in memory, for
// tests of the service and of code that embeds it. Nothing survives the
// process; use package sqlite for anything to keep.
//
// A Store is safe for concurrent use: one mutex guards it, and every value
// goes in and out as a deep copy, so neither side sees the other's later
// changes.
package memstore

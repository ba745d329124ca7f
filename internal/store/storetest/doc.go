// Package storetest holds the conformance tests every store.Store backend
// passes: Run them from the backend's own tests with a function that opens
// an empty store.
//
// The tests cover every method and every behaviour the store package
// documents: versions per programme and year (version 0 the newest, a
// stale version a conflict), ErrNotFound and ErrConflict through
// errors.Is, values copied in and out rather than shared, rule files kept
// once per digest, the filters and limit of Evaluations, publishing,
// expired sessions, the order and limit of the audit log, concurrent
// writers that get versions without gaps, a context that has ended, and
// ErrClosed after Close.
package storetest

// Package store is the storage of kiez serve: datasets and rule files as
// uploaded, evaluations as run, accounts, sessions and the audit log,
// behind the small interface Store.
//
// The default backend is package sqlite (modernc.org/sqlite, pure Go, one
// file in WAL mode, every write in a transaction, versioned migrations);
// package memstore keeps everything in memory for tests. Package storetest
// holds the conformance tests every backend passes.
//
// # Adding a backend
//
// A PostgreSQL backend is a package beside sqlite that implements Store:
// the same tables (the migrations of package sqlite are the schema, in
// portable SQL apart from the identity columns), every method in one
// transaction, ErrNotFound and ErrConflict wrapped as documented, and a
// test that runs storetest.Run against it. kiez serve chooses the backend
// by the scheme of its --db flag.
package store

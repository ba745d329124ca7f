// Package sqlite is the default store.Store of kiez serve: one SQLite
// database file (modernc.org/sqlite, pure Go, no cgo) in WAL mode.
//
// # Durability
//
// Every write is one transaction, begun IMMEDIATE so that a write that
// reads first (the next version of a dataset) holds the write lock from the
// start; writes go through a single connection, reads through a small pool
// that sees the last committed state. synchronous=FULL and WAL mean that a
// write Open or a method returned from is on disk, and a process killed at
// any moment leaves the database as it was after its last commit. Foreign
// keys are enforced; busy_timeout waits for another process's lock instead
// of failing at once. Temporary tables stay in memory: the store reads and
// writes only its file and SQLite's -wal and -shm files beside it, created
// with mode 0600.
//
// # Migrations
//
// The schema is the embedded files migrations/NNN_name.sql, numbered from
// 001 without gaps. Open applies the ones a database lacks in one
// transaction and records each in the table schema_version; it refuses a
// database whose schema is newer than the code, so an older kiez cannot
// damage the data of a newer one. A change of the schema is a new file,
// never an edit of an old one; the tests migrate from every earlier
// version.
//
// A Store is safe for concurrent use, also by several processes on one
// file (the writes of each wait for the others'), though kiez serve keeps
// one.
package sqlite

// The race detector would watch SQLite's own code (a C library
// translated to Go) here, and building it for the detector costs CI over
// a minute: under -race this file is left out (see .ci/run).

//go:build !race

package server

import (
	"path/filepath"
	"testing"

	"github.com/kiez-go/kiez/internal/store/sqlite"
)

// BenchmarkConcurrentChecksSQLite is BenchmarkConcurrentChecks on the
// SQLite store, synced to disk as kiez serve keeps it.
func BenchmarkConcurrentChecksSQLite(b *testing.B) {
	st, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "kiez.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchmarkChecks(b, st)
}

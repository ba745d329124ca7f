package server

import (
	"os"
	"testing"
)

// apiSource is the source of the API's routes.
func apiSource(t testing.TB) string { return readSource(t, "api.go") }

// httpSource is the source of the server's own routes.
func httpSource(t testing.TB) string { return readSource(t, "http.go") }

func readSource(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

package main

import (
	"os"
	"testing"
)

// TestMain runs the tests in the default language whatever KIEZ_LANG the
// shell has: the goldens hold the German texts, and tests that want
// English set it themselves.
func TestMain(m *testing.M) {
	os.Unsetenv(langEnv)
	os.Exit(m.Run())
}

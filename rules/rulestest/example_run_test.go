package rulestest_test

import (
	"testing"

	"github.com/kiez-go/kiez/rules/rulestest"
)

// programmeTests is what a programme's repository writes in a _test.go
// file, named TestRules there: every case of every rule test file runs as
// a subtest of go test, and Untested fails the test for a rule that no
// case expects to pass or none expects to fail.
func programmeTests(t *testing.T) {
	reports := rulestest.Run(t,
		"../programmes/bad-kreuznach-familienzentren_test.yaml",
		"../programmes/wiesbaden-kiez_test.yaml",
	)
	rulestest.Untested(t, reports...)
}

// Run needs the *testing.T of a test, so this example is compiled but not
// run; go test -run TestRules -v lists the files and their cases:
//
//	=== RUN   TestRules/../programmes/bad-kreuznach-familienzentren_test.yaml
//	=== RUN   TestRules/../programmes/bad-kreuznach-familienzentren_test.yaml/Vollständiges_Familienzentrum_2024_–_jede_Regel_erfüllt
func ExampleRun() {
	_ = programmeTests
}

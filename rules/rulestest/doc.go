// Package rulestest runs rule test files from Go tests, so that a
// programme's rule tests run with go test like any other test.
//
//	func TestRules(t *testing.T) {
//		rulestest.Run(t, "testdata/musterstadt_test.yaml")
//	}
//
// Each case of each file becomes a subtest; a failing case prints a
// cmp.Diff of the expected and the actual outcomes.
package rulestest

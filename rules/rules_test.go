package rules_test

import (
	"testing"

	"github.com/kiez-go/kiez/rules/rulestest"
)

func TestFixtureRules(t *testing.T) {
	reports := rulestest.Run(t, "testdata/fixture_test.yaml")
	rulestest.Untested(t, reports...)
}

func TestFunctionFixtures(t *testing.T) {
	rulestest.Run(t, "testdata/functions_test.yaml", "testdata/functions_buckets_test.yaml", "testdata/functions_intervals_test.yaml")
}

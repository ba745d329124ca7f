package report_test

import (
	"testing"

	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// evaluation holds the parts of a test's evaluation together, as
// rules.Restore does for a stored one: the tests give the builders
// results the engine would not make (odd outcomes, unknown rules), to
// show that the reports stay whole.
func evaluation(tb testing.TB, ds *kiez.Dataset, sets []*rules.RuleSet, results []rules.Result, period timespan.DateRange) *rules.Evaluation {
	tb.Helper()
	ev, err := rules.Restore(ds, sets, rules.NewPeriod(period), results)
	if err != nil {
		tb.Fatal(err)
	}
	return ev
}

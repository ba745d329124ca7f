package rulestest_test

import (
	"fmt"
	"strings"

	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/rules/rulestest"
)

// Diff shows a failing rule test case the way go test prints it: the
// expected outcome against the actual one and its message, keyed by rule
// and subject. (cmp.Diff varies its spacing from run to run, so the
// example prints the lines with single spaces.)
func ExampleDiff() {
	d := rulestest.Diff([]rules.Mismatch{{
		Rule: "freistellung", Subject: "fz-nord/leitung-1",
		Want: rules.OutcomePass, Got: rules.OutcomeFail,
		Message: "Freistellung 1,5 h/Woche, gefordert 2 h/Woche",
	}})
	for _, line := range strings.Split(d, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			fmt.Println(strings.Join(f, " "))
		}
	}
	// Output:
	// map[string]string{
	// - "freistellung fz-nord/leitung-1": "pass",
	// + "freistellung fz-nord/leitung-1": "fail: Freistellung 1,5 h/Woche, gefordert 2 h/Woche",
	// }
}

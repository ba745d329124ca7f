package envelope_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/rules"
)

func TestModuleRoundTrip(t *testing.T) {
	for _, m := range []envelope.ModuleInfo{
		{Path: envelope.ModulePath, Version: "(devel)"},
		{Path: envelope.ModulePath, Version: "v1.2.0+incompatible", Revision: "0123abcd+modified"},
	} {
		got, err := envelope.ParseModule(m.String())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(m, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", m, diff)
		}
	}
	if _, err := envelope.ParseModule("kein-modul"); err == nil {
		t.Error("a module without a version was read")
	}
}

// ExampleHead writes a check's envelope result by result, as kiez check
// streams it: the head, each result, the tail.
func ExampleHead() {
	p, _ := rules.ParsePeriod("2024-H1")
	env := envelope.CheckEnvelope{
		RunInfo: envelope.RunInfo{
			Format:   envelope.CheckFormat,
			Module:   envelope.ModuleInfo{Path: envelope.ModulePath, Version: "v1.0.0"},
			RuleSets: []envelope.RuleSetInfo{},
			Period:   envelope.PeriodOf("2024-H1", p),
			Inputs:   envelope.NewInputs(nil),
			Time:     "2024-12-31T12:00:00Z",
		},
		Complete: true,
	}
	head, _ := envelope.Head(env.RunInfo)
	tail, _ := envelope.Tail(env, true)
	fmt.Printf("%s%s", head, tail)
	// Output:
	// {
	//   "format": "kiez-check/1",
	//   "module": {
	//     "path": "github.com/kiez-go/kiez",
	//     "version": "v1.0.0"
	//   },
	//   "ruleSets": [],
	//   "period": {
	//     "text": "2024-H1",
	//     "from": "2024-01-01",
	//     "until": "2024-06-30",
	//     "label": "01.01.2024–30.06.2024"
	//   },
	//   "inputs": {
	//     "files": [],
	//     "digest": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	//   },
	//   "time": "2024-12-31T12:00:00Z",
	//   "results": [],
	//   "summary": {
	//     "results": 0,
	//     "pass": 0,
	//     "fail": 0,
	//     "notApplicable": 0,
	//     "waived": 0,
	//     "missingData": 0,
	//     "error": 0,
	//     "strict": 0
	//   },
	//   "complete": true
	// }
}

package kiez_test

import (
	"fmt"
	"os"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// Decode one file and validate it: the file misspells a field and uses a
// decimal comma, and both problems are reported at once with their
// positions.
func ExampleDecode() {
	data := []byte(`programmes:
  - id: musterstadt
    name: Familienzentren Musterstadt
    authority: Jugendamt Musterstadt
    land: DE-RP
    providers:
      - {id: traeger-a, name: Träger A}
centres:
  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    provider: traeger-a
    staff:
      - id: leitung-1
        role: leitung-familienzentrum
        hoursPerWeek: 39
        releaseHoursPerWeek: "1,5"
        qualifcation: kindheitspaedagogik
`)
	ds, diags := kiez.Decode("fz-nord.yaml", data)
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	if err := diag.WriteText(os.Stdout, diags, ds.Source); err != nil {
		fmt.Println(err)
	}
	// Output:
	// fz-nord.yaml:18:30: error: "1,5" is not a number: use a decimal point, not a comma (at centres[0].staff[0].releaseHoursPerWeek)
	//   18 |         releaseHoursPerWeek: "1,5"
	//      |                              ^
	//     = Write a number such as 19.5 (a decimal point, not a comma).
	// fz-nord.yaml:19:9: error: unknown field "qualifcation" in a position; did you mean "qualification"? (at centres[0].staff[0].qualifcation)
	//   19 |         qualifcation: kindheitspaedagogik
	//      |         ^
	//     = Known fields: basicQualification, employer, external, from, funding, history, hoursPerWeek, id, kitas, lineSupervisor, qualification, releaseHoursPerWeek, role, technicalSupervisor, until.
}

// Validate a dataset built in Go: a session refers to an offer that does
// not exist.
func ExampleDataset_Validate() {
	ds := &kiez.Dataset{
		Programmes: []kiez.Programme{{ID: "p", Name: "Programm", Authority: "Amt", Land: "DE-HE",
			Providers: []kiez.Provider{{ID: "t", Name: "Träger"}}}},
		Centres: []kiez.Centre{{ID: "c", Name: "Zentrum", Programme: "p", Kind: "district-network", Provider: "t",
			Offers:   []kiez.Offer{{ID: "elterncafe", Title: "Elterncafé", Kind: "elterncafe"}},
			Sessions: []kiez.Session{{Offer: "elterncafee", Date: mustDate("2024-01-09")}},
		}},
	}
	for _, d := range ds.Validate() {
		fmt.Println(d)
	}
	// Output:
	// error: unknown offer "elterncafee"; did you mean "elterncafe"? (at centres[0].sessions[0].offer)
}

// Convert weekly hours into full-time equivalents for a 39-hour week.
func ExampleFTE() {
	fte, err := kiez.FTE(decimal.RequireFromString("19.5"), decimal.NewFromInt(39))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fte)
	_, err = kiez.FTE(decimal.NewFromInt(10), decimal.Zero)
	fmt.Println(err)
	// Output:
	// 0.5
	// kiez: the full-time week must be more than 0 hours
}

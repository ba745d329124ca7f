package kiez_test

import (
	"fmt"
	"sort"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// refsFiles is a dataset split over three files whose references cross
// files: centre A's position and session name a Kita of centre B, the
// programme's meeting names Kitas of both centres.
var refsFiles = fstest.MapFS{
	"p.yaml": {Data: []byte(`programmes:
  - id: test-programm
    name: Testprogramm
    authority: Jugendamt Musterstadt
    land: DE-RP
    providers:
      - {id: traeger-a, name: Träger A}
    meetings:
      - {kind: kita-leitungen-austausch, date: 2024-03-01, kitas: [kita-mond, kita-sonne, kita-stern]}
`)},
	"a.yaml": {Data: []byte(`centres:
  - id: fz-a
    name: Familienzentrum A
    programme: test-programm
    kind: family-centre
    provider: traeger-a
    catchment:
      - {id: kita-sonne, name: Kita Sonne}
    staff:
      - {id: ksa-1, role: kita-sozialarbeit, hoursPerWeek: 20, kitas: [kita-sonne, kita-mond]}
    offers:
      - {id: sprechstunde, kind: sprechstunde, title: Sprechstunde}
    sessions:
      - {offer: sprechstunde, date: 2024-03-04, kita: kita-mond}
      - {offer: sprechstunde, date: 2024-03-05, kita: kita-sonne}
`)},
	"b.yaml": {Data: []byte(`centres:
  - id: fz-b
    name: Familienzentrum B
    programme: test-programm
    kind: family-centre
    provider: traeger-a
    catchment:
      - {id: kita-mond, name: Kita Mond}
    staff:
      - {id: ksa-1, role: kita-sozialarbeit, hoursPerWeek: 20, kitas: [kita-mond]}
`)},
}

// TestReferencesInEveryFileOrder loads the files in every order: the
// references resolve against the whole dataset and the scope of their own
// centre, so the diagnostics (by file position) are the same each time.
func TestReferencesInEveryFileOrder(t *testing.T) {
	want := []string{
		`a.yaml:10:84: error: Kita "kita-mond" is a Kita of centre "fz-b", not centre "fz-a"`,
		`a.yaml:14:55: error: Kita "kita-mond" is a Kita of centre "fz-b", not centre "fz-a"`,
		`p.yaml:9:91: error: unknown Kita "kita-stern" of programme "test-programm"; did you mean "kita-sonne"?`,
	}
	orders := [][]string{
		{"p.yaml", "a.yaml", "b.yaml"}, {"p.yaml", "b.yaml", "a.yaml"}, {"a.yaml", "p.yaml", "b.yaml"},
		{"a.yaml", "b.yaml", "p.yaml"}, {"b.yaml", "p.yaml", "a.yaml"}, {"b.yaml", "a.yaml", "p.yaml"},
	}
	for _, order := range orders {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			ds, diags := kiez.Load(refsFiles, order...)
			if len(diags) > 0 {
				t.Fatalf("Load: %v", diags)
			}
			var got []string
			for _, d := range ds.Validate() {
				got = append(got, fmt.Sprintf("%s: %s: %s", d.Subject, d.Severity, d.Summary))
			}
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

package words

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// TestRecordFieldTable shows that the table of the model's record fields
// gives the same fields as looking them up by name, for every type in it
// and for a type outside it.
func TestRecordFieldTable(t *testing.T) {
	if len(modelRecords) < 10 {
		t.Fatalf("the table holds %d record types; the model has more", len(modelRecords))
	}
	for typ, got := range modelRecords {
		if diff := cmp.Diff(lookUpRecordFields(typ), got, cmp.AllowUnexported(recordFields{})); diff != "" {
			t.Errorf("%v (-by name +table):\n%s", typ, diff)
		}
	}
	if _, ok := modelRecords[reflect.TypeFor[kiez.Evidence]()]; !ok {
		t.Error("kiez.Evidence is not in the table")
	}
	other := struct{ Name, ID string }{"Raum", "r-1"}
	if got := (Formatter{}).Format(other); got != "Raum (r-1)" {
		t.Errorf("Format(%+v) = %q, want %q", other, got, "Raum (r-1)")
	}
}

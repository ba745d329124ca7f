package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
)

// TestEvidenceText shows which evidence a report writes anew: in German
// none, in English every value of the engine, not a value lost or read
// back from JSON as an object.
func TestEvidenceText(t *testing.T) {
	day := date.New(2024, 3, 15)
	cases := []struct {
		name string
		l    Language
		ev   rules.Evidence
		want string
	}{
		{"German keeps the text", German, rules.Evidence{Text: "15.03.2024", Value: day}, "15.03.2024"},
		{"English date", English, rules.Evidence{Text: "15.03.2024", Value: day}, "2024-03-15"},
		{"English decimals", English, rules.Evidence{Text: "1,5, ja", Value: []any{decimal.RequireFromString("1.5"), true}}, "1.5, yes"},
		{"English without value", English, rules.Evidence{Text: "ein Text"}, "ein Text"},
		{"English object from JSON", English, rules.Evidence{Text: "47 Termine in 52 Wochen", Value: map[string]any{"ok": true}}, "47 Termine in 52 Wochen"},
		{"English list of objects from JSON", English, rules.Evidence{Text: "x vom 15.03.2024", Value: []any{map[string]any{"id": "x"}}}, "x vom 15.03.2024"},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, c.l.evidenceText(c.ev)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

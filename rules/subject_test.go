package rules_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// TestResultSubjectFields: a verdict carries what it is about as fields
// (centre, item kind, item), and the display form Subject is made of them:
// no consumer has to take the text apart. On the shipped testdata of the
// three programmes, every per-item verdict names its item's kind, and the
// kinds are those of the lists the rules iterate.
func TestResultSubjectFields(t *testing.T) {
	progs := embeddedProgrammes(t)
	eng, err := rules.NewEngine(progs)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[rules.ItemKind]int{}
	for _, dir := range []string{"wiesbaden", "bad-kreuznach", "thueringen"} {
		ds, diags := kiez.Load(os.DirFS("../testdata/"+dir), ".")
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		evRes, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
		res := evRes.Results()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			owner := r.Programme
			if r.Centre != "" {
				owner = r.Centre
			}
			want := owner
			if r.Item != "" || r.ItemKind != "" {
				want += "/" + r.Item
				if r.ItemKind == "" || r.Item == "" {
					t.Errorf("%s %s: item %q of kind %q: both or neither must be set", r.Rule, r.Subject, r.Item, r.ItemKind)
				}
				kinds[r.ItemKind]++
			}
			if r.Subject != want {
				t.Errorf("%s: Subject %q, fields give %q", r.Rule, r.Subject, want)
			}
		}
	}
	// The kinds the shipped rules judge per item (each over staffOf,
	// offersOf, meetingsOf, catchment, buckets, months, …).
	for _, k := range []rules.ItemKind{rules.ItemPosition, rules.ItemOffer, rules.ItemMeeting, rules.ItemKita, rules.ItemBucket, rules.ItemValue} {
		if kinds[k] == 0 {
			t.Errorf("no verdict on an item of kind %q; kinds seen: %v", k, kinds)
		}
	}
}

// TestItemKindOfEach: the kind comes from the type of the each list,
// also through filter, and is "value" for plain values; the item is the
// record's id or what the rule's subject expression names.
func TestItemKindOfEach(t *testing.T) {
	const src = `programme: arten
name: Arten
version: "1"
requirements: [{id: AR-01, text: Arten.}]
rules:
  - {id: stellen, title: Stellen, requirements: [AR-01], source: {doc: K, section: "1"}, each: 'filter(centre.staff, .hoursPerWeek > 0)', assert: "true", message: ok}
  - {id: jahre, title: Jahre, requirements: [AR-01], source: {doc: K, section: "1"}, each: 'year(period.from)..year(period.until)', subject: string(item), assert: "true", message: ok}
  - {id: halbjahre, title: Halbjahre, requirements: [AR-01], source: {doc: K, section: "1"}, each: 'buckets(period, "half-year", "whole")', subject: item.label, assert: "true", message: ok}
`
	p, diags := rules.Load("arten.yaml", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, diags := kiez.Decode("daten.yaml", []byte(`programmes:
  - {id: arten, name: Arten, authority: Amt, land: DE-HE}
centres:
  - id: z1
    name: Zentrum 1
    programme: arten
    kind: family-centre
    providerNote: ohne Träger
    staff: [{id: s1, role: leitung-familienzentrum, hoursPerWeek: 39}]
`))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p})
	if err != nil {
		t.Fatal(err)
	}
	evRes, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	res := evRes.Results()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res {
		got = append(got, r.Rule+" "+string(r.ItemKind)+" "+r.Item)
	}
	want := []string{"stellen position s1", "jahre value 2024", "halbjahre bucket 2024-H1", "halbjahre bucket 2024-H2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestSubjectOf: a subject names its owner, or an item of it, by the
// owner's id and a slash, never a longer id that starts alike.
func TestSubjectOf(t *testing.T) {
	for _, tc := range []struct {
		subject, owner string
		want           bool
	}{
		{"fz-kirn", "fz-kirn", true},
		{"fz-kirn/lfz-1", "fz-kirn", true},
		{"fz-kirn-2/lfz-1", "fz-kirn", false},
		{"fz-kir", "fz-kirn", false},
		{"", "fz-kirn", false},
		{"fz-kirn/", "fz-kirn", true},
	} {
		if got := rules.SubjectOf(tc.subject, tc.owner); got != tc.want {
			t.Errorf("SubjectOf(%q, %q) = %v", tc.subject, tc.owner, got)
		}
	}
}

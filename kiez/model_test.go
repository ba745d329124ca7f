package kiez_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

func mustDate(s string) date.Date {
	d, err := source.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

func TestFTE(t *testing.T) {
	tests := []struct {
		hours, full string
		want        string
	}{
		{"39", "39", "1"},
		{"19.5", "39", "0.5"},
		{"10", "39", "0.2564"},
		{"40", "40", "1"},
		{"0", "39", "0"},
		{"2", "38.5", "0.0519"},
	}
	for _, tt := range tests {
		got, err := kiez.FTE(decimal.RequireFromString(tt.hours), decimal.RequireFromString(tt.full))
		if err != nil {
			t.Fatalf("FTE(%s, %s): %v", tt.hours, tt.full, err)
		}
		if !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("FTE(%s, %s) = %s, want %s", tt.hours, tt.full, got, tt.want)
		}
	}
	if _, err := kiez.FTE(decimal.NewFromInt(1), decimal.NewFromInt(-39)); err == nil {
		t.Error("FTE with a negative full-time week: no error")
	}
}

func TestStaffHours(t *testing.T) {
	c := kiez.Centre{Staff: []kiez.Position{
		{ID: "a", Role: "kiez-verantwortliche", HoursPerWeek: decimal.NewFromInt(39), Until: ptr(mustDate("2024-06-30"))},
		{ID: "b", Role: "kiez-verantwortliche", HoursPerWeek: decimal.NewFromInt(30), From: ptr(mustDate("2024-07-01"))},
		{ID: "c", Role: "kursleitung", HoursPerWeek: decimal.RequireFromString("4.5")},
	}}
	tests := []struct {
		role, day, want string
	}{
		{"kiez-verantwortliche", "2024-06-30", "39"},
		{"kiez-verantwortliche", "2024-07-01", "30"},
		{"", "2024-03-01", "43.5"},
		{"fachberatung", "2024-03-01", "0"},
	}
	for _, tt := range tests {
		got := c.StaffHours(tt.role, mustDate(tt.day))
		if !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("StaffHours(%q, %s) = %s, want %s", tt.role, tt.day, got, tt.want)
		}
	}
}

func TestMonth(t *testing.T) {
	m, err := kiez.ParseMonth("2024-02")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{m.String(), m.First().String(), m.Last().String()}
	if diff := cmp.Diff([]string{"2024-02", "2024-02-01", "2024-02-29"}, got); diff != "" {
		t.Errorf("month (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"2024-13", "2024-1", "24-01", "", "2024-01-01"} {
		if _, err := kiez.ParseMonth(bad); err == nil {
			t.Errorf("ParseMonth(%q): no error", bad)
		}
	}
}

func TestVocabulariesAreCopies(t *testing.T) {
	v := kiez.Vocabularies()
	v[0].Terms[0].ID = "changed"
	if kiez.Vocabularies()[0].Terms[0].ID == "changed" {
		t.Error("changing the result of Vocabularies changed the glossary")
	}
	if got := kiez.Label(kiez.VocabOfferKind, "elterncafe"); got != "Elterncafé" {
		t.Errorf("Label(offer-kind, elterncafe) = %q", got)
	}
	seen := map[string]bool{}
	for _, voc := range kiez.Vocabularies() {
		for _, term := range voc.Terms {
			if !kiez.IsID(term.ID) {
				t.Errorf("vocabulary %s: term %q is not a kebab-case id", voc.Name, term.ID)
			}
			key := voc.Name + "/" + term.ID
			if seen[key] {
				t.Errorf("vocabulary %s: term %q twice", voc.Name, term.ID)
			}
			seen[key] = true
		}
	}
}

func FuzzDecodeValidate(f *testing.F) {
	f.Add("c.yaml", programmeYAML)
	f.Add("c.yaml", centreYAML("    staff:\n      - {id: kv-1, role: kiez-verantwortliche, hoursPerWeek: 39}\n"))
	f.Add("c.json", `{"centres": [{"id": "a", "sessions": [{"offer": "x", "date": "2024-01-01"}]}]}`)
	f.Add("c.yaml", "centres:\n  - &a {id: x}\n  - *a\n")
	f.Fuzz(func(t *testing.T, name, text string) {
		ds, _ := kiez.Decode(name, []byte(text))
		_ = ds.Validate()
	})
}

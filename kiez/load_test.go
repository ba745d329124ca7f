package kiez_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// programmeYAML is a valid programme that the bad-input cases build on.
const programmeYAML = `programmes:
  - id: test-programm
    name: Testprogramm
    authority: Jugendamt Musterstadt
    land: DE-HE
    providers:
      - {id: traeger-a, name: Träger A}
`

// centreYAML returns a valid centre with extra YAML appended to it; extra
// is indented as fields of the centre.
func centreYAML(extra string) string {
	return `centres:
  - id: zentrum-a
    name: Zentrum A
    programme: test-programm
    kind: district-network
    provider: traeger-a
` + extra
}

// loadAll loads files from memory and validates them, returning every
// diagnostic as its one-line form.
func loadAll(t *testing.T, files map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	ds, diags := kiez.Load(fsys, ".")
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.Error()
	}
	return out
}

func TestLoadValid(t *testing.T) {
	got := loadAll(t, map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("")})
	if diff := cmp.Diff([]string{}, got); diff != "" {
		t.Errorf("valid data: diagnostics (-want +got):\n%s", diff)
	}
}

func TestLoadBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{{
		name:  "wrong type: text for a whole number",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    sessions:\n      - {offer: cafe, date: 2024-01-09, attendance: {adults: viele}}\n    offers:\n      - {id: cafe, title: Café, kind: elterncafe}\n")},
		want:  []string{`c.yaml:8:62: error: expected a whole number, found text "viele" (at centres[0].sessions[0].attendance.adults)`},
	}, {
		name:  "unknown field with suggestion",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staf: []\n")},
		want:  []string{`c.yaml:7:5: error: unknown field "staf" in a centre; did you mean "staff"? (at centres[0].staf)`},
	}, {
		name:  "date that does not exist",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    since: 2023-02-29\n")},
		want:  []string{`c.yaml:7:12: error: "2023-02-29" is not a valid date (no such day) (at centres[0].since)`},
	}, {
		name:  "date in German notation",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    since: 15.03.2024\n")},
		want:  []string{`c.yaml:7:12: error: "15.03.2024" is not a date of the form YYYY-MM-DD (at centres[0].since)`},
	}, {
		name:  "negative hours",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staff:\n      - {id: kv-1, role: kiez-verantwortliche, hoursPerWeek: -39}\n")},
		want:  []string{`c.yaml:8:62: error: hoursPerWeek must not be negative (found -39) (at centres[0].staff[0].hoursPerWeek)`},
	}, {
		name:  "decimal comma",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staff:\n      - {id: kv-1, role: kiez-verantwortliche, hoursPerWeek: \"19,5\"}\n")},
		want:  []string{`c.yaml:8:62: error: "19,5" is not a number: use a decimal point, not a comma (at centres[0].staff[0].hoursPerWeek)`},
	}, {
		name:  "number too large",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staff:\n      - {id: kv-1, role: kiez-verantwortliche, hoursPerWeek: 1e400}\n")},
		want:  []string{`c.yaml:8:62: error: the number "1e400" is too large or too precise (at most 24 digits) (at centres[0].staff[0].hoursPerWeek)`},
	}, {
		name:  "dangling reference",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    offers:\n      - {id: elterncafe, title: Elterncafé, kind: elterncafe}\n    sessions:\n      - {offer: elterncaffe, date: 2024-01-09}\n")},
		want:  []string{`c.yaml:10:17: error: unknown offer "elterncaffe"; did you mean "elterncafe"? (at centres[0].sessions[0].offer)`},
	}, {
		name:  "duplicate id names both places",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staff:\n      - {id: kv-1, role: kiez-verantwortliche, hoursPerWeek: 39}\n      - {id: kv-1, role: kursleitung, hoursPerWeek: 4}\n")},
		want:  []string{`c.yaml:9:14: error: duplicate staff position id "kv-1": already used at centres[0].staff[0].id (c.yaml:8:14) (at centres[0].staff[1].id)`},
	}, {
		name: "Kita in two catchments",
		files: map[string]string{"p.yaml": programmeYAML,
			"a.yaml": centreYAML("    catchment:\n      - {id: kita-x, name: Kita X}\n"),
			"b.yaml": strings.ReplaceAll(centreYAML("    catchment:\n      - {id: kita-x, name: Kita X}\n"), "zentrum-a", "zentrum-b")},
		want: []string{
			`b.yaml:8:14: error: duplicate Kita id "kita-x": already used at centres[0].catchment[0].id (a.yaml:8:14) (at centres[1].catchment[0].id)`,
			`b.yaml:8:14: error: Kita "kita-x" is in the catchment of both "zentrum-a" and "zentrum-b" (at centres[1].catchment[0].id)`,
		},
	}, {
		name:  "unparsable YAML",
		files: map[string]string{"c.yaml": "centres:\n  - id: a\n   name: b\n"},
		want:  []string{`c.yaml:3:4: error: YAML syntax: did not find expected '-' indicator`},
	}, {
		name:  "tab-indented YAML",
		files: map[string]string{"c.yaml": "centres:\n\t- id: a\n"},
		want:  []string{`c.yaml:2:1: error: YAML syntax: a tab character is used for indentation; YAML allows only spaces`},
	}, {
		name:  "JSON trailing comma",
		files: map[string]string{"c.json": "{\"centres\": [\n  {\"id\": \"a\",}\n]}\n"},
		want:  []string{`c.json:2:14: error: JSON syntax: expected a quoted key`},
	}, {
		name:  "JSON duplicate key",
		files: map[string]string{"c.json": "{\"centres\": [],\n \"centres\": []}\n"},
		want:  []string{`c.json:2:2: error: JSON syntax: key "centres" is already defined at line 1`},
	}, {
		name:  "closed vocabulary misspelt",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    offers:\n      - {id: kurs, title: Kurs, kind: kurs, format: hybird}\n")},
		want:  []string{`c.yaml:8:53: error: "hybird" is not a known format (Format); did you mean "hybrid"? (at centres[0].offers[0].format)`},
	}, {
		name:  "open vocabulary: unknown term is a warning",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    partners:\n      - {id: p1, name: Bibliothek, kind: stadtteilbibliotek}\n")},
		want:  []string{`c.yaml:8:42: warning: "stadtteilbibliotek" is not in the glossary's partner-kind list (Art des Netzwerkpartners); did you mean "stadtteilbibliothek"? (at centres[0].partners[0].kind)`},
	}, {
		name:  "until before from",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    staff:\n      - {id: kv-1, role: kursleitung, hoursPerWeek: 4, from: 2024-05-01, until: 2024-04-30}\n")},
		want:  []string{`c.yaml:8:81: error: until 2024-04-30 is before from 2024-05-01 (at centres[0].staff[0].until)`},
	}, {
		name:  "missing required field",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": strings.Replace(centreYAML(""), "    name: Zentrum A\n", "", 1)},
		want:  []string{`c.yaml:2:5: error: missing required field "name" (at centres[0].name)`},
	}, {
		name:  "id not kebab-case",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": strings.Replace(centreYAML(""), "id: zentrum-a", "id: Zentrum_A", 1)},
		want:  []string{`c.yaml:2:9: error: "Zentrum_A" is not a valid id (at centres[0].id)`},
	}, {
		name:  "unknown programme",
		files: map[string]string{"c.yaml": centreYAML("")},
		want:  []string{`c.yaml:4:16: error: unknown programme "test-programm" (at centres[0].programme)`},
	}, {
		name:  "text where true/false is expected",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    offers:\n      - {id: cafe, title: Café, kind: elterncafe, childcare: ja}\n")},
		want:  []string{`c.yaml:8:62: error: expected true or false, found text "ja" (at centres[0].offers[0].childcare)`},
	}, {
		name:  "single value where a list is expected",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    legalBasis: § 16 SGB VIII\n")},
		want:  []string{`c.yaml:7:17: error: expected a list, found text "§ 16 SGB VIII" (at centres[0].legalBasis)`},
	}, {
		name:  "columns count characters, not bytes",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    offers:\n      - {id: cafe, title: Elterncafé für Väter, kind: elterncafe, fromm: 2024-01-01}\n")},
		want:  []string{`c.yaml:8:67: error: unknown field "fromm" in an offer; did you mean "from"? (at centres[0].offers[0].fromm)`},
	}, {
		name:  "two YAML documents in one file",
		files: map[string]string{"c.yaml": programmeYAML + "---\n" + centreYAML("")},
		want:  []string{`c.yaml:8:1: error: the file holds more than one YAML document (---); put each in its own file`},
	}, {
		name:  "empty file",
		files: map[string]string{"c.yaml": "\n"},
		want:  []string{`c.yaml:1:1: error: the file is empty`},
	}, {
		name:  "provider unresolved without a note",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": strings.Replace(centreYAML(""), "provider: traeger-a", "providerCandidates: [traeger-a]", 1)},
		want:  []string{`c.yaml:2:5: error: providerCandidates needs a providerNote (at centres[0].providerNote)`},
	}, {
		name:  "facilitation month given twice",
		files: map[string]string{"p.yaml": programmeYAML, "c.yaml": centreYAML("    facilitation:\n      - {month: \"2024-03\", hours: 5}\n      - {month: \"2024-03\", hours: 5}\n")},
		want:  []string{`c.yaml:9:17: error: facilitation for 2024-03 is already given at centres[0].facilitation[0] (at centres[0].facilitation[1].month)`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadAll(t, tt.files)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

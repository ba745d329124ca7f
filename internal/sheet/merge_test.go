package sheet

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

const mergeProgramme = `programmes:
  - id: musterstadt
    name: Familienzentren Musterstadt
    authority: Jugendamt Musterstadt
    land: DE-HE
    providers:
      - {id: traeger-a, name: Träger A}
`

const mergeCentre = `# Zentrum 1, von Hand gepflegt
centres:
  - id: c1
    name: Zentrum 1
    programme: musterstadt
    kind: family-centre
    provider: traeger-a
    offers:
      - {id: cafe, title: Elterncafé, kind: elterncafe}
      - {id: kurs, title: Elternkurs, kind: elternbildung}
    sessions:
      - {offer: cafe, date: 2024-03-01}  # erster Termin
      - {offer: kurs, date: 2024-05-01, themed: true}
      - {offer: cafe, date: 2024-09-01}
      - {offer: cafe, date: 2024-09-01}
`

// writeData writes files into a temporary directory and returns it.
func writeData(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readCSVText(t *testing.T, text string) *Table {
	t.Helper()
	tb, diags := Read("t.csv", []byte(text))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return tb
}

func errorsOf(diags diag.Diagnostics, dir string) []string {
	diags.Sort()
	var out []string
	for _, d := range diags {
		out = append(out, strings.ReplaceAll(d.Error(), dir+"/", ""))
	}
	return out
}

// TestImportPlacesDataDiagnostics checks that a warning about a session
// of the data is still placed at its line in the data file, though the
// import moved the session in the list; that rows are merged in date
// order; and that comments of the file are kept.
func TestImportPlacesDataDiagnostics(t *testing.T) {
	dir := writeData(t, map[string]string{"programme.yaml": mergeProgramme, "c1.yaml": mergeCentre})
	ds, base := loadValid(t, dir)
	tb := readCSVText(t, "Datum;Angebot;Erwachsene\n01.01.2024;cafe;4\n01.03.2024;cafe;5\n")
	res, diags := Import(ds, base, tb, Options{}, reloader(dir))
	want := []string{`c1.yaml:13:9: warning: themed session without a theme (at centres[0].sessions[1].theme)`}
	if diff := cmp.Diff(want, errorsOf(diags, dir)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	wantText := strings.Replace(mergeCentre, "      - {offer: cafe, date: 2024-03-01}  # erster Termin\n",
		"      - {offer: cafe, date: 2024-01-01, attendance: {adults: 4}}\n      - {offer: cafe, date: 2024-03-01, attendance: {adults: 5}} # erster Termin\n", 1)
	if diff := cmp.Diff(wantText, string(res.Text)); diff != "" {
		t.Errorf("merged file (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Count{{Centre: "c1", Added: 1, Changed: 1}}, res.Counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}

// TestImportProblems checks the problems only the data can show: a row
// for a session the data holds twice, a centre the data does not have,
// rows of another centre than --centre, centres in two files.
func TestImportProblems(t *testing.T) {
	other := strings.NewReplacer("c1", "c2", "Zentrum 1", "Zentrum 2").Replace(mergeCentre)
	dir := writeData(t, map[string]string{"programme.yaml": mergeProgramme, "c1.yaml": mergeCentre, "c2.yaml": other})
	ds, base := loadValid(t, dir)
	tests := []struct {
		name, text string
		opts       Options
		want       []string
		skipped    int
	}{
		{"ambiguous", "Zentrum;Datum;Angebot\nc1;01.09.2024;cafe\n", Options{}, []string{
			"c1.yaml:13:9: warning: themed session without a theme (at centres[0].sessions[1].theme)",
			"c2.yaml:13:9: warning: themed session without a theme (at centres[1].sessions[1].theme)",
			"t.csv:2:4: error: the data holds 2 sessions of cafe on 01.09.2024; the row cannot say which one it replaces (at t!B2)"}, 0},
		{"ambiguous-replace", "Zentrum;Datum;Angebot\nc1;01.09.2024;cafe\nc1;01.05.2024;kurs\n", Options{Centre: "c1", Replace: true}, []string{
			"c2.yaml:13:9: warning: themed session without a theme (at centres[1].sessions[1].theme)"}, 0},
		{"unknown-centre", "Zentrum;Datum;Angebot\nc3;01.10.2024;cafe\n", Options{}, []string{
			`t.csv:2:1: error: the data has no centre "c3"; did you mean "c1"? (at t!A2)`}, 0},
		{"two-files", "Zentrum;Datum;Angebot\nc1;01.10.2024;cafe\nc2;01.10.2024;cafe\n", Options{}, []string{
			"t.csv:3:1: error: centre \"c2\" is in c2.yaml, the centres of the rows before in c1.yaml (at t!A3)"}, 0},
		{"other-centre", "Zentrum;Datum;Angebot\nc1;01.10.2024;cafe\nc2;01.10.2024;cafe\n;02.10.2024;cafe\n", Options{Centre: "c2"}, []string{
			"c1.yaml:13:9: warning: themed session without a theme (at centres[0].sessions[1].theme)",
			"c2.yaml:13:9: warning: themed session without a theme (at centres[1].sessions[1].theme)"}, 1},
		{"no-row-of-centre", "Zentrum;Datum;Angebot\nc1;01.10.2024;cafe\n", Options{Centre: "c2"}, []string{
			`t.csv:1:1: error: the sheet holds no session of centre "c2", only 1 row of other centres`}, 1},
		{"no-rows", "Zentrum;Datum;Angebot\n", Options{}, []string{
			`t.csv:1:1: error: the sheet holds no session to import`}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Import(ds, base, readCSVText(t, tt.text), tt.opts, reloader(dir))
			if diff := cmp.Diff(tt.want, errorsOf(diags, dir)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if tt.name == "ambiguous-replace" {
				if diff := cmp.Diff([]Count{{Centre: "c1", Changed: 1, Unchanged: 1, Removed: 2}}, res.Counts); diff != "" {
					t.Errorf("counts (-want +got):\n%s", diff)
				}
			}
			if res.Skipped != tt.skipped {
				t.Errorf("%d rows skipped, want %d", res.Skipped, tt.skipped)
			}
			if diags.HasErrors() != (res.Text == nil) {
				t.Errorf("errors %v, but text %q", diags.HasErrors(), res.Text)
			}
		})
	}
}

// TestImportIntoJSON merges into a JSON data file: the result is
// indented JSON and reads as the same data with the new session.
func TestImportIntoJSON(t *testing.T) {
	const centre = `{"centres": [{"id": "c1", "name": "Zentrum 1", "programme": "musterstadt", "kind": "family-centre",
  "provider": "traeger-a", "offers": [{"id": "cafe", "title": "Elterncafé", "kind": "elterncafe"}],
  "sessions": [{"offer": "cafe", "date": "2024-03-01"}]}]}`
	dir := writeData(t, map[string]string{"programme.yaml": mergeProgramme, "c1.json": centre})
	ds, base := loadValid(t, dir)
	res, diags := Import(ds, base, readCSVText(t, "Datum;Angebot;Kinder\n01.04.2024;cafe;3\n"), Options{}, reloader(dir))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := `{
  "centres": [
    {
      "id": "c1",
      "name": "Zentrum 1",
      "programme": "musterstadt",
      "kind": "family-centre",
      "provider": "traeger-a",
      "offers": [
        {
          "id": "cafe",
          "title": "Elterncafé",
          "kind": "elterncafe"
        }
      ],
      "sessions": [
        {
          "offer": "cafe",
          "date": "2024-03-01"
        },
        {
          "offer": "cafe",
          "date": "2024-04-01",
          "attendance": {
            "children": 3
          }
        }
      ]
    }
  ]
}
`
	if diff := cmp.Diff(want, string(res.Text)); diff != "" {
		t.Errorf("merged file (-want +got):\n%s", diff)
	}
	got, diags := kiez.LoadContext(context.Background(), Overlay(nil, res.File, res.Text), dir)
	if diags.HasErrors() || len(got.Centres[0].Sessions) != 2 {
		t.Errorf("the merged file reads as %v, %v", got.Centres, diags)
	}
}

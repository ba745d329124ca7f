package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/internal/sheet"
	"github.com/kiez-go/kiez/kiez"
)

// TestImport runs kiez import, export and import --template and compares
// each transcript, with the temporary directory written $TMP, with a
// golden file; it checks what was written, and that nothing was written
// on an error.
func TestImport(t *testing.T) {
	t.Setenv(langEnv, "")
	tmp := t.TempDir()
	at := func(name string) string { return filepath.Join(tmp, name) }
	wiesbaden := "../../testdata/wiesbaden"
	tests := []struct {
		name string
		args []string
		code int
		// wrote is the file the command must write, "" for none; none
		// is the file it must not write.
		wrote, none string
	}{
		{"import-help", []string{"import", "-h"}, 0, "", ""},
		{"import-help-en", []string{"import", "-h", "--lang", "en"}, 0, "", ""},
		{"export-help-en", []string{"export", "--lang=en", "-h"}, 0, "", ""},
		{"import-no-into-en", []string{"import", "--lang", "en", "-o", at("x.yaml"), "testdata/import-sessions.csv"}, 2, "", at("x.yaml")},
		{"import-merge", []string{"import", "--into", fixtureProg, "--into", fixtureCentre, "-o", at("merged.yaml"), "testdata/import-sessions.csv"}, 0, at("merged.yaml"), ""},
		{"import-replace", []string{"import", "--replace", "--into", fixtureProg, "--into", fixtureCentre, "-o", at("replaced.yaml"), "testdata/import-sessions.csv"}, 0, at("replaced.yaml"), ""},
		{"import-errors", []string{"import", "--into", fixtureProg, "--into", fixtureCentre, "-o", at("errors.yaml"), "testdata/import-errors.csv"}, 1, "", at("errors.yaml")},
		{"import-invalid-data", []string{"import", "--into", "testdata/validate-small.yaml", "-o", at("invalid.yaml"), "testdata/import-sessions.csv"}, 1, "", at("invalid.yaml")},
		{"import-no-centre", []string{"import", "--into", wiesbaden, "-o", at("nocentre.yaml"), "testdata/import-sessions.csv"}, 1, "", at("nocentre.yaml")},
		{"import-no-into", []string{"import", "-o", at("x.yaml"), "testdata/import-sessions.csv"}, 2, "", at("x.yaml")},
		{"import-out-json", []string{"import", "--into", fixtureProg, "--into", fixtureCentre, "-o", at("x.json"), "testdata/import-sessions.csv"}, 2, "", at("x.json")},
		{"import-out-txt", []string{"import", "--into", fixtureCentre, "-o", at("x.txt"), "testdata/import-sessions.csv"}, 2, "", at("x.txt")},
		{"import-out-is-input", []string{"import", "--into", fixtureProg, "--into", fixtureCentre, "-o", fixtureCentre, "testdata/import-sessions.csv"}, 2, "", ""},
		{"import-template-xlsx", []string{"import", "--template", at("vorlage.xlsx"), "--into", wiesbaden, "--centre", "kiez-biebrich"}, 0, at("vorlage.xlsx"), ""},
		{"import-template-csv", []string{"import", "--template", at("vorlage.csv")}, 0, at("vorlage.csv"), ""},
		{"export-xlsx", []string{"export", "--centre", "kiez-biebrich", "-o", at("biebrich.xlsx"), wiesbaden}, 0, at("biebrich.xlsx"), ""},
		{"export-csv", []string{"export", "--centre", "c2", "-o", "-", "--format", "csv", fixtureProg, fixtureCentre}, 0, "", ""},
		{"export-csv-en", []string{"export", "--lang", "en", "--centre", "c2", "-o", "-", "--format", "csv", fixtureProg, fixtureCentre}, 0, "", ""},
		{"export-format-mismatch", []string{"export", "-o", at("x.csv"), "--format", "xlsx", fixtureProg, fixtureCentre}, 2, "", at("x.csv")},
		{"import-xlsx-errors", []string{"import", "--into", fixtureProg, "--into", fixtureCentre, "-o", at("broken.yaml"), at("broken.xlsx")}, 1, "", at("broken.yaml")},
		{"import-exported", []string{"import", "--into", wiesbaden, "-o", at("biebrich.yaml"), at("biebrich.xlsx")}, 0, at("biebrich.yaml"), ""},
	}
	writeBrokenWorkbook(t, at("broken.xlsx"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			got = strings.ReplaceAll(got, tmp, "$TMP")
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
			if tt.wrote != "" {
				if _, err := os.Stat(tt.wrote); err != nil {
					t.Errorf("not written: %v", err)
				}
			}
			if tt.none != "" {
				if _, err := os.Stat(tt.none); err == nil {
					t.Errorf("%s was written, though the command failed", tt.none)
				}
			}
		})
	}
	// What was written.
	for _, name := range []string{"merged.yaml", "replaced.yaml"} {
		data, err := os.ReadFile(at(name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("testdata", "import-"+strings.TrimSuffix(name, ".yaml")+".yaml.golden"), string(data))
	}
	orig, err := os.ReadFile(filepath.Join(wiesbaden, "kiez-biebrich.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	back, err := os.ReadFile(at("biebrich.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(orig), string(back)); diff != "" {
		t.Errorf("exported and imported again, the centre's file changed (-shipped +imported):\n%s", diff)
	}
	for _, name := range []string{"vorlage.xlsx", "vorlage.csv"} {
		data, err := os.ReadFile(at(name))
		if err != nil {
			t.Fatal(err)
		}
		tb, diags := sheet.Read(name, data)
		if len(diags) > 0 || len(tb.Rows) != 0 || len(tb.Columns) != len(sheet.Columns()) {
			t.Errorf("the template %s reads as %d rows, columns %v, %v", name, len(tb.Rows), tb.Columns, diags)
		}
	}
	if data, _ := os.ReadFile(at("vorlage.csv")); !bytes.HasPrefix(data, []byte("\uFEFFZentrum;Datum;Angebot;")) {
		t.Errorf("the CSV template starts %q", data[:min(len(data), 40)])
	}
}

// writeBrokenWorkbook writes the fixture centre's sessions as a workbook
// with mistakes typed into three cells: an unknown offer, a day that does
// not exist, a count in words.
func writeBrokenWorkbook(t *testing.T, name string) {
	t.Helper()
	ds, diags := kiez.LoadFiles(fixtureProg, fixtureCentre)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b bytes.Buffer
	if err := sheet.Export(&b, sheet.FormatXLSX, []*kiez.Centre{&ds.Centres[0]}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range map[string]string{"C2": "caffe", "B3": "31.04.2024", "F4": "vier"} {
		if err := f.SetCellStr(sheet.SheetName, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
}

package report_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/report"
)

// readCSV reads CSV as WriteCSV writes it: a byte order mark, semicolons,
// records of any length.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("no byte order mark")
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	cr.Comma, cr.FieldsPerRecord = ';', -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestCSVTables writes the tables of every report into a directory and
// compares each file with the same table in the report's CSV: the header
// line and the rows but the totals, byte for byte the same fields.
func TestCSVTables(t *testing.T) {
	names, reports := xlsxReports(t)
	for _, name := range names {
		r := reports[name]
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "neu", "tabellen")
			if err := report.WriteCSVTables(dir, r); err != nil {
				t.Fatal(err)
			}
			var full bytes.Buffer
			if err := report.WriteCSV(&full, r); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, full.Bytes())
			// The report's CSV: title, subtitle, metadata and notes, then
			// per table an empty line (which the reader skips), its title,
			// header, rows and notes.
			at := 1 + len(r.Meta) + len(r.Notes)
			if r.Subtitle != "" {
				at++
			}
			var want []string
			for _, s := range r.Sections {
				for _, tb := range s.Tables {
					file := tb.ID + ".csv"
					want = append(want, file)
					at++
					exp := [][]string{recs[at]}
					for i, row := range tb.Rows {
						if !row.Total {
							exp = append(exp, recs[at+1+i])
						}
					}
					at += 1 + len(tb.Rows) + len(tb.Notes)
					b, err := os.ReadFile(filepath.Join(dir, file))
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(exp, readCSV(t, b)); diff != "" {
						t.Errorf("%s (-want +got):\n%s", file, diff)
					}
					if !bytes.Contains(b, []byte("\r\n")) {
						t.Errorf("%s: lines not ended by CRLF", file)
					}
				}
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			slices.Sort(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("files in the directory (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCSVTablesReplace replaces existing files whole, keeping their mode
// and leaving other files alone, and refuses a table file that is not a
// regular file before writing anything.
func TestCSVTablesReplace(t *testing.T) {
	r := goldenByName(t, "wiesbaden-staffing")
	dir := t.TempDir()
	first := r.Sections[0].Tables[0].ID + ".csv"
	if err := os.WriteFile(filepath.Join(dir, first), []byte("alt"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notiz.txt"), []byte("bleibt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteCSVTables(dir, r); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, first))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's -rw-------", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, first)); bytes.Contains(b, []byte("alt")) {
		t.Error("the old content is still there")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notiz.txt")); string(b) != "bleibt" {
		t.Error("another file was changed")
	}
	// A table file that is a directory: nothing is written.
	dir2 := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir2, r.Sections[len(r.Sections)-1].Tables[0].ID+".csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = report.WriteCSVTables(dir2, r)
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("got %v, want an error about a file that is not regular", err)
	}
	entries, _ := os.ReadDir(dir2)
	if len(entries) != 1 {
		t.Errorf("%d entries, want only the directory", len(entries))
	}
	// A table id that is no file name.
	bad := &report.Report{Sections: []report.Section{{Tables: []report.Table{{ID: "../x"}}}}}
	if err := report.WriteCSVTables(t.TempDir(), bad); err == nil || !strings.Contains(err.Error(), "not a file name") {
		t.Errorf("got %v, want an error about the id", err)
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// TestDiffXLSX writes the Folgenabschätzung of kiez diff as a workbook
// on standard output and checks that it is the report of the same
// comparison, made here with the library, as report.WriteXLSX writes it,
// byte for byte; then it reads the workbook back: a first sheet with the title, a
// sheet per table with the column labels in the first row and, below,
// a row per row of the table, its text cells as the report has them.
func TestDiffXLSX(t *testing.T) {
	t.Setenv(langEnv, "")
	args := []string{"--set", raiseFree, "--period", "2025", bkData}
	for _, published := range []bool{false, true} {
		t.Run(fmt.Sprintf("published=%v", published), func(t *testing.T) {
			cli := slices.Concat([]string{"diff", "--format", "xlsx"}, args)
			var opts []report.Option
			if published {
				cli = append(cli, "--published")
				opts = append(opts, report.WithPublished())
			}
			var stdout, stderr bytes.Buffer
			if code := run(cli, &stdout, &stderr); code != exitOK || stderr.Len() > 0 {
				t.Fatalf("exit %d, stderr %s", code, stderr.String())
			}
			r, err := report.Impact(raisedFreeComparison(t), opts...)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := report.WriteXLSX(&want, r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(stdout.Bytes(), want.Bytes()) {
				t.Error("the workbook of kiez diff --format xlsx differs from report.WriteXLSX of the comparison's report")
			}
			f, err := excelize.OpenReader(bytes.NewReader(stdout.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheets := f.GetSheetList()
			if len(sheets) == 0 || sheets[0] != "Bericht" {
				t.Fatalf("sheets %q, want Bericht first", sheets)
			}
			if title, _ := f.GetCellValue("Bericht", "A1"); title != r.Title {
				t.Errorf("title %q, want %q", title, r.Title)
			}
			next, compared := 1, 0
			for _, sec := range r.Sections {
				for _, tb := range sec.Tables {
					if next >= len(sheets) {
						t.Fatalf("no sheet for table %s; sheets %q", tb.ID, sheets)
					}
					rows, err := f.GetRows(sheets[next], excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					next++
					if len(rows) < 1+len(tb.Rows) {
						t.Errorf("table %s: %d rows in the sheet, want a header and %d", tb.ID, len(rows), len(tb.Rows))
						continue
					}
					if len(rows[0]) != len(tb.Columns) {
						t.Errorf("table %s: header %q for %d columns", tb.ID, rows[0], len(tb.Columns))
					}
					var got, want [][]string
					for i, row := range tb.Rows {
						var g, w []string
						for j, c := range row.Cells {
							s, ok := c.Value.(string)
							if !ok || c.Suppressed != "" || tb.Columns[j].Type != report.TypeText {
								continue
							}
							w = append(w, s)
							compared++
							if j < len(rows[1+i]) {
								g = append(g, rows[1+i][j])
							} else {
								g = append(g, "")
							}
						}
						got, want = append(got, g), append(want, w)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("table %s: text cells (-report +workbook):\n%s", tb.ID, diff)
					}
				}
			}
			if compared == 0 {
				t.Error("no text cell compared")
			}
			t.Logf("%d tables, %d text cells compared", next-1, compared)
			if next != len(sheets) {
				t.Errorf("%d sheets for %d tables", len(sheets), next-1)
			}
		})
	}
}

// TestDiffXLSXTerminal: a workbook is not written to a terminal (a
// character device, which /dev/null stands in for), by diff as by plan.
func TestDiffXLSXTerminal(t *testing.T) {
	t.Setenv(langEnv, "")
	tty, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer tty.Close()
	if !isTerminal(tty) {
		t.Skipf("%s is no character device here", os.DevNull)
	}
	var stderr bytes.Buffer
	if code := run([]string{"diff", "--format", "xlsx", "--set", raiseFree, "--period", "2025", bkData}, tty, &stderr); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	want := "kiez diff: --format xlsx schreibt eine Arbeitsmappe, keinen Text für ein Terminal; die Standardausgabe in eine Datei umleiten (> folgen.xlsx)\n\"kiez diff -h\" zeigt, wie der Befehl aufgerufen wird.\n"
	if diff := cmp.Diff(want, stderr.String()); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	stderr.Reset()
	if code := run([]string{"plan", "--programme", "thueringen-thekiz", "--year", "2025", "--format", "xlsx", thDir}, tty, &stderr); code != exitUsage {
		t.Errorf("plan: exit %d, want %d", code, exitUsage)
	}
	if want := "kiez plan: --format xlsx schreibt eine Arbeitsmappe"; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("plan: stderr %q, want it to start with %q", stderr.String(), want)
	}
}

// raisedFreeComparison compares the embedded programme of bkData with
// itself after --set raiseFree, for 2025, with the library, as kiez
// diff --set raiseFree --period 2025 bkData does.
func raisedFreeComparison(t *testing.T) *whatif.Comparison {
	t.Helper()
	ctx := context.Background()
	ds, _, err := loadDataInputs(ctx, io.Discard, []string{bkData})
	if err != nil || ds == nil {
		t.Fatalf("the data does not load: %v", err)
	}
	old := programmesOf(selectProgrammes(newTexts(langDE), ds, nil, nil, newSources()).sets)
	o, err := parseOverride(raiseFree)
	if err != nil {
		t.Fatal(err)
	}
	raised, err := applyOverrides(old, []override{o})
	if err != nil {
		t.Fatal(err)
	}
	c, err := whatif.Compare(ctx, ds,
		whatif.Side{Label: "bisher", RuleSets: old, Period: rules.Year(2025)},
		whatif.Side{Label: "neu", RuleSets: raised, Period: rules.Year(2025)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

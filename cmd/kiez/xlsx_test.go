package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/rules"
)

// TestReportXLSX writes a report with -o r.xlsx (the format from the
// extension), compares it with --format xlsx on standard output, and
// reads it back: a first sheet and a sheet per table of the JSON report.
func TestReportXLSX(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	dir := t.TempDir()
	name := filepath.Join(dir, "r.xlsx")
	base := []string{"report", "--rules", fixtureRules, "--period", "2024"}
	data := []string{fixtureProg, fixtureCentre}
	var stdout, stderr bytes.Buffer
	if code := run(slices.Concat(base, []string{"-o", name}, data), &stdout, &stderr); code != exitOK || stdout.Len() > 0 {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout.String(), stderr.String())
	}
	file, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run(slices.Concat(base, []string{"--format", "xlsx"}, data), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !bytes.Equal(file, stdout.Bytes()) {
		t.Error("-o r.xlsx and --format xlsx differ")
	}
	stdout.Reset()
	if code := run(slices.Concat(base, []string{"--format", "json"}, data), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var env struct {
		Report struct {
			Title    string
			Sections []struct{ Tables []struct{ ID string } }
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &env); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	tables := 0
	for _, s := range env.Report.Sections {
		tables += len(s.Tables)
	}
	if len(sheets) != 1+tables || sheets[0] != "Bericht" {
		t.Errorf("sheets %q for %d tables", sheets, tables)
	}
	if title, _ := f.GetCellValue("Bericht", "A1"); title != env.Report.Title {
		t.Errorf("title %q, want %q", title, env.Report.Title)
	}
}

// TestCheckXLSX writes the verdicts of two programmes' testdata as a
// workbook and compares the
// results sheet with the results of --format json, row by row, and the
// counts sheet with their counts.
func TestCheckXLSX(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	name := filepath.Join(t.TempDir(), "ergebnis.xlsx")
	args := []string{"check", "--period", "2024", "../../testdata/wiesbaden", "../../testdata/thueringen"}
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"check", "-o", name}, args[1:]...), &stdout, &stderr); code != exitOK || stdout.Len() > 0 {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run(append([]string{"check", "--format", "json"}, args[1:]...), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var env struct{ Results []rules.Result }
	if err := json.Unmarshal(stdout.Bytes(), &env); err != nil {
		t.Fatal(err)
	}
	// With KIEZ_NOW fixed, the same check gives the same bytes.
	stdout.Reset()
	if code := run(append([]string{"check", "--format", "xlsx"}, args[1:]...), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if b, err := os.ReadFile(name); err != nil || !bytes.Equal(b, stdout.Bytes()) {
		t.Errorf("-o ergebnis.xlsx and --format xlsx differ (%v)", err)
	}
	f, err := excelize.OpenFile(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]string{"Ergebnisse", "Anzahl"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	got, err := f.GetRows("Ergebnisse")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Programm", "Regel", "Gegenstand", "Ergebnis", "Schwere", "Anforderungen", "Meldung"}}
	counts := map[string]map[string]int{}
	for _, r := range env.Results {
		severity := ""
		if isProblem(r.Outcome) {
			severity = newTexts(langDE).severity(r.Severity)
		}
		want = append(want, []string{r.Programme, r.Rule, r.Subject, r.Outcome.Label(), severity,
			strings.Join(r.Requirements, ", "), resultMessage(newTexts(langDE), r)})
		subject := r.Centre
		if subject == "" {
			subject = r.Programme
		}
		for _, key := range []string{r.Programme + "/" + subject, r.Programme + "/gesamt"} {
			if counts[key] == nil {
				counts[key] = map[string]int{}
			}
			counts[key][r.Outcome.Label()]++
			counts[key]["gesamt"]++
		}
	}
	if len(env.Results) < 100 {
		t.Fatalf("only %d results", len(env.Results))
	}
	pad := func(rows [][]string) [][]string {
		for i, r := range rows {
			for len(r) < 7 {
				r = append(r, "")
			}
			rows[i] = r
		}
		return rows
	}
	if diff := cmp.Diff(want, pad(got)); diff != "" {
		t.Errorf("results sheet (-want +got):\n%s", diff)
	}
	if p, err := f.GetPanes("Ergebnisse"); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v %v", p, err)
	}
	rows, err := f.GetRows("Anzahl")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 {
		t.Fatalf("counts sheet: %q", rows)
	}
	head := rows[0]
	gotCounts := map[string]map[string]int{}
	for _, row := range rows[1:] {
		m := map[string]int{}
		for i := 2; i < len(row) && i < len(head); i++ {
			n, err := strconv.Atoi(row[i])
			if err != nil {
				t.Fatalf("counts sheet: %q is not a number", row[i])
			}
			if n > 0 {
				m[head[i]] = n
			}
		}
		gotCounts[row[0]+"/"+row[1]] = m
	}
	if diff := cmp.Diff(counts, gotCounts); diff != "" {
		t.Errorf("counts sheet (-want +got):\n%s", diff)
	}
}

// TestReportCSVTables writes each table as its own CSV file into a new
// directory, and refuses --csv-tables beside -o or --format, or naming a
// file.
func TestReportCSVTables(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tabellen")
	base := []string{"report", "--rules", fixtureRules, "--period", "2024"}
	data := []string{fixtureProg, fixtureCentre}
	var stdout, stderr bytes.Buffer
	if code := run(slices.Concat(base, []string{"--csv-tables", dir}, data), &stdout, &stderr); code != exitOK || stdout.Len() > 0 {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout.String(), stderr.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) == 0 {
		t.Fatal("no table was written")
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".csv") {
			t.Errorf("%s is not a table's CSV", e.Name())
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\ufeff")) || !bytes.Contains(b, []byte(";")) {
			t.Errorf("%s: not CSV for German spreadsheets: %q", e.Name(), b)
		}
	}
	file := filepath.Join(t.TempDir(), "datei")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--csv-tables", dir, "-o", "r.md"}, "-o weglassen"},
		{[]string{"--csv-tables", dir, "--format", "csv"}, "--format weglassen"},
		{[]string{"--csv-tables", file}, "ist kein Verzeichnis"},
	} {
		stderr.Reset()
		if code := run(slices.Concat(base, tt.args, data), &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr.String(), exitUsage, tt.msg)
		}
	}
}

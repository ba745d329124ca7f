package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// staffingReport builds the staffing report of the two Musterstadt
// centres of ExampleCompliance.
func staffingReport(opts ...report.Option) (*report.Report, error) {
	ds, diags := kiez.Decode("musterstadt-daten.yaml", []byte(centres))
	eng, err := rules.NewEngine(nil)
	if err := errors.Join(diags.Err(), err); err != nil {
		return nil, err
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		return nil, err
	}
	return report.Staffing(ev, "musterstadt", opts...)
}

// The JSON form is the document model: metadata with values for machines
// beside the text, and every table with typed columns and cells.
func ExampleWriteJSON() {
	r, err := staffingReport(report.WithPublished())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.WriteJSON(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "kind": "staffing",
	//   "language": "de",
	//   "title": "Personalübersicht zum 31.12.2024",
	//   "subtitle": "Familienzentren Musterstadt",
	//   "published": true,
	//   "threshold": 3,
	//   "meta": [
	//     {
	//       "key": "programme",
	//       "label": "Programm",
	//       "value": "Familienzentren Musterstadt"
	//     },
	//     {
	//       "key": "reference-date",
	//       "label": "Stichtag",
	//       "value": "31.12.2024",
	//       "data": "2024-12-31"
	//     },
	//     {
	//       "key": "edition",
	//       "label": "Fassung",
	//       "value": "zur Veröffentlichung (Zahlen unter 3 unterdrückt)"
	//     }
	//   ],
	//   "notes": [
	//     "„<3“: weniger als 3 Personen; der Wert ist zum Schutz der Familien unterdrückt.",
	//     "„x“: Wert unterdrückt, damit kein unterdrückter Wert aus Summen oder aus anderen Tabellen des Berichts zurückgerechnet werden kann."
	//   ],
	//   "sections": [
	//     {
	//       "id": "positions",
	//       "title": "Stellen",
	//       "text": [
	//         "Keine Vollzeit angegeben: Vollzeitäquivalente bleiben leer.",
	//         "In der veröffentlichten Fassung sind die Stellen nur nach Funktion zusammengefasst; Funktionen mit weniger als 3 Stellen stehen unter „Weitere Funktionen“ und werden ausgelassen, wenn auch diese weniger als 3 Stellen sind. Stunden einzelner Stellen und Zentren werden nicht gezeigt."
	//       ]
	//     },
	//     {
	//       "id": "by-centre",
	//       "title": "Personal je Zentrum",
	//       "tables": [
	//         {
	//           "id": "by-centre",
	//           "columns": [
	//             {
	//               "key": "centre",
	//               "label": "Zentrum",
	//               "type": "text"
	//             },
	//             {
	//               "key": "positions",
	//               "label": "Stellen",
	//               "type": "count"
	//             }
	//           ],
	//           "rows": [
	//             {"cells":[{"value":"fz-nord","text":"Familienzentrum Nord"},{"value":1,"text":"1"}]},
	//             {"cells":[{"value":"fz-sued","text":"Familienzentrum Süd"},{"value":1,"text":"1"}]},
	//             {"cells":[{"value":"Summe","text":"Summe"},{"value":2,"text":"2"}],"total":true}
	//           ]
	//         }
	//       ]
	//     }
	//   ]
	// }
}

// The HTML page needs no other file: styles and charts are inside.
func ExampleWriteHTML() {
	r, err := staffingReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	page := buf.String()
	fmt.Println(regexp.MustCompile(`<title>.*</title>`).FindString(page))
	fmt.Println(strings.Count(page, "<table"), "Tabellen,", strings.Count(page, "<svg"), "Diagramme,",
		strings.Contains(page, "<link"), strings.Contains(page, "<script"))
	// Output:
	// <title>Personalübersicht zum 31.12.2024</title>
	// 3 Tabellen, 1 Diagramme, false false
}

// An Excel workbook: a first sheet with title and metadata, then a sheet
// per table.
func ExampleWriteXLSX() {
	r, err := staffingReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			fmt.Println(err)
			return
		}
		var wb bytes.Buffer
		_, err = wb.ReadFrom(rc)
		rc.Close()
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, m := range regexp.MustCompile(`<sheet name="([^"]*)"`).FindAllStringSubmatch(wb.String(), -1) {
			fmt.Println(m[1])
		}
	}
	// Output:
	// Bericht
	// Stellen
	// Personal je Zentrum
	// Nach Rolle
}

// One CSV file per table, named by the table's id, for imports and pivot
// tables: the header line and the rows, without total rows.
func ExampleWriteCSVTables() {
	r, err := staffingReport(report.WithLanguage(report.English), report.WithFullTimeHours(decimal.NewFromInt(39)))
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "tabellen")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := report.WriteCSVTables(dir, r); err != nil {
		fmt.Println(err)
		return
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	data, err := os.ReadFile(filepath.Join(dir, "by-centre.csv"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n"))
	// Output:
	// by-centre.csv
	// by-role.csv
	// positions.csv
	// Centre;Positions;Hours (h/week);Full-time equivalents;Release time (h/week)
	// Familienzentrum Nord;1;39;1.00;1.5
	// Familienzentrum Süd;1;30;0.77;2
}

// Write renders in a format chosen at run time, e.g. from a file's
// extension or a request parameter. Formats lists the text formats;
// FormatXLSX is the one that is not text.
func ExampleParseFormat() {
	fmt.Println(report.Formats())
	r, err := staffingReport()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range []string{"markdown", "pdf"} {
		f, err := report.ParseFormat(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f); err != nil {
			fmt.Println(err)
			continue
		}
		first, _, _ := strings.Cut(buf.String(), "\n")
		fmt.Println(f, first)
	}
	// Output:
	// [json csv md html]
	// md # Personalübersicht zum 31.12.2024
	// report: unknown format "pdf" (use json, csv, md, html or xlsx)
}

// Audit proves that no withheld count can be worked out from what a
// published report shows. Here a hand-made table withholds a count of 2
// as "<3" but shows the other count and the total, so the count is
// exactly 7 − 5: Audit finds it.
func ExampleAudit() {
	count := func(n int) report.Cell { return report.Cell{Value: n, Text: fmt.Sprint(n)} }
	r := &report.Report{Kind: report.KindCentreAnnual, Title: "Teilnahmen", Published: true, Threshold: 3,
		Sections: []report.Section{{ID: "months", Title: "Teilnahmen nach Monat", Tables: []report.Table{{
			ID: "months",
			Columns: []report.Column{
				{Key: "month", Label: "Monat", Type: report.TypeText},
				{Key: "adults", Label: "Erwachsene", Type: report.TypeCount, Persons: true},
			},
			Rows: []report.Row{
				{Cells: []report.Cell{{Value: "2024-01", Text: "Januar"}, {Text: "<3", Suppressed: report.Primary}}},
				{Cells: []report.Cell{{Value: "2024-02", Text: "Februar"}, count(5)}},
				{Cells: []report.Cell{{Text: "Summe"}, count(7)}, Total: true},
			},
		}}}},
	}
	err := report.Audit(r)
	var de *report.DisclosureError
	if errors.As(err, &de) {
		for _, x := range de.Exposures {
			fmt.Println(x)
		}
	}
	// Output:
	// table months, row 1, column adults: the report leaves only 2..2 for a count below 3
}

// A check a program can run before it publishes: the published report
// contains none of the data's free-text notes and no staff id.
func ExampleNotes() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.ProgrammeAnnual(ev, "bad-kreuznach-familienzentren", report.WithPublished())
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	published := buf.String()
	leaked := 0
	for _, s := range append(report.Notes(ds), report.StaffIDs(ds)...) {
		if strings.Contains(published, s) {
			leaked++
		}
	}
	fmt.Println(len(report.Notes(ds)) > 0, len(report.StaffIDs(ds)) > 0, leaked)
	// Output:
	// true true 0
}

// One table on its own, for an import: no title, no totals. Sections and
// tables are found by their ids.
func ExampleWriteCSVTable() {
	r, err := staffingReport(report.WithLanguage(report.English))
	if err != nil {
		fmt.Println(err)
		return
	}
	t := r.Section("by-role").Table("by-role")
	name, err := report.CSVTableName(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteCSVTable(&buf, r, t); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(name)
	fmt.Printf("%q\n", buf.String())
	// Output:
	// by-role.csv
	// "\ufeffRole;Positions;Hours (h/week);Full-time equivalents;Release time (h/week)\r\nHead of family centre;2;69;;3.5\r\n"
}

// Options set a plain Config, which a program can keep, show or build
// options from.
func ExampleDefaultConfig() {
	c := report.DefaultConfig()
	fmt.Println(c.Language, c.Published, c.Threshold)
	for _, o := range []report.Option{report.WithPublished(), report.WithThreshold(5), report.WithLanguage(report.English)} {
		o(&c)
	}
	fmt.Println(c.Language, c.Published, c.Threshold)
	// Output:
	// de false 3
	// en true 5
}

package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/internal/xlsxfile"
	"github.com/kiez-go/kiez/kiez"
)

// Format is the kind of a sheet file.
type Format int

// The formats of sheet files.
const (
	FormatUnknown Format = iota
	// FormatXLSX is an Excel workbook.
	FormatXLSX
	// FormatCSV is CSV for German spreadsheets: UTF-8 with a byte order
	// mark, semicolons, a decimal comma, dates DD.MM.YYYY, CRLF line ends.
	FormatCSV
)

// FormatOf returns the format a file name's extension names.
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		return FormatXLSX
	case ".csv", ".tsv", ".txt":
		return FormatCSV
	}
	return FormatUnknown
}

// lastRow is the last row the data validation of a written workbook
// covers.
const lastRow = MaxRows + 1

// Export writes the sessions of the centres as one sheet, one row per
// session in the order of the data, with every column. Read reads it back
// to the same sessions.
func Export(w io.Writer, f Format, centres []*kiez.Centre) error {
	return write(w, f, centres, true)
}

// Template writes a sheet with the headers and no sessions. A workbook
// also gets a sheet of explanations and, for the centres given (none is
// fine), lists of their offers and Kitas to pick from in the cells.
func Template(w io.Writer, f Format, centres []*kiez.Centre) error {
	return write(w, f, centres, false)
}

func write(w io.Writer, f Format, centres []*kiez.Centre, withSessions bool) error {
	switch f {
	case FormatXLSX:
		return writeXLSX(w, centres, withSessions)
	case FormatCSV:
		return writeCSV(w, centres, withSessions)
	}
	return fmt.Errorf("unknown sheet format; name an .xlsx or .csv file")
}

// rowValues returns a session's cells as text for CSV, by column key.
func rowValues(centre string, s *kiez.Session) map[string]string {
	v := map[string]string{colCentre: centre, colDate: germanDate(s.Date), colOffer: s.Offer, colKita: s.Kita, colTheme: s.Theme}
	if !s.Hours.IsZero() {
		v[colHours] = strings.Replace(s.Hours.String(), ".", ",", 1)
	}
	count := func(key string, n int) {
		if n != 0 {
			v[key] = strconv.Itoa(n)
		}
	}
	count(colAdults, s.Attendance.Adults)
	count(colChildren, s.Attendance.Children)
	count(colFamilies, s.Attendance.Families)
	if s.Themed {
		v[colThemed] = "ja"
	}
	if s.Cancelled {
		v[colCancelled] = "ja"
	}
	return v
}

func germanDate(d date.Date) string { return words.German.Date(d) }

func writeCSV(w io.Writer, centres []*kiez.Centre, withSessions bool) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	cols := columnList()
	rec := make([]string, len(cols))
	for i, c := range cols {
		rec[i] = c.Header
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	if withSessions {
		for _, ce := range centres {
			for j := range ce.Sessions {
				v := rowValues(ce.ID, &ce.Sessions[j])
				for i, c := range cols {
					rec[i] = v[c.Key]
				}
				if err := cw.Write(rec); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// serial is a date's serial day number in a workbook (1900 date system).
func serial(d date.Date) int64 { return int64(d.Sub(date.New(1899, 12, 30))) }

func writeXLSX(w io.Writer, centres []*kiez.Centre, withSessions bool) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	// Every call below can fail only on a wrong argument of ours; the
	// first error is kept.
	check := func(e error) {
		if err == nil && e != nil {
			err = e
		}
	}
	check(f.SetSheetName(f.GetSheetName(0), SheetName))
	cols := columnList()
	bold, e := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	check(e)
	dateFmt := "dd.mm.yyyy"
	dateStyle, e := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	check(e)
	for i, c := range cols {
		cell := columnLetters(i+1) + "1"
		check(f.SetCellStr(SheetName, cell, c.Header))
		check(f.SetColWidth(SheetName, columnLetters(i+1), columnLetters(i+1), c.Width))
	}
	check(f.SetCellStyle(SheetName, "A1", columnLetters(len(cols))+"1", bold))
	check(f.SetPanes(SheetName, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	letter := map[string]string{}
	for i, c := range cols {
		letter[c.Key] = columnLetters(i + 1)
	}
	check(f.SetColStyle(SheetName, letter[colDate], dateStyle))
	if withSessions {
		row := 1
		for _, ce := range centres {
			for j := range ce.Sessions {
				row++
				s := &ce.Sessions[j]
				at := func(key string) string { return letter[key] + strconv.Itoa(row) }
				check(f.SetCellStr(SheetName, at(colCentre), ce.ID))
				check(f.SetCellInt(SheetName, at(colDate), serial(s.Date)))
				check(f.SetCellStyle(SheetName, at(colDate), at(colDate), dateStyle))
				check(f.SetCellStr(SheetName, at(colOffer), s.Offer))
				if s.Kita != "" {
					check(f.SetCellStr(SheetName, at(colKita), s.Kita))
				}
				if !s.Hours.IsZero() {
					check(f.SetCellFloat(SheetName, at(colHours), s.Hours.InexactFloat64(), -1, 64))
				}
				for key, n := range map[string]int{colAdults: s.Attendance.Adults, colChildren: s.Attendance.Children, colFamilies: s.Attendance.Families} {
					if n != 0 {
						check(f.SetCellInt(SheetName, at(key), int64(n)))
					}
				}
				if s.Themed {
					check(f.SetCellStr(SheetName, at(colThemed), "ja"))
				}
				if s.Theme != "" {
					check(f.SetCellStr(SheetName, at(colTheme), s.Theme))
				}
				if s.Cancelled {
					check(f.SetCellStr(SheetName, at(colCancelled), "ja"))
				}
			}
		}
	}
	check(addValidation(f, centres, letter))
	check(addExplanations(f))
	f.SetActiveSheet(0)
	if err != nil {
		return err
	}
	return xlsxfile.Write(w, f)
}

// addValidation offers lists in the cells: the centres, their offers and
// Kitas (from a hidden sheet Listen), ja and nein; and bounds the numbers.
func addValidation(f *excelize.File, centres []*kiez.Centre, letter map[string]string) error {
	if _, err := f.NewSheet(listSheet); err != nil {
		return err
	}
	lists := map[string][]string{}
	for _, ce := range centres {
		lists[colCentre] = append(lists[colCentre], ce.ID)
		for _, o := range ce.Offers {
			lists[colOffer] = append(lists[colOffer], o.ID)
		}
		for _, k := range ce.Catchment {
			lists[colKita] = append(lists[colKita], k.ID)
		}
		for _, k := range ce.VerbundKitas {
			lists[colKita] = append(lists[colKita], k.ID)
		}
		if ce.OwnKita != nil {
			lists[colKita] = append(lists[colKita], ce.OwnKita.ID)
		}
	}
	rng := func(key string) string { return letter[key] + "2:" + letter[key] + strconv.Itoa(lastRow) }
	for i, key := range []string{colCentre, colOffer, colKita} {
		ids := unique(lists[key])
		col := columnLetters(i + 1)
		if err := f.SetCellStr(listSheet, col+"1", headerOf(key)); err != nil {
			return err
		}
		for j, id := range ids {
			if err := f.SetCellStr(listSheet, col+strconv.Itoa(j+2), id); err != nil {
				return err
			}
		}
		if len(ids) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rng(key))
		dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", listSheet, col, col, len(ids)+1))
		dv.SetError(excelize.DataValidationErrorStyleStop, "Unbekannte Kennung", "Bitte eine Kennung aus der Liste wählen.")
		if err := f.AddDataValidation(SheetName, dv); err != nil {
			return err
		}
	}
	if err := f.SetSheetVisible(listSheet, false); err != nil {
		return err
	}
	for _, key := range []string{colThemed, colCancelled} {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rng(key))
		if err := dv.SetDropList([]string{"ja", "nein"}); err != nil {
			return err
		}
		if err := f.AddDataValidation(SheetName, dv); err != nil {
			return err
		}
	}
	for _, key := range []string{colAdults, colChildren, colFamilies} {
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(rng(key))
		if err := dv.SetRange(0, 100000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Keine Anzahl", "Bitte eine ganze Zahl von 0 bis 100000 eingeben.")
		if err := f.AddDataValidation(SheetName, dv); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(rng(colHours))
	if err := dv.SetRange(0, 24, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Keine Stundenzahl", "Bitte eine Zahl von 0 bis 24 eingeben.")
	return f.AddDataValidation(SheetName, dv)
}

func unique(ids []string) []string {
	sort.Strings(ids)
	out := ids[:0]
	for i, id := range ids {
		if i == 0 || id != ids[i-1] {
			out = append(out, id)
		}
	}
	return out
}

// addExplanations adds the sheet that says what each column holds.
func addExplanations(f *excelize.File) error {
	if _, err := f.NewSheet(explanationSheet); err != nil {
		return err
	}
	lines := [][]string{
		{"Termine für kiez import: eine Zeile je Termin im Blatt " + SheetName + ", die Überschriften in Zeile 1."},
		{"Keine Namen, keine Notizen: Die Tabelle enthält nur Zahlen und Kennungen (Datenschutz). Unbekannte Spalten werden abgelehnt."},
		{"Leere Zeilen werden übersprungen. Eine Zeile mit demselben Datum, Angebot und derselben Kita wie ein Termin in den Daten ersetzt ihn."},
		{},
		{"Spalte", "Schlüssel", "Pflicht", "Inhalt", "Beispiel"},
	}
	for _, c := range columnList() {
		req := ""
		if c.Required {
			req = "ja"
		}
		lines = append(lines, []string{c.Header, c.Key, req, c.Explanation, c.Example})
	}
	for i, l := range lines {
		for j, v := range l {
			if err := f.SetCellStr(explanationSheet, columnLetters(j+1)+strconv.Itoa(i+1), v); err != nil {
				return err
			}
		}
	}
	for col, width := range map[string]float64{"A": 20, "B": 20, "C": 8, "D": 100, "E": 26} {
		if err := f.SetColWidth(explanationSheet, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

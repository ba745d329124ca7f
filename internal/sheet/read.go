package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// MaxRows is the most data rows a sheet may hold: ten years of a large
// centre's sessions fit many times over.
const MaxRows = 100_000

// maxThemeLength is the most characters a theme may have: the title of a
// topic, not a note.
const maxThemeLength = 200

// Loc is where a value of a sheet is.
type Loc struct {
	// Range is the position in the file: for XLSX the row number as line
	// and the column number as column; for CSV the line, the character
	// column and the byte offset of the field in Table.Source.
	Range diag.Range
	// Cell names the cell as a spreadsheet shows it: "Termine!B7". A CSV
	// file's sheet is its name without the extension, as spreadsheet
	// programs name it.
	Cell string
}

// Row is one session read from a sheet.
type Row struct {
	// Centre is the centre the row names in its zentrum column; empty
	// when the sheet has no such column or the cell is empty.
	Centre  string
	Session kiez.Session
	// Number is the row's number in the sheet, counting from 1; the
	// header is a row.
	Number int
	at     map[string]Loc
	filled map[string]bool // the columns whose cell is not empty
	first  Loc
}

// At returns where the value of the column with the key is; the row's
// first cell when the sheet has no such column.
func (r *Row) At(key string) Loc {
	if l, ok := r.at[key]; ok {
		return l
	}
	return r.first
}

// Table is a session sheet read by Read.
type Table struct {
	// File is the file's name as given to Read.
	File string
	// Sheet is the name of the sheet read.
	Sheet string
	// Columns lists the keys of the sheet's columns, in the sheet's order.
	Columns []string
	// Rows are the rows that could be read, in the sheet's order; a row
	// with a problem is left out (and reported).
	Rows []Row
	// Source is the text of a CSV file as the positions count it (UTF-8,
	// without byte order mark), for snippets under diagnostics; nil for a
	// workbook.
	Source []byte
}

// SourceFunc returns the text of the table's CSV file for snippets, and
// nothing for other files.
func (t *Table) SourceFunc(next diag.SourceFunc) diag.SourceFunc {
	return func(name string) ([]byte, bool) {
		if t != nil && name == t.File {
			return t.Source, t.Source != nil
		}
		if next == nil {
			return nil, false
		}
		return next(name)
	}
}

// rawCell is a cell as the file holds it, before it is interpreted.
type rawCell struct {
	text string
	// typed marks a workbook cell, whose numbers are numbers (a date is
	// a serial number); a CSV cell is text.
	typed bool
	// epoch is the day a workbook's serial day numbers count from.
	epoch date.Date
	loc   Loc
}

// rawRow is a row of cells; the cells of a short row end early.
type rawRow struct {
	number int
	first  Loc
	cells  []rawCell
}

// Read reads a session sheet from an XLSX workbook (extension .xlsx) or a
// CSV file (.csv, .tsv or .txt). It reports every problem at once, each
// at its cell, and never panics. Rows with problems are left out of the
// table; a table with errors must not be imported.
func Read(name string, data []byte) (*Table, diag.Diagnostics) {
	t := &Table{File: name}
	if len(data) > kiez.MaxFileSize {
		return t, diag.Diagnostics{{Severity: diag.Error, Subject: fileRange(name),
			Summary: fmt.Sprintf("the file has %d bytes, more than the %d a sheet may have", len(data), kiez.MaxFileSize),
			Detail:  "Split the sessions into one file per year or per centre."}}
	}
	var rows []rawRow
	var diags diag.Diagnostics
	switch FormatOf(name) {
	case FormatXLSX:
		rows, diags = readXLSX(t, data)
	case FormatCSV:
		rows, diags = readCSV(t, data)
	default:
		return t, diag.Diagnostics{{Severity: diag.Error, Subject: fileRange(name),
			Summary: "unknown kind of sheet file: name an .xlsx workbook or a .csv file"}}
	}
	if diags.HasErrors() && rows == nil {
		return t, diags
	}
	return t, append(diags, t.interpret(rows)...)
}

// cellName names the cell of a sheet at a row and column, both from 1:
// "Termine!B7".
func cellName(sheet string, row, col int) string {
	return sheet + "!" + columnLetters(col) + strconv.Itoa(row)
}

// columnLetters names a column from 1 as a spreadsheet does: A … Z, AA …
func columnLetters(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

func errAt(l Loc, detail, format string, args ...any) *diag.Diagnostic {
	r := l.Range
	return &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf(format, args...), Detail: detail,
		Subject: &r, Path: l.Cell}
}

// interpret finds the header, maps the columns and reads every row.
func (t *Table) interpret(rows []rawRow) diag.Diagnostics {
	var diags diag.Diagnostics
	h := 0
	for h < len(rows) && rowEmpty(rows[h]) {
		h++
	}
	if h == len(rows) {
		return diag.Diagnostics{{Severity: diag.Error, Subject: fileRange(t.File),
			Path:    cellName(t.Sheet, 1, 1),
			Summary: "the sheet is empty: it needs a header row",
			Detail:  "Write the headers into the first row: " + strings.Join(headerNames(), ", ") + " (kiez import --template writes an empty sheet)."}}
	}
	header := rows[h]
	keys := make([]string, len(header.cells)) // by position; "" for none
	seen := map[string]Loc{}
	fatal := false
	for i, c := range header.cells {
		text := strings.TrimSpace(c.text)
		if text == "" {
			continue
		}
		col, ok := matchHeader(text)
		if !ok {
			detail := "The known columns are " + strings.Join(headerNames(), ", ") + "."
			if isNotesHeader(text) {
				detail = "A session sheet holds no free text (data protection): remove the column. " + detail
			}
			diags = append(diags, errAt(c.loc, detail, "unknown column %q%s", clip(text), suggest(text, headerNames())))
			keys[i] = skipColumn
			continue
		}
		if prev, dup := seen[col.Key]; dup {
			fatal = true
			diags = append(diags, errAt(c.loc, "Keep one of the two columns.", "column %q appears twice (first at %s)", col.Header, prev.Cell))
			continue
		}
		seen[col.Key] = c.loc
		keys[i] = col.Key
		t.Columns = append(t.Columns, col.Key)
	}
	for _, col := range columnList() {
		if _, ok := seen[col.Key]; col.Required && !ok {
			fatal = true
			diags = append(diags, errAt(header.first, "Add the column with the header "+strconv.Quote(col.Header)+" (or the key "+col.Key+").",
				"the sheet has no column %q", col.Header))
		}
	}
	if fatal {
		// Without the required columns or with one twice, the rows
		// cannot be read.
		return diags
	}
	n := 0
	for _, r := range rows[h+1:] {
		if rowEmpty(r) {
			continue
		}
		n++
		if n > MaxRows {
			diags = append(diags, errAt(r.first, "Split the sheet into one per year or per centre.", "the sheet has more than %d rows of sessions", MaxRows))
			break
		}
		row, rd := t.readRow(r, keys)
		diags = append(diags, rd...)
		if !rd.HasErrors() {
			t.Rows = append(t.Rows, row)
		}
	}
	return diags
}

func rowEmpty(r rawRow) bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c.text) != "" {
			return false
		}
	}
	return true
}

// skipColumn marks a column with an unknown header, reported once.
const skipColumn = "-"

// isNotesHeader reports whether a header names a column of free text.
func isNotesHeader(s string) bool {
	s = normalizeHeader(s)
	for _, w := range []string{"notiz", "bemerkung", "kommentar", "anmerkung", "name", "note", "comment", "teilnehmer"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// clip shortens a text for a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// readRow reads one data row.
func (t *Table) readRow(r rawRow, keys []string) (Row, diag.Diagnostics) {
	row := Row{Number: r.number, first: r.first, at: map[string]Loc{}, filled: map[string]bool{}}
	var diags diag.Diagnostics
	for i, c := range r.cells {
		text := strings.TrimSpace(c.text)
		if i >= len(keys) || keys[i] == "" {
			if text != "" {
				diags = append(diags, errAt(c.loc, "Give the column a header, or empty the cell.", "a value in a column without a header"))
			}
			continue
		}
		key := keys[i]
		if key == skipColumn {
			continue // reported at its header
		}
		row.at[key] = c.loc
		if text == "" {
			continue
		}
		if ch, at, bad := source.ForbiddenRune(text); bad || strings.ContainsRune(text, '\n') {
			if !bad {
				ch, at = '\n', strings.IndexRune(text, '\n')
			}
			diags = append(diags, errAt(c.loc, "Write the value on one line, without control characters.", "the cell holds the control character %U at character %d", ch, at+1))
			continue
		}
		row.filled[key] = true
		if msg, detail := row.set(key, text, c); msg != "" {
			diags = append(diags, errAt(c.loc, detail, "%s: %s", headerOf(key), msg))
		}
	}
	for _, key := range []string{colDate, colOffer} {
		if _, ok := row.at[key]; ok && !row.filled[key] && !hasCellDiag(diags, row.at[key]) {
			diags = append(diags, errAt(row.at[key], "Every session needs a date and an offer.", "%s is empty", headerOf(key)))
		}
	}
	return row, diags
}

func hasCellDiag(diags diag.Diagnostics, l Loc) bool {
	for _, d := range diags {
		if d.Path == l.Cell {
			return true
		}
	}
	return false
}

func headerOf(key string) string {
	c, _ := columnByKey(key)
	return c.Header
}

// set interprets a cell's text for the column and stores it; it returns
// what is wrong and what to do, or "".
func (r *Row) set(key, text string, c rawCell) (msg, detail string) {
	s := &r.Session
	switch key {
	case colCentre, colOffer, colKita:
		if !kiez.IsID(text) {
			return fmt.Sprintf("%q is not an id", clip(text)), "An id has lowercase letters and digits joined by single hyphens, as in the data: kiez-biebrich, elterncafe."
		}
		switch key {
		case colCentre:
			r.Centre = text
		case colOffer:
			s.Offer = text
		default:
			s.Kita = text
		}
	case colDate:
		d, msg := parseDate(text, c.typed, c.epoch)
		if msg != "" {
			return msg, "Write the date as DD.MM.YYYY (03.01.2024) or YYYY-MM-DD (2024-01-03)."
		}
		s.Date = d
	case colHours:
		d, msg := parseHours(text)
		if msg != "" {
			return msg, "Give the hours as a number from 0 to 24, with a decimal comma or point: 1,5."
		}
		s.Hours = d
	case colAdults, colChildren, colFamilies:
		n, msg := parseCount(text)
		if msg != "" {
			return msg, "Give the number of people as a whole number from 0 to 100000; leave the cell empty for none."
		}
		switch key {
		case colAdults:
			s.Attendance.Adults = n
		case colChildren:
			s.Attendance.Children = n
		default:
			s.Attendance.Families = n
		}
	case colThemed, colCancelled:
		b, ok := parseBool(text)
		if !ok {
			return fmt.Sprintf("%q is neither ja nor nein", clip(text)), "Write ja or nein (also x for ja, or leave the cell empty for nein)."
		}
		if key == colThemed {
			s.Themed = b
		} else {
			s.Cancelled = b
		}
	case colTheme:
		if n := len([]rune(text)); n > maxThemeLength {
			return fmt.Sprintf("the theme has %d characters, more than %d", n, maxThemeLength), "Give the title of the topic only; notes and names do not belong in the data."
		}
		s.Theme = text
	}
	return "", ""
}

// fileRange places a diagnostic about a whole file at its start.
func fileRange(name string) *diag.Range {
	p := diag.Pos{Line: 1, Column: 1}
	return &diag.Range{Filename: name, Start: p, End: p}
}

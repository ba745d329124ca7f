package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/internal/xlsxfile"
)

// WriteXLSX writes the report as an Excel workbook (Office Open XML,
// .xlsx), as Träger and Jugendämter exchange them.
//
// The first sheet ("Bericht", in English reports "Report") holds the
// title, the subtitle, the metadata, the report's notes, each section's
// title and text, and a list of the table sheets: each sheet's name, the
// title of its section and table, and the table's id. Then every table
// has a sheet of its own, named after its title (or its section's title)
// within the rules of Excel: at most 31 characters, none of []:*?/\, not
// starting or ending with an apostrophe, unique without regard to case.
// A table sheet starts with the header line (labels with their units in
// parentheses, bold, frozen), then the rows (totals bold), then an empty
// line and the table's notes. Column widths follow the content. The
// report's charts are Excel charts beside the table they draw (the rows
// that are not totals).
//
// Cells are typed: counts are whole numbers (format #,##0), decimals are
// numbers (format #,##0.00 with the column's places, or the general
// format for exact values), decimals in % are percentages (the value
// divided by 100, format 0.0%), dates are dates (DD.MM.YYYY, in English
// reports YYYY-MM-DD), truth values are booleans, verdicts and text are
// text, empty cells are empty and suppressed cells hold their mark (<3 or
// x) as text. Excel and LibreOffice show numbers with the separators of
// the reader's locale. A number is stored as the nearest float64, as
// spreadsheets do; the JSON output keeps the exact value. Text is never
// read as a formula; a text longer than Excel's 32,767 characters is cut.
//
// The output depends only on the report, byte for byte: the document's
// creation time is the report's stamp (the "stamp" metadata), or a fixed
// time when it has none. Like the other renderers, WriteXLSX only reads
// the report and may run on many goroutines at once.
func WriteXLSX(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	x := &xlsxWriter{f: excelize.NewFile(), r: r, styles: map[xlsxStyle]int{}}
	defer x.f.Close()
	if err := x.write(); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	if err := xlsxfile.Write(w, x.f); err != nil {
		return fmt.Errorf("report: xlsx: %w", err)
	}
	return nil
}

// xlsxFixedTime is the creation time of a workbook whose report has no
// stamp.
const xlsxFixedTime = "2000-01-01T00:00:00Z"

// xlsxWriter writes one workbook.
type xlsxWriter struct {
	f      *excelize.File
	r      *Report
	styles map[xlsxStyle]int
	names  sheetNames
}

// xlsxStyle is a cell style: a number format (the general format when
// custom is empty), bold, alignment, and the looks of a header or title.
type xlsxStyle struct {
	custom string
	bold   bool
	right  bool
	header bool
	big    bool
}

// style returns the id of a style, made on first use.
func (x *xlsxWriter) style(s xlsxStyle) (int, error) {
	if id, ok := x.styles[s]; ok {
		return id, nil
	}
	st := &excelize.Style{}
	if s.custom != "" {
		st.CustomNumFmt = &s.custom
	}
	if s.bold || s.header || s.big {
		st.Font = &excelize.Font{Bold: true}
		if s.big {
			st.Font.Size = 14
		}
	}
	if s.right {
		st.Alignment = &excelize.Alignment{Horizontal: "right"}
	}
	if s.header {
		st.Border = []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	}
	id, err := x.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	x.styles[s] = id
	return id, nil
}

// xlsxTable is a table with its section and sheet name.
type xlsxTable struct {
	sheet string
	sec   *Section
	t     *Table
}

func (x *xlsxWriter) write() error {
	l := x.r.Language
	first := l.pick("Bericht", "Report")
	x.names.take(first)
	var tables []xlsxTable
	for i := range x.r.Sections {
		s := &x.r.Sections[i]
		for j := range s.Tables {
			t := &s.Tables[j]
			title := t.Title
			if title == "" {
				title = s.Title
			}
			tables = append(tables, xlsxTable{sheet: x.names.take(title, t.ID), sec: s, t: t})
		}
	}
	if err := x.f.SetSheetName("Sheet1", first); err != nil {
		return err
	}
	if err := x.cover(first, tables); err != nil {
		return err
	}
	for _, t := range tables {
		if _, err := x.f.NewSheet(t.sheet); err != nil {
			return fmt.Errorf("sheet %q: %w", t.sheet, err)
		}
		if err := x.table(t); err != nil {
			return fmt.Errorf("table %s: %w", t.t.ID, err)
		}
	}
	for _, t := range tables {
		placed := 0
		for _, c := range t.sec.Charts {
			if c.Table != t.t.ID {
				continue
			}
			ok, err := x.chart(t, c, placed)
			if err != nil {
				return fmt.Errorf("chart %s: %w", c.ID, err)
			}
			if ok {
				placed++
			}
		}
	}
	x.f.SetActiveSheet(0)
	return x.properties()
}

// properties sets the document's properties from the report alone.
func (x *xlsxWriter) properties() error {
	when := xlsxFixedTime
	for _, m := range x.r.Meta {
		if s, ok := m.Data.(string); ok && m.Key == "stamp" {
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				when = t.UTC().Format(time.RFC3339)
			}
		}
	}
	lang := "de-DE"
	if x.r.Language == English {
		lang = "en"
	}
	if err := x.f.SetDocProps(&excelize.DocProperties{Title: x.r.Title, Subject: x.r.Subtitle, Creator: "kiez",
		LastModifiedBy: "kiez", Created: when, Modified: when, Language: lang, Identifier: string(x.r.Kind)}); err != nil {
		return err
	}
	return x.f.SetAppProps(&excelize.AppProperties{Application: "kiez"})
}

// cover writes the first sheet: title, metadata, notes, the sections'
// text and the list of table sheets.
func (x *xlsxWriter) cover(sheet string, tables []xlsxTable) error {
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	l := x.r.Language
	big, err := x.style(xlsxStyle{big: true})
	if err != nil {
		return err
	}
	bold, err := x.style(xlsxStyle{bold: true})
	if err != nil {
		return err
	}
	var rows [][]any
	add := func(vals ...any) { rows = append(rows, vals) }
	add(excelize.Cell{StyleID: big, Value: x.r.Title})
	if x.r.Subtitle != "" {
		add(x.r.Subtitle)
	}
	add()
	for _, m := range x.r.Meta {
		add(excelize.Cell{StyleID: bold, Value: m.Label}, m.Value)
	}
	if len(x.r.Notes) > 0 {
		add()
		for _, n := range x.r.Notes {
			add(n)
		}
	}
	for _, s := range x.r.Sections {
		if len(s.Text) == 0 {
			continue
		}
		add()
		add(excelize.Cell{StyleID: bold, Value: s.Title})
		for _, p := range s.Text {
			add(p)
		}
	}
	if len(tables) > 0 {
		add()
		add(excelize.Cell{StyleID: bold, Value: l.pick("Tabellen", "Tables")})
		add(excelize.Cell{StyleID: bold, Value: l.pick("Blatt", "Sheet")},
			excelize.Cell{StyleID: bold, Value: l.pick("Abschnitt", "Section")},
			excelize.Cell{StyleID: bold, Value: l.pick("Tabelle", "Table")},
			excelize.Cell{StyleID: bold, Value: "ID"})
		for _, t := range tables {
			add(t.sheet, t.sec.Title, t.t.Title, t.t.ID)
		}
	}
	// The first column holds labels and long paragraphs; it is sized for
	// the labels and the sheet names, and the paragraphs run on into the
	// empty cells beside them.
	widths := []int{12, 12, 12, 12}
	for _, m := range x.r.Meta {
		widths[0] = max(widths[0], utf8.RuneCountInString(m.Label))
		widths[1] = max(widths[1], utf8.RuneCountInString(m.Value))
	}
	for _, t := range tables {
		widths[0] = max(widths[0], utf8.RuneCountInString(t.sheet))
		widths[1] = max(widths[1], utf8.RuneCountInString(t.sec.Title))
		widths[2] = max(widths[2], utf8.RuneCountInString(t.t.Title))
		widths[3] = max(widths[3], utf8.RuneCountInString(t.t.ID))
	}
	for i, n := range widths {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(n)); err != nil {
			return err
		}
	}
	for i, row := range rows {
		if err := sw.SetRow(cellName(1, i+1), row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// table writes a table's sheet.
func (x *xlsxWriter) table(xt xlsxTable) error {
	t, l := xt.t, x.r.Language
	sw, err := x.f.NewStreamWriter(xt.sheet)
	if err != nil {
		return err
	}
	widths := make([]int, len(t.Columns))
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		label := headerLabel(c)
		if percent(c) {
			label = c.Label
		}
		id, err := x.style(xlsxStyle{header: true, right: numeric(c)})
		if err != nil {
			return err
		}
		head[i] = excelize.Cell{StyleID: id, Value: label}
		widths[i] = utf8.RuneCountInString(label)
	}
	rows := make([][]any, len(t.Rows))
	for r, row := range t.Rows {
		vals := make([]any, len(t.Columns))
		for i, c := range t.Columns {
			if i >= len(row.Cells) {
				continue
			}
			v, s, width := l.xlsxCell(c, row.Cells[i])
			s.bold = row.Total
			id, err := x.style(s)
			if err != nil {
				return err
			}
			vals[i] = excelize.Cell{StyleID: id, Value: v}
			widths[i] = max(widths[i], width)
		}
		rows[r] = vals
	}
	for i, n := range widths {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(n)); err != nil {
			return err
		}
	}
	if len(t.Columns) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
			return err
		}
		if err := sw.SetRow("A1", head); err != nil {
			return err
		}
	}
	for r, vals := range rows {
		if err := sw.SetRow(cellName(1, r+2), vals); err != nil {
			return err
		}
	}
	for i, n := range t.Notes {
		if err := sw.SetRow(cellName(1, len(rows)+3+i), []any{n}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// chart draws a chart of the report as an Excel chart on its table's
// sheet, to the right of the table, the n-th one below the others. It
// draws the rows that are not totals; when totals lie between them, or
// the chart names no category or number column of the table, it draws
// nothing and reports false.
func (x *xlsxWriter) chart(xt xlsxTable, c Chart, n int) (bool, error) {
	t := xt.t
	ci := t.Column(c.Category)
	if ci < 0 {
		return false, nil
	}
	rows := 0
	for i, row := range t.Rows {
		if row.Total {
			continue
		}
		if i != rows {
			return false, nil // a total between rows
		}
		rows++
	}
	if rows == 0 {
		return false, nil
	}
	sheet := "'" + strings.ReplaceAll(xt.sheet, "'", "''") + "'!"
	ref := func(col, from, to int) string {
		a, _ := excelize.CoordinatesToCellName(col+1, from, true)
		if from == to {
			return sheet + a
		}
		b, _ := excelize.CoordinatesToCellName(col+1, to, true)
		return sheet + a + ":" + b
	}
	var series []excelize.ChartSeries
	for _, k := range c.Series {
		if j := t.Column(k); j >= 0 && numeric(t.Columns[j]) {
			series = append(series, excelize.ChartSeries{Name: ref(j, 1, 1), Categories: ref(ci, 2, rows+1), Values: ref(j, 2, rows+1)})
		}
	}
	if len(series) == 0 {
		return false, nil
	}
	typ := excelize.Col
	switch {
	case c.Type == ChartLine:
		typ = excelize.Line
	case c.Horizontal && c.Stacked:
		typ = excelize.BarStacked
	case c.Horizontal:
		typ = excelize.Bar
	case c.Stacked:
		typ = excelize.ColStacked
	}
	const width, height, rowsPerChart = 640, 320, 18
	at, err := excelize.CoordinatesToCellName(len(t.Columns)+2, 2+n*rowsPerChart)
	if err != nil {
		return false, err
	}
	err = x.f.AddChart(xt.sheet, at, &excelize.Chart{Type: typ, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: width, Height: height}})
	return err == nil, err
}

// xlsxCell returns a cell's value for a workbook, its style (without
// bold) and the width of its text.
func (l Language) xlsxCell(c Column, cell Cell) (any, xlsxStyle, int) {
	width := utf8.RuneCountInString(cell.Text)
	if cell.Suppressed != NotSuppressed {
		return cell.Text, xlsxStyle{right: true}, width
	}
	switch v := cell.Value.(type) {
	case nil:
		return nil, xlsxStyle{}, 0
	case int:
		return v, xlsxStyle{custom: "#,##0"}, width
	case bool:
		return v, xlsxStyle{}, width
	case date.Date:
		return float64(v.DaysSinceEpoch()) + excelEpochOffset, xlsxStyle{custom: l.pick("DD.MM.YYYY", "YYYY-MM-DD")}, width
	case decimal.Decimal:
		if percent(c) {
			return v.Shift(-2).InexactFloat64(), xlsxStyle{custom: "0" + places(max(c.Places, 0)) + "%"}, width + 1
		}
		if c.Places < 0 {
			return v.InexactFloat64(), xlsxStyle{}, width
		}
		return v.InexactFloat64(), xlsxStyle{custom: "#,##0" + places(c.Places)}, width
	}
	return cell.Text, xlsxStyle{}, width
}

// excelEpochOffset is the serial number of 1970-01-01 in Excel's 1900
// date system (day 0 is 1899-12-30).
const excelEpochOffset = 25569

// places is the fraction part of a number format with n places: ".00".
func places(n int) string {
	if n <= 0 {
		return ""
	}
	return "." + strings.Repeat("0", min(n, 20))
}

// percent reports whether a column holds percentages.
func percent(c Column) bool { return c.Type == TypeDecimal && c.Unit == "%" }

// columnWidth is the width of a column whose longest text has n
// characters, in Excel's units (the width of a digit).
func columnWidth(n int) float64 { return float64(min(max(n, 6), 60) + 2) }

// cellName names the cell of a column and row, both from 1: A1.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "A1"
	}
	return name
}

// sheetNames hands out valid and unique sheet names.
type sheetNames struct{ taken map[string]bool }

// maxSheetName is the most characters Excel allows in a sheet's name.
const maxSheetName = 31

// take returns a valid sheet name made of the first of the candidates
// that gives one, unique without regard to case, and reserves it.
func (n *sheetNames) take(candidates ...string) string {
	if n.taken == nil {
		// "History" is reserved by Excel for change tracking.
		n.taken = map[string]bool{"history": true}
	}
	base := ""
	for _, c := range candidates {
		if base = cleanSheetName(c); base != "" {
			break
		}
	}
	if base == "" {
		base = "Tabelle"
	}
	name := base
	for i := 2; n.taken[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncateRunes(base, maxSheetName-len(suffix)) + suffix
	}
	n.taken[strings.ToLower(name)] = true
	return name
}

// cleanSheetName makes a text a valid sheet name: the characters Excel
// forbids ([]:*?/\ and control characters) become spaces, runs of
// spaces one, apostrophes at either end are dropped, and the name is cut
// to 31 characters.
func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(truncateRunes(strings.Trim(s, "' "), maxSheetName), "' ")
	return s
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

package report

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// WriteCSV writes the report as CSV that German spreadsheet software opens
// correctly by double-click: UTF-8 with a byte order mark, fields
// separated by semicolons, lines ended by CRLF, fields quoted when they
// contain a semicolon, quote or line break.
//
// The file starts with the title, the subtitle, the metadata (label;value)
// and the notes, then holds every table of every section one after
// another: a line with the section's (and the table's) title, the header
// line (labels with their units in parentheses), the rows, the table's
// notes and an empty line. Numbers have no thousands separator and the
// report language's decimal mark (a comma in German reports), dates are
// 15.03.2024 in German and 2024-03-15 in English reports, verdicts are
// their labels, empty cells are empty and suppressed cells hold their
// mark (<3 or x). A text cell that starts with =, +, -, @ or a tab gets a
// leading apostrophe, so that no spreadsheet runs it as a formula.
func WriteCSV(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	return writeCSV(w, func(write func(...string)) {
		write(safeText(r.Title))
		if r.Subtitle != "" {
			write(safeText(r.Subtitle))
		}
		for _, m := range r.Meta {
			write(safeText(m.Label), safeText(m.Value))
		}
		for _, n := range r.Notes {
			write(safeText(n))
		}
		for _, s := range r.Sections {
			for _, t := range s.Tables {
				write()
				title := s.Title
				if t.Title != "" && t.Title != s.Title {
					title += " – " + t.Title
				}
				write(safeText(title))
				r.Language.csvTable(write, &t, true)
				for _, n := range t.Notes {
					write(safeText(n))
				}
			}
		}
	})
}

// writeCSV writes records the German spreadsheet way: a byte-order mark,
// semicolons, CRLF line ends.
func writeCSV(w io.Writer, records func(write func(...string))) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.Comma = ';'
	cw.UseCRLF = true
	records(func(rec ...string) { _ = cw.Write(rec) })
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvTable writes a table's header and rows, the totals only when asked.
func (l Language) csvTable(write func(...string), t *Table, totals bool) {
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = safeText(headerLabel(c))
	}
	write(head...)
	for _, row := range t.Rows {
		if row.Total && !totals {
			continue
		}
		rec := make([]string, len(t.Columns))
		for i := range t.Columns {
			if i < len(row.Cells) {
				rec[i] = l.csvCell(t.Columns[i], row.Cells[i])
			}
		}
		write(rec...)
	}
}

// csvCell formats a cell for spreadsheets: numbers without thousands
// separators.
func (l Language) csvCell(col Column, c Cell) string {
	if c.Suppressed != NotSuppressed {
		return c.Text
	}
	switch v := c.Value.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(v)
	case decimal.Decimal:
		return l.formatDecimal(v, col.Places, false)
	case date.Date:
		return l.formatDate(v)
	}
	return safeText(c.Text)
}

// safeText keeps a spreadsheet from reading a text as a formula.
func safeText(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}

package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Format is an output format of the renderers.
type Format string

// The formats.
const (
	FormatJSON     Format = "json"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "md"
	FormatHTML     Format = "html"
	// FormatXLSX is an Excel workbook (see WriteXLSX), the one format
	// that is not text.
	FormatXLSX Format = "xlsx"
)

// Formats returns the text formats, in a stable order: every format but
// FormatXLSX.
func Formats() []Format { return []Format{FormatJSON, FormatCSV, FormatMarkdown, FormatHTML} }

// ParseFormat reads a format's name: json, csv, md (or markdown), html,
// xlsx.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "json":
		return FormatJSON, nil
	case "csv":
		return FormatCSV, nil
	case "md", "markdown":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	case "xlsx":
		return FormatXLSX, nil
	}
	return "", fmt.Errorf("report: unknown format %q (use json, csv, md, html or xlsx)", s)
}

// Ext returns the file name extension of the format, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Write renders the report in the given format.
func Write(w io.Writer, r *Report, f Format) error {
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatCSV:
		return WriteCSV(w, r)
	case FormatMarkdown:
		return WriteMarkdown(w, r)
	case FormatHTML:
		return WriteHTML(w, r)
	case FormatXLSX:
		return WriteXLSX(w, r)
	}
	return fmt.Errorf("report: unknown format %q", f)
}

// WriteJSON writes the report as one JSON object, indented by two
// spaces, in UTF-8 without escaping <, > and &. The shape is the JSON
// form of Report and stable:
//
//	{"kind": "centre-annual", "language": "de", "title": "…", "subtitle": "…",
//	 "published": false, "threshold": 3,
//	 "meta": [{"key": "period", "label": "Zeitraum", "value": "01.01.2024 – 31.12.2024",
//	           "data": "2024-01-01/2024-12-31"}],
//	 "notes": ["…"],
//	 "sections": [{"id": "months", "title": "…", "text": ["…"],
//	   "tables": [{"id": "months", "title": "…",
//	     "columns": [{"key": "adults", "label": "Erwachsene", "type": "count", "persons": true}],
//	     "rows": [{"cells": [{"value": 12, "text": "12"}, {"value": null, "text": "<3", "suppressed": "primary"}],
//	               "total": true}],
//	     "notes": ["…"]}],
//	   "charts": [{"id": "…", "title": "…", "type": "bar", "table": "months", "category": "month",
//	     "series": ["adults", "children"], "stacked": true}]}]}
//
// Cell values by column type: count a number, decimal a string with a
// decimal point ("19.5", exact), date "YYYY-MM-DD", outcome an id (pass,
// fail, not-applicable, waived, missing-data, error), bool true or false,
// text a string (an id where the text is a label); null when empty or
// suppressed. A metadata field whose value shows a date, a time, a period
// or a number has it for machines in "data" (see Field.Data). Keys marked omitempty in the Go types are left
// out when empty (a missing "places" is 0).
func WriteJSON(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	// Each row is written on one line: the report is indented down to
	// the rows, so that a table reads as a table. The rows are marshalled
	// first and put in place of placeholders.
	shadow := *r
	shadow.Sections = make([]Section, len(r.Sections))
	var rows [][]byte
	for i, s := range r.Sections {
		s.Tables = slices.Clone(s.Tables)
		for j, t := range s.Tables {
			placeholders := make([]Row, len(t.Rows))
			for k, row := range t.Rows {
				b, err := marshalCompact(row)
				if err != nil {
					return err
				}
				placeholders[k] = Row{Cells: []Cell{{Text: fmt.Sprintf("\x00row%d\x00", len(rows))}}}
				rows = append(rows, b)
			}
			t.Rows = placeholders
			s.Tables[j] = t
		}
		shadow.Sections[i] = s
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&shadow); err != nil {
		return err
	}
	out := placeholderRow.ReplaceAllFunc(buf.Bytes(), func(m []byte) []byte {
		n, err := strconv.Atoi(string(placeholderRow.FindSubmatch(m)[1]))
		if err != nil || n >= len(rows) {
			return m
		}
		return rows[n]
	})
	_, err := w.Write(out)
	return err
}

// placeholderRow matches a row placeholder as the encoder writes it.
var placeholderRow = regexp.MustCompile(`\{\s*"cells": \[\s*\{\s*"value": null,\s*"text": "\\u0000row(\d+)\\u0000"\s*\}\s*\]\s*\}`)

// marshalCompact writes a value as JSON on one line, without escaping
// <, > and &.
func marshalCompact(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// value returns the number of a cell for a chart, and whether it has one.
func value(c Cell) (float64, bool) {
	d, ok := number(c)
	if !ok {
		return 0, false
	}
	f, _ := d.Float64()
	return f, true
}

// headerLabel is a column's label with its unit.
func headerLabel(c Column) string {
	if c.Unit != "" {
		return c.Label + " (" + c.Unit + ")"
	}
	return c.Label
}

// numeric reports whether a column holds numbers, aligned right.
func numeric(c Column) bool { return c.Type == TypeCount || c.Type == TypeDecimal }

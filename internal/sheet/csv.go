package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/kiez-go/kiez/diag"
)

// readCSV reads a CSV file: UTF-8 with or without byte order mark, UTF-16
// with one (what spreadsheet programs save as "Unicode text"), or
// Windows-1252 when the bytes are not UTF-8 (what Excel saves as "CSV"
// on a German Windows). The separator is the one a first line "sep=;"
// names, or else the one of semicolon, comma and tab the header line
// holds most often outside quotes (a semicolon when none).
func readCSV(t *Table, data []byte) ([]rawRow, diag.Diagnostics) {
	text, note := decodeText(data)
	t.Source = text
	t.Sheet = strings.TrimSuffix(path.Base(strings.ReplaceAll(t.File, "\\", "/")), path.Ext(t.File))
	var diags diag.Diagnostics
	if note != "" {
		diags = append(diags, &diag.Diagnostic{Severity: diag.Info, Subject: fileRange(t.File), Summary: note})
	}
	lines := diag.NewLines(text)
	body, skipped := text, 0
	var sep rune
	if first, _, _ := strings.Cut(string(text[:min(len(text), 16)]), "\n"); strings.HasPrefix(first, "sep=") {
		if r, size := utf8.DecodeRuneInString(first[4:]); r != utf8.RuneError && strings.TrimSpace(first[4+size:]) == "" && (r == ';' || r == ',' || r == '\t' || r == '|') {
			sep = r
			i := bytes.IndexByte(text, '\n')
			body, skipped = text[i+1:], 1
		}
	}
	if sep == 0 {
		sep = detectSeparator(body)
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var rows []rawRow
	loc := func(line, col, number, column int) Loc {
		line += skipped
		off := 0
		if lb, start, ok := lines.Line(line); ok {
			off = start + min(col-1, len(lb))
			col = utf8.RuneCount(lb[:min(col-1, len(lb))]) + 1
		}
		p := diag.Pos{Line: line, Column: col, Byte: off}
		return Loc{Range: diag.Range{Filename: t.File, Start: p, End: p}, Cell: cellName(t.Sheet, number, column)}
	}
	for number := 1; ; number++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				// The cell is not known: the position says where.
				l := loc(pe.Line, pe.Column, number, 1)
				l.Cell = ""
				msg := pe.Err.Error()
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					msg = "a quotation mark out of place: " + msg
				}
				diags = append(diags, errAt(l, "A value with a separator, quotation mark or line break is written in quotation marks, a quotation mark in it doubled: \"Eltern \"\"stark\"\"\".",
					"%s", msg))
				return rows, diags
			}
			diags = append(diags, errAt(loc(1, 1, number, 1), "", "%v", err))
			return rows, diags
		}
		if number > MaxRows+10 {
			diags = append(diags, errAt(loc(1, 1, number, 1), "Split the sheet into one per year or per centre.", "the sheet has more than %d rows", MaxRows))
			return rows, diags
		}
		row := rawRow{number: number, cells: make([]rawCell, len(rec))}
		for i, v := range rec {
			line, col := r.FieldPos(i)
			row.cells[i] = rawCell{text: v, loc: loc(line, col, number, i+1)}
		}
		if len(rec) > 0 {
			row.first = row.cells[0].loc
		} else {
			line, _ := r.FieldPos(0)
			row.first = loc(line, 1, number, 1)
		}
		rows = append(rows, row)
	}
	if rows == nil {
		rows = []rawRow{}
	}
	return rows, diags
}

// decodeText returns the text as UTF-8 without byte order mark, and a note
// when it was converted from another encoding.
func decodeText(data []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err == nil {
			return out, "read as UTF-16 text"
		}
	}
	if utf8.Valid(data) {
		return data, ""
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), ""
	}
	return out, "the file is not UTF-8; it was read as Windows-1252 (what Excel saves as CSV); save it as \"CSV UTF-8\" to be sure"
}

// detectSeparator returns the separator of the first line: of semicolon,
// comma and tab the one found most often outside quotation marks, a
// semicolon when none is.
func detectSeparator(text []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, b := range text {
		if b == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if b == '\n' {
			break
		}
		if b == ';' || b == ',' || b == '\t' {
			counts[b]++
		}
	}
	best := byte(';')
	for _, b := range []byte{',', '\t'} {
		if counts[b] > counts[best] {
			best = b
		}
	}
	return rune(best)
}

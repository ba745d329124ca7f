package sheet

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/rickb777/date"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/diag"
)

// SheetName is the name of the sheet of sessions in a workbook.
const SheetName = "Termine"

// The other sheets a written workbook has; the importer skips them.
const (
	explanationSheet = "Erläuterungen"
	listSheet        = "Listen"
)

// Bounds on unpacking a workbook: an XLSX file is a ZIP archive, and a
// small archive may unpack to gigabytes.
const (
	unzipLimit    = 256 << 20
	unzipXMLLimit = 64 << 20
)

// maxColumns is the most columns of a workbook row that are read; a
// session sheet has eleven.
const maxColumns = 64

// readXLSX reads the sheet Termine, or the only sheet besides the
// explanations and lists a template has, with the raw cell values (a date
// is its serial number, a number has a decimal point).
func readXLSX(t *Table, data []byte) (rows []rawRow, diags diag.Diagnostics) {
	whole := fileRange(t.File)
	defer func() {
		// The workbook parser is not ours; a malformed file must not end
		// the program.
		if r := recover(); r != nil {
			rows, diags = nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
				Summary: fmt.Sprintf("cannot read the workbook: %v", r), Detail: "Open it in a spreadsheet program and save it again as .xlsx."}}
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
			Summary: fmt.Sprintf("cannot read the workbook: %v", err), Detail: "Save it as an Excel workbook (.xlsx) or as CSV."}}
	}
	defer f.Close()
	var candidates []string
	for _, name := range f.GetSheetList() {
		if name == SheetName {
			candidates = []string{name}
			break
		}
		if name != explanationSheet && name != listSheet {
			candidates = append(candidates, name)
		}
	}
	switch len(candidates) {
	case 1:
		t.Sheet = candidates[0]
	case 0:
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
			Summary: "the workbook has no sheet of sessions", Detail: "Name the sheet " + SheetName + "."}}
	default:
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
			Summary: fmt.Sprintf("the workbook has %d sheets (%s) and none is named %s", len(candidates), strings.Join(candidates, ", "), SheetName),
			Detail:  "Name the sheet of sessions " + SheetName + "."}}
	}
	epoch := date.New(1899, 12, 30)
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		// Workbooks of old Excel for Mac count days from 1904-01-01.
		epoch = date.New(1904, 1, 1)
	}
	it, err := f.Rows(t.Sheet)
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
			Summary: fmt.Sprintf("cannot read the sheet %s: %v", t.Sheet, err)}}
	}
	defer it.Close()
	rows = []rawRow{}
	for number := 1; it.Next(); number++ {
		if number > MaxRows+10 {
			// interpret reports the rows beyond MaxRows.
			break
		}
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
				Summary: fmt.Sprintf("cannot read row %d of the sheet %s: %v", number, t.Sheet, err)}}
		}
		if len(cells) > maxColumns {
			cells = cells[:maxColumns]
		}
		row := rawRow{number: number, first: cellLoc(t, number, 1), cells: make([]rawCell, len(cells))}
		for j, v := range cells {
			row.cells[j] = rawCell{text: v, typed: true, epoch: epoch, loc: cellLoc(t, number, j+1)}
		}
		rows = append(rows, row)
	}
	if err := it.Error(); err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Subject: whole,
			Summary: fmt.Sprintf("cannot read the sheet %s: %v", t.Sheet, err)}}
	}
	return rows, nil
}

func cellLoc(t *Table, row, col int) Loc {
	p := diag.Pos{Line: row, Column: col}
	return Loc{Range: diag.Range{Filename: t.File, Start: p, End: p}, Cell: cellName(t.Sheet, row, col)}
}

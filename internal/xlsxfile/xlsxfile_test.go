package xlsxfile

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteSameBytes writes a workbook with a chart (which brings the
// picture types into [Content_Types].xml) many times: the bytes are the
// same each time, the parts are sorted by name, and excelize reads it
// back.
func TestWriteSameBytes(t *testing.T) {
	book := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		for i, v := range []any{"Monat", "Termine", "Jan", 3, "Feb", 5} {
			cell, _ := excelize.CoordinatesToCellName(i%2+1, i/2+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.NewSheet("Zwei"); err != nil {
			t.Fatal(err)
		}
		if err := f.AddChart("Sheet1", "D2", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{
			{Name: "Sheet1!$B$1", Categories: "Sheet1!$A$2:$A$3", Values: "Sheet1!$B$2:$B$3"}}}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := Write(&buf, f); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := book()
	for range 10 {
		if !bytes.Equal(first, book()) {
			t.Fatal("two writes of the same workbook differ")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("parts not sorted: %q", names)
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Sheet1", "B3"); v != "5" {
		t.Errorf("B3 = %q, want 5", v)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "Sheet1,Zwei" {
		t.Errorf("sheets %s", got)
	}
}

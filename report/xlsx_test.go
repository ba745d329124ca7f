package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/report"
)

// jsonReport is a report as its JSON output holds it: what the workbook
// is compared with.
type jsonReport struct {
	Language string `json:"language"`
	Title    string `json:"title"`
	Subtitle string `json:"subtitle"`
	Meta     []struct {
		Label, Value string
	} `json:"meta"`
	Notes    []string `json:"notes"`
	Sections []struct {
		Title  string   `json:"title"`
		Text   []string `json:"text"`
		Tables []struct {
			ID      string `json:"id"`
			Title   string `json:"title"`
			Columns []struct {
				Key, Label, Type, Unit string
				Places                 int
			} `json:"columns"`
			Rows []struct {
				Cells []struct {
					Value      any    `json:"value"`
					Text       string `json:"text"`
					Suppressed string `json:"suppressed"`
				} `json:"cells"`
				Total bool `json:"total"`
			} `json:"rows"`
			Notes []string `json:"notes"`
		} `json:"tables"`
		Charts []struct {
			Table, Category string
			Series          []string
		} `json:"charts"`
	} `json:"sections"`
}

// xlsxReports are the reports whose workbooks the tests read back: every
// report of the golden tests (every kind, internal and published, German
// and English), the impact reports, and the published reports of every
// kind and centre with threshold 40, so that many cells are suppressed.
func xlsxReports(t *testing.T) ([]string, map[string]*report.Report) {
	t.Helper()
	out := map[string]*report.Report{}
	for _, c := range goldenCases(t) {
		r, err := c.build()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		out[c.name] = r
	}
	c := impactInput(t)
	for name, opts := range map[string][]report.Option{
		"bad-kreuznach-impact-2025":           nil,
		"bad-kreuznach-impact-2025-published": {report.WithPublished()},
		"bad-kreuznach-impact-2025-en":        {report.WithLanguage(report.English)},
	} {
		r, err := report.Impact(c, append(opts, report.WithStamp(stamp))...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = r
	}
	// Threshold 40: many counts of the shipped testdata are suppressed.
	for name, r := range publishedReports(t, 40) {
		out["published/"+name] = r
	}
	out["fixture-compliance"] = fixtureReport(t)
	var names []string
	for name := range out {
		names = append(names, name)
	}
	slices.Sort(names)
	return names, out
}

// TestXLSXReadBack writes every report as a workbook, reads it back with
// excelize and compares each sheet's cells with the JSON output of the
// same report: values, types, number formats, header, notes, frozen
// header row and sheet names.
func TestXLSXReadBack(t *testing.T) {
	names, reports := xlsxReports(t)
	kinds := map[report.Kind]bool{}
	suppressed := 0
	for _, name := range names {
		r := reports[name]
		kinds[r.Kind] = true
		for _, s := range r.Sections {
			for _, tb := range s.Tables {
				for _, row := range tb.Rows {
					for _, c := range row.Cells {
						if c.Suppressed != report.NotSuppressed {
							suppressed++
						}
					}
				}
			}
		}
		t.Run(name, func(t *testing.T) { checkWorkbook(t, r) })
	}
	if suppressed < 10 {
		t.Errorf("only %d suppressed cells were read back", suppressed)
	}
	for _, k := range []report.Kind{report.KindCompliance, report.KindCentreAnnual, report.KindProgrammeAnnual,
		report.KindStaffing, report.KindPlan, report.KindImpact} {
		if !kinds[k] {
			t.Errorf("no report of kind %s was read back", k)
		}
	}
}

func checkWorkbook(t *testing.T, r *report.Report) {
	t.Helper()
	var js bytes.Buffer
	if err := report.WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var want jsonReport
	if err := json.Unmarshal(js.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.FormatXLSX); err != nil {
		t.Fatal(err)
	}
	book := bytes.Clone(buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	first := map[string]string{"de": "Bericht", "en": "Report"}[want.Language]
	if len(sheets) == 0 || sheets[0] != first {
		t.Fatalf("sheets %q: the first is not %q", sheets, first)
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		if n := utf8.RuneCountInString(s); n == 0 || n > 31 || strings.ContainsAny(s, `[]:*?/\`) ||
			strings.HasPrefix(s, "'") || strings.HasSuffix(s, "'") || seen[strings.ToLower(s)] {
			t.Errorf("sheet name %q is not valid and unique", s)
		}
		seen[strings.ToLower(s)] = true
	}
	cover, err := f.GetRows(first)
	if err != nil {
		t.Fatal(err)
	}
	sheetOf := checkCover(t, cover, &want)
	nTables := 0
	for _, s := range want.Sections {
		for _, tb := range s.Tables {
			nTables++
			sheet, ok := sheetOf[tb.ID]
			if !ok {
				t.Errorf("table %s is not listed on the first sheet", tb.ID)
				continue
			}
			t.Run(tb.ID, func(t *testing.T) {
				checkTableSheet(t, f, sheet, want.Language, tb.Columns, tb.Rows, tb.Notes)
			})
		}
	}
	if len(sheets) != nTables+1 {
		t.Errorf("%d sheets for %d tables: %q", len(sheets), nTables, sheets)
	}
	// Every chart of a table whose totals follow its rows is an Excel
	// chart.
	charts := 0
	for _, s := range want.Sections {
		for _, c := range s.Charts {
			for _, tb := range s.Tables {
				if tb.ID != c.Table {
					continue
				}
				numeric, category, rows, ordered := false, false, 0, true
				for _, col := range tb.Columns {
					category = category || col.Key == c.Category
					numeric = numeric || (slices.Contains(c.Series, col.Key) && (col.Type == "count" || col.Type == "decimal"))
				}
				for i, row := range tb.Rows {
					if !row.Total {
						ordered = ordered && i == rows
						rows++
					}
				}
				if numeric && category && rows > 0 && ordered {
					charts++
				}
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			got++
		}
	}
	if got != charts {
		t.Errorf("%d charts in the workbook, want %d", got, charts)
	}
	// The same report gives the same bytes.
	var again bytes.Buffer
	if err := report.WriteXLSX(&again, r); err != nil {
		t.Fatal(err)
	}
	var first2 bytes.Buffer
	if err := report.WriteXLSX(&first2, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), first2.Bytes()) {
		t.Error("two workbooks of the same report differ")
	}
}

// checkCover compares the first sheet with the report's title, metadata,
// notes and sections' text, and returns the sheet of each table id.
func checkCover(t *testing.T, rows [][]string, want *jsonReport) map[string]string {
	t.Helper()
	var got, exp [][]string
	add := func(row ...string) { exp = append(exp, row) }
	add(want.Title)
	if want.Subtitle != "" {
		add(want.Subtitle)
	}
	add()
	for _, m := range want.Meta {
		add(m.Label, m.Value)
	}
	if len(want.Notes) > 0 {
		add()
		for _, n := range want.Notes {
			add(n)
		}
	}
	for _, s := range want.Sections {
		if len(s.Text) == 0 {
			continue
		}
		add()
		add(s.Title)
		for _, p := range s.Text {
			add(p)
		}
	}
	for i := 0; i < len(rows) && len(got) < len(exp); i++ {
		got = append(got, rows[i])
	}
	if diff := cmp.Diff(exp, got, cmp.Comparer(func(a, b []string) bool { return slices.Equal(trimRow(a), trimRow(b)) })); diff != "" {
		t.Errorf("first sheet (-want +got):\n%s", diff)
	}
	// Then the list of tables: an empty line, a heading, the column
	// heads, one line per table.
	return tableSheets(rows[len(got):])
}

func trimRow(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// checkTableSheet compares a table's sheet with the table of the JSON
// output, cell by cell.
func checkTableSheet(t *testing.T, f *excelize.File, sheet, lang string, cols []struct {
	Key, Label, Type, Unit string
	Places                 int
}, rows []struct {
	Cells []struct {
		Value      any    `json:"value"`
		Text       string `json:"text"`
		Suppressed string `json:"suppressed"`
	} `json:"cells"`
	Total bool `json:"total"`
}, notes []string) {
	t.Helper()
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := f.GetPanes(sheet); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v %v", p, err)
	}
	at := func(r, c int) string {
		if r < len(raw) && c < len(raw[r]) {
			return raw[r][c]
		}
		return ""
	}
	for c, col := range cols {
		label := col.Label
		if col.Unit != "" && col.Unit != "%" {
			label += " (" + col.Unit + ")"
		}
		if got := at(0, c); got != label {
			t.Errorf("header of column %s: got %q, want %q", col.Key, got, label)
		}
		checkStyle(t, f, sheet, 1, c, "", true)
	}
	for r, row := range rows {
		for c, col := range cols {
			if c >= len(row.Cells) {
				continue
			}
			cell := row.Cells[c]
			where := fmt.Sprintf("row %d column %s", r+1, col.Key)
			got := at(r+1, c)
			name, _ := excelize.CoordinatesToCellName(c+1, r+2)
			typ, err := f.GetCellType(sheet, name)
			if err != nil {
				t.Fatal(err)
			}
			wantNumber := func(v float64, format string) {
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s: type %v, want a number", where, typ)
				}
				n, err := strconv.ParseFloat(got, 64)
				if err != nil || math.Abs(n-v) > 1e-9*math.Max(1, math.Abs(v)) {
					t.Errorf("%s: got %q, want the number %v", where, got, v)
				}
				checkStyle(t, f, sheet, r+2, c, format, row.Total)
			}
			switch {
			case cell.Suppressed != "":
				if got != cell.Text || typ != excelize.CellTypeInlineString {
					t.Errorf("%s: suppressed: got %q (%v), want the text %q", where, got, typ, cell.Text)
				}
			case cell.Value == nil:
				if got != "" {
					t.Errorf("%s: got %q, want an empty cell", where, got)
				}
			case col.Type == "count":
				wantNumber(cell.Value.(float64), "#,##0")
			case col.Type == "decimal":
				d, err := strconv.ParseFloat(cell.Value.(string), 64)
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				format := ""
				if col.Places > 0 {
					format = "#,##0." + strings.Repeat("0", col.Places)
				} else if col.Places == 0 {
					format = "#,##0"
				}
				if col.Unit == "%" {
					d /= 100
					format = "0" + strings.TrimPrefix(format, "#,##0") + "%"
				}
				wantNumber(d, format)
			case col.Type == "date":
				day, err := time.Parse(time.DateOnly, cell.Value.(string))
				if err != nil {
					t.Fatalf("%s: %v", where, err)
				}
				format := map[string]string{"de": "DD.MM.YYYY", "en": "YYYY-MM-DD"}[lang]
				wantNumber(float64(day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC))/(24*time.Hour)), format)
				if shown, _ := f.GetCellValue(sheet, name); shown != cell.Text {
					t.Errorf("%s: shows %q, the JSON text is %q", where, shown, cell.Text)
				}
			case col.Type == "bool":
				b := map[bool]string{true: "1", false: "0"}[cell.Value.(bool)]
				if typ != excelize.CellTypeBool || got != b {
					t.Errorf("%s: got %q (%v), want the truth value %v", where, got, typ, cell.Value)
				}
			default:
				if got != cell.Text || typ != excelize.CellTypeInlineString {
					t.Errorf("%s: got %q (%v), want the text %q", where, got, typ, cell.Text)
				}
			}
		}
	}
	n := len(rows) + 1
	if len(notes) > 0 {
		var got []string
		for r := n + 1; r < len(raw); r++ {
			got = append(got, at(r, 0))
		}
		if diff := cmp.Diff(notes, got); diff != "" {
			t.Errorf("notes (-want +got):\n%s", diff)
		}
	} else if len(raw) > n {
		t.Errorf("%d lines after the table", len(raw)-n)
	}
}

// checkStyle checks a cell's number format (empty: the general format)
// and whether it is bold.
func checkStyle(t *testing.T, f *excelize.File, sheet string, row, col int, format string, bold bool) {
	t.Helper()
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	id, err := f.GetCellStyle(sheet, name)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	if st.CustomNumFmt != nil {
		got = *st.CustomNumFmt
	}
	if got != format {
		t.Errorf("%s!%s: number format %q, want %q", sheet, name, got, format)
	}
	if isBold := st.Font != nil && st.Font.Bold; isBold != bold {
		t.Errorf("%s!%s: bold %v, want %v", sheet, name, isBold, bold)
	}
}

// TestXLSXSheetNames gives tables titles Excel does not allow as sheet
// names: too long, with []:*?/\, apostrophes at the ends, equal but for
// case, "History", none at all.
func TestXLSXSheetNames(t *testing.T) {
	titles := []string{"Termine: je Monat/Quartal [2024]*?\\", strings.Repeat("Sehr langer Tabellentitel ", 3),
		strings.Repeat("Sehr langer Tabellentitel ", 3), "'Zitat'", "Bericht", "bericht", "History", "", "::", "Ümläute äöü"}
	r := &report.Report{Kind: report.KindCompliance, Language: report.German, Title: "T"}
	sec := report.Section{ID: "s", Title: ""}
	for i, title := range titles {
		sec.Tables = append(sec.Tables, report.Table{ID: fmt.Sprint("t", i), Title: title,
			Columns: []report.Column{{Key: "a", Label: "A", Type: report.TypeText}},
			Rows:    []report.Row{{Cells: []report.Cell{{Value: "x", Text: "x"}}}}})
	}
	r.Sections = []report.Section{sec}
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Bericht", "Termine je Monat Quartal 2024", "Sehr langer Tabellentitel Sehr", "Sehr langer Tabellentitel S (2)",
		"Zitat", "Bericht (2)", "bericht (3)", "History (2)", "t7", "t8", "Ümläute äöü"}
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Errorf("sheet names (-want +got):\n%s", diff)
	}
}

// TestXLSXLibreOffice converts every sheet of a workbook to CSV with
// LibreOffice, headless, and compares the cells with the JSON output.
// CI does not install LibreOffice: without soffice on PATH it skips.
func TestXLSXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not on PATH: the workbook is not converted with LibreOffice")
	}
	if testing.Short() {
		t.Skip("-short: no LibreOffice")
	}
	// A centre's report (dates, truth values, percentages, decimals) and
	// a published programme report (suppressed counts).
	_, reports := xlsxReports(t)
	names := []string{"wiesbaden-centre-annual", "published/bad-kreuznach/programme-annual"}
	dir := t.TempDir()
	books := map[string][]byte{}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		// Filter options: comma, quote, UTF-8, from line 1, no column
		// types, language en-US (numbers with a decimal point), quoted
		// text, detect numbers, save as shown = false (raw values), …,
		// sheet -1: every sheet to a file of its own (LibreOffice 7.2
		// and later).
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,false,false,false,-1", "--outdir", dir}
	for _, name := range names {
		var buf bytes.Buffer
		if err := report.WriteXLSX(&buf, reports[name]); err != nil {
			t.Fatal(err)
		}
		books[name] = buf.Bytes()
		in := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".xlsx")
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			checkLibreOfficeCSV(t, dir, strings.ReplaceAll(name, "/", "-"), reports[name], books[name])
		})
	}
}

// checkLibreOfficeCSV compares the CSV files LibreOffice made of each
// sheet of a workbook with the JSON output of its report.
func checkLibreOfficeCSV(t *testing.T, dir, name string, r *report.Report, book []byte) {
	var want jsonReport
	var js bytes.Buffer
	if err := report.WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(js.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cover, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	sheetOf := tableSheets(cover)
	checked := 0
	suppressed := 0
	for _, s := range want.Sections {
		for _, tb := range s.Tables {
			sheet, ok := sheetOf[tb.ID]
			if !ok {
				t.Errorf("table %s is not listed on the first sheet", tb.ID)
				continue
			}
			checked++
			b, err := os.ReadFile(filepath.Join(dir, name+"-"+sheet+".csv"))
			if err != nil {
				t.Errorf("table %s: %v", tb.ID, err)
				continue
			}
			lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
			for r, row := range tb.Rows {
				if r+1 >= len(lines) {
					t.Errorf("table %s: %d lines for %d rows", tb.ID, len(lines), len(tb.Rows))
					break
				}
				fields, quoted := splitCSV(lines[r+1])
				for c, cell := range row.Cells {
					got, isText := "", false
					if c < len(fields) {
						got, isText = fields[c], quoted[c]
					}
					col := tb.Columns[c]
					// LibreOffice writes text in quotes and numbers, dates
					// (as MM/DD/YYYY in the en-US locale asked for),
					// percentages and truth values without.
					want, wantText := cell.Text, true
					switch {
					case cell.Suppressed != "":
						suppressed++
					case cell.Value == nil:
						want, wantText = "", false
					case col.Type == "count":
						want, wantText = fmt.Sprint(cell.Value), false
					case col.Type == "decimal" && col.Unit == "%":
						want, wantText = cell.Value.(string)+"%", false
					case col.Type == "decimal":
						want, wantText = cell.Value.(string), false
					case col.Type == "bool":
						want, wantText = map[bool]string{true: "TRUE", false: "FALSE"}[cell.Value.(bool)], false
					case col.Type == "date":
						day, err := time.Parse(time.DateOnly, cell.Value.(string))
						if err != nil {
							t.Fatal(err)
						}
						want, wantText = day.Format("01/02/2006"), false
					}
					if isText != wantText && want != "" {
						t.Errorf("table %s row %d column %s: LibreOffice reads %q as text %v, want %v", tb.ID, r+1, col.Key, got, isText, wantText)
					}
					n1, e1 := strconv.ParseFloat(strings.TrimSuffix(got, "%"), 64)
					n2, e2 := strconv.ParseFloat(strings.TrimSuffix(want, "%"), 64)
					if e1 == nil && e2 == nil && math.Abs(n1-n2) < 1e-9 && strings.HasSuffix(got, "%") == strings.HasSuffix(want, "%") {
						continue
					}
					if got != want {
						t.Errorf("table %s row %d column %s: LibreOffice reads %q, want %q", tb.ID, r+1, col.Key, got, want)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no table was checked")
	}
	t.Logf("%d tables, %d suppressed cells", checked, suppressed)
}

// tableSheets reads the list of tables at the end of the first sheet: the
// sheet of each table id.
func tableSheets(cover [][]string) map[string]string {
	out := map[string]string{}
	for i, row := range cover {
		if len(row) == 1 && (row[0] == "Tabellen" || row[0] == "Tables") {
			for _, r := range cover[min(i+2, len(cover)):] {
				if len(r) >= 4 {
					out[r[3]] = r[0]
				}
			}
		}
	}
	return out
}

// splitCSV splits a line of comma-separated fields, some in double
// quotes, and says which were quoted.
func splitCSV(line string) (fields []string, quoted []bool) {
	var b strings.Builder
	inQuotes, wasQuoted := false, false
	for i := 0; i < len(line); i++ {
		switch ch := line[i]; {
		case ch == '"' && inQuotes && i+1 < len(line) && line[i+1] == '"':
			b.WriteByte('"')
			i++
		case ch == '"':
			inQuotes, wasQuoted = !inQuotes, true
		case ch == ',' && !inQuotes:
			fields, quoted = append(fields, b.String()), append(quoted, wasQuoted)
			b.Reset()
			wasQuoted = false
		default:
			b.WriteByte(ch)
		}
	}
	return append(fields, b.String()), append(quoted, wasQuoted)
}

// goldenByName builds the report of a golden case.
func goldenByName(t *testing.T, name string) *report.Report {
	t.Helper()
	for _, c := range goldenCases(t) {
		if c.name == name {
			r, err := c.build()
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
	}
	t.Fatalf("no golden case %s", name)
	return nil
}

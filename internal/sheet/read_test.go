package sheet

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
)

// want is the sessions every variant of the sample sheet reads to.
var want = []kiez.Session{
	{Offer: "elterncafe", Date: date.New(2024, 1, 3), Themed: true, Theme: "Schlafen und Einschlafen", Attendance: kiez.Attendance{Adults: 8, Children: 6}},
	{Offer: "sprechstunde", Date: date.New(2024, 1, 4), Hours: decimal.RequireFromString("1.5"), Attendance: kiez.Attendance{Families: 3}, Kita: "kita-am-park"},
	{Offer: "babycafe", Date: date.New(2024, 2, 9), Cancelled: true},
}

func sessions(t *Table) []kiez.Session {
	var out []kiez.Session
	for _, r := range t.Rows {
		out = append(out, r.Session)
	}
	return out
}

// TestReadCSVVariants reads the same sessions from the CSV dialects that
// spreadsheet programs write.
func TestReadCSVVariants(t *testing.T) {
	semicolon := "Datum;Angebot;Kita;Stunden;Erwachsene;Kinder;Familien;Themenschwerpunkt;Thema;Abgesagt\r\n" +
		"03.01.2024;elterncafe;;;8;6;;ja;Schlafen und Einschlafen;\r\n" +
		"4.1.2024;sprechstunde;kita-am-park;1,5;;;3;;;nein\r\n" +
		"\r\n" +
		"2024-02-09;babycafe;;;;;;;;x\r\n"
	comma := "datum,angebot,kita,stunden,erwachsene,kinder,familien,themenschwerpunkt,thema,abgesagt\n" +
		"2024-01-03,elterncafe,,,8,6,,true,\"Schlafen und Einschlafen\",\n" +
		"2024-01-04,sprechstunde,kita-am-park,\"1,5\",,,3,,,\n" +
		"2024-02-09,babycafe,,,,,,,,ja\n"
	tests := []struct {
		name string
		data []byte
	}{
		{"semicolon", []byte(semicolon)},
		{"bom", append([]byte("\uFEFF"), semicolon...)},
		{"comma", []byte(comma)},
		{"sep-line", []byte("sep=,\n" + comma)},
		{"tabs", []byte(strings.ReplaceAll(semicolon, ";", "\t"))},
		{"windows-1252", mustEncode(t, charmap.Windows1252.NewEncoder().Bytes, semicolon)},
		{"utf-16", mustEncode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes, strings.ReplaceAll(semicolon, ";", "\t"))},
		{"header-remarks", []byte(strings.Replace(semicolon, "Themenschwerpunkt;", "  THEMENSCHWERPUNKT (ja/nein) ;", 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, diags := Read("termine.csv", tt.data)
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			if diff := cmp.Diff(want, sessions(tb)); diff != "" {
				t.Errorf("sessions (-want +got):\n%s", diff)
			}
			if tb.Sheet != "termine" {
				t.Errorf("sheet %q, want termine", tb.Sheet)
			}
		})
	}
}

func mustEncode(t *testing.T, enc func([]byte) ([]byte, error), s string) []byte {
	t.Helper()
	b, err := enc([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadErrors checks that every kind of problem is reported at its
// cell: the file position and the cell name.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "file:line:col: severity: summary (at cell)"
	}{
		{"empty", "", []string{"s.csv:1:1: error: the sheet is empty: it needs a header row (at s!A1)"}},
		{"missing-column", "Datum;Kinder\n01.02.2024;3\n", []string{`s.csv:1:1: error: the sheet has no column "Angebot" (at s!A1)`}},
		{"twice", "Datum;Angebot;datum\n", []string{`s.csv:1:15: error: column "Datum" appears twice (first at s!A1) (at s!C1)`}},
		{"notes", "Datum;Angebot;Bemerkung\n01.02.2024;cafe;Frau M. kam spät\n", []string{`s.csv:1:15: error: unknown column "Bemerkung" (at s!C1)`}},
		{"misspelt", "Datum;Angebott\n", []string{`s.csv:1:7: error: unknown column "Angebott"; did you mean "Angebot"? (at s!B1)`, `s.csv:1:1: error: the sheet has no column "Angebot" (at s!A1)`}},
		{"no-header", "Datum;Angebot\n01.02.2024;cafe;3\n", []string{"s.csv:2:17: error: a value in a column without a header (at s!C2)"}},
		{"bad-date", "Datum;Angebot\n30.02.2024;cafe\n", []string{`s.csv:2:1: error: Datum: "30.02.2024" is not a valid date (no such day) (at s!A2)`}},
		{"short-year", "Datum;Angebot\n1.2.24;cafe\n", []string{`s.csv:2:1: error: Datum: "1.2.24" has a year of 2 digits; write all four (at s!A2)`}},
		{"serial-in-csv", "Datum;Angebot\n45292;cafe\n", []string{`s.csv:2:1: error: Datum: "45292" is not a date of the form YYYY-MM-DD (at s!A2)`}},
		{"epoch", "Datum;Angebot\n01.01.1970;cafe\n", nil}, // the zero date.Date is a date like any other here
		{"empty-offer", "Datum;Angebot\n01.02.2024;\n", []string{"s.csv:2:12: error: Angebot is empty (at s!B2)"}},
		{"bad-id", "Datum;Angebot\n01.02.2024;Eltern Café\n", []string{`s.csv:2:12: error: Angebot: "Eltern Café" is not an id (at s!B2)`}},
		{"umlaut-column", "Thema;Datum;Angebot;Kinder\nÄrger;01.02.2024;cafe;viele\n", []string{`s.csv:2:23: error: Kinder: "viele" is not a number (at s!D2)`}},
		{"fraction", "Datum;Angebot;Kinder\n01.02.2024;cafe;2,5\n", []string{`s.csv:2:17: error: Kinder: "2,5" is not a whole number (at s!C2)`}},
		{"hours", "Datum;Angebot;Stunden\n01.02.2024;cafe;25\n01.02.2024;cafe2;1.000,5\n", []string{
			"s.csv:2:17: error: Stunden: 25 hours is not a session's length (0 to 24) (at s!C2)",
			`s.csv:3:18: error: Stunden: "1.000,5" is not a number of hours (at s!C3)`}},
		{"bool", "Datum;Angebot;Abgesagt\n01.02.2024;cafe;vielleicht\n", []string{`s.csv:2:17: error: Abgesagt: "vielleicht" is neither ja nor nein (at s!C2)`}},
		{"long-theme", "Datum;Angebot;Thema\n01.02.2024;cafe;" + strings.Repeat("x", 201) + "\n", []string{"s.csv:2:17: error: Thema: the theme has 201 characters, more than 200 (at s!C2)"}},
		{"line-break", "Datum;Angebot;Thema\n01.02.2024;cafe;\"zwei\nZeilen\"\n", []string{"s.csv:2:17: error: the cell holds the control character U+000A at character 5 (at s!C2)"}},
		{"control", "Datum;Angebot;Thema\n01.02.2024;cafe;a\x1b[31m\n", []string{"s.csv:2:17: error: the cell holds the control character U+001B at character 2 (at s!C2)"}},
		{"quote", "Datum;Angebot\n01.02.2024;ca\"fe\n", []string{`s.csv:2:14: error: a quotation mark out of place: bare " in non-quoted-field`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Read("s.csv", []byte(tt.text))
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadXLSXCells reads typed workbook cells: a date as a serial number
// or as text, numbers with binary noise, booleans.
func TestReadXLSXCells(t *testing.T) {
	var b bytes.Buffer
	ce := &kiez.Centre{ID: "c", Sessions: want}
	if err := Export(&b, FormatXLSX, []*kiez.Centre{ce}); err != nil {
		t.Fatal(err)
	}
	tb, diags := Read("t.xlsx", b.Bytes())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(want, sessions(tb)); diff != "" {
		t.Errorf("sessions (-want +got):\n%s", diff)
	}
	if tb.Rows[1].Centre != "c" || tb.Rows[1].At(colHours).Cell != "Termine!E3" {
		t.Errorf("row 3: centre %q, hours at %q", tb.Rows[1].Centre, tb.Rows[1].At(colHours).Cell)
	}
	for _, tt := range []struct {
		text string
		want date.Date
		msg  string
	}{
		{"45295", date.New(2024, 1, 4), ""},
		{"45295.5", date.Date{}, "the cell holds a date with a time of day (45295.5); give the day only"},
		{"2024-01-04T00:00:00Z", date.New(2024, 1, 4), ""},
		{"04.01.2024", date.New(2024, 1, 4), ""},
		{"12", date.Date{}, "the number 12 is not a date"},
	} {
		d, msg := parseDate(tt.text, true, date.New(1899, 12, 30))
		if !d.Equal(tt.want) || msg != tt.msg {
			t.Errorf("parseDate(%q) = %s, %q; want %s, %q", tt.text, d, msg, tt.want, tt.msg)
		}
	}
	if h, msg := parseHours("1.9999999999999998"); msg != "" || h.String() != "2" {
		t.Errorf("hours with binary noise: %s %q", h, msg)
	}
}

// TestReadXLSX1904 reads the dates of a workbook in the 1904 date system
// (old Excel for Mac), whose serial numbers count from 1904-01-01.
func TestReadXLSX1904(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	for _, err := range []error{
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}),
		f.SetSheetRow("Sheet1", "A1", &[]any{"Datum", "Angebot"}),
		f.SetSheetRow("Sheet1", "A2", &[]any{43832, "cafe"}), // 2024-01-03: 45294 in the 1900 system, less 1462 days
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	tb, diags := Read("mac.xlsx", b.Bytes())
	if len(diags) > 0 || len(tb.Rows) != 1 || !tb.Rows[0].Session.Date.Equal(date.New(2024, 1, 3)) {
		t.Errorf("rows %v, diagnostics %v", tb.Rows, diags)
	}
}

// TestReadXLSXErrors places problems of a workbook at sheet!cell.
func TestReadXLSXErrors(t *testing.T) {
	tb, diags := Read("t.xlsx", []byte("PK\x03\x04 kein Arbeitsbuch"))
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), "t.xlsx:1:1: error: cannot read the workbook") || tb == nil {
		t.Errorf("a broken workbook: %v", diags)
	}
	var b bytes.Buffer
	ce := &kiez.Centre{ID: "c", Sessions: []kiez.Session{{Offer: "cafe", Date: date.New(2024, 1, 3), Theme: strings.Repeat("x", 201)}}}
	if err := Export(&b, FormatXLSX, []*kiez.Centre{ce}); err != nil {
		t.Fatal(err)
	}
	_, diags = Read("t.xlsx", b.Bytes())
	want := []string{"t.xlsx:2:10: error: Thema: the theme has 201 characters, more than 200 (at Termine!J2)"}
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestTemplateReadable reads the templates back: headers and no rows.
func TestTemplateReadable(t *testing.T) {
	ce := &kiez.Centre{ID: "c", Offers: []kiez.Offer{{ID: "cafe"}}, Catchment: []kiez.Kita{{ID: "kita-a"}}}
	for _, name := range []string{"vorlage.xlsx", "vorlage.csv"} {
		var b bytes.Buffer
		if err := Template(&b, FormatOf(name), []*kiez.Centre{ce}); err != nil {
			t.Fatal(err)
		}
		tb, diags := Read(name, b.Bytes())
		if len(diags) > 0 || len(tb.Rows) != 0 || len(tb.Columns) != len(columnList()) {
			t.Errorf("%s: %d rows, columns %v, diagnostics %v", name, len(tb.Rows), tb.Columns, diags)
		}
	}
}

// FuzzRead checks that no input makes Read panic, and that every
// diagnostic has a position.
func FuzzRead(f *testing.F) {
	f.Add("s.csv", []byte("Datum;Angebot;Kinder\n01.02.2024;cafe;3\n"))
	f.Add("s.csv", []byte("sep=,\ndatum,angebot\n\"2024-01-01\",\"a\"\"b\"\n"))
	f.Add("s.csv", []byte("\xff\xfeD\x00a\x00"))
	var b bytes.Buffer
	if err := Export(&b, FormatXLSX, []*kiez.Centre{{ID: "c", Sessions: want}}); err != nil {
		f.Fatal(err)
	}
	f.Add("s.xlsx", b.Bytes())
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if FormatOf(name) == FormatUnknown {
			name = "s.csv"
		}
		done := make(chan struct{})
		var tb *Table
		var diags diag.Diagnostics
		go func() { tb, diags = Read(name, data); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%q, %d bytes) takes more than 5 s", name, len(data))
		}
		if tb == nil {
			t.Fatal("no table")
		}
		for _, d := range diags {
			if d.Subject == nil || d.Severity == 0 {
				t.Fatalf("diagnostic without position or severity: %v", d)
			}
		}
	})
}

package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kiez-go/kiez/internal/xlsxfile"
	"github.com/kiez-go/kiez/rules"
)

// checkWorkbook writes the verdicts of kiez check --format xlsx: the sheet
// "Ergebnisse" ("Results" under --lang en) with one row per result
// (programme, rule, subject, outcome, severity, requirements, message) as
// an Excel table with filter buttons, written as the engine hands
// the results over (excelize's stream writer keeps a large sheet in a
// temporary file, not in memory), and the sheet "Anzahl" ("Counts") with
// the outcome counts per programme and subject, each programme with a
// total. The severity is given only for results that are problems, as in
// the text tables. Every result is written, whatever --only says. The
// sheet names, headers and labels are in the language of tx.
type checkWorkbook struct {
	tx    *texts
	f     *excelize.File
	sw    *excelize.StreamWriter
	bold  int
	rows  int
	at    time.Time
	title string
	// counts are the outcome counts per programme and subject, in the
	// order the subjects first came.
	counts []checkCount
	index  map[[2]string]int
	// stopped is set when --timeout cut the run short.
	stopped bool
}

// checkCount is one line of the counts sheet.
type checkCount struct {
	programme, subject string
	t                  tally
}

// checkColumns are the columns of the results sheet, as keys of the
// message table, with their widths.
var checkColumns = []struct {
	key   string
	width float64
}{
	{"check.xlsx.programme", 30}, {"check.xlsx.rule", 32}, {"check.xlsx.subject", 34}, {"check.xlsx.outcome", 16},
	{"check.xlsx.severity", 10}, {"check.xlsx.requirements", 18}, {"check.xlsx.message", 90},
}

// newCheckWorkbook starts the workbook of a check of period made at at,
// in the language of tx.
func newCheckWorkbook(tx *texts, period string, at time.Time) (*checkWorkbook, error) {
	f := excelize.NewFile()
	w := &checkWorkbook{tx: tx, f: f, at: at, index: map[[2]string]int{}, title: "kiez check " + period}
	resultsSheet := tx.t("check.xlsx.results")
	fail := func(err error) (*checkWorkbook, error) {
		f.Close()
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	if err := f.SetSheetName("Sheet1", resultsSheet); err != nil {
		return fail(err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}})
	if err != nil {
		return fail(err)
	}
	w.bold = bold
	if w.sw, err = f.NewStreamWriter(resultsSheet); err != nil {
		return fail(err)
	}
	head := make([]any, len(checkColumns))
	for i, c := range checkColumns {
		if err := w.sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fail(err)
		}
		head[i] = excelize.Cell{StyleID: bold, Value: w.tx.t(c.key)}
	}
	if err := w.sw.SetPanes(frozenHeader()); err != nil {
		return fail(err)
	}
	if err := w.sw.SetRow("A1", head); err != nil {
		return fail(err)
	}
	w.rows = 1
	return w, nil
}

// frozenHeader freezes a sheet's first row.
func frozenHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}
}

// add writes a result's row and counts it.
func (w *checkWorkbook) add(r rules.Result) error {
	severity := ""
	if isProblem(r.Outcome) {
		severity = w.tx.severity(r.Severity)
	}
	w.rows++
	cell, err := excelize.CoordinatesToCellName(1, w.rows)
	if err != nil {
		return err
	}
	if err := w.sw.SetRow(cell, []any{r.Programme, r.Rule, r.Subject, w.tx.outcome(r.Outcome), severity,
		strings.Join(r.Requirements, ", "), resultMessage(w.tx, r)}); err != nil {
		return err
	}
	subject := r.Centre
	if subject == "" {
		subject = r.Programme
	}
	key := [2]string{r.Programme, subject}
	i, ok := w.index[key]
	if !ok {
		i = len(w.counts)
		w.index[key] = i
		w.counts = append(w.counts, checkCount{programme: r.Programme, subject: subject, t: tally{}})
	}
	w.counts[i].t.add(r.Outcome)
	return nil
}

// finish writes the counts sheet and the workbook to out.
func (w *checkWorkbook) finish(out io.Writer) error {
	defer w.f.Close()
	resultsSheet, countsSheet := w.tx.t("check.xlsx.results"), w.tx.t("check.xlsx.counts")
	// The results are an Excel table: filter buttons in the header, rows
	// in bands.
	last, err := excelize.CoordinatesToCellName(len(checkColumns), max(w.rows, 2))
	if err != nil {
		return err
	}
	if err := w.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: resultsSheet, StyleName: "TableStyleLight1"}); err != nil {
		return err
	}
	if err := w.sw.Flush(); err != nil {
		return err
	}
	if _, err := w.f.NewSheet(countsSheet); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(countsSheet)
	if err != nil {
		return err
	}
	head := []any{excelize.Cell{StyleID: w.bold, Value: w.tx.t("check.xlsx.programme")}, excelize.Cell{StyleID: w.bold, Value: w.tx.t("check.xlsx.subject")}}
	for i, o := range outcomes() {
		head = append(head, excelize.Cell{StyleID: w.bold, Value: w.tx.outcome(o)})
		if err := sw.SetColWidth(i+3, i+3, 14); err != nil {
			return err
		}
	}
	total := w.tx.t("check.total")
	head = append(head, excelize.Cell{StyleID: w.bold, Value: total})
	if err := sw.SetColWidth(1, 2, 34); err != nil {
		return err
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	rows := [][]any{head}
	line := func(programme, subject string, t tally) []any {
		row := []any{programme, subject}
		n := 0
		for _, o := range outcomes() {
			row = append(row, t[o])
			n += t[o]
		}
		return append(row, n)
	}
	sum := tally{}
	for i, c := range w.counts {
		rows = append(rows, line(c.programme, c.subject, c.t))
		for o, n := range c.t {
			sum[o] += n
		}
		if i+1 == len(w.counts) || w.counts[i+1].programme != c.programme {
			rows = append(rows, line(c.programme, total, sum))
			sum = tally{}
		}
	}
	if w.stopped {
		rows = append(rows, nil, []any{w.tx.t("check.xlsx.stopped")})
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	when := w.at.UTC().Format(time.RFC3339)
	if err := w.f.SetDocProps(&excelize.DocProperties{Title: w.title, Creator: "kiez", LastModifiedBy: "kiez",
		Created: when, Modified: when, Language: w.tx.t("check.xlsx.language")}); err != nil {
		return err
	}
	if err := w.f.SetAppProps(&excelize.AppProperties{Application: "kiez"}); err != nil {
		return err
	}
	return xlsxfile.Write(out, w.f)
}

// discard drops the workbook and its temporary files.
func (w *checkWorkbook) discard() { w.f.Close() }

// isTerminal reports whether w is a terminal, where a workbook's bytes
// would be garbage.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/internal/sheet"
	"github.com/kiez-go/kiez/kiez"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "kiez import [flags] --into DATA.yaml|DIR -o OUT.yaml FILE.xlsx|FILE.csv\n       kiez import --template FILE.xlsx|FILE.csv [--into DATA --centre ID]", `
Imports a list of sessions (Termine) kept in a spreadsheet: one row per
session with its date, offer, Kita and the numbers of adults, children
and families who came; no names and no notes (an unknown column is an
error). The sheet is an XLSX workbook (the sheet "Termine", or its only
sheet) or a CSV file (UTF-8 with or without byte order mark, or
Windows-1252; separated by ";", "," or tabs, as the header line shows;
dates DD.MM.YYYY or YYYY-MM-DD; a decimal comma or point). The columns,
by German header or key, are: Zentrum (zentrum), Datum (datum), Angebot
(angebot), Kita (kita), Stunden (stunden), Erwachsene (erwachsene),
Kinder (kinder), Familien (familien), Themenschwerpunkt
(themenschwerpunkt), Thema (thema), Abgesagt (abgesagt); Datum and
Angebot are required.

The rows are merged into the sessions of their centres in the data of
--into (a file or directory, as kiez validate reads it): a row replaces
the session with the same date, offer and Kita, and is added in date
order when there is none; with --replace the sheet is the whole list and
sessions not in it are removed. The data file that holds the centres is
written, with the merged sessions and otherwise as it was, to --out: a
new file (or "-", standard output), never an input; review it, then put
it in place of the data file. The result is validated before it is
written. Every problem is printed with its cell (file:row:column and
Termine!B7; for CSV file:line:column with the line), and nothing is
written when there is an error.

--template FILE writes an empty sheet with the headers instead; an XLSX
template has a sheet of explanations and, with --into, lists of the
centres' offers and Kitas to pick from in the cells.

Exit code: 0 when the file is written, 1 on problems in the sheet or the
data (nothing is written), 2 on wrong usage.`)
	var into pathFlag
	fs.Var(&into, "into", "the data `file or directory` to merge into (repeatable)")
	out := fs.String("out", "", "write the merged data file to this `file` (.yaml, or .json for a JSON data file; - is standard output)")
	fs.StringVar(out, "o", "", "short for --out `file`")
	centre := fs.String("centre", "", "import only the rows of this centre `id` (rows without a Zentrum are its); needed when the sheet has no Zentrum column and the data more than one centre")
	replace := fs.Bool("replace", false, "the sheet is the whole list of the centres' sessions: remove the sessions not in it")
	template := fs.String("template", "", "write an empty sheet with the headers to this `file` (.xlsx or .csv) instead of importing")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *template != "" {
		if len(rest) > 0 || *out != "" || *replace {
			return fs.usageError(stderr, "--template writes a template only: give no sheet, no --out and no --replace")
		}
		return writeTemplate(fs, *template, into, *centre, stdout, stderr)
	}
	switch {
	case len(rest) != 1:
		return fs.usageError(stderr, "name one sheet file (.xlsx or .csv) to import")
	case sheet.FormatOf(rest[0]) == sheet.FormatUnknown:
		return fs.usageError(stderr, "%s: name an .xlsx workbook or a .csv file", rest[0])
	case len(into) == 0:
		return fs.usageError(stderr, "--into: name the data file or directory that holds the centre")
	case *out == "":
		return fs.usageError(stderr, "--out: name the file to write the merged data to (the input is never overwritten)")
	}
	for _, p := range into {
		if p == stdinArg {
			return fs.usageError(stderr, "--into: name files or directories; the merged file is a copy of one of them")
		}
	}
	if *out != "-" && !isDataName(*out) {
		return fs.usageError(stderr, "--out %s: the merged data file is YAML or JSON, as the data file it copies; name a .yaml or .json file", *out)
	}
	target := newOutput(fs.tx, "--out", *out)
	if msg := checkOutputs([]*output{target}, append(append([]string(nil), into...), rest[0])); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	name := rest[0]
	ctx := context.Background()
	ds, diags, fsys := loadInputs(ctx, into)
	diags = append(diags, ds.Validate()...)
	if diags.HasErrors() {
		diags.Sort()
		printDiagnostics(stderr, diags, ds.Source)
		fmt.Fprintf(stderr, "kiez import: the data has errors (%s); correct them first. Nothing was written.\n", countLine(diags))
		return exitProblems
	}
	data, err := readSheetFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "kiez import: %v\n", err)
		return exitProblems
	}
	t, tdiags := sheet.Read(name, data)
	all := tdiags
	var res *sheet.Result
	if len(t.Rows) > 0 || !tdiags.HasErrors() {
		var idiags diag.Diagnostics
		res, idiags = sheet.Import(ds, diags, t, sheet.Options{Centre: *centre, Replace: *replace},
			func(file string, text []byte) (*kiez.Dataset, diag.Diagnostics) {
				return kiez.LoadContext(ctx, sheet.Overlay(fsys, file, text), inputNames(into)...)
			})
		all = append(all, idiags...)
	} else {
		all = append(all, diags...)
	}
	all.Sort()
	printDiagnostics(stderr, all, t.SourceFunc(ds.Source))
	if all.HasErrors() || res == nil || res.Text == nil {
		fmt.Fprintf(stderr, "kiez import: %s; nothing was written.\n", countLine(all))
		return exitProblems
	}
	if json := strings.EqualFold(filepath.Ext(res.File), ".json"); !target.toStdout() && json != strings.EqualFold(filepath.Ext(*out), ".json") {
		kind := map[bool]string{true: "JSON", false: "YAML"}[json]
		fmt.Fprintf(stderr, "kiez import: --out %s: the centres are in %s, a %s file; name a %s file. Nothing was written.\n",
			*out, res.File, kind, map[bool]string{true: ".json", false: ".yaml"}[json])
		return exitUsage
	}
	if err := target.write(res.Text, stdout); err != nil {
		fmt.Fprintf(stderr, "kiez import: %v; nothing was written.\n", err)
		return exitProblems
	}
	report := stdout
	if target.toStdout() {
		report = stderr
	}
	for _, c := range res.Counts {
		fmt.Fprintf(report, "%s: %s added, %d changed, %d unchanged, %d removed\n",
			c.Centre, plural(c.Added, "session", "sessions"), c.Changed, c.Unchanged, c.Removed)
	}
	if res.Skipped > 0 {
		fmt.Fprintf(report, "%s of other centres than %s skipped\n", plural(res.Skipped, "row", "rows"), *centre)
	}
	if !target.toStdout() {
		fmt.Fprintf(report, "%s written: %s with the sessions merged (%s); put it in place of %s when it is right.\n",
			*out, res.File, countLine(all), res.File)
	}
	return exitOK
}

// inputNames is the data paths as loadInputs names them to the loader.
func inputNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

func printDiagnostics(w io.Writer, diags diag.Diagnostics, src diag.SourceFunc) {
	if len(diags) == 0 {
		return
	}
	if err := diag.WriteText(w, diags, src); err != nil {
		fmt.Fprintf(w, "kiez: %v\n", err)
	}
}

// readSheetFile reads a sheet file: a regular file of at most
// kiez.MaxFileSize bytes, opened without blocking.
func readSheetFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, unwrapPathError(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file", name, filekind.Of(st.Mode()))
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, kiez.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, unwrapPathError(err))
	}
	if len(data) > kiez.MaxFileSize {
		return nil, fmt.Errorf("%s has more than %d bytes; split the sheet into one per year or centre", name, kiez.MaxFileSize)
	}
	return data, nil
}

// writeTemplate writes an empty sheet; with data, its lists hold the
// offers and Kitas of the centre (or of every centre).
func writeTemplate(fs *flags, name string, into []string, centre string, stdout, stderr io.Writer) int {
	f := sheet.FormatOf(name)
	if f == sheet.FormatUnknown || name == "-" {
		return fs.usageError(stderr, "--template %s: name an .xlsx or .csv file", name)
	}
	target := newOutput(fs.tx, "--template", name)
	if msg := checkOutputs([]*output{target}, into); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	var centres []*kiez.Centre
	if len(into) > 0 {
		ds, err := loadDataOrReport(into, stderr)
		if err != nil {
			return exitProblems
		}
		if centres, err = selectCentres(ds, centre); err != nil {
			fmt.Fprintf(stderr, "kiez import: %v\n", err)
			return exitProblems
		}
	} else if centre != "" {
		return fs.usageError(stderr, "--centre needs --into, the data that holds the centre")
	}
	var b bytes.Buffer
	if err := sheet.Template(&b, f, centres); err != nil {
		fmt.Fprintf(stderr, "kiez import: %v\n", err)
		return exitProblems
	}
	if err := target.write(b.Bytes(), stdout); err != nil {
		fmt.Fprintf(stderr, "kiez import: %v\n", err)
		return exitProblems
	}
	fmt.Fprintf(stdout, "template written to %s\n", name)
	return exitOK
}

// loadDataOrReport loads and validates data, printing its problems to w;
// the error says that it has errors (already printed).
func loadDataOrReport(paths []string, w io.Writer) (*kiez.Dataset, error) {
	ds, diags, _ := loadInputs(context.Background(), paths)
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	if diags.HasErrors() {
		printDiagnostics(w, diags, ds.Source)
		fmt.Fprintf(w, "%s in the data\n", countLine(diags))
		return nil, errors.New("the data has errors")
	}
	return ds, nil
}

// selectCentres returns the centre with the id, or every centre for "".
func selectCentres(ds *kiez.Dataset, id string) ([]*kiez.Centre, error) {
	var out []*kiez.Centre
	var ids []string
	for i := range ds.Centres {
		ids = append(ids, ds.Centres[i].ID)
		if id == "" || ds.Centres[i].ID == id {
			out = append(out, &ds.Centres[i])
		}
	}
	if id != "" && len(out) == 0 {
		return nil, fmt.Errorf("--centre: the data has no centre %q (it has %s)", id, strings.Join(ids, ", "))
	}
	return out, nil
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "kiez export [flags] -o FILE.xlsx|FILE.csv DATA...", `
Writes the sessions (Termine) of the data's centres as a sheet that kiez
import reads back: one row per session with the columns Zentrum, Datum,
Angebot, Kita, Stunden, Erwachsene, Kinder, Familien, Themenschwerpunkt,
Thema and Abgesagt. An XLSX workbook has typed cells (dates, numbers), a
frozen header row, lists of the centres' offers and Kitas to pick from,
and a sheet of explanations; CSV is for German spreadsheets (UTF-8 with
byte order mark, ";", decimal comma, dates DD.MM.YYYY).

--out names the file; its extension chooses the format unless --format
says (needed for "-", standard output). Exit code: 0 when written, 1 on
errors in the data, 2 on wrong usage.`)
	out := fs.String("out", "", "write the sheet to this `file` (.xlsx or .csv; - is standard output)")
	fs.StringVar(out, "o", "", "short for --out `file`")
	format := fs.String("format", "", "the sheet's `format`: xlsx or csv (default: the extension of --out)")
	centre := fs.String("centre", "", "export only the sessions of this centre `id`")
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return fs.usageError(stderr, "name at least one data file or directory")
	}
	if *out == "" {
		return fs.usageError(stderr, "--out: name the .xlsx or .csv file to write")
	}
	f := sheet.FormatOf(*out)
	switch *format {
	case "":
		if f == sheet.FormatUnknown {
			return fs.usageError(stderr, "--out %s: name an .xlsx or .csv file, or give --format", *out)
		}
	case "xlsx", "csv":
		named := map[string]sheet.Format{"xlsx": sheet.FormatXLSX, "csv": sheet.FormatCSV}[*format]
		if f != sheet.FormatUnknown && f != named {
			return fs.usageError(stderr, "--format %s does not match --out %s; give one or the other", *format, *out)
		}
		f = named
	default:
		return fs.usageError(stderr, "--format: unknown format %q (use xlsx or csv)", *format)
	}
	target := newOutput(fs.tx, "--out", *out)
	if msg := checkOutputs([]*output{target}, paths); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	ds, err := loadDataOrReport(paths, stderr)
	if err != nil {
		return exitProblems
	}
	centres, err := selectCentres(ds, *centre)
	if err != nil {
		fmt.Fprintf(stderr, "kiez export: %v\n", err)
		return exitProblems
	}
	var b bytes.Buffer
	if err := sheet.Export(&b, f, centres); err != nil {
		fmt.Fprintf(stderr, "kiez export: %v\n", err)
		return exitProblems
	}
	if err := target.write(b.Bytes(), stdout); err != nil {
		fmt.Fprintf(stderr, "kiez export: %v\n", err)
		return exitProblems
	}
	n := 0
	for _, c := range centres {
		n += len(c.Sessions)
	}
	report := stdout
	if target.toStdout() {
		report = stderr
	}
	dest := *out
	if target.toStdout() {
		dest = "standard output"
	}
	fmt.Fprintf(report, "%s of %s written to %s\n", plural(n, "session", "sessions"), plural(len(centres), "centre", "centres"), dest)
	return exitOK
}

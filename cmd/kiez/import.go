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
	"github.com/kiez-go/kiez/internal/sheet"
	"github.com/kiez-go/kiez/kiez"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import.synopsis", "import.about")
	var into pathFlag
	fs.Var(&into, "into", "import.flag.into")
	out := fs.String("out", "", "import.flag.out")
	fs.StringVar(out, "o", "", "flag.o")
	centre := fs.String("centre", "", "import.flag.centre")
	replace := fs.Bool("replace", false, "import.flag.replace")
	template := fs.String("template", "", "import.flag.template")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *template != "" {
		if len(rest) > 0 || *out != "" || *replace {
			return fs.fail(stderr, "import.templateOnly")
		}
		return writeTemplate(fs, *template, into, *centre, stdout, stderr)
	}
	switch {
	case len(rest) != 1:
		return fs.fail(stderr, "import.oneSheet")
	case sheet.FormatOf(rest[0]) == sheet.FormatUnknown:
		return fs.fail(stderr, "import.notSheet", rest[0])
	case len(into) == 0:
		return fs.fail(stderr, "import.needInto")
	case *out == "":
		return fs.fail(stderr, "import.needOut")
	}
	for _, p := range into {
		if p == stdinArg {
			return fs.fail(stderr, "import.intoStdin")
		}
	}
	if *out != "-" && !isDataName(*out) {
		return fs.fail(stderr, "import.outNotData", *out)
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
		fmt.Fprintln(stderr, fs.tx.t("import.dataErrors", fs.tx.countLine(diags)))
		return exitProblems
	}
	data, err := readSheetFile(fs.tx, name)
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
		fmt.Fprintln(stderr, fs.tx.t("import.failed", fs.tx.countLine(all)))
		return exitProblems
	}
	if json := strings.EqualFold(filepath.Ext(res.File), ".json"); !target.toStdout() && json != strings.EqualFold(filepath.Ext(*out), ".json") {
		kind := map[bool]string{true: "JSON", false: "YAML"}[json]
		fmt.Fprintln(stderr, fs.tx.t("import.outKind", *out, res.File, kind, map[bool]string{true: ".json", false: ".yaml"}[json]))
		return exitUsage
	}
	if err := target.write(res.Text, stdout); err != nil {
		fmt.Fprintln(stderr, fs.tx.t("import.failed", err))
		return exitProblems
	}
	report := stdout
	if target.toStdout() {
		report = stderr
	}
	for _, c := range res.Counts {
		fmt.Fprintln(report, fs.tx.t("import.counts", c.Centre, fs.tx.count(c.Added, "word.session"), c.Changed, c.Unchanged, c.Removed))
	}
	if res.Skipped > 0 {
		fmt.Fprintln(report, fs.tx.t("import.skipped", fs.tx.count(res.Skipped, "word.row"), *centre))
	}
	if !target.toStdout() {
		fmt.Fprintln(report, fs.tx.t("import.written", *out, res.File, fs.tx.countLine(all), res.File))
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
func readSheetFile(tx *texts, name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, errors.New(tx.t("import.cannotRead", name, unwrapPathError(err)))
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New(tx.t("import.notRegular", name, tx.fileKind(st.Mode())))
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, errors.New(tx.t("import.cannotRead", name, unwrapPathError(err)))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, kiez.MaxFileSize+1))
	if err != nil {
		return nil, errors.New(tx.t("import.cannotRead", name, unwrapPathError(err)))
	}
	if len(data) > kiez.MaxFileSize {
		return nil, errors.New(tx.t("import.tooLarge", name, kiez.MaxFileSize))
	}
	return data, nil
}

// writeTemplate writes an empty sheet; with data, its lists hold the
// offers and Kitas of the centre (or of every centre).
func writeTemplate(fs *flags, name string, into []string, centre string, stdout, stderr io.Writer) int {
	f := sheet.FormatOf(name)
	if f == sheet.FormatUnknown || name == "-" {
		return fs.fail(stderr, "import.templateName", name)
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
		if centres, err = selectCentres(fs.tx, ds, centre); err != nil {
			fmt.Fprintf(stderr, "kiez import: %v\n", err)
			return exitProblems
		}
	} else if centre != "" {
		return fs.fail(stderr, "import.centreNoInto")
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
	fmt.Fprintln(stdout, fs.tx.t("import.templateDone", name))
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
func selectCentres(tx *texts, ds *kiez.Dataset, id string) ([]*kiez.Centre, error) {
	var out []*kiez.Centre
	var ids []string
	for i := range ds.Centres {
		ids = append(ids, ds.Centres[i].ID)
		if id == "" || ds.Centres[i].ID == id {
			out = append(out, &ds.Centres[i])
		}
	}
	if id != "" && len(out) == 0 {
		return nil, errors.New(tx.t("import.noCentre", id, strings.Join(ids, ", ")))
	}
	return out, nil
}

func runExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "export.synopsis", "export.about")
	out := fs.String("out", "", "export.flag.out")
	fs.StringVar(out, "o", "", "flag.o")
	format := fs.String("format", "", "export.flag.format")
	centre := fs.String("centre", "", "export.flag.centre")
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return fs.fail(stderr, "err.needData")
	}
	if *out == "" {
		return fs.fail(stderr, "export.needOut")
	}
	f := sheet.FormatOf(*out)
	switch *format {
	case "":
		if f == sheet.FormatUnknown {
			return fs.fail(stderr, "export.outUnknown", *out)
		}
	case "xlsx", "csv":
		named := map[string]sheet.Format{"xlsx": sheet.FormatXLSX, "csv": sheet.FormatCSV}[*format]
		if f != sheet.FormatUnknown && f != named {
			return fs.fail(stderr, "export.formatMismatch", *format, *out)
		}
		f = named
	default:
		return fs.fail(stderr, "err.format", *format, fs.tx.or("xlsx", "csv"))
	}
	target := newOutput(fs.tx, "--out", *out)
	if msg := checkOutputs([]*output{target}, paths); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	ds, err := loadDataOrReport(paths, stderr)
	if err != nil {
		return exitProblems
	}
	centres, err := selectCentres(fs.tx, ds, *centre)
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
		fmt.Fprintln(report, fs.tx.t("export.writtenStdout", fs.tx.count(n, "word.session"), fs.tx.count(len(centres), "word.centre")))
	} else {
		fmt.Fprintln(report, fs.tx.t("export.written", fs.tx.count(n, "word.session"), fs.tx.count(len(centres), "word.centre"), *out))
	}
	return exitOK
}

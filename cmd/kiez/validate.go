package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", "kiez validate [flags] FILE|DIR...", `
Loads data files (.yaml, .yml, .json) and directories ("-" reads the
standard input, as YAML or JSON), prints a summary
per programme and every problem with its position (file:line:col and the
line with a caret). --format json prints the same as one JSON object
(JSON Schema: cmd/kiez/validate.schema.json): the module version, the
files read with their SHA-256 and a digest over them, the time of the
run (KIEZ_NOW sets it, for tests), the day staff are counted on, per
programme its counts, weekly staff hours, full-time week and FTE as
decimals with a point, then every problem and their counts. Exit code: 0
when the data is valid (warnings allowed), 1 on any error, 2 on wrong
usage.`)
	on := fs.String("on", "", "count staff positions held on this `date` (YYYY-MM-DD; default: the last day of the data's activity — its latest session, meeting or evidence record — or today when that is later or there is none)")
	fullTime := fs.String("full-time", "", "full-time week in `hours` for FTE figures (default: each programme's fullTimeHours)")
	format := fs.String("format", "text", "output `format`: text or json")
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fs.usageError(stderr, "--format: unknown format %q (use text or json)", *format)
	}
	var at time.Time
	if *format == "json" {
		var err error
		if at, err = runTime(); err != nil {
			return fs.usageError(stderr, "%v", err)
		}
	}
	if len(paths) == 0 {
		return fs.usageError(stderr, "name at least one data file or directory")
	}
	var day date.Date
	if *on != "" {
		d, err := source.ParseDate(*on)
		if err != nil {
			return fs.usageError(stderr, "-on: %v", err)
		}
		day = d
	}
	var ft *decimal.Decimal
	if *fullTime != "" {
		d, err := source.ParseDecimal(*fullTime)
		if err != nil || !d.IsPositive() {
			return fs.usageError(stderr, "-full-time: give a positive number of hours, e.g. 39")
		}
		ft = &d
	}
	ds, diags, inputs := loadInputs(context.Background(), paths)
	if *on == "" {
		day = lastActivity(ds, date.NewAt(time.Now()))
	}
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	if *format == "json" {
		env := validateEnvelope{toolInfo: newToolInfo(validateFormat, inputs.read(), at), Day: day,
			Programmes: programmeSummaries(ds, day, ft), Diagnostics: diags, Summary: summarise(diags)}
		if env.Diagnostics == nil {
			env.Diagnostics = kiez.Diagnostics{}
		}
		if err := writeJSON(stdout, env); err != nil {
			fmt.Fprintf(stderr, "kiez validate: %v\n", err)
			return exitProblems
		}
		if diags.HasErrors() {
			return exitProblems
		}
		return exitOK
	}
	writeSummary(stdout, ds, day, ft)
	if len(diags) > 0 {
		fmt.Fprintln(stdout)
		if err := kiez.WriteDiagnostics(stdout, diags, ds.Source); err != nil {
			fmt.Fprintf(stderr, "kiez validate: %v\n", err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "\n%s\n", countLine(diags))
	if diags.HasErrors() {
		return exitProblems
	}
	return exitOK
}

// writeSummary prints one line per programme: centres, Kitas, staff in
// full-time equivalents on day, offers and sessions.
func writeSummary(w io.Writer, ds *kiez.Dataset, day date.Date, fullTime *decimal.Decimal) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "Programm\tZentren\tKitas\tPersonal (VZÄ am %s)\tAngebote\tTermine\t\n", rules.Format(day))
	for _, p := range programmeSummaries(ds, day, fullTime) {
		fte := "–"
		if p.FTE != nil {
			fte = fmt.Sprintf("%s (%s h)", decimalComma(p.FTE.StringFixed(2)), decimalComma(p.FullTimeHours.String()))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t\n", p.Programme, p.Centres, p.Kitas, fte, p.Offers, p.Sessions)
	}
	tw.Flush()
}

// lastActivity is the day the summary counts staff on by default: the
// latest date of the data's sessions, meetings and evidence records, so
// that data of another year is not counted as of today; today when the
// data holds no such date or a later one.
func lastActivity(ds *kiez.Dataset, today date.Date) date.Date {
	var last date.Date
	later := func(d date.Date) {
		if d.After(last) {
			last = d
		}
	}
	for i := range ds.Programmes {
		for _, m := range ds.Programmes[i].Meetings {
			later(m.Date)
		}
		for _, e := range ds.Programmes[i].Evidence {
			later(e.Date)
		}
	}
	for i := range ds.Centres {
		c := &ds.Centres[i]
		for _, s := range c.Sessions {
			later(s.Date)
		}
		for _, m := range c.Meetings {
			later(m.Date)
		}
		for _, e := range c.Evidence {
			later(e.Date)
		}
	}
	if last.IsZero() || last.After(today) {
		return today
	}
	return last
}

// decimalComma writes a number the German way, with a decimal comma.
func decimalComma(s string) string { return strings.Replace(s, ".", ",", 1) }

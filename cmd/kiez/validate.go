package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate", "validate.synopsis", "validate.about")
	on := fs.String("on", "", "validate.flag.on")
	fullTime := fs.String("full-time", "", "validate.flag.fullTime")
	format := fs.String("format", "text", "validate.flag.format")
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json"))
	}
	at, code, ok := fs.runTime(stderr, *format == "json")
	if !ok {
		return code
	}
	if len(paths) == 0 {
		return fs.fail(stderr, "err.needData")
	}
	var day date.Date
	if *on != "" {
		d, err := source.ParseDate(*on)
		if err != nil {
			return fs.fail(stderr, "err.value", "-on", err)
		}
		day = d
	}
	var ft *decimal.Decimal
	if *fullTime != "" {
		d, err := source.ParseDecimal(*fullTime)
		if err != nil || !d.IsPositive() {
			return fs.fail(stderr, "validate.badFullTime")
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
			env.Diagnostics = diag.Diagnostics{}
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
	writeSummary(stdout, fs.tx, ds, day, ft)
	if len(diags) > 0 {
		fmt.Fprintln(stdout)
		if err := diag.WriteText(stdout, diags, ds.Source); err != nil {
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
func writeSummary(w io.Writer, tx *texts, ds *kiez.Dataset, day date.Date, fullTime *decimal.Decimal) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, tx.t("validate.header", tx.words().Date(day)))
	for _, p := range programmeSummaries(ds, day, fullTime) {
		fte := "–"
		if p.FTE != nil {
			fte = fmt.Sprintf("%s (%s h)", tx.words().Number(*p.FTE, 2, false), tx.words().Decimal(p.FullTimeHours))
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

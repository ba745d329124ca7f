package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	on := fs.String("on", "", "count staff positions held on this date (YYYY-MM-DD; default today)")
	fullTime := fs.String("full-time", "", "full-time week in hours for FTE figures (default: each programme's fullTimeHours)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: kiez validate [flags] FILE|DIR...")
		fmt.Fprintln(stderr, "Loads data files (.yaml, .yml, .json) and directories, prints a summary per programme and every problem with its position. Exits 1 on any error.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	day := date.NewAt(time.Now())
	if *on != "" {
		d, err := source.ParseDate(*on)
		if err != nil {
			fmt.Fprintf(stderr, "kiez validate: -on: %v\n", err)
			return 2
		}
		day = d
	}
	var ft *decimal.Decimal
	if *fullTime != "" {
		d, err := source.ParseDecimal(*fullTime)
		if err != nil || !d.IsPositive() {
			fmt.Fprintf(stderr, "kiez validate: -full-time: give a positive number of hours, e.g. 39\n")
			return 2
		}
		ft = &d
	}
	ds, diags := kiez.LoadFiles(fs.Args()...)
	diags = append(diags, ds.Validate()...)
	diags.Sort()
	writeSummary(stdout, ds, day, ft)
	if len(diags) > 0 {
		fmt.Fprintln(stdout)
		if err := kiez.WriteDiagnostics(stdout, diags, ds.Source); err != nil {
			fmt.Fprintf(stderr, "kiez validate: %v\n", err)
			return 1
		}
	}
	nerr, nwarn := count(diags)
	fmt.Fprintf(stdout, "\n%s, %s\n", plural(nerr, "error", "errors"), plural(nwarn, "warning", "warnings"))
	if nerr > 0 {
		return 1
	}
	return 0
}

func count(diags kiez.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		switch d.Severity {
		case kiez.SeverityError:
			errs++
		case kiez.SeverityWarning:
			warns++
		}
	}
	return errs, warns
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// writeSummary prints one line per programme: centres, Kitas, staff in
// full-time equivalents on day, offers and sessions.
func writeSummary(w io.Writer, ds *kiez.Dataset, day date.Date, fullTime *decimal.Decimal) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "Programm\tZentren\tKitas\tPersonal (VZÄ am %s)\tAngebote\tTermine\t\n", day)
	for _, p := range ds.Programmes {
		var centres, kitas, offers, sessions int
		hours := decimal.Zero
		for i := range ds.Centres {
			c := &ds.Centres[i]
			if c.Programme != p.ID {
				continue
			}
			centres++
			kitas += len(c.Catchment) + len(c.VerbundKitas)
			offers += len(c.Offers)
			sessions += len(c.Sessions)
			hours = hours.Add(c.StaffHours("", day))
		}
		ft := p.FullTimeHours
		if fullTime != nil {
			ft = *fullTime
		}
		fte := "–"
		if v, err := kiez.FTE(hours, ft); err == nil {
			fte = fmt.Sprintf("%s (%s h)", v.StringFixed(2), ft)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%d\t%d\t\n", p.ID, centres, kitas, fte, offers, sessions)
	}
	tw.Flush()
}

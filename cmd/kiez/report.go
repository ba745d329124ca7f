package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
	"github.com/rickb777/date/timespan"
)

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", "kiez report [flags] --kind K --period P DATA...", `
Loads and validates the data, evaluates the programmes' rules for the
period and builds a report: compliance (every verdict per programme and
centre), centre (one centre's annual report, --centre), programme (all
centres of a programme side by side, --programme), or staffing.

Data arguments may be "-" for the standard input (YAML or JSON). The
report is written to --out (default, or "-": standard output) in
--format json, csv, md, html or xlsx (an Excel workbook: a first sheet
with title, metadata and text, then a sheet per table with typed cells;
not to a terminal); without --format, a file's extension (.json, .csv, .md, .html, .xlsx)
chooses the format, and a --format that disagrees with the extension is
an error. --csv-tables DIR writes instead each table as a CSV file of its
own, DIR/<table id>.csv (header line and rows, no totals; German
spreadsheet conventions as the CSV report), and nothing else: DIR is
created when missing, and each file is replaced whole, never left half
written. JSON is one object: the module and rule-set versions, the
period, the input files with their SHA-256 and a digest over them, the
time of the run (KIEZ_NOW sets it, for tests), then the report (JSON
Schema: cmd/kiez/report.schema.json). --out names a regular file, new or
existing; a directory, device or named pipe is refused. Writing is
atomic: a temporary file next to the target is written, flushed to disk
and renamed over it; an existing file keeps its mode, a new one gets the
mode the umask allows. A file that is one of the inputs (the same file,
under any name or link) is never overwritten. --published leaves out staff ids and notes and shows counts
of people below --threshold as "<3". --previous-period adds to a centre or
programme report the verdicts that changed since an earlier period.`)
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "the programme `id` (required for programme and staffing; restricts the others)")
	fs.Var(&ruleFiles, "rules", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)")
	period := fs.String("period", "", "the evaluated `period`: 2024, 2024-H1, 2024-Q3, 2024-03 or 2024-01-01..2024-06-30")
	kind := fs.String("kind", "compliance", "the `kind` of report: compliance, centre, programme or staffing")
	centre := fs.String("centre", "", "the centre `id` of a centre report")
	format := fs.String("format", "md", "output `format`: json, csv, md, html or xlsx")
	out := fs.String("out", "", "write the report to this `file` instead of standard output (- is standard output)")
	csvTables := fs.String("csv-tables", "", "write each table as a CSV file of its own into this `directory`, and nothing else")
	fs.StringVar(out, "o", "", "short for --out `file`")
	published := fs.Bool("published", false, "build the report for publication: no staff ids, no notes, small counts suppressed")
	threshold := fs.Int("threshold", 3, "in published reports, counts of people below this `number` are shown as \"<N\"")
	english := fs.Bool("english", false, "English labels instead of German")
	previous := fs.String("previous-period", "", "with --kind centre or programme: add the year-over-year section (Vorjahresvergleich), the verdicts changed since this earlier `period`, evaluated with the same rule sets")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return fs.usageError(stderr, "--format: %v", err)
	}
	if f, err = inferFormat(fs, f, *out); err != nil {
		return fs.usageError(stderr, "%v", err)
	}
	at, err := jsonRunTime(f)
	if err != nil {
		return fs.usageError(stderr, "%v", err)
	}
	if msg := checkCSVTables(fs, *csvTables); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	if *csvTables == "" && f == report.FormatXLSX && (*out == "" || *out == "-") && isTerminal(stdout) {
		return fs.usageError(stderr, "--format xlsx writes a workbook, not text for a terminal; name a file with -o FILE.xlsx, or redirect standard output")
	}
	if *kind == "centre" && *centre == "" {
		return fs.usageError(stderr, "--kind centre needs --centre ID")
	}
	var prevPeriod timespan.DateRange
	if *previous != "" {
		if *kind != "centre" && *kind != "programme" {
			return fs.usageError(stderr, "--previous-period goes with --kind centre or programme")
		}
		if prevPeriod, err = rules.ParsePeriod(*previous); err != nil {
			return fs.usageError(stderr, "--previous-period: %v", err)
		}
	}
	if (*kind == "programme" || *kind == "staffing") && len(programmes) != 1 {
		return fs.usageError(stderr, "--kind %s needs exactly one --programme ID", *kind)
	}
	target := newOutput("--out", *out)
	if msg := checkOutputs([]*output{target}, append(append([]string(nil), paths...), ruleFiles...)); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	a := evalArgs{data: paths, programmes: programmes, ruleFiles: ruleFiles, period: *period, ctx: ctx, limit: limit}
	in, ev, code, ok := reportInput(fs, a, stderr)
	if !ok {
		return code
	}
	opts := []report.Option{report.WithThreshold(*threshold)}
	if *published {
		opts = append(opts, report.WithPublished())
	}
	if *english {
		opts = append(opts, report.WithLanguage(report.English))
	}
	if *previous != "" {
		c, err := whatif.Compare(ctx, in.Dataset,
			whatif.Side{Label: *previous, Programmes: in.Programmes, Period: prevPeriod},
			whatif.Side{Label: *period, Programmes: in.Programmes, Period: in.Period})
		if err != nil {
			fmt.Fprintf(stderr, "kiez report: the year-over-year comparison: %v\n", err)
			return exitProblems
		}
		opts = append(opts, report.WithPreviousYear(c))
	}
	var r *report.Report
	switch *kind {
	case "compliance":
		r, err = report.Compliance(in, opts...)
	case "centre":
		r, err = report.CentreAnnual(in, *centre, opts...)
	case "programme":
		r, err = report.ProgrammeAnnual(in, programmes[0], opts...)
	case "staffing":
		r, err = report.Staffing(in, programmes[0], opts...)
	default:
		return fs.usageError(stderr, "--kind: unknown kind %q (use compliance, centre, programme or staffing)", *kind)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez report: %v\n", err)
		return exitProblems
	}
	if *csvTables != "" {
		if err := report.WriteCSVTables(*csvTables, r); err != nil {
			fmt.Fprintf(stderr, "kiez report: --csv-tables %s: %v\n", *csvTables, err)
			return exitProblems
		}
		return exitOK
	}
	var buf bytes.Buffer
	err = report.Write(&buf, r, f)
	data := buf.Bytes()
	if err == nil && f == report.FormatJSON {
		data, err = wrapJSON(reportEnvelope{runInfo: newRunInfo(reportFormat, ev, a.period, at), Report: data})
	}
	if err == nil {
		err = target.write(data, stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez report: %v\n", err)
		return exitProblems
	}
	return exitOK
}

func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", "kiez plan [flags] --programme ID --year Y DATA...", `
Derives a programme's obligations for a coming year from the data of the
year before (offers with a recurrence, the rhythm of each kind of meeting,
the annual reports on file) and prints them as a table in --format json,
csv, md, html or xlsx (without --format, as the extension of --out says; JSON
in an envelope as by "kiez report", with the year planned, JSON Schema
cmd/kiez/plan.schema.json); --ics also writes them as an iCalendar file. Files are
written as by "kiez report": only to regular files (or to standard output
with "-", for one of the two), atomically, keeping an existing file's
mode, never over an input file; --out and --ics must be different files.`)
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "the programme `id` (required)")
	fs.Var(&ruleFiles, "rules", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)")
	year := fs.Int("year", 0, "the `year` to plan (required); the data of the year before is read")
	format := fs.String("format", "md", "table `format`: json, csv, md, html or xlsx")
	ics := fs.String("ics", "", "also write the plan as an iCalendar `file` (- is standard output)")
	out := fs.String("out", "", "write the table to this `file` instead of standard output (- is standard output)")
	fs.StringVar(out, "o", "", "short for --out `file`")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(programmes) != 1 {
		return fs.usageError(stderr, "name exactly one --programme ID")
	}
	if *year < 1901 || *year > 9999 {
		return fs.usageError(stderr, "--year: give the year to plan, e.g. --year 2025")
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return fs.usageError(stderr, "--format: %v", err)
	}
	if f, err = inferFormat(fs, f, *out); err != nil {
		return fs.usageError(stderr, "%v", err)
	}
	at, err := jsonRunTime(f)
	if err != nil {
		return fs.usageError(stderr, "%v", err)
	}
	table := newOutput("--out", *out)
	outs := []*output{table}
	var calendar *output
	if *ics != "" {
		calendar = newOutput("--ics", *ics)
		outs = append(outs, calendar)
	}
	if msg := checkOutputs(outs, append(append([]string(nil), paths...), ruleFiles...)); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	a := evalArgs{data: paths, programmes: programmes, ruleFiles: ruleFiles, period: fmt.Sprint(*year - 1), ctx: ctx, limit: limit}
	in, ev, code, ok := reportInput(fs, a, stderr)
	if !ok {
		return code
	}
	stamp := time.Date(*year, time.January, 1, 0, 0, 0, 0, time.UTC)
	r, cal, err := report.Plan(in, programmes[0], *year, report.WithStamp(stamp))
	if err != nil {
		fmt.Fprintf(stderr, "kiez plan: %v\n", err)
		return exitProblems
	}
	var buf bytes.Buffer
	err = report.Write(&buf, r, f)
	data := buf.Bytes()
	if err == nil && f == report.FormatJSON {
		data, err = wrapJSON(planEnvelope{runInfo: newRunInfo(planFormat, ev, a.period, at), Year: *year, Plan: data})
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez plan: %v\n", err)
		return exitProblems
	}
	if calendar != nil {
		var ib bytes.Buffer
		if _, err := cal.WriteTo(&ib); err != nil {
			fmt.Fprintf(stderr, "kiez plan: %v\n", err)
			return exitProblems
		}
		if err := calendar.write(ib.Bytes(), stdout); err != nil {
			fmt.Fprintf(stderr, "kiez plan: %v\n", err)
			return exitProblems
		}
	}
	if err := table.write(data, stdout); err != nil {
		fmt.Fprintf(stderr, "kiez plan: %v\n", err)
		return exitProblems
	}
	return exitOK
}

// reportInput evaluates the data for a report: prepare, then Evaluate.
// Problems are printed to stderr, keeping stdout for the report.
func reportInput(fs *flags, a evalArgs, stderr io.Writer) (report.Input, *evaluation, int, bool) {
	ev, code, ok := prepare(fs, a, stderr, stderr)
	if !ok {
		return report.Input{}, nil, code, false
	}
	results, err := ev.engine.Evaluate(a.ctx, ev.ds, ev.period)
	if timedOut(a.ctx) {
		return report.Input{}, nil, a.limit.reportTimeout(stderr, fs.Name(), "the rules were evaluated", "Nothing was written."), false
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
		return report.Input{}, nil, exitProblems, false
	}
	return report.Input{Dataset: ev.ds, Programmes: programmesOf(ev.sets), Results: results, Period: ev.period}, ev, exitOK, true
}

// inferFormat is outputFormat for the formats of the report package.
func inferFormat(fs *flags, f report.Format, out string) (report.Format, error) {
	s, msg := outputFormat(fs, string(f), out, []string{"json", "csv", "md", "html", "xlsx"})
	if msg != "" {
		return f, errors.New(msg)
	}
	return report.ParseFormat(s)
}

// jsonRunTime is the time of the run for JSON output (runTime); for
// other formats it is not needed, and KIEZ_NOW is not read.
func jsonRunTime(f report.Format) (time.Time, error) {
	if f != report.FormatJSON {
		return time.Time{}, nil
	}
	return runTime()
}

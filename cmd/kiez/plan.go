package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/schedule"
)

func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", "kiez plan [flags] --programme ID --year Y DATA...", `
Derives a programme's obligations for a coming year from the data of the
year before (offers with a recurrence, the rhythm of each kind of meeting,
the annual reports on file) and prints them as a table in --format json,
csv, md or html (without --format, as the extension of --out says; JSON
in an envelope as by "kiez report", with the year planned, JSON Schema
cmd/kiez/plan.schema.json); --ics also writes them as an iCalendar file. Files are
written as by "kiez report": only to regular files (or to standard output
with "-", for one of the two), atomically, keeping an existing file's
mode, never over an input file; --out and --ics must be different files.

The calendar updates the events a calendar program imported before
instead of adding them twice: every event has a UID made of the plan
year, the centre (or programme) and the obligation, the same on every
run; DTSTAMP is the time of the run (KIEZ_NOW sets it, for tests).
--previous names the calendar exported last time (it may be the --ics
file itself): an event with the same UID and the same content keeps its
SEQUENCE, a changed one gets SEQUENCE one higher, a new one SEQUENCE 0,
and an event of the plan year that is gone is written again with
STATUS:CANCELLED and SEQUENCE one higher, so that calendars remove it.
Without --previous every event has SEQUENCE 0.`)
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "the programme `id` (required)")
	fs.Var(&ruleFiles, "rules", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)")
	year := fs.Int("year", 0, "the `year` to plan (required); the data of the year before is read")
	format := fs.String("format", "md", "table `format`: json, csv, md or html")
	ics := fs.String("ics", "", "also write the plan as an iCalendar `file` (- is standard output)")
	previous := fs.String("previous", "", "with --ics: the iCalendar `file` exported last time, whose events the new one updates (SEQUENCE, STATUS:CANCELLED)")
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
	if *previous != "" && *ics == "" {
		return fs.usageError(stderr, "--previous goes with --ics FILE: it is the calendar the new one updates")
	}
	var calStamp time.Time
	if *ics != "" {
		if calStamp, err = runTime(); err != nil {
			return fs.usageError(stderr, "%v", err)
		}
	}
	var prev []schedule.Event
	if *previous != "" {
		if prev, err = previousEvents(*previous, *year); err != nil {
			fmt.Fprintf(stderr, "kiez plan: --previous %v\n", err)
			return exitProblems
		}
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
		cal.Stamp = calStamp
		if *previous != "" {
			rev := cal.Revise(prev)
			fmt.Fprintf(stderr, "kiez plan: the calendar against %s: %d new, %d changed, %d unchanged, %d cancelled, %d cancelled before\n",
				*previous, rev.New, rev.Changed, rev.Unchanged, rev.Cancelled, rev.Gone)
		}
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

// previousEvents reads the calendar exported before (kiez plan --ics) and
// returns its events of the plan year: an earlier year's plan shares no
// UID with this one, and its events are not this plan's to cancel.
func previousEvents(name string, year int) ([]schedule.Event, error) {
	data, err := readRegular(name, kiez.MaxFileSize)
	if err != nil {
		return nil, err
	}
	cal, err := schedule.ReadCalendar(name, data)
	if err != nil {
		return nil, err
	}
	var events []schedule.Event
	for _, e := range cal.Events {
		if e.Date.Year() == year {
			events = append(events, e)
		}
	}
	return events, nil
}

// readRegular reads a regular file of at most limit bytes.
func readRegular(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is more than %d bytes", name, limit)
	}
	return data, nil
}

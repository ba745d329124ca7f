package main

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/schedule"
)

func runPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", "plan.synopsis", "plan.about")
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "plan.flag.programme")
	fs.Var(&ruleFiles, "rules", "flag.rules")
	year := fs.Int("year", 0, "plan.flag.year")
	format := fs.String("format", "md", "plan.flag.format")
	ics := fs.String("ics", "", "plan.flag.ics")
	previous := fs.String("previous", "", "plan.flag.previous")
	out := fs.String("out", "", "plan.flag.out")
	fs.StringVar(out, "o", "", "flag.o")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(programmes) != 1 {
		return fs.fail(stderr, "plan.oneProgramme")
	}
	if *year < 1901 || *year > 9999 {
		return fs.fail(stderr, "plan.needYear")
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return fs.fail(stderr, "err.value", "--format", err)
	}
	if f, err = inferFormat(fs, f, *out); err != nil {
		return fs.usageError(stderr, "%v", err)
	}
	at, code, ok := fs.runTime(stderr, f == report.FormatJSON)
	if !ok {
		return code
	}
	if *previous != "" && *ics == "" {
		return fs.fail(stderr, "plan.previousNoICS")
	}
	calStamp, code, ok := fs.runTime(stderr, *ics != "")
	if !ok {
		return code
	}
	var prev schedule.Calendar
	if *previous != "" {
		if prev, err = previousCalendar(*previous, *year); err != nil {
			fmt.Fprintln(stderr, fs.tx.t("plan.previousBad", err))
			return exitProblems
		}
	}
	table := newOutput(fs.tx, "--out", *out)
	if f == report.FormatXLSX && table.toStdout() && isTerminal(stdout) {
		return fs.fail(stderr, "err.xlsxTerminal")
	}
	outs := []*output{table}
	var calendar *output
	if *ics != "" {
		calendar = newOutput(fs.tx, "--ics", *ics)
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
	opts := []report.Option{report.WithStamp(stamp)}
	if fs.tx.lang == langEN {
		opts = append(opts, report.WithLanguage(report.English))
	}
	r, cal, err := report.Plan(in, programmes[0], *year, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "kiez plan: %v\n", err)
		return exitProblems
	}
	var buf bytes.Buffer
	err = report.Write(&buf, r, f)
	data := buf.Bytes()
	if err == nil && f == report.FormatJSON {
		data, err = envelope.Wrap(envelope.PlanEnvelope{RunInfo: newRunInfo(planFormat, ev, a.period, at), Year: *year, Plan: data})
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez plan: %v\n", err)
		return exitProblems
	}
	if calendar != nil {
		cal.Stamp = calStamp
		if *previous != "" {
			if prev.Name != "" && prev.Name != cal.Name {
				fmt.Fprintln(stderr, fs.tx.t("plan.previousOther", *previous, prev.Name, cal.Name))
				return exitProblems
			}
			rev := cal.Revise(prev.Events)
			fmt.Fprintln(stderr, fs.tx.t("plan.revised", *previous, rev.New, rev.Changed, rev.Unchanged, rev.Cancelled, rev.Gone))
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

// previousCalendar reads the calendar exported before (kiez plan --ics)
// with its events of the plan year only: an earlier year's plan shares no
// UID with this one, and its events are not this plan's to cancel. Its
// name (NAME) must be the new calendar's, so that the plan of another
// programme or year given by mistake cancels nothing.
func previousCalendar(name string, year int) (schedule.Calendar, error) {
	data, err := filekind.ReadRegular(name, kiez.MaxFileSize)
	if err != nil {
		return schedule.Calendar{}, err
	}
	cal, err := schedule.ReadCalendar(name, data)
	if err != nil {
		return schedule.Calendar{}, err
	}
	var events []schedule.Event
	for _, e := range cal.Events {
		if e.Date.Year() == year {
			events = append(events, e)
		}
	}
	cal.Events = events
	return cal, nil
}

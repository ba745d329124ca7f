package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report", "report.synopsis", "report.about")
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "report.flag.programme")
	fs.Var(&ruleFiles, "rules", "flag.rules")
	period := fs.String("period", "", "flag.period")
	kind := fs.String("kind", "compliance", "report.flag.kind")
	centre := fs.String("centre", "", "report.flag.centre")
	format := fs.String("format", "md", "report.flag.format")
	out := fs.String("out", "", "report.flag.out")
	csvTables := fs.String("csv-tables", "", "report.flag.csvTables")
	fs.StringVar(out, "o", "", "flag.o")
	published := fs.Bool("published", false, "report.flag.published")
	threshold := fs.Int("threshold", 3, "report.flag.threshold")
	english := fs.Bool("english", false, "report.flag.english")
	previous := fs.String("previous-period", "", "report.flag.previous")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
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
	if msg := checkCSVTables(fs, *csvTables); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	if *csvTables == "" && f == report.FormatXLSX && (*out == "" || *out == "-") && isTerminal(stdout) {
		return fs.fail(stderr, "err.xlsxTerminal")
	}
	if *kind == "centre" && *centre == "" {
		return fs.fail(stderr, "report.needCentre")
	}
	var prevPeriod rules.Period
	if *previous != "" {
		if *kind != "centre" && *kind != "programme" {
			return fs.fail(stderr, "report.previousKind")
		}
		if prevPeriod, err = rules.ParsePeriod(*previous); err != nil {
			return fs.fail(stderr, "err.value", "--previous-period", err)
		}
	}
	if (*kind == "programme" || *kind == "staffing") && len(programmes) != 1 {
		return fs.fail(stderr, "report.oneProgramme", *kind)
	}
	target := newOutput(fs.tx, "--out", *out)
	if msg := checkOutputs([]*output{target}, append(append([]string(nil), paths...), ruleFiles...)); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	a := evalArgs{data: paths, programmes: programmes, ruleFiles: ruleFiles, period: *period, ctx: ctx, limit: limit}
	a.lang = fs.tx.lang.code()
	if *english {
		a.lang = "en"
	}
	in, ev, code, ok := reportInput(fs, a, stderr)
	if !ok {
		return code
	}
	opts := []report.Option{report.WithThreshold(*threshold)}
	if *published {
		opts = append(opts, report.WithPublished())
	}
	if *english || fs.tx.lang == langEN {
		opts = append(opts, report.WithLanguage(report.English))
	}
	if *previous != "" {
		c, err := whatif.Compare(ctx, in.Dataset(),
			whatif.Side{Label: *previous, RuleSets: in.RuleSets(), Period: prevPeriod},
			whatif.Side{Label: *period, RuleSets: in.RuleSets(), Period: in.Period()},
			whatif.WithEngineOptions(rules.WithoutValidation(), rules.WithLanguage(a.lang))) // validated by reportInput
		if err != nil {
			fmt.Fprintln(stderr, fs.tx.t("report.yoyFailed", err))
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
		return fs.fail(stderr, "report.badKind", *kind, fs.tx.or("compliance", "centre", "programme", "staffing"))
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
		data, err = envelope.Wrap(envelope.ReportEnvelope{RunInfo: newRunInfo(reportFormat, ev, a.period, at), Report: data})
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

// reportInput evaluates the data for a report: prepare, then Evaluate.
// Problems are printed to stderr, keeping stdout for the report.
func reportInput(fs *flags, a evalArgs, stderr io.Writer) (*rules.Evaluation, *evaluation, int, bool) {
	ev, code, ok := prepare(fs, a, stderr, stderr)
	if !ok {
		return nil, nil, code, false
	}
	in, err := ev.engine.Evaluate(a.ctx, ev.ds, ev.period)
	if timedOut(a.ctx) {
		return nil, nil, a.limit.reportTimeout(stderr, fs.Name(), "timeout.whileRules", "timeout.nothingWritten"), false
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
		return nil, nil, exitProblems, false
	}
	return in, ev, exitOK, true
}

// inferFormat is outputFormat for the formats of the report package.
func inferFormat(fs *flags, f report.Format, out string) (report.Format, error) {
	s, msg := outputFormat(fs, string(f), out, []string{"json", "csv", "md", "html", "xlsx"})
	if msg != "" {
		return f, errors.New(msg)
	}
	return report.ParseFormat(s)
}

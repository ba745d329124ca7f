package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// evaluation is what check and explain share: the valid data, the period
// and an engine over the chosen programmes.
type evaluation struct {
	ds     *kiez.Dataset
	period rules.Period
	sets   []*ruleSet
	engine *rules.Engine
	// inputs knows the data files read, for the input digest.
	inputs *inputFS
	// tx is the language of the command's tables.
	tx *texts
}

// evalArgs are the arguments check and explain share.
type evalArgs struct {
	data       []string
	programmes []string
	ruleFiles  []string
	period     string
	// ctx ends loading and evaluating when the command's --timeout
	// (limit) runs out.
	ctx   context.Context
	limit timeLimit
	// engine holds options of the engine beyond the defaults (see
	// checkEngineOptions).
	engine []rules.EngineOption
	// lang is the language of the verdicts' messages and evidence texts
	// (rules.WithLanguage); "" is the command's --lang.
	lang string
}

// prepare parses the period, loads and validates the data, chooses the
// programmes and builds the engine. Problems with the data or the rule
// files are printed to diagOut; notes and errors of the tool to stderr.
// When ok is false the command ends with code.
func prepare(fs *flags, a evalArgs, diagOut, stderr io.Writer) (ev *evaluation, code int, ok bool) {
	if a.period == "" {
		return nil, fs.fail(stderr, "err.needPeriod", "2024"), false
	}
	period, err := rules.ParsePeriod(a.period)
	if err != nil {
		return nil, fs.fail(stderr, "err.value", "--period", err), false
	}
	if len(a.data) == 0 {
		return nil, fs.fail(stderr, "err.needData"), false
	}
	ds, inputs, err := loadDataInputs(a.ctx, diagOut, a.data)
	if timedOut(a.ctx) {
		return nil, a.limit.reportTimeout(stderr, fs.Name(), "timeout.whileData", "timeout.nothingEvaluated"), false
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
		return nil, exitProblems, false
	}
	if ds == nil {
		fmt.Fprintln(stderr, fs.tx.t("prep.dataErrors", fs.Name()))
		return nil, exitProblems, false
	}
	src := newSources()
	sel := selectProgrammes(fs.tx, ds, a.programmes, a.ruleFiles, src)
	if len(sel.diags) > 0 {
		sel.diags.Sort()
		if err := diag.WriteText(diagOut, sel.diags, src.get); err != nil {
			fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
			return nil, exitProblems, false
		}
		fmt.Fprintf(diagOut, "%s in the rules\n\n", countLine(sel.diags))
	}
	if sel.diags.HasErrors() {
		fmt.Fprintln(stderr, fs.tx.t("prep.ruleErrors", fs.Name()))
		return nil, exitProblems, false
	}
	if sel.usage != "" {
		return nil, fs.usageError(stderr, "%s", noRulesMessage(fs.tx, sel.usage)), false
	}
	for _, n := range sel.notes {
		fmt.Fprintln(stderr, n)
	}
	if len(sel.sets) == 0 {
		fmt.Fprintln(stderr, fs.tx.t("prep.noProgramme", fs.Name()))
		return nil, exitProblems, false
	}
	// prepare validated the data and showed the problems.
	lang := a.lang
	if lang == "" {
		lang = fs.tx.lang.code()
	}
	eng, err := rules.NewEngine(programmesOf(sel.sets), append([]rules.EngineOption{rules.WithoutValidation(), rules.WithLanguage(lang)}, a.engine...)...)
	if err != nil {
		fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
		return nil, exitProblems, false
	}
	if wd := eng.CheckWaivers(ds, period); len(wd) > 0 {
		if err := diag.WriteText(diagOut, wd, ds.Source); err != nil {
			fmt.Fprintf(stderr, "kiez %s: %v\n", fs.Name(), err)
			return nil, exitProblems, false
		}
		fmt.Fprintf(diagOut, "%s in the waivers\n\n", countLine(wd))
		if wd.HasErrors() {
			fmt.Fprintln(stderr, fs.tx.t("prep.waiverErrors", fs.Name()))
			return nil, exitProblems, false
		}
	}
	return &evaluation{ds: ds, period: period, sets: sel.sets, engine: eng, inputs: inputs, tx: fs.tx}, exitOK, true
}

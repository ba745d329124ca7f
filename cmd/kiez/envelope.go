package main

import (
	"fmt"
	"os"
	"time"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/rules"
)

// The layouts of the JSON outputs of check, report, plan and explain
// (package envelope defines them: kiez serve writes them too).
const (
	checkFormat   = envelope.CheckFormat
	reportFormat  = envelope.ReportFormat
	planFormat    = envelope.PlanFormat
	explainFormat = envelope.ExplainFormat
)

// nowEnv is the environment variable that sets the time of the run in
// JSON output, as RFC 3339 (2024-12-31T12:00:00Z): for tests and for
// outputs that must be the same byte for byte on every run.
const nowEnv = "KIEZ_NOW"

// runTime is the time of the run: now, or the time KIEZ_NOW gives.
func runTime() (time.Time, error) {
	s, ok := os.LookupEnv(nowEnv)
	if !ok || s == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("the environment variable %s=%q is not a time in RFC 3339 such as 2024-12-31T12:00:00Z; unset it to use the clock", nowEnv, s)
	}
	return t.UTC(), nil
}

// newRunInfo fills in what is known before the results: the module, the
// rule sets, the period, the inputs and the time.
func newRunInfo(format string, ev *evaluation, period string, at time.Time) envelope.RunInfo {
	b := readBuildInfo()
	info := envelope.RunInfo{
		Format:   format,
		Module:   envelope.ModuleInfo{Path: modulePath, Version: b.Module, Revision: b.Revision},
		RuleSets: []envelope.RuleSetInfo{},
		Period:   envelope.PeriodOf(period, ev.period),
		Time:     at.Format(time.RFC3339),
	}
	var files []envelope.InputFile
	if ev.inputs != nil {
		files = ev.inputs.read()
	}
	for _, rs := range ev.sets {
		set := envelope.RuleSetInfo{Programme: rs.prog.ID, Version: rs.prog.Version, Embedded: rs.embedded, File: rs.prog.File, SHA256: rs.sha256}
		if rs.embedded {
			data, _ := rules.EmbeddedSource(rs.prog.ID)
			set.SHA256 = envelope.SHA256Hex(data)
		}
		info.RuleSets = append(info.RuleSets, set)
		if !rs.embedded {
			files = append(files, envelope.InputFile{Name: rs.prog.File, Bytes: rs.size, SHA256: rs.sha256})
		}
	}
	if files == nil {
		files = []envelope.InputFile{}
	}
	info.Inputs = envelope.InputsInfo{Files: files, Digest: envelope.InputDigest(files)}
	return info
}

// newCheckEnvelope is the envelope of kiez check before the results.
func newCheckEnvelope(ev *evaluation, a evalArgs, at time.Time) envelope.CheckEnvelope {
	return envelope.CheckEnvelope{RunInfo: newRunInfo(checkFormat, ev, a.period, at), Complete: true}
}

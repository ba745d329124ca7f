package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/rules"
)

// The layouts of the JSON outputs of check, report and plan; each
// changes when a field is removed or changes its meaning, not when one is
// added.
const (
	checkFormat  = "kiez-check/1"
	reportFormat = "kiez-report/2"
	planFormat   = "kiez-plan/1"
	// explainFormat is the layout of kiez explain --format json.
	explainFormat = "kiez-explain/1"
)

// nowEnv is the environment variable that sets the time of the run in
// JSON output, as RFC 3339 (2024-12-31T12:00:00Z): for tests and for
// outputs that must be the same byte for byte on every run.
const nowEnv = "KIEZ_NOW"

// runInfo opens the JSON output of check, report and plan: what was
// evaluated, with which rules and when.
type runInfo struct {
	// Format names the layout of the output: "kiez-check/1",
	// "kiez-report/1", "kiez-plan/1", "kiez-explain/1" or "kiez-diff/1".
	Format string `json:"format"`
	// Module is the kiez module that ran.
	Module moduleInfo `json:"module"`
	// RuleSets are the rule sets evaluated, in the order of the results
	// (for diff: the old side's, then those of --rules-new).
	RuleSets []ruleSetInfo `json:"ruleSets"`
	// Period is the evaluated period (for a plan: the year of data the
	// plan is derived from; for diff: the new side's, each side's is in
	// old and new).
	Period periodInfo `json:"period"`
	// Inputs are the data and rule files read.
	Inputs inputsInfo `json:"inputs"`
	// Time is when the run started, in RFC 3339 (UTC); the environment
	// variable KIEZ_NOW sets it, for tests and reproducible outputs.
	Time string `json:"time"`
}

// checkEnvelope is the JSON output of kiez check: what was checked, with
// which rules and when, then the results. Its JSON Schema is
// cmd/kiez/check.schema.json.
type checkEnvelope struct {
	runInfo
	// Results are the verdicts: per programme the programme-wide rules,
	// then each centre in data order.
	Results []rules.Result `json:"results"`
	// Summary counts the results.
	Summary checkSummary `json:"summary"`
	// Complete is false when --timeout cut the run short: then Results
	// are those finished in time.
	Complete bool `json:"complete"`
}

// reportEnvelope is the JSON output of kiez report: what was evaluated,
// then the report. Its JSON Schema is cmd/kiez/report.schema.json.
type reportEnvelope struct {
	runInfo
	// Report is the report as the report package writes it in JSON.
	Report json.RawMessage `json:"report"`
}

// explainEnvelope is the JSON output of kiez explain: one verdict with
// the evaluation of every sub-expression that decided it.
type explainEnvelope struct {
	runInfo
	// Explanation is the result, the rule's expressions as written and the
	// tree of the sub-expressions with their values (rules.Explanation).
	Explanation *rules.Explanation `json:"explanation"`
}

// planEnvelope is the JSON output of kiez plan: what the plan was derived
// from, the year planned, then the plan. Its JSON Schema is
// cmd/kiez/plan.schema.json.
type planEnvelope struct {
	runInfo
	// Year is the year planned.
	Year int `json:"year"`
	// Plan is the plan as the report package writes it in JSON.
	Plan json.RawMessage `json:"plan"`
}

// moduleInfo is the version of the kiez module.
type moduleInfo struct {
	// Path is the module path, github.com/kiez-go/kiez.
	Path string `json:"path"`
	// Version is a release such as v1.2.0, a pseudo-version, or
	// "(devel)" when built inside the module's source tree.
	Version string `json:"version"`
	// Revision is the version control revision built from, with
	// "+modified" when the tree had changes; absent when not recorded.
	Revision string `json:"revision,omitempty"`
}

// ruleSetInfo is one rule set evaluated.
type ruleSetInfo struct {
	// Programme is the programme id.
	Programme string `json:"programme"`
	// Version is the rule file's version: field; empty when it has none.
	Version string `json:"version"`
	// Embedded is true for a rule set built into the program, false for
	// a rule file given with --rules.
	Embedded bool `json:"embedded"`
	// File is the rule file's name: rules/programmes/<id>.yaml for an
	// embedded set, the path as given for --rules.
	File string `json:"file"`
	// SHA256 is the SHA-256 of the rule file, in lower-case hexadecimal.
	SHA256 string `json:"sha256"`
}

// periodInfo is the evaluated period, as given and as dates.
type periodInfo struct {
	// Text is the period as given with --period: 2024, 2024-H1, 2024-Q3,
	// 2024-03 or 2024-01-01..2024-06-30.
	Text string `json:"text"`
	// From is the first day, Until the last day of the period (ISO 8601
	// dates, both included).
	From  date.Date `json:"from"`
	Until date.Date `json:"until"`
	// Label is the period for people: 01.01.2024–31.12.2024.
	Label string `json:"label"`
}

// inputsInfo names the files read and a digest over them.
type inputsInfo struct {
	// Files are the data files read, sorted by name (bytewise, as named
	// on the command line or found in a named directory; the standard
	// input is <stdin>), then the rule files given with --rules, in the
	// order given.
	Files []inputFile `json:"files"`
	// Digest is the SHA-256, in lower-case hexadecimal, of the lines
	// that hold the SHA-256 of each file in the order of Files, each line
	// ended by a line feed: sha256sum FILE... | cut -c1-64 | sha256sum
	// gives it for the same files in the same order.
	Digest string `json:"digest"`
}

// checkSummary counts the results.
type checkSummary struct {
	// Results is the number of results.
	Results int `json:"results"`
	// Pass, Fail, … count the results of each outcome.
	Pass          int `json:"pass"`
	Fail          int `json:"fail"`
	NotApplicable int `json:"notApplicable"`
	Waived        int `json:"waived"`
	MissingData   int `json:"missingData"`
	Error         int `json:"error"`
	// Strict counts the results of severity error that fail, lack data or
	// could not be evaluated: with --strict, check exits 1 when it is not
	// zero.
	Strict int `json:"strict"`
}

// add counts a result.
func (s *checkSummary) add(r rules.Result) {
	s.Results++
	switch r.Outcome {
	case rules.OutcomePass:
		s.Pass++
	case rules.OutcomeFail:
		s.Fail++
	case rules.OutcomeNotApplicable:
		s.NotApplicable++
	case rules.OutcomeWaived:
		s.Waived++
	case rules.OutcomeMissingData:
		s.MissingData++
	case rules.OutcomeError:
		s.Error++
	}
}

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
func newRunInfo(format string, ev *evaluation, period string, at time.Time) runInfo {
	b := readBuildInfo()
	info := runInfo{
		Format:   format,
		Module:   moduleInfo{Path: modulePath, Version: b.Module, Revision: b.Revision},
		RuleSets: []ruleSetInfo{},
		Period:   periodOf(period, ev.period),
		Time:     at.Format(time.RFC3339),
	}
	var files []inputFile
	if ev.inputs != nil {
		files = ev.inputs.read()
	}
	for _, rs := range ev.sets {
		set := ruleSetInfo{Programme: rs.prog.ID, Version: rs.prog.Version, Embedded: rs.embedded, File: rs.prog.File, SHA256: rs.sha256}
		if rs.embedded {
			data, _ := rules.EmbeddedSource(rs.prog.ID)
			set.SHA256 = sha256Hex(data)
		}
		info.RuleSets = append(info.RuleSets, set)
		if !rs.embedded {
			files = append(files, inputFile{Name: rs.prog.File, Bytes: rs.size, SHA256: rs.sha256})
		}
	}
	if files == nil {
		files = []inputFile{}
	}
	info.Inputs = inputsInfo{Files: files, Digest: inputDigest(files)}
	return info
}

// newCheckEnvelope is the envelope of kiez check before the results.
func newCheckEnvelope(ev *evaluation, a evalArgs, at time.Time) checkEnvelope {
	return checkEnvelope{runInfo: newRunInfo(checkFormat, ev, a.period, at), Complete: true}
}

// wrapJSON puts a report or plan that the report package wrote in JSON
// into its envelope, indented as json.MarshalIndent indents.
func wrapJSON(env any) ([]byte, error) {
	b, err := marshalIndent(env, "")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// periodOf describes the evaluated period.
func periodOf(text string, p rules.Period) periodInfo {
	return periodInfo{Text: text, From: p.From, Until: p.Until, Label: p.German()}
}

// sha256Hex is the SHA-256 of data in lower-case hexadecimal.
func sha256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// envelopeHead returns the JSON of the envelope up to the opening of the
// results list, indented as json.MarshalIndent(env, "", "  ") indents
// the whole envelope, so that the results can follow one by one.
func envelopeHead(info runInfo) ([]byte, error) {
	b, err := marshalIndent(info, "")
	if err != nil {
		return nil, err
	}
	b = b[:len(b)-len("\n}")]
	return append(b, ",\n  \"results\": ["...), nil
}

// envelopeTail returns the JSON of the envelope after the results list;
// empty tells whether the list was empty.
func envelopeTail(env checkEnvelope, empty bool) ([]byte, error) {
	sum, err := marshalIndent(env.Summary, "  ")
	if err != nil {
		return nil, err
	}
	var b []byte
	if empty {
		b = append(b, "],\n"...)
	} else {
		b = append(b, "\n  ],\n"...)
	}
	b = append(b, "  \"summary\": "...)
	b = append(b, sum...)
	b = append(b, fmt.Sprintf(",\n  \"complete\": %t\n}\n", env.Complete)...)
	return b, nil
}

// marshalIndent is json.MarshalIndent with indent "  " after prefix,
// without escaping <, > and & (as the results are written).
func marshalIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

package main

import (
	"io"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// The layouts of the JSON outputs of validate, lint, test and diff; each
// changes when a field is removed or changes its meaning, not when one is
// added.
const (
	validateFormat = "kiez-validate/1"
	lintFormat     = "kiez-lint/1"
	testFormat     = "kiez-test/1"
	diffFormat     = "kiez-diff/1"
)

// toolInfo opens the JSON output of the commands that evaluate no period
// (validate, lint, test): which program read which files, and when.
type toolInfo struct {
	// Format names the layout of the output: "kiez-validate/1",
	// "kiez-lint/1" or "kiez-test/1".
	Format string `json:"format"`
	// Module is the kiez module that ran.
	Module envelope.ModuleInfo `json:"module"`
	// Inputs are the files read: for validate the data files (as for
	// check), for lint the rule files (an embedded programme as
	// rules/programmes/<id>.yaml), for test the test files in the order
	// they ran.
	Inputs envelope.InputsInfo `json:"inputs"`
	// Time is when the run started, in RFC 3339 (UTC); the environment
	// variable KIEZ_NOW sets it, for tests and reproducible outputs.
	Time string `json:"time"`
}

// newToolInfo describes the run; files may be nil.
func newToolInfo(format string, files []envelope.InputFile, at time.Time) toolInfo {
	b := readBuildInfo()
	if files == nil {
		files = []envelope.InputFile{}
	}
	return toolInfo{
		Format: format,
		Module: envelope.ModuleInfo{Path: modulePath, Version: b.Module, Revision: b.Revision},
		Inputs: envelope.InputsInfo{Files: files, Digest: envelope.InputDigest(files)},
		Time:   at.Format(time.RFC3339),
	}
}

// diagnosticSummary counts the problems of a validate or lint run.
type diagnosticSummary struct {
	// Errors and Warnings count the problems of each severity; Infos the
	// notes.
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	// OK is true when the command exits 0: no error (for lint --strict,
	// no warning either).
	OK bool `json:"ok"`
}

func summarise(diags diag.Diagnostics) diagnosticSummary {
	var s diagnosticSummary
	for _, d := range diags {
		switch d.Severity {
		case diag.Error:
			s.Errors++
		case diag.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	s.OK = s.Errors == 0
	return s
}

// validateEnvelope is the JSON output of kiez validate: the summary per
// programme and every problem of the data. Its JSON Schema is
// cmd/kiez/validate.schema.json.
type validateEnvelope struct {
	toolInfo
	// Day is the day staff positions are counted on: --on, or the last
	// day of the data's activity (its latest session, meeting or evidence
	// record; today when that is later or there is none).
	Day date.Date `json:"day"`
	// Programmes sums up each programme of the data, in data order.
	Programmes []programmeSummary `json:"programmes"`
	// Diagnostics are the problems of the data, sorted by file and
	// position; the file positions are 1-based lines and columns.
	Diagnostics diag.Diagnostics `json:"diagnostics"`
	// Summary counts them.
	Summary diagnosticSummary `json:"summary"`
}

// programmeSummary is one programme's line of kiez validate.
type programmeSummary struct {
	// Programme is the programme id.
	Programme string `json:"programme"`
	// Centres, Kitas, Offers and Sessions count the programme's centres,
	// the Kitas of their catchment and Verbund, their offers and their
	// sessions.
	Centres  int `json:"centres"`
	Kitas    int `json:"kitas"`
	Offers   int `json:"offers"`
	Sessions int `json:"sessions"`
	// StaffHours is the weekly hours of the staff positions held on Day,
	// a decimal with a point ("78.5").
	StaffHours decimal.Decimal `json:"staffHours"`
	// FullTimeHours is the full-time week the FTE is counted in: the
	// programme's fullTimeHours or --full-time.
	FullTimeHours decimal.Decimal `json:"fullTimeHours"`
	// FTE is StaffHours in full-time equivalents, rounded to two places
	// ("2.01"); absent when the full-time week is not positive.
	FTE *decimal.Decimal `json:"fte,omitempty"`
}

// programmeSummaries sums up each programme of the data with the staff
// positions held on day; fullTime, when not nil, replaces each
// programme's full-time week.
func programmeSummaries(ds *kiez.Dataset, day date.Date, fullTime *decimal.Decimal) []programmeSummary {
	out := []programmeSummary{}
	for _, p := range ds.Programmes {
		s := programmeSummary{Programme: p.ID, StaffHours: decimal.Zero, FullTimeHours: p.FullTimeHours}
		if fullTime != nil {
			s.FullTimeHours = *fullTime
		}
		for i := range ds.Centres {
			c := &ds.Centres[i]
			if c.Programme != p.ID {
				continue
			}
			s.Centres++
			s.Kitas += len(c.Catchment) + len(c.VerbundKitas)
			s.Offers += len(c.Offers)
			s.Sessions += len(c.Sessions)
			s.StaffHours = s.StaffHours.Add(c.StaffHours("", day))
		}
		if v, err := kiez.FTE(s.StaffHours, s.FullTimeHours); err == nil {
			v = v.Round(2)
			s.FTE = &v
		}
		out = append(out, s)
	}
	return out
}

// lintEnvelope is the JSON output of kiez lint: every rule file with its
// problems, the coverage of its requirement catalogue and the costs of
// its rules. Its JSON Schema is cmd/kiez/lint.schema.json.
type lintEnvelope struct {
	toolInfo
	// RuleSets are the rule files linted, in the order named.
	RuleSets []lintSet `json:"ruleSets"`
	// Diagnostics are the problems of all files, sorted by file and
	// position (with --strict, warnings are errors).
	Diagnostics diag.Diagnostics `json:"diagnostics"`
	// Summary counts them.
	Summary diagnosticSummary `json:"summary"`
}

// lintSet is one rule file linted.
type lintSet struct {
	// Arg is what was named: a path or an embedded programme's id.
	Arg string `json:"arg"`
	// Read is false when there was nothing to read (no such file, too
	// large); Compiled is false when the file has errors. The fields
	// below are there only for a file that compiled.
	Read     bool `json:"read"`
	Compiled bool `json:"compiled"`
	// File is the rule file's name: the path, or
	// rules/programmes/<id>.yaml for an embedded programme.
	File string `json:"file,omitempty"`
	// Embedded is true for a programme built into the program.
	Embedded bool `json:"embedded"`
	// Programme, Name and Version are the rule file's id, name and
	// version: field.
	Programme string `json:"programme,omitempty"`
	Name      string `json:"name,omitempty"`
	Version   string `json:"version,omitempty"`
	// ValidFrom and ValidUntil are the first and last day the rules
	// apply (ISO dates); ValidFromDerived is true when ValidFrom is not
	// given but the first day every param has a value.
	ValidFrom        *date.Date `json:"validFrom,omitempty"`
	ValidFromDerived bool       `json:"validFromDerived,omitempty"`
	ValidUntil       *date.Date `json:"validUntil,omitempty"`
	// Requirements, Rules, Params and Manual count the catalogue's
	// requirements, the rules, the params and the manual checks.
	Requirements int `json:"requirements"`
	Rules        int `json:"rules"`
	Params       int `json:"params"`
	Manual       int `json:"manual"`
	// Coverage says for each catalogue requirement how it is checked
	// (absent with --coverage=false).
	Coverage []requirementCoverage `json:"coverage,omitempty"`
	// Costs are the costliest rules with their estimated cost, the
	// steps one rule takes for one centre (absent with --costs 0).
	Costs []ruleCost `json:"costs,omitempty"`
	// CostCeiling is the cost above which a rule does not load.
	CostCeiling uint64 `json:"costCeiling,omitempty"`
}

// requirementCoverage is how one requirement is checked.
type requirementCoverage struct {
	// Requirement is the requirement id.
	Requirement string `json:"requirement"`
	// Check is "rule" (Rules check it), "manual" (Evidence is checked
	// by hand), "missing" (neither), or "uncatalogued" (rules cite an
	// id the catalogue does not have).
	Check string `json:"check"`
	// Rules are the ids of the rules that cite it.
	Rules []string `json:"rules,omitempty"`
	// Evidence is what a reviewer checks by hand.
	Evidence string `json:"evidence,omitempty"`
}

// ruleCost is a rule's estimated cost.
type ruleCost struct {
	// Rule is the rule id.
	Rule string `json:"rule"`
	// Cost is the estimated number of steps for one centre.
	Cost uint64 `json:"cost"`
}

// lintSetOf describes a rule set for JSON.
func lintSetOf(rs *ruleSet, coverage bool, costs int) lintSet {
	s := lintSet{Arg: rs.arg, Read: !rs.unread, Compiled: rs.prog != nil, Embedded: rs.embedded}
	p := rs.prog
	if p == nil {
		return s
	}
	s.File, s.Programme, s.Name, s.Version = p.File, p.ID, p.Name, p.Version
	s.ValidFrom, s.ValidFromDerived, s.ValidUntil = p.ValidFrom, p.ValidFromDerived, p.ValidUntil
	s.Requirements, s.Rules, s.Params, s.Manual = len(p.Requirements), len(p.Rules), len(p.Params), len(p.Manual)
	if coverage {
		s.Coverage = coverageOf(p)
	}
	if costs > 0 {
		for _, r := range costliest(p, costs) {
			s.Costs = append(s.Costs, ruleCost{Rule: r.ID, Cost: r.Cost()})
		}
		s.CostCeiling = rules.CostCeiling
	}
	return s
}

// coverageOf lists how each requirement of the catalogue is checked, in
// catalogue order, then the ids rules cite that the catalogue lacks.
func coverageOf(p *rules.RuleSet) []requirementCoverage {
	cov := p.Coverage()
	manual := map[string]rules.Manual{}
	for _, m := range p.Manual {
		if _, ok := manual[m.Requirement]; !ok {
			manual[m.Requirement] = m
		}
	}
	out := []requirementCoverage{}
	listed := map[string]bool{}
	for _, req := range p.Requirements {
		listed[req.ID] = true
		c := requirementCoverage{Requirement: req.ID, Check: "missing"}
		if ids := cov.Checked[req.ID]; len(ids) > 0 {
			c.Check, c.Rules = "rule", ids
		} else if m, ok := manual[req.ID]; ok {
			c.Check, c.Evidence = "manual", m.Evidence
		}
		out = append(out, c)
	}
	for _, id := range uncatalogued(cov, listed) {
		out = append(out, requirementCoverage{Requirement: id, Check: "uncatalogued", Rules: cov.Checked[id]})
	}
	return out
}

// testEnvelope is the JSON output of kiez test: the run, then the
// document --format json wrote before it had an envelope, its fields
// unchanged at the top level. Its JSON Schema is
// cmd/kiez/test.schema.json.
type testEnvelope struct {
	toolInfo
	testDocument
}

// diffEnvelope is the JSON output of kiez diff --format json: what was
// compared, then the comparison (whatif.Comparison), its fields
// unchanged at the top level. Its JSON Schema is
// cmd/kiez/diff.schema.json.
type diffEnvelope struct {
	envelope.RunInfo
	whatif.Comparison
}

// writeLintJSON writes the lint envelope.
func writeLintJSON(w io.Writer, sets []*ruleSet, diags diag.Diagnostics, coverage bool, costs int, at time.Time) error {
	var files []envelope.InputFile
	env := lintEnvelope{RuleSets: []lintSet{}, Diagnostics: diags, Summary: summarise(diags)}
	if env.Diagnostics == nil {
		env.Diagnostics = diag.Diagnostics{}
	}
	for _, rs := range sets {
		env.RuleSets = append(env.RuleSets, lintSetOf(rs, coverage, costs))
		switch {
		case rs.embedded:
			if data, ok := rules.EmbeddedSource(rs.arg); ok {
				files = append(files, envelope.InputFile{Name: "rules/programmes/" + rs.arg + ".yaml", Bytes: int64(len(data)), SHA256: envelope.SHA256Hex(data)})
			}
		case !rs.unread:
			files = append(files, envelope.InputFile{Name: rs.arg, Bytes: rs.size, SHA256: rs.sha256})
		}
	}
	env.toolInfo = newToolInfo(lintFormat, files, at)
	return writeJSON(w, env)
}

// writeJSON writes v indented, as the other envelopes are, with a final
// line feed.
func writeJSON(w io.Writer, v any) error {
	b, err := envelope.Wrap(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

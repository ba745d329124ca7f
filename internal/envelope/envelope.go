package envelope

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/rules"
)

// The layouts of the JSON outputs of check, report, plan and explain; each
// changes when a field is removed or changes its meaning, not when one is
// added.
const (
	CheckFormat   = "kiez-check/1"
	ReportFormat  = "kiez-report/2"
	PlanFormat    = "kiez-plan/1"
	ExplainFormat = "kiez-explain/1"
)

// ModulePath is the path of the kiez module.
const ModulePath = "github.com/kiez-go/kiez"

// RunInfo opens the JSON output of check, report, plan and explain: what was
// evaluated, with which rules and when.
type RunInfo struct {
	// Format names the layout of the output: "kiez-check/1",
	// "kiez-report/1", "kiez-plan/1", "kiez-explain/1" or "kiez-diff/1".
	Format string `json:"format"`
	// Module is the kiez module that ran.
	Module ModuleInfo `json:"module"`
	// RuleSets are the rule sets evaluated, in the order of the results
	// (for diff: the old side's, then those of --rules-new).
	RuleSets []RuleSetInfo `json:"ruleSets"`
	// Period is the evaluated period (for a plan: the year of data the
	// plan is derived from; for diff: the new side's, each side's is in
	// old and new).
	Period PeriodInfo `json:"period"`
	// Inputs are the data and rule files read.
	Inputs InputsInfo `json:"inputs"`
	// Time is when the run started, in RFC 3339 (UTC); the environment
	// variable KIEZ_NOW sets it, for tests and reproducible outputs.
	Time string `json:"time"`
}

// CheckEnvelope is the JSON output of kiez check: what was checked, with which
// rules and when, then the results. Its JSON Schema is
// cmd/kiez/check.schema.json.
type CheckEnvelope struct {
	RunInfo
	// Results are the verdicts: per programme the programme-wide rules,
	// then each centre in data order.
	Results []rules.Result `json:"results"`
	// Summary counts the results.
	Summary CheckSummary `json:"summary"`
	// Complete is false when --timeout cut the run short: then Results
	// are those finished in time.
	Complete bool `json:"complete"`
}

// ReportEnvelope is the JSON output of kiez report: what was evaluated, then the
// report. Its JSON Schema is cmd/kiez/report.schema.json.
type ReportEnvelope struct {
	RunInfo
	// Report is the report as the report package writes it in JSON.
	Report json.RawMessage `json:"report"`
}

// ExplainEnvelope is the JSON output of kiez explain: one verdict with the
// evaluation of every sub-expression that decided it.
type ExplainEnvelope struct {
	RunInfo
	// Explanation is the result, the rule's expressions as written and the
	// tree of the sub-expressions with their values (rules.Explanation).
	Explanation *rules.Explanation `json:"explanation"`
}

// PlanEnvelope is the JSON output of kiez plan: what the plan was derived from,
// the year planned, then the plan. Its JSON Schema is
// cmd/kiez/plan.schema.json.
type PlanEnvelope struct {
	RunInfo
	// Year is the year planned.
	Year int `json:"year"`
	// Plan is the plan as the report package writes it in JSON.
	Plan json.RawMessage `json:"plan"`
}

// ModuleInfo is the version of the kiez module.
type ModuleInfo struct {
	// Path is the module path, github.com/kiez-go/kiez.
	Path string `json:"path"`
	// Version is a release such as v1.2.0, a pseudo-version, or
	// "(devel)" when built inside the module's source tree.
	Version string `json:"version"`
	// Revision is the version control revision built from, with
	// "+modified" when the tree had changes; absent when not recorded.
	Revision string `json:"revision,omitempty"`
}

// RuleSetInfo is one rule set evaluated.
type RuleSetInfo struct {
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

// PeriodInfo is the evaluated period, as given and as dates.
type PeriodInfo struct {
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

// InputsInfo names the files read and a digest over them.
type InputsInfo struct {
	// Files are the data files read, sorted by name (bytewise, as named
	// on the command line or found in a named directory; the standard
	// input is <stdin>), then the rule files given with --rules, in the
	// order given.
	Files []InputFile `json:"files"`
	// Digest is the SHA-256, in lower-case hexadecimal, of the lines
	// that hold the SHA-256 of each file in the order of Files, each line
	// ended by a line feed: sha256sum FILE... | cut -c1-64 | sha256sum
	// gives it for the same files in the same order.
	Digest string `json:"digest"`
}

// InputFile is one file a command read, with the SHA-256 of its content.
type InputFile struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// CheckSummary counts the results.
type CheckSummary struct {
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

// Add counts a result.
func (s *CheckSummary) Add(r rules.Result) {
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

// Build is what a program knows about its own build.
type Build struct {
	// Module is the module's version: a release such as v1.2.0, a
	// pseudo-version, or "(devel)" when built inside its source tree.
	Module string
	// Revision is the version control revision built from, with
	// "+modified" when the tree had changes; empty when not recorded.
	Revision string
}

// ReadBuild returns the build information of the running program
// (runtime/debug.ReadBuildInfo): the kiez module's version, as the main
// module or as a dependency, and the revision.
func ReadBuild() Build {
	b := Build{Module: "(unknown)"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if bi.Main.Path == ModulePath && bi.Main.Version != "" {
		b.Module = bi.Main.Version
	} else {
		for _, d := range bi.Deps {
			if d.Path == ModulePath {
				b.Module = d.Version
			}
		}
	}
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if modified && b.Revision != "" {
		b.Revision += "+modified"
	}
	return b
}

// ModuleOf describes the kiez module of a build.
func ModuleOf(b Build) ModuleInfo {
	return ModuleInfo{Path: ModulePath, Version: b.Module, Revision: b.Revision}
}

// String writes the module as path@version, with " " and the revision
// when there is one: the form a stored evaluation keeps; ParseModule
// reads it back.
func (m ModuleInfo) String() string {
	s := m.Path + "@" + m.Version
	if m.Revision != "" {
		s += " " + m.Revision
	}
	return s
}

// ParseModule reads what Module.String wrote.
func ParseModule(s string) (ModuleInfo, error) {
	head, rev, _ := strings.Cut(s, " ")
	path, version, ok := strings.Cut(head, "@")
	if !ok || path == "" || version == "" {
		return ModuleInfo{}, fmt.Errorf("envelope: module %q is not path@version [revision]", s)
	}
	return ModuleInfo{Path: path, Version: version, Revision: rev}, nil
}

// PeriodOf describes the evaluated period given as text.
func PeriodOf(text string, p rules.Period) PeriodInfo {
	return PeriodInfo{Text: text, From: p.From, Until: p.Until, Label: p.German()}
}

// NewInputs lists the files with their digest; files may be nil.
func NewInputs(files []InputFile) InputsInfo {
	if files == nil {
		files = []InputFile{}
	}
	return InputsInfo{Files: files, Digest: InputDigest(files)}
}

// InputDigest is the SHA-256 over the files in the given order: of the
// lines that hold each file's SHA-256 in lower-case hexadecimal, each
// ended by a line feed (what `sha256sum FILE... | cut -c1-64 | sha256sum`
// prints for the same files in the same order).
func InputDigest(files []InputFile) string {
	h := sha256.New()
	for _, f := range files {
		io.WriteString(h, f.SHA256+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SHA256Hex is the SHA-256 of data in lower-case hexadecimal.
func SHA256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Time writes the time of a run as the envelopes carry it: RFC 3339 in
// UTC, to the second.
func Time(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

// Wrap writes an envelope as JSON indented as json.MarshalIndent indents,
// without escaping <, > and &, ended by a line feed.
func Wrap(env any) ([]byte, error) {
	b, err := MarshalIndent(env, "")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Head returns the JSON of the envelope up to the opening of the results
// list, indented as json.MarshalIndent(env, "", "  ") indents the whole
// envelope, so that the results can follow one by one.
func Head(info RunInfo) ([]byte, error) {
	b, err := MarshalIndent(info, "")
	if err != nil {
		return nil, err
	}
	b = b[:len(b)-len("\n}")]
	return append(b, ",\n  \"results\": ["...), nil
}

// Tail returns the JSON of the envelope after the results list; empty
// tells whether the list was empty.
func Tail(env CheckEnvelope, empty bool) ([]byte, error) {
	sum, err := MarshalIndent(env.Summary, "  ")
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

// MarshalIndent is json.MarshalIndent with indent "  " after prefix,
// without escaping <, > and & (as the results are written).
func MarshalIndent(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// What kiez lint reads: a rule file, a directory of them, a rule test
// file (for the rule file it tests) or an embedded programme, each with
// the stricter checks of rules.Lint and, where the test file is known,
// rules.LintTests.

const testSuffix = "_test.yaml"

// lintRules loads what one argument of kiez lint names with the checks of
// rules.Lint: a directory gives one set per rule file in it, each checked
// against its test file; a test file gives the rule file it tests,
// checked against it.
func lintRules(arg string, src *sources) []*ruleSet {
	st, err := os.Stat(arg)
	switch {
	case err == nil && st.IsDir():
		return lintDir(arg, src)
	case err == nil && st.Mode().IsRegular() && strings.HasSuffix(arg, testSuffix):
		return []*ruleSet{lintTestFile(arg, src)}
	case err != nil && slices.Contains(rules.Embedded(), arg):
		rs := &ruleSet{arg: arg, embedded: true}
		rs.prog, rs.diags = rules.LintEmbedded(arg)
		return []*ruleSet{finishLint(rs)}
	}
	return []*ruleSet{lintFile(arg, "", src)}
}

// lintFile is loadRules with the checks of rules.Lint, and of
// rules.LintTests when test names the rule file's test file; the file is
// read and compiled once.
func lintFile(arg, test string, src *sources) *ruleSet {
	return readRules(arg, src, func(name string, data []byte, opts ...rules.LoadOption) (*rules.RuleSet, diag.Diagnostics) {
		p, diags := rules.Lint(name, data, opts...)
		if test != "" && p != nil {
			if tdata, ok := readTestFile(test, src); ok {
				diags = append(diags, rules.LintTests(p, test, tdata)...)
				diags.Sort()
			}
		}
		return p, diags
	})
}

// finishLint drops the programme of a set with errors, as loadRules does.
func finishLint(rs *ruleSet) *ruleSet {
	if rs.diags.HasErrors() {
		rs.prog = nil
	}
	return rs
}

// readTestFile reads a rule test file for LintTests; a file that cannot
// be read is left to kiez test.
func readTestFile(name string, src *sources) ([]byte, bool) {
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() > kiez.MaxFileSize {
		return nil, false
	}
	return src.get(name)
}

// lintDir lints every rule file of a directory (not its subdirectories),
// each with its test file when there is one.
func lintDir(dir string, src *sources) []*ruleSet {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []*ruleSet{{arg: dir, unread: true, diags: diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("cannot read the directory %s: %v", dir, err)}}}}
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.HasSuffix(n, ".yaml") && !strings.HasSuffix(n, testSuffix) && isRuleFile(filepath.Join(dir, n), src) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return []*ruleSet{{arg: dir, unread: true, diags: diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("the directory %s holds no rule file (a *.yaml other than *%s with programme: at the top)", dir, testSuffix),
			Detail:  "Name a directory of rule files, a rule file or an embedded programme id."}}}}
	}
	var out []*ruleSet
	for _, n := range names {
		file := filepath.Join(dir, n)
		test := strings.TrimSuffix(file, ".yaml") + testSuffix
		if _, err := os.Stat(test); err != nil {
			test = ""
		}
		out = append(out, lintFile(file, test, src))
	}
	return out
}

// isRuleFile tells a rule file from the data files beside it: a regular
// YAML file whose top level names its programme (programme:), where data
// files list programmes: and centres:. A file that does not parse counts
// as a rule file, so that its errors are shown.
func isRuleFile(name string, src *sources) bool {
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() > rules.MaxFileSize {
		return true // loadRules reports it
	}
	data, ok := src.get(name)
	if !ok {
		return true
	}
	root, err := source.ParseYAML(data)
	if err != nil || root == nil || root.Kind != source.KindMap {
		return true
	}
	return root.Lookup("programme") != nil
}

// lintTestFile lints the rule file a test file names in programme: (a
// file next to it or an embedded programme id) against the test file.
func lintTestFile(test string, src *sources) *ruleSet {
	data, ok := readTestFile(test, src)
	if !ok {
		return lintFile(test, "", src)
	}
	root, err := source.ParseYAML(data)
	name := ""
	if err == nil {
		if n := root.Lookup("programme"); n != nil && n.Kind == source.KindScalar {
			name = n.Value
		}
	}
	if name == "" {
		return &ruleSet{arg: test, unread: true, diags: diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("%s names no programme: (the rule file it tests)", test),
			Detail:  "Run kiez test on it for its problems, or name the rule file itself."}}}
	}
	file := filepath.Join(filepath.Dir(test), name)
	if _, err := os.Stat(file); err != nil {
		if code, ok := rules.EmbeddedSource(name); ok {
			rs := &ruleSet{arg: name, embedded: true}
			rs.prog, rs.diags = rules.Lint("rules/programmes/"+name+".yaml", code)
			if rs.prog != nil {
				rs.diags = append(rs.diags, rules.LintTests(rs.prog, test, data)...)
				rs.diags.Sort()
			}
			return finishLint(rs)
		}
	}
	return lintFile(file, test, src)
}

// strictDiagnostics turns warnings into errors (kiez lint --strict).
func strictDiagnostics(diags diag.Diagnostics) diag.Diagnostics {
	out := make(diag.Diagnostics, len(diags))
	for i, d := range diags {
		c := *d
		if c.Severity == diag.Warning {
			c.Severity = diag.Error
		}
		out[i] = &c
	}
	return out
}

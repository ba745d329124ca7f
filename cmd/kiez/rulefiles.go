package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/filekind"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// ruleSet is a rule file loaded from disk or an embedded programme.
type ruleSet struct {
	// arg is what the user named: a path or a programme id.
	arg      string
	embedded bool
	// unread is set when there was nothing to load: no such file, a
	// directory, a file too large or unreadable.
	unread bool
	prog   *rules.RuleSet // nil when the file has errors
	diags  diag.Diagnostics
	// sha256 and size describe the rule file read, for JSON output.
	sha256 string
	size   int64
}

// describe names where the rules come from and their version, for
// report headings, in the language of tx.
func (r *ruleSet) describe(tx *texts) string {
	s := r.where(tx)
	if r.prog.Version != "" {
		s += tx.t("sel.version", r.prog.Version)
	}
	return s
}

// where names the rule file, marking an embedded one.
func (r *ruleSet) where(tx *texts) string {
	if r.embedded {
		return tx.t("sel.embeddedFile", r.prog.File)
	}
	return r.prog.File
}

// loadRules loads a rule file named by path or, when no such file exists,
// the embedded programme with that id. Problems are diagnostics of the
// returned set; its programme is nil when any is an error.
func loadRules(arg string, src *sources) *ruleSet {
	return readRules(arg, src, rules.Load)
}

// readRules is loadRules with load (rules.Load, or rules.Lint for kiez
// lint) compiling a rule file read from disk.
func readRules(arg string, src *sources, load func(string, []byte, ...rules.LoadOption) (*rules.RuleSet, diag.Diagnostics)) *ruleSet {
	rs := &ruleSet{arg: arg, unread: true}
	st, err := os.Stat(arg)
	switch {
	case err == nil && st.IsDir():
		rs.diags = diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("%s is a directory", arg),
			Detail:  "Name the rule files in it, e.g. " + strings.TrimSuffix(arg, "/") + "/*.yaml (not the *_test.yaml files)."}}
	case err == nil && !st.Mode().IsRegular():
		rs.diags = diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("%s is %s, not a regular file; it is not read", arg, filekind.Of(st.Mode())),
			Detail:  "Rule files are read only from regular files; a named pipe or a device is never opened. Copy the rules into a file."}}
	case err == nil && st.Size() > rules.MaxFileSize:
		rs.diags = diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("%s is %d bytes; rule files may be at most %d bytes", arg, st.Size(), rules.MaxFileSize)}}
	case err == nil:
		data, err := os.ReadFile(arg)
		if err != nil {
			rs.diags = diag.Diagnostics{{Severity: diag.Error, Summary: fmt.Sprintf("cannot read %s: %v", arg, err)}}
			break
		}
		src.add(arg, data)
		rs.sha256, rs.size = envelope.SHA256Hex(data), int64(len(data))
		rs.unread = false
		rs.prog, rs.diags = load(arg, data)
	case slices.Contains(rules.Embedded(), arg):
		rs.embedded, rs.unread = true, false
		rs.prog, rs.diags = rules.LoadEmbedded(arg)
	default:
		rs.diags = diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("cannot read %s: no such file, and no embedded programme has this id", arg),
			Detail:  "Name a rule file (.yaml) or the id of an embedded programme " + embeddedList() + "."}}
	}
	if rs.diags.HasErrors() {
		rs.prog = nil
	}
	return rs
}

// embeddedList names the embedded programmes in parentheses, in English,
// for the diagnostics (which stay English).
func embeddedList() string { return newTexts(langEN).embeddedList() }

// embeddedList names the embedded programmes in parentheses, in the
// language: "(eingebettet: …)", "(embedded: …)".
func (x *texts) embeddedList() string {
	ids := strings.Join(rules.Embedded(), ", ")
	if ids == "" {
		ids = x.t("sel.embeddedNone")
	}
	return x.t("sel.embedded", ids)
}

// sources serves the text of the files diagnostics point into, for their
// snippets: files read by the command, then files on disk, then the
// embedded rule files.
type sources struct {
	files map[string][]byte
}

func newSources() *sources { return &sources{files: map[string][]byte{}} }

func (s *sources) add(name string, data []byte) { s.files[name] = data }

// get is a diag.SourceFunc.
func (s *sources) get(name string) ([]byte, bool) {
	if b, ok := s.files[name]; ok {
		return b, true
	}
	if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() && st.Size() <= kiez.MaxFileSize {
		if b, err := os.ReadFile(name); err == nil {
			s.files[name] = b
			return b, true
		}
	}
	if id, ok := strings.CutPrefix(name, "rules/programmes/"); ok {
		if b, ok := rules.EmbeddedSource(strings.TrimSuffix(id, ".yaml")); ok {
			return b, true
		}
	}
	return nil, false
}

// selection is the outcome of choosing programmes for check and explain.
type selection struct {
	sets []*ruleSet
	// notes say what is not checked and why.
	notes []string
	// diags are problems of rule files; any error stops the command.
	diags diag.Diagnostics
	// usage is the --programme id that names no rules at all: a usage
	// error (noRulesMessage says it).
	usage string
}

// selectProgrammes chooses the programmes to evaluate. The rule files
// named with --rules replace the embedded programme of the same id, or
// add one. Without ids: every programme named by the data (in the data's
// order) that has rules, then the --rules programmes the data does not
// name. With ids: exactly those programmes, in that order. The notes are
// in the language of tx.
func selectProgrammes(tx *texts, ds *kiez.Dataset, ids []string, ruleFiles []string, src *sources) *selection {
	sel := &selection{}
	byID := map[string]*ruleSet{}
	var fileOrder []string
	for _, f := range ruleFiles {
		rs := loadRules(f, src)
		sel.diags = append(sel.diags, rs.diags...)
		if rs.prog == nil {
			continue
		}
		if prev, dup := byID[rs.prog.ID]; dup {
			sel.diags = append(sel.diags, &diag.Diagnostic{Severity: diag.Error,
				Summary: fmt.Sprintf("programme %q is given twice: %s and %s", rs.prog.ID, prev.arg, f),
				Detail:  "Name one rule file per programme."})
			continue
		}
		byID[rs.prog.ID] = rs
		fileOrder = append(fileOrder, rs.prog.ID)
	}
	embedded := rules.Embedded()
	take := func(id string) bool {
		if rs, ok := byID[id]; ok {
			sel.sets = append(sel.sets, rs)
			return true
		}
		if !slices.Contains(embedded, id) {
			return false
		}
		rs := &ruleSet{arg: id, embedded: true}
		rs.prog, rs.diags = rules.LoadEmbedded(id)
		sel.diags = append(sel.diags, rs.diags...)
		if rs.prog != nil && !rs.diags.HasErrors() {
			sel.sets = append(sel.sets, rs)
		}
		return true
	}
	if len(ids) > 0 {
		for _, id := range unique(ids) {
			if !take(id) {
				sel.usage = id
				return sel
			}
		}
		for _, id := range fileOrder {
			if !slices.Contains(ids, id) {
				sel.notes = append(sel.notes, tx.t("sel.notChecked", byID[id].arg, id))
			}
		}
		return sel
	}
	named := dataProgrammes(ds)
	for _, id := range named {
		if !take(id) {
			sel.notes = append(sel.notes, tx.t("sel.noRulesNote", id))
		}
	}
	for _, id := range fileOrder {
		if !slices.Contains(named, id) {
			sel.sets = append(sel.sets, byID[id])
		}
	}
	return sel
}

// dataProgrammes lists the programme ids the data names, in order of
// first appearance: the programme records, then the centres.
func dataProgrammes(ds *kiez.Dataset) []string {
	var ids []string
	for _, p := range ds.Programmes {
		ids = append(ids, p.ID)
	}
	for _, c := range ds.Centres {
		ids = append(ids, c.Programme)
	}
	return unique(ids)
}

func unique(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func programmesOf(sets []*ruleSet) []*rules.RuleSet {
	out := make([]*rules.RuleSet, len(sets))
	for i, rs := range sets {
		out[i] = rs.prog
	}
	return out
}

// noRulesMessage says that --programme id names no rules at all.
func noRulesMessage(tx *texts, id string) string {
	return tx.t("sel.noRules", id, tx.embeddedList())
}

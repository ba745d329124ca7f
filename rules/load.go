package rules

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// MaxFileSize is the largest rule file Load accepts, in bytes.
const MaxFileSize = 4 << 20

// MaxRules is the most rules one file may hold.
const MaxRules = 2000

var (
	requirementID = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,7}-[0-9]{2,3}$`)
	paramName     = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
)

// paramTypes maps the param types of the file format to their Go types in
// expressions.
var paramTypes = map[string]reflect.Type{
	"decimal": reflect.TypeOf(decimal.Decimal{}),
	"int":     reflect.TypeOf(0),
	"days":    reflect.TypeOf(0),
	"period":  reflect.TypeOf(period.Period{}),
	"kinds":   reflect.TypeOf([]string(nil)),
	"groups":  reflect.TypeOf(map[string][]string(nil)),
	"text":    reflect.TypeOf(""),
	"bool":    reflect.TypeOf(false),
	"date":    reflect.TypeOf(date.Date{}),
}

// posBefore reports whether position a comes before b in a file.
func posBefore(a, b diag.Pos) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
}

func paramTypeNames() []string {
	names := make([]string, 0, len(paramTypes))
	for n := range paramTypes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// loader collects everything Load finds while building a RuleSet.
type loader struct {
	name   string
	data   []byte
	pos    source.Positions
	diags  diag.Diagnostics
	opts   loadConfig
	sess   *compile.Session // the compiler of every expression (session)
	fns    []function       // the environment's functions
	fnames map[string]bool  // their names (functionNames)
	cache  *exprCache       // what the load compiled so far (nil: nothing kept)

	// paramValues are the values of the text and period params as
	// written, for the argument checks (argcheck.go); ruleID is the rule
	// being compiled.
	paramValues map[string][]paramText
	ruleID      string
	// envs are the environments of the rules compiled so far (ruleEnv).
	envs map[ruleEnvKey]map[string]any
}

// at returns a point of the file, such as a position inside an
// expression.
func (l *loader) at(p diag.Pos) *diag.Range {
	return &diag.Range{Filename: l.name, Start: p, End: p}
}

// of returns where a text of the file is written, from its first
// character to its last (quotes included).
func (l *loader) of(t source.Text) *diag.Range {
	r := t.Range(l.name)
	return &r
}

// atPath returns the start of the value at a data path of the file, or of
// the nearest parent written when the path is not (a missing field): a
// point, for problems about a value's place rather than its text.
func (l *loader) atPath(path string) *diag.Range {
	return l.at(l.valueAt(path).Start)
}

// valueAt returns where the value at a data path of the file is written,
// from its first character to its last; for a path not written (a missing
// field), the start of the nearest parent that is.
func (l *loader) valueAt(path string) *diag.Range {
	if r, ok := l.pos[path]; ok {
		r.Filename = l.name
		return &r
	}
	for {
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			if r, ok := l.pos[""]; ok {
				return l.at(r.Start)
			}
			return &diag.Range{Filename: l.name}
		}
		path = path[:i]
		if r, ok := l.pos[path]; ok {
			return l.at(r.Start)
		}
	}
}

func (l *loader) errorf(r *diag.Range, detail, format string, args ...any) {
	l.diags = append(l.diags, &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf(format, args...), Detail: detail, Subject: r})
}

func (l *loader) warnf(r *diag.Range, detail, format string, args ...any) {
	l.diags = append(l.diags, &diag.Diagnostic{Severity: diag.Warning, Summary: fmt.Sprintf(format, args...), Detail: detail, Subject: r})
}

// addDecoded adds the diagnostics of reading the file, which have no file
// name, with the loader's.
func (l *loader) addDecoded(ds diag.Diagnostics) {
	for _, dg := range ds {
		c := *dg
		if dg.Subject != nil {
			subject := *dg.Subject
			subject.Filename = l.name
			c.Subject = &subject
		}
		l.diags = append(l.diags, &c)
	}
}

// Load reads, checks and compiles a rule file. The name is used in
// positions. Every problem is reported at once as a diagnostic with its
// file:line:col: unknown keys (with the closest known one), duplicate ids
// (naming both places), requirement ids outside the catalogue, undeclared
// params, expressions that do not compile or have the wrong type, empty
// messages. Load returns a nil RuleSet when any diagnostic is an error;
// warnings (an uncovered requirement, for instance) come with a usable
// RuleSet.
func Load(name string, data []byte, opts ...LoadOption) (*RuleSet, diag.Diagnostics) {
	return loadDecoded(name, data, decodeFile(data), opts, newExprCache())
}

// decodedFile is a rule file read into the types of the file format: what
// Load does before it checks and compiles. A decodedFile is never changed
// once decoded; loads only read it.
type decodedFile struct {
	f        fileProgramme
	pos      source.Positions
	diags    diag.Diagnostics // the problems of reading it, Subject without a file name
	tooLarge bool
	parsed   bool // the YAML parsed, and f holds what could be decoded
}

// decodeFile reads a rule file: its size, its YAML and the file format.
func decodeFile(data []byte) *decodedFile {
	d := &decodedFile{}
	if len(data) > MaxFileSize {
		d.tooLarge = true
		return d
	}
	root, err := source.ParseYAML(data)
	if err != nil {
		at := diag.Pos{Line: 1, Column: 1}
		msg := err.Error()
		var se *source.SyntaxError
		if errors.As(err, &se) {
			at, msg = se.Pos, se.Message
		}
		d.diags = append(d.diags, &diag.Diagnostic{Severity: diag.Error, Summary: msg, Subject: &diag.Range{Start: at, End: at}})
		return d
	}
	pos, problems := source.Decode(root, &d.f)
	d.pos, d.parsed = pos, true
	for _, p := range problems {
		d.diags = append(d.diags, &diag.Diagnostic{Severity: diag.Error, Summary: p.Summary, Detail: p.Detail,
			Subject: new(p.Range("")), Path: p.Path})
	}
	return d
}

// loadDecoded checks and compiles a decoded rule file: Load after
// reading. The cache may hold what other loads with the same options
// compiled (see exprCache).
func loadDecoded(name string, data []byte, d *decodedFile, opts []LoadOption, cache *exprCache) (*RuleSet, diag.Diagnostics) {
	l := &loader{name: name, data: data, opts: newLoadConfig(opts), cache: cache}
	if d.tooLarge {
		l.errorf(l.at(diag.Pos{Line: 1, Column: 1}), "Split the programme into smaller files or shorten it.",
			"the rule file is %d bytes; at most %d are allowed", len(data), MaxFileSize)
		return nil, l.diags
	}
	l.addDecoded(d.diags)
	if !d.parsed {
		return nil, l.diags
	}
	l.pos = d.pos
	prog := l.build(&d.f)
	l.endSession()
	l.diags.Sort()
	if l.diags.HasErrors() {
		return nil, l.diags
	}
	return prog, l.diags
}

func (l *loader) build(f *fileProgramme) *RuleSet {
	p := &RuleSet{ID: f.Programme, Name: f.Name, Authority: f.Authority, Version: f.Version,
		Description: strings.TrimSpace(f.Description), Land: f.Land, File: l.name, loadCfg: l.opts}
	if f.Programme == "" {
		l.errorf(l.atPath(""), "Name the programme id that centres use, e.g. programme: wiesbaden-kiez.", "missing required field %q", "programme")
	} else if !kiez.IsID(f.Programme) {
		l.errorf(l.valueAt("programme"), "Ids are lowercase letters and digits joined by hyphens.", "%q is not a valid programme id", f.Programme)
	}
	if f.Name == "" {
		l.errorf(l.atPath(""), "Give the programme's German name.", "missing required field %q", "name")
	}
	for _, s := range f.Sources {
		p.Sources = append(p.Sources, Source(s))
	}
	l.catalogue(f, p)
	l.params(f, p)
	l.paramValues = l.paramTexts(f)
	if len(f.Rules) > MaxRules {
		l.errorf(l.atPath("rules"), "", "the file has %d rules; at most %d are allowed", len(f.Rules), MaxRules)
		return p
	}
	l.rules(f, p)
	l.validity(f, p)
	l.manual(f, p)
	l.coverage(p)
	return p
}

func (l *loader) catalogue(f *fileProgramme, p *RuleSet) {
	seen := map[string]diag.Pos{}
	for i, r := range f.Requirements {
		path := fmt.Sprintf("requirements[%d]", i)
		id := r.ID.Value
		switch {
		case id == "":
			l.errorf(l.atPath(path), "", "missing required field %q", "id")
			continue
		case !requirementID.MatchString(id):
			l.errorf(l.of(r.ID), "Requirement ids are a short upper-case prefix, a hyphen and a number, e.g. BK-04.", "%q is not a requirement id", id)
		}
		if prev, dup := seen[id]; dup {
			l.errorf(l.of(r.ID), "", "duplicate requirement %q: already listed at %s:%d:%d", id, l.name, prev.Line, prev.Column)
			continue
		}
		seen[id] = r.ID.Pos
		if strings.TrimSpace(r.Text) == "" {
			l.errorf(l.atPath(path), "Say in a sentence what the requirement asks.", "requirement %s has no text", id)
		}
		p.Requirements = append(p.Requirements, Requirement{ID: id, Text: strings.TrimSpace(r.Text), Source: Cite(r.Source), Check: slices.Clone(r.Check)})
	}
}

// knownRequirement checks a requirement id cited by a rule or the manual
// list against the format and the catalogue.
func (l *loader) knownRequirement(p *RuleSet, t source.Text) bool {
	if !requirementID.MatchString(t.Value) {
		l.errorf(l.of(t), "Requirement ids are a short upper-case prefix, a hyphen and a number, e.g. BK-04.", "%q is not a requirement id", t.Value)
		return false
	}
	if len(p.Requirements) == 0 || slices.ContainsFunc(p.Requirements, func(r Requirement) bool { return r.ID == t.Value }) {
		return true
	}
	ids := make([]string, len(p.Requirements))
	for i, r := range p.Requirements {
		ids[i] = r.ID
	}
	msg := fmt.Sprintf("requirement %q is not in the programme's catalogue", t.Value)
	if s := source.Suggest(t.Value, ids); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	l.errorf(l.of(t), "Add it to requirements: at the top of the file, or correct the id.", "%s", msg)
	return false
}

func (l *loader) params(f *fileProgramme, p *RuleSet) {
	names := make([]string, 0, len(f.Params))
	for n := range f.Params {
		names = append(names, n)
	}
	sort.Strings(names)
	// Names that differ only in case are one mistake away from each
	// other: the later one in the file is an error naming the earlier.
	firstOf := map[string]string{} // lower-case name → the name met first in the file
	for _, name := range names {
		key := strings.ToLower(name)
		if prev, ok := firstOf[key]; !ok || posBefore(l.atPath("params."+name).Start, l.atPath("params."+prev).Start) {
			firstOf[key] = name
		}
	}
	var fields []reflect.StructField
	for _, name := range names {
		fp := f.Params[name]
		path := "params." + name
		if first := firstOf[strings.ToLower(name)]; first != name {
			at := l.atPath("params." + first).Start
			l.errorf(l.atPath(path), "Give params names that differ in more than case, or remove one of them.",
				"param %q differs only in case from param %q at %s:%d:%d", name, first, l.name, at.Line, at.Column)
			continue
		}
		if !paramName.MatchString(name) {
			l.errorf(l.atPath(path), "Param names start with a lower-case letter and hold only letters and digits, e.g. releaseHours.", "%q is not a valid param name", name)
			continue
		}
		if fp == nil {
			l.errorf(l.atPath(path), "Give the param's type and history.", "param %q is empty", name)
			continue
		}
		typ, ok := paramTypes[fp.Type.Value]
		if !ok {
			msg := fmt.Sprintf("param %q has unknown type %q", name, fp.Type.Value)
			if s := source.Suggest(fp.Type.Value, paramTypeNames()); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			r := l.of(fp.Type)
			if fp.Type.Value == "" {
				r = l.atPath(path)
				msg = fmt.Sprintf("param %q has no type", name)
			}
			l.errorf(r, "Types: "+strings.Join(paramTypeNames(), ", ")+".", "%s", msg)
			continue
		}
		param := &Param{Name: name, Title: fp.Title, Type: fp.Type.Value, Unit: fp.Unit, Source: Cite(fp.Source),
			Interpretation: strings.TrimSpace(fp.Interpretation), Requirements: slices.Clone(fp.Requirements), historyAt: *l.atPath(path)}
		if len(fp.History) == 0 {
			l.errorf(l.atPath(path), "Give at least one value with the date from which it applies: history: [{from: 2024-01-01, value: …}].", "param %q has no history", name)
		} else if at := fp.History[0].From.Pos; at.Line > 0 {
			param.historyAt = *l.at(at)
		}
		for j, h := range fp.History {
			hp := fmt.Sprintf("%s.history[%d]", path, j)
			from, err := source.ParseDate(h.From.Value)
			if err != nil {
				r := l.of(h.From)
				if h.From.Value == "" {
					r = l.atPath(hp)
				}
				l.errorf(r, "Write the date from which the value applies as YYYY-MM-DD.", "param %q: %v", name, err)
				continue
			}
			if n := len(param.History); n > 0 && !from.After(param.History[n-1].From) {
				l.errorf(l.of(h.From), "List the values oldest first, each from a later date.", "param %q: value from %s is not after the previous one (%s)", name, from, param.History[n-1].From)
				continue
			}
			v, err := parseParamValue(fp.Type.Value, h.Value)
			if err != nil {
				r := l.atPath(hp)
				if h.Value != nil {
					v := h.Value.Range(l.name)
					r = &v
				}
				l.errorf(r, "", "param %q: %v", name, err)
				continue
			}
			param.History = append(param.History, ParamValue{From: from, Value: v, Note: h.Note})
		}
		p.Params = append(p.Params, param)
		fields = append(fields, reflect.StructField{Name: "P_" + name, Type: typ, Tag: reflect.StructTag(`expr:"` + name + `"`)})
	}
	p.paramType = reflect.StructOf(fields)
}

// parseParamValue reads one history value. Lists of kinds are written as
// a YAML list or as comma-separated text ("a, b").
func parseParamValue(typ string, n *source.Node) (any, error) {
	if n == nil || n.Kind == source.KindNull {
		return nil, fmt.Errorf("the value is missing")
	}
	if typ == "groups" {
		return parseGroups(n)
	}
	if n.Kind == source.KindSeq && typ == "kinds" {
		out := []string{}
		for _, it := range n.Items {
			if it.Kind != source.KindScalar || !kiez.IsID(it.Value) {
				return nil, fmt.Errorf("%q is not a kebab-case id", it.Value)
			}
			out = append(out, it.Value)
		}
		return out, nil
	}
	if n.Kind != source.KindScalar {
		return nil, fmt.Errorf("expected a single value, found a %s", n.Kind)
	}
	s := strings.TrimSpace(n.Value)
	switch typ {
	case "decimal":
		return source.ParseDecimal(s)
	case "int", "days":
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || fmt.Sprint(n) != s {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case "period":
		per, err := period.Parse(s)
		if err != nil || s == "" {
			return nil, fmt.Errorf("%q is not an ISO-8601 period such as P6W or P1M", s)
		}
		return per, nil
	case "kinds":
		var out []string
		for _, k := range strings.Split(s, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			if !kiez.IsID(k) {
				return nil, fmt.Errorf("%q is not a kebab-case id", k)
			}
			out = append(out, k)
		}
		return out, nil
	case "text":
		return n.Value, nil
	case "bool":
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not true or false", s)
	case "date":
		return source.ParseDate(s)
	}
	return nil, fmt.Errorf("unknown type %q", typ)
}

func (l *loader) manual(f *fileProgramme, p *RuleSet) {
	for i, m := range f.Manual {
		path := fmt.Sprintf("manual[%d]", i)
		if m.Requirement.Value == "" {
			l.errorf(l.atPath(path), "", "missing required field %q", "requirement")
			continue
		}
		l.knownRequirement(p, m.Requirement)
		if strings.TrimSpace(m.Reason) == "" {
			l.errorf(l.atPath(path), "Say why no data can show this requirement.", "manual requirement %s has no reason", m.Requirement.Value)
		}
		if strings.TrimSpace(m.Evidence) == "" {
			l.errorf(l.atPath(path), "Say what a reviewer looks at instead.", "manual requirement %s names no evidence", m.Requirement.Value)
		}
		p.Manual = append(p.Manual, Manual{Requirement: m.Requirement.Value, Reason: strings.TrimSpace(m.Reason), Evidence: strings.TrimSpace(m.Evidence)})
	}
}

// coverage warns about catalogue requirements that no rule checks and the
// manual list does not explain.
func (l *loader) coverage(p *RuleSet) {
	cov := p.Coverage()
	index := map[string]int{}
	for i, r := range p.Requirements {
		index[r.ID] = i
	}
	for _, id := range cov.Missing {
		l.warnf(l.valueAt(fmt.Sprintf("requirements[%d].id", index[id])), "Add a rule that cites it, or list it under manual: with the reason and the evidence a reviewer checks.",
			"requirement %s is neither checked by a rule nor listed as manual", id)
	}
}

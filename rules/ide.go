package rules

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/builtin"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// What an editor needs to know about a rule file (kiez lsp): the
// diagnostics of Load, where params, requirements, rules and lets are
// declared, and the types the loader gives the variables of each rule, so
// that completion after "centre." lists exactly the fields the compiler
// accepts there.

// Inspection is a rule file read as Load reads it, kept for an editor:
// the same diagnostics, and what was declared where, also when the file
// has errors (as far as it could be read). An Inspection is not safe for
// concurrent use: Members compiles with the load's compiler.
type Inspection struct {
	// Diagnostics are exactly those Load gives for the same name, data
	// and options.
	Diagnostics diag.Diagnostics
	// Parsed tells that the YAML could be read; when false, the lists
	// below are empty.
	Parsed bool
	// Params are the params that loaded, in the order of their names.
	Params []ParamDecl
	// Requirements are the entries of the catalogue, in file order.
	Requirements []RequirementDecl
	// Rules are the rules in file order.
	Rules []RuleDecl

	l    *loader
	prog *RuleSet
}

// ParamDecl is a param and where its name is written.
type ParamDecl struct {
	*Param
	// At is the position of the param's name under params:.
	At diag.Range
}

// RequirementDecl is a catalogue entry and where its id is written.
type RequirementDecl struct {
	Requirement
	At diag.Range
}

// RuleDecl is a rule of the file: its id, where it starts and ends, and
// its let variables.
type RuleDecl struct {
	ID string
	// At is where the rule starts; EndLine is its last line (1-based),
	// the line before the next rule or top-level key, or the file's last
	// line.
	At      diag.Range
	EndLine int
	Lets    []LetDecl

	env map[string]any // the variables of its expressions, with the lets
}

// LetDecl is a let variable of a rule.
type LetDecl struct {
	Name string
	// Expr is its expression as written.
	Expr string
	// Type names the type of its value in German ("" when unknown).
	Type string
	At   diag.Range
}

// Member is a field of the model, a variable or a let, as an editor
// offers it.
type Member struct {
	Name string
	// Type names its type in German, as diagnostics do ("Liste von
	// Stellen", "Text").
	Type string
	// Vocabulary names the glossary vocabulary of a field's values
	// (kiez.LookupVocabulary), "" when they are free.
	Vocabulary string
}

// FunctionDoc documents a function of the expression environment.
type FunctionDoc struct {
	Name  string
	Group string
	// Doc is its reference text, as in docs/rules-reference.md.
	Doc string
	// Signatures are its accepted argument and result types, e.g.
	// "staffOf(Zentrum, Text, Zeitraum) → Liste von Stellen".
	Signatures []string
}

// Inspect reads, checks and compiles a rule file as Load does and keeps
// what an editor needs. It never fails: problems are in Diagnostics.
func Inspect(name string, data []byte, opts ...LoadOption) *Inspection {
	in := &Inspection{}
	l := &loader{name: name, data: data, opts: newLoadConfig(opts), cache: newExprCache()}
	in.l = l
	d := decodeFile(data)
	if d.tooLarge {
		l.errorf(l.at(diag.Pos{Line: 1, Column: 1}), "Split the programme into smaller files or shorten it.",
			"the rule file is %d bytes; at most %d are allowed", len(data), MaxFileSize)
		in.Diagnostics = l.diags
		return in
	}
	l.addDecoded(d.diags)
	if !d.parsed {
		in.Diagnostics = l.diags
		return in
	}
	l.pos = d.pos
	in.Parsed = true
	prog := l.build(&d.f)
	l.diags.Sort()
	in.Diagnostics = l.diags
	in.prog = prog
	in.declarations(&d.f, data)
	return in
}

// declarations records where the params, requirements, rules and lets
// are written.
func (in *Inspection) declarations(f *fileProgramme, data []byte) {
	l, p := in.l, in.prog
	for _, par := range p.Params {
		at := *l.atPath("params." + par.Name)
		in.Params = append(in.Params, ParamDecl{Param: par, At: keyBefore(data, at, par.Name)})
	}
	for i, r := range f.Requirements {
		if r.ID.Value == "" {
			continue
		}
		req := Requirement{ID: r.ID.Value, Text: strings.TrimSpace(r.Text), Source: Cite(r.Source)}
		in.Requirements = append(in.Requirements, RequirementDecl{Requirement: req, At: *l.valueAt(fmt.Sprintf("requirements[%d].id", i))})
	}
	// The lines where something other than a rule starts: the top-level
	// keys, which end the last rule.
	var tops []int
	for path, pos := range l.pos {
		if path != "" && !strings.ContainsAny(path, ".[") {
			tops = append(tops, pos.Start.Line)
		}
	}
	sort.Ints(tops)
	lines := strings.Count(string(data), "\n") + 1
	for i := range f.Rules {
		fr := &f.Rules[i]
		rd := RuleDecl{ID: fr.ID.Value, At: *l.atPath(fmt.Sprintf("rules[%d]", i)), EndLine: lines}
		if i+1 < len(f.Rules) {
			rd.EndLine = l.atPath(fmt.Sprintf("rules[%d]", i+1)).Start.Line - 1
		}
		for _, t := range tops {
			// A top-level key's value position is on the key's line or
			// the next; the key itself ends the rule the line before.
			if t > rd.At.Start.Line && t-2 < rd.EndLine {
				rd.EndLine = max(rd.At.Start.Line, t-2)
				break
			}
		}
		var r *Rule
		if i < len(p.Rules) {
			r = p.Rules[i]
		}
		rd.env = ruleEnv(p, r)
		for _, e := range fr.Let {
			ld := LetDecl{Name: e.Key.Value, Expr: strings.TrimSpace(e.Value.Value), At: *l.of(e.Key)}
			if v, ok := rd.env[ld.Name]; ok {
				if t := compile.EnvType(v); t != nil {
					ld.Type = typeWords1(t)
				}
			}
			rd.Lets = append(rd.Lets, ld)
		}
		in.Rules = append(in.Rules, rd)
	}
}

// ruleEnv is the environment of a rule's expressions: the one it was
// compiled with, or, when its compiling stopped early, the variables of
// its scope.
func ruleEnv(p *RuleSet, r *Rule) map[string]any {
	if r == nil {
		return envTypes(ScopeCentre, p.paramType, nil)
	}
	if r.envTypes != nil {
		return r.envTypes
	}
	return envTypes(r.Scope, p.paramType, r.itemType)
}

// keyBefore returns the position of a mapping key written before the
// position of its value (the value of a block mapping starts on a later
// line), or at when the key is not found.
func keyBefore(data []byte, at diag.Range, key string) diag.Range {
	end := min(max(at.Start.Byte, 0), len(data))
	i := strings.LastIndex(string(data[:end]), key+":")
	if i < 0 {
		return at
	}
	line := 1 + strings.Count(string(data[:i]), "\n")
	lineStart := strings.LastIndexByte(string(data[:i]), '\n') + 1
	col := 1 + len([]rune(string(data[lineStart:i])))
	p := diag.Pos{Line: line, Column: col, Byte: i}
	keyEnd := diag.Pos{Line: line, Column: col + utf8.RuneCountInString(key), Byte: i + len(key)}
	return diag.Range{Filename: at.Filename, Start: p, End: keyEnd}
}

// RuleAt returns the index in Rules of the rule that holds the 1-based
// line, or -1.
func (in *Inspection) RuleAt(line int) int {
	for i, r := range in.Rules {
		if line >= r.At.Start.Line && line <= r.EndLine {
			return i
		}
	}
	return -1
}

// Param returns the param of that name, or nil.
func (in *Inspection) Param(name string) *ParamDecl {
	for i := range in.Params {
		if in.Params[i].Name == name {
			return &in.Params[i]
		}
	}
	return nil
}

// Requirement returns the catalogue entry with that id, or nil.
func (in *Inspection) Requirement(id string) *RequirementDecl {
	for i := range in.Requirements {
		if in.Requirements[i].ID == id {
			return &in.Requirements[i]
		}
	}
	return nil
}

// Variables lists the variables and let names the expressions of a rule
// (an index into Rules) may use, sorted by name.
func (in *Inspection) Variables(rule int) []Member {
	if rule < 0 || rule >= len(in.Rules) {
		return nil
	}
	var out []Member
	for name, v := range in.Rules[rule].env {
		if name == ctxVar {
			continue
		}
		m := Member{Name: name}
		if t := compile.EnvType(v); t != nil {
			m.Type = typeWords1(t)
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Members returns the fields of the value of an expression written in a
// rule (an index into Rules), as the compiler checks it in that rule: the
// fields of the model after "centre.", the params after "params.". With
// element, the expression gives a list and the fields are those of its
// elements (the "." inside filter(list, .…)). ok is false when the
// expression does not compile or its value has no fields.
func (in *Inspection) Members(rule int, expression string, element bool) (members []Member, ok bool) {
	if rule < 0 || rule >= len(in.Rules) || strings.TrimSpace(expression) == "" {
		return nil, false
	}
	prog, err := in.l.compileExpr(strings.TrimSpace(expression), in.Rules[rule].env)
	if err != nil {
		return nil, false
	}
	t := compile.EnvType(compile.LetType(prog.Node()))
	if t == nil {
		return nil, false
	}
	if element {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return nil, false
		}
		t = t.Elem()
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n := f.Tag.Get("expr"); n != "" {
			members = append(members, Member{Name: n, Type: typeWords1(f.Type), Vocabulary: f.Tag.Get("vocab")})
		}
	}
	return members, len(members) > 0
}

// typeWords1 names a type in German, as diagnostics do.
func typeWords1(t reflect.Type) string {
	if w, ok := typeWordsOf(t.String()); ok {
		return w.one
	}
	switch t.Kind() {
	case reflect.Pointer:
		return typeWords1(t.Elem())
	case reflect.Slice, reflect.Array:
		return "Liste von " + typeWords1(t.Elem())
	}
	return t.String()
}

// Functions documents the functions of the expression environment that
// rule authors use, sorted by name; expr's builtins are in Builtins.
func Functions() []FunctionDoc {
	var out []FunctionDoc
	for _, f := range functions() {
		if f.group == "operator" || f.group == "internal" {
			continue
		}
		fd := FunctionDoc{Name: f.name, Group: f.group, Doc: f.doc}
		for _, typ := range f.types {
			ft := reflect.TypeOf(typ).Elem()
			args := make([]string, ft.NumIn())
			for i := range args {
				args[i] = typeWords1(ft.In(i))
			}
			fd.Signatures = append(fd.Signatures, fmt.Sprintf("%s(%s) → %s", f.name, strings.Join(args, ", "), typeWords1(ft.Out(0))))
		}
		out = append(out, fd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Builtins lists the names of expr's builtin functions that expressions
// may use (filter, map, any, len, …), sorted; those that would read the
// clock are left out.
func Builtins() []string {
	var out []string
	for _, b := range builtin.Builtins {
		if !strings.HasPrefix(b.Name, "$") && !slices.Contains(compile.DisabledBuiltins, b.Name) {
			out = append(out, b.Name)
		}
	}
	sort.Strings(out)
	return out
}

// CheckTestFile reads a rule test file (*_test.yaml) without running it:
// the YAML, the test-file format and the period. The programme it names
// and its fixtures are not read.
func CheckTestFile(name string, data []byte) diag.Diagnostics {
	l := &loader{name: name, data: data}
	if len(data) > MaxFileSize {
		l.errorf(l.at(diag.Pos{Line: 1, Column: 1}), "Split the test file into smaller files.",
			"the test file is %d bytes; at most %d are allowed", len(data), MaxFileSize)
		return l.diags
	}
	f, ok := l.readTestFile()
	if !ok {
		return l.diags
	}
	if f.Programme == "" {
		l.errorf(l.atPath(""), "Name the rule file next to the test file or an embedded programme id, e.g. programme: bad-kreuznach-familienzentren.", "missing required field %q", "programme")
	}
	if f.Period.Value != "" {
		if _, err := ParsePeriod(f.Period.Value); err != nil {
			l.errorf(l.of(f.Period), "", "%v", err)
		}
	}
	l.diags.Sort()
	return l.diags
}

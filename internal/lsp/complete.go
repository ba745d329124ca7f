package lsp

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Completion, hover and go-to-definition: what is written around the
// cursor, read backwards as far as the expression needs, and asked of the
// inspection of the rule file.

// maxLookBehind is how far back from the cursor the text is read for the
// expression before a dot or an enclosing call.
const maxLookBehind = 4000

var requirementToken = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,7}-[0-9]{2,3}$`)

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// inspection returns what is known of the document's rules: the
// inspection of its text, or, while the YAML is broken, the last one that
// could be read (nil when there is none, and for test files).
func (d *document) inspection() *rules.Inspection {
	if d.in != nil && d.in.Parsed {
		return d.in
	}
	return d.good
}

// wordAt returns the bounds of the identifier at or just before off.
func wordAt(text string, off int) (start, end int) {
	off = min(max(off, 0), len(text))
	start, end = off, off
	for start > 0 && isIdentByte(text[start-1]) {
		start--
	}
	for end < len(text) && isIdentByte(text[end]) {
		end++
	}
	return start, end
}

// receiverBefore returns the expression written before the dot at index
// dot: identifiers, dots, calls and indexes ("staffOf(centre, \"x\",
// period)", "centre.location"), as far back as floor.
func receiverBefore(text string, dot, floor int) string {
	i, depth := dot, 0
scan:
	for i > floor {
		c := text[i-1]
		switch {
		case c == ')' || c == ']' || c == '}':
			depth++
		case c == '(' || c == '[' || c == '{':
			if depth == 0 {
				break scan
			}
			depth--
		case depth > 0:
		case isIdentByte(c) || c == '.' || c == '#' || c == '?' || c == '$':
		default:
			break scan
		}
		i--
	}
	if depth != 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(text[i:dot]), "?")
}

// enclosingList returns the first argument of the call whose later
// argument holds off, as in filter(centre.staff, .hoursPerWeek > 2): the
// list whose elements "." and "#" stand for there.
func enclosingList(text string, off, floor int) (string, bool) {
	depth := 0
	open := -1
	for i := off - 1; i >= floor; i-- {
		switch text[i] {
		case ')', ']', '}':
			depth++
		case '[':
			if depth == 0 {
				return "", false
			}
			depth--
		case '{':
			if depth > 0 {
				depth--
			}
		case '(':
			if depth == 0 {
				open = i
			} else {
				depth--
			}
		}
		if open >= 0 {
			break
		}
	}
	if open <= floor || !isIdentByte(text[open-1]) {
		return "", false
	}
	depth = 0
	for i := open + 1; i < off; i++ {
		switch text[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				return strings.TrimSpace(text[open+1 : i]), true
			}
		}
	}
	return "", false
}

// ruleAt returns the rule that holds the byte offset and the offset where
// its text starts, or -1.
func (d *document) ruleAt(in *rules.Inspection, off int) (rule, floor int) {
	line := d.lineOf(off) + 1
	rule = in.RuleAt(line)
	if rule < 0 {
		return -1, 0
	}
	floor = 0
	if l := in.Rules[rule].At.Start.Line - 1; l >= 0 && l < len(d.starts) {
		floor = d.starts[l]
	}
	return rule, max(floor, off-maxLookBehind)
}

// complete proposes what may be written at off.
func (d *document) complete(off int) CompletionList {
	list := CompletionList{Items: []CompletionItem{}}
	in := d.inspection()
	if in == nil {
		return list
	}
	rule, floor := d.ruleAt(in, off)
	if rule < 0 {
		return list
	}
	if comparedValue.MatchString(d.text[floor:off]) {
		// A text compared with a field: the values of its vocabulary.
		if field, ok := d.comparedField(in, rule, off, floor); ok {
			if v, ok := kiez.LookupVocabulary(field.Vocabulary); ok {
				for _, term := range v.Terms {
					list.Items = append(list.Items, CompletionItem{Label: term.ID, Kind: kindEnumMember, Detail: term.Label})
				}
			}
		}
		return list
	}
	start, _ := wordAt(d.text, off)
	if start > 0 && d.text[start-1] == '.' {
		dot := start - 1
		if receiverBefore(d.text, dot, floor) != "params" {
			list.Items = append(list.Items, fieldItems(d.membersBefore(in, rule, dot, floor))...)
			return list
		}
		for _, p := range in.Params {
			list.Items = append(list.Items, CompletionItem{Label: p.Name, Kind: kindConstant,
				Detail: paramDetail(p.Param), Documentation: markdown(paramDoc(p.Param))})
		}
		return list
	}
	lets := map[string]rules.LetDecl{}
	for _, l := range in.Rules[rule].Lets {
		lets[l.Name] = l
	}
	for _, v := range in.Variables(rule) {
		item := CompletionItem{Label: v.Name, Kind: kindVariable, Detail: v.Type}
		if l, ok := lets[v.Name]; ok {
			item.Detail = "let: " + l.Expr
			if l.Type != "" {
				item.Documentation = markdown("Typ: " + l.Type)
			}
		}
		list.Items = append(list.Items, item)
	}
	for _, f := range rules.Functions() {
		list.Items = append(list.Items, CompletionItem{Label: f.Name, Kind: kindFunction,
			Detail: strings.Join(f.Signatures, "; "), Documentation: markdown(functionDoc(f))})
	}
	for _, b := range rules.Builtins() {
		list.Items = append(list.Items, CompletionItem{Label: b, Kind: kindFunction, Detail: "Builtin von expr"})
	}
	return list
}

// comparedValue matches the text before the cursor in a comparison with
// a text being written: "… == \"famil".
var comparedValue = regexp.MustCompile(`(==|!=)\s*["'][a-z0-9-]*$`)

// comparedField returns the field compared with the text being written at
// off (centre.kind in centre.kind == "fa…"), so that the values of its
// vocabulary can be proposed; ok is false elsewhere.
func (d *document) comparedField(in *rules.Inspection, rule, off, floor int) (rules.Member, bool) {
	before := d.text[floor:off]
	loc := comparedValue.FindStringIndex(before)
	if loc == nil {
		return rules.Member{}, false
	}
	e := floor + loc[0]
	for e > floor && (d.text[e-1] == ' ' || d.text[e-1] == '\t') {
		e--
	}
	start, end := wordAt(d.text, e)
	if end != e || start == end || start <= floor || d.text[start-1] != '.' {
		return rules.Member{}, false
	}
	ms := d.membersBefore(in, rule, start-1, floor)
	name := d.text[start:end]
	if i := slices.IndexFunc(ms, func(m rules.Member) bool { return m.Name == name }); i >= 0 && ms[i].Vocabulary != "" {
		return ms[i], true
	}
	return rules.Member{}, false
}

// membersBefore returns the fields of what is written before the dot at
// index dot: of the receiver ("centre.location."), or, for "." and "#"
// alone, of the elements of the enclosing call's list.
func (d *document) membersBefore(in *rules.Inspection, rule, dot, floor int) []rules.Member {
	if recv := receiverBefore(d.text, dot, floor); recv != "" && recv != "#" {
		ms, _ := in.Members(rule, recv, false)
		return ms
	}
	if arg, ok := enclosingList(d.text, dot, floor); ok {
		ms, _ := in.Members(rule, arg, true)
		return ms
	}
	return nil
}

func fieldItems(ms []rules.Member) []CompletionItem {
	out := []CompletionItem{}
	for _, m := range ms {
		out = append(out, CompletionItem{Label: m.Name, Kind: kindField, Detail: m.Type})
	}
	return out
}

// requirementAt returns the requirement id under off, if one is written
// there.
func requirementAt(text string, off int) (string, int, int) {
	isTok := func(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' }
	start, end := min(max(off, 0), len(text)), min(max(off, 0), len(text))
	for start > 0 && isTok(text[start-1]) {
		start--
	}
	for end < len(text) && isTok(text[end]) {
		end++
	}
	if tok := text[start:end]; requirementToken.MatchString(tok) {
		return tok, start, end
	}
	return "", 0, 0
}

// target is what the cursor is on.
type target struct {
	start, end int
	param      *rules.ParamDecl
	let        *rules.LetDecl
	req        *rules.RequirementDecl
	fn         *rules.FunctionDoc
	builtin    string
	member     *rules.Member // a field, variable or let
}

// targetAt finds what is written at off.
func (d *document) targetAt(in *rules.Inspection, off int) *target {
	if id, s, e := requirementAt(d.text, off); id != "" {
		if r := in.Requirement(id); r != nil {
			return &target{start: s, end: e, req: r}
		}
		return nil
	}
	start, end := wordAt(d.text, off)
	if start == end {
		return nil
	}
	word := d.text[start:end]
	t := &target{start: start, end: end}
	rule, floor := d.ruleAt(in, off)
	if start > 0 && d.text[start-1] == '.' {
		recv := receiverBefore(d.text, start-1, floor)
		if recv == "params" {
			if t.param = in.Param(word); t.param != nil {
				return t
			}
			return nil
		}
		var ms []rules.Member
		if rule >= 0 {
			ms = d.membersBefore(in, rule, start-1, floor)
		}
		if i := slices.IndexFunc(ms, func(m rules.Member) bool { return m.Name == word }); i >= 0 {
			t.member = &ms[i]
			return t
		}
		return nil
	}
	line := d.lineOf(start) + 1
	if p := in.Param(word); p != nil && p.At.Start.Line == line {
		t.param = p
		return t
	}
	if rule >= 0 {
		for i, l := range in.Rules[rule].Lets {
			if l.Name == word {
				t.let = &in.Rules[rule].Lets[i]
				return t
			}
		}
	}
	fs := rules.Functions()
	if i := slices.IndexFunc(fs, func(f rules.FunctionDoc) bool { return f.Name == word }); i >= 0 {
		t.fn = &fs[i]
		return t
	}
	if slices.Contains(rules.Builtins(), word) {
		t.builtin = word
		return t
	}
	if rule >= 0 {
		vs := in.Variables(rule)
		if i := slices.IndexFunc(vs, func(m rules.Member) bool { return m.Name == word }); i >= 0 {
			t.member = &vs[i]
			return t
		}
	}
	return nil
}

// currentTarget is what is written at off, when the text as it is now
// could be read: positions of an older text would not fit.
func (d *document) currentTarget(off int) *target {
	in := d.inspection()
	if in == nil || d.in != in {
		return nil
	}
	return d.targetAt(in, off)
}

// hover describes what is written at off.
func (d *document) hover(off int) *Hover {
	t := d.currentTarget(off)
	if t == nil {
		return nil
	}
	var text string
	switch {
	case t.param != nil:
		text = paramDoc(t.param.Param)
	case t.let != nil:
		text = fmt.Sprintf("**let %s**", t.let.Name)
		if t.let.Type != "" {
			text += " — " + t.let.Type
		}
		text += "\n\n```\n" + t.let.Expr + "\n```"
	case t.req != nil:
		text = fmt.Sprintf("**%s** — %s", t.req.ID, t.req.Text)
		if t.req.Source.Doc != "" {
			text += "\n\nQuelle: " + t.req.Source.String()
		}
	case t.fn != nil:
		text = functionDoc(*t.fn)
	case t.builtin != "":
		text = fmt.Sprintf("**%s** — Builtin von expr (https://expr-lang.org/docs/language-definition)", t.builtin)
	case t.member != nil:
		text = fmt.Sprintf("**%s** — %s", t.member.Name, t.member.Type)
	}
	r := Range{Start: d.position(t.start), End: d.position(t.end)}
	return &Hover{Contents: *markdown(text), Range: &r}
}

// definition returns where what is written at off is declared: a param,
// a let, a requirement of the catalogue.
func (d *document) definition(off int) *Location {
	t := d.currentTarget(off)
	if t == nil {
		return nil
	}
	var at diag.Range
	switch {
	case t.param != nil:
		at = t.param.At
	case t.let != nil:
		at = t.let.At
	case t.req != nil:
		at = t.req.At
	default:
		return nil
	}
	return &Location{URI: d.uri, Range: d.protocolRange(at)}
}

// lineOf returns the 0-based line of a byte offset, found in the line
// starts instead of counting the line breaks before it.
func (d *document) lineOf(off int) int {
	return sort.SearchInts(d.starts, min(off, len(d.text))+1) - 1
}

// position converts a byte offset of the text into a protocol position.
func (d *document) position(off int) Position {
	line := d.lineOf(off)
	return Position{Line: line, Character: utf16Len(d.text[d.starts[line]:off])}
}

func paramDetail(p *rules.Param) string {
	s := p.Type
	if p.Unit != "" {
		s += ", " + p.Unit
	}
	if p.Title != "" {
		s += " — " + p.Title
	}
	return s
}

// paramDoc describes a param with its history of values.
func paramDoc(p *rules.Param) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**params.%s**", p.Name)
	if p.Title != "" {
		fmt.Fprintf(&b, " — %s", p.Title)
	}
	fmt.Fprintf(&b, "\n\nTyp: %s", p.Type)
	if p.Unit != "" {
		fmt.Fprintf(&b, ", Einheit: %s", p.Unit)
	}
	if p.Source.Doc != "" {
		fmt.Fprintf(&b, " · Quelle: %s", p.Source)
	}
	if len(p.Requirements) > 0 {
		fmt.Fprintf(&b, " · Anforderungen: %s", strings.Join(p.Requirements, ", "))
	}
	b.WriteString("\n\n| ab | Wert | Anmerkung |\n|---|---|---|\n")
	for _, v := range p.History {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", rules.Format(v.From), cell(rules.Format(v.Value)), cell(v.Note))
	}
	if p.Interpretation != "" {
		fmt.Fprintf(&b, "\nAuslegung: %s\n", p.Interpretation)
	}
	return b.String()
}

// cell makes a text fit a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

func functionDoc(f rules.FunctionDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — %s\n", f.Name, f.Doc)
	for _, s := range f.Signatures {
		fmt.Fprintf(&b, "\n- `%s`", s)
	}
	return b.String()
}

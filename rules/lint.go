package rules

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// The checks of `kiez lint` beyond loading: mistakes that compile but
// make a rule silently wrong. Each is a warning; `kiez lint --strict`
// turns them into errors.

// Lint is Load with the stricter checks of `kiez lint` on top. Besides
// Load's diagnostics it warns about
//
//   - an expression cut short by a YAML comment: an unquoted expression
//     holding " #" ends there, the rest of the line being a comment;
//   - a when or assert condition, or one operand of its top-level
//     and/or, that reads no data and so is always true or always false;
//   - a comparison of a vocabulary field (a role, an offer kind …) with a
//     text that is not a term of its vocabulary, with the closest term;
//   - params that no rule uses, and lets that no expression of their
//     rule reads.
//
// The RuleSet is that of Load: nil when a diagnostic is an error.
// LintTests adds the check of a rule test file.
func Lint(name string, data []byte, opts ...LoadOption) (*RuleSet, diag.Diagnostics) {
	d := decodeFile(data)
	p, diags := loadDecoded(name, data, d, opts, newExprCache())
	if !d.parsed {
		return p, diags
	}
	l := &loader{name: name, data: data, pos: d.pos, opts: newLoadConfig(opts)}
	l.lintFile(&d.f, p)
	if len(l.diags) == 0 {
		return p, diags
	}
	diags = append(diags, l.diags...)
	diags.Sort()
	return p, diags
}

// LintEmbedded is Lint for an embedded programme, with LintTests for its
// embedded test file when it has one.
func LintEmbedded(id string, opts ...LoadOption) (*RuleSet, diag.Diagnostics) {
	data, ok := EmbeddedSource(id)
	if !ok {
		return LoadEmbedded(id, opts...)
	}
	p, diags := Lint("rules/programmes/"+id+".yaml", data, opts...)
	if p == nil {
		return p, diags
	}
	if test, err := embedded.ReadFile("programmes/" + id + "_test.yaml"); err == nil {
		diags = append(diags, LintTests(p, "rules/programmes/"+id+"_test.yaml", test)...)
		diags.Sort()
	}
	return p, diags
}

// LintTests warns about the rules of p that no case of a rule test file
// reaches: no expectation of any case names them, so a change that
// breaks them passes every test. The warning stands at the rule in its
// file. A test file that does not read is left to `kiez test`, which
// reports its problems; LintTests then says nothing.
func LintTests(p *RuleSet, testName string, testData []byte) diag.Diagnostics {
	if p == nil {
		return nil
	}
	root, err := source.ParseYAML(testData)
	if err != nil {
		return nil
	}
	var f fileTest
	if _, problems := source.Decode(root, &f); len(problems) > 0 {
		return nil
	}
	named := map[string]bool{}
	for _, c := range f.Cases {
		for _, e := range c.Expect {
			named[e.Rule.Value] = true
		}
	}
	var diags diag.Diagnostics
	for _, r := range p.Rules {
		if named[r.ID] {
			continue
		}
		at := r.Pos
		diags = append(diags, &diag.Diagnostic{Severity: diag.Warning, Subject: &at,
			Summary: fmt.Sprintf("rule %s is reached by no case of %s", r.ID, testName),
			Detail:  "Add a case whose expect: names the rule, at least once with outcome pass and once with fail, so that a change that breaks it fails a test."})
	}
	return diags
}

// lintFile runs the checks of Lint on a decoded file; p is nil when the
// file did not load, and then only the checks that need no compiled
// expression run.
func (l *loader) lintFile(f *fileProgramme, p *RuleSet) {
	for i := range f.Rules {
		fr := &f.Rules[i]
		for _, t := range lintTexts(fr) {
			l.lintComment(t.text, t.what)
		}
		l.lintConstant(fr.When, "when")
		l.lintConstant(fr.Assert, "assert")
	}
	if p == nil {
		return
	}
	l.lintUnusedParams(p)
	l.lintTranslations(p)
	for i, r := range p.Rules {
		if i >= len(f.Rules) {
			break
		}
		fr := &f.Rules[i]
		l.lintUnusedLets(fr, r)
		l.lintVocabulary(fr, r)
	}
}

// namedText is an expression of a rule file with what it is.
type namedText struct {
	text source.Text
	what string
}

// lintTexts lists the expressions of a rule as written, with what each
// is (as in Load's diagnostics); message templates are left out, their
// expressions being inside {{ }}.
func lintTexts(fr *fileRule) []namedText {
	out := []namedText{{fr.Each, "each"}, {fr.When, "when"}, {fr.Subject, "subject"}}
	for _, e := range fr.Let {
		out = append(out, namedText{e.Value, "let " + e.Key.Value})
	}
	out = append(out, namedText{fr.Needs, "needs"}, namedText{fr.Assert, "assert"})
	for _, e := range fr.Evidence {
		out = append(out, namedText{e.Value, "evidence " + e.Key.Value})
	}
	return out
}

// lintComment warns about the YAML comment trap: in an unquoted (plain)
// scalar, " #" starts a comment, so that `assert: all(xs, # > 1)` holds
// only "all(xs,". It compares the parsed value with the line as written:
// when a comment follows the value and the value does not parse on its
// own, or the value with the comment does, the comment was meant as part
// of the expression.
func (l *loader) lintComment(t source.Text, what string) {
	if t.Style != source.StylePlain || t.Pos.Line == 0 || strings.TrimSpace(t.Value) == "" || t.Pos.Byte < 0 || t.Pos.Byte >= len(l.data) {
		return
	}
	// Most values have no "#" near them: find out cheaply before
	// locating the value's end (source.Locate reads the file from its
	// start). A plain value folds each line break and indentation to one
	// space, so its text in the file is at most that much longer.
	near := l.data[t.Pos.Byte:min(len(l.data), t.Pos.Byte+len(t.Value)+maxIndent*(strings.Count(t.Value, " ")+1))]
	if i := bytes.IndexByte(l.data[t.Pos.Byte+len(near):], '\n'); i >= 0 {
		near = l.data[t.Pos.Byte : t.Pos.Byte+len(near)+i]
	} else {
		near = l.data[t.Pos.Byte:]
	}
	if bytes.IndexByte(near, '#') < 0 {
		return
	}
	end := source.Locate(l.data, t, utf8.RuneCountInString(t.Value))
	if end.Byte < 0 || end.Byte > len(l.data) {
		return
	}
	rest := l.data[end.Byte:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	trimmed := bytes.TrimLeft(rest, " \t")
	if len(trimmed) == len(rest) || !bytes.HasPrefix(trimmed, []byte("#")) {
		return
	}
	value := strings.TrimSpace(t.Value)
	whole := value + " " + strings.TrimSpace(string(trimmed))
	_, errValue := parser.Parse(value)
	_, errWhole := parser.Parse(whole)
	if errValue == nil && errWhole != nil {
		return // a comment after a complete expression
	}
	at := l.at(diag.Pos{Line: end.Line, Column: end.Column + len(rest) - len(trimmed), Byte: end.Byte + len(rest) - len(trimmed)})
	l.warnf(at, "In a YAML value without quotes, \" #\" starts a comment. Quote the expression: "+what+": \""+strings.ReplaceAll(whole, `"`, `\"`)+"\" (or write it as a block with |).",
		"%s: the expression ends at a YAML comment; only %q is read: quote the expression", what, value)
}

// maxIndent bounds the indentation lintComment allows for each line of a
// plain value when it looks for a "#" near it.
const maxIndent = 256

// lintConstant warns about a condition that reads no data, and about an
// operand of its top-level and/or that reads none.
func (l *loader) lintConstant(t source.Text, what string) {
	text := strings.TrimSpace(t.Value)
	if text == "" {
		return
	}
	tree, err := parser.Parse(text)
	if err != nil {
		return // Load reports it
	}
	lead := utf8.RuneCountInString(t.Value) - utf8.RuneCountInString(strings.TrimLeft(t.Value, " \t\n"))
	if constantNode(tree.Node) {
		l.warnf(l.of(t), "A condition that reads neither the centre, nor the item, nor params has the same value for every centre. Write the condition on the data, or remove it.",
			"%s: the condition %q reads no data: it is always %s", what, shortText(text), constantValue(text))
		return
	}
	var operands []ast.Node
	var split func(n ast.Node)
	split = func(n ast.Node) {
		if b, ok := n.(*ast.BinaryNode); ok && isAndOr(b.Operator) {
			split(b.Left)
			split(b.Right)
			return
		}
		operands = append(operands, n)
	}
	split(tree.Node)
	if len(operands) < 2 {
		return
	}
	for _, n := range operands {
		if !constantNode(n) {
			continue
		}
		pos := source.Locate(l.data, t, n.Location().From+lead)
		l.warnf(l.at(pos), "A part of an and/or that reads no data decides the same way for every centre. Write it on the data, or remove it.",
			"%s: the part %q of the condition reads no data: it is always %s", what, shortText(n.String()), constantValue(n.String()))
	}
}

// shortText shortens an expression quoted in a message to at most 40
// characters; the snippet under the message shows all of it.
func shortText(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

func isAndOr(op string) bool {
	return op == "&&" || op == "and" || op == "||" || op == "or"
}

// constantNode reports whether an expression is built of literals and
// the operators of logic, comparison and arithmetic only, so that it
// reads no data.
func constantNode(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.StringNode, *ast.NilNode:
		return true
	case *ast.UnaryNode:
		return constantOperators[n.Operator] && constantNode(n.Node)
	case *ast.BinaryNode:
		return constantOperators[n.Operator] && constantNode(n.Left) && constantNode(n.Right)
	}
	return false
}

// constantOperators are the operators whose value on literals is cheap to
// compute: no ranges, no powers, no text repeated.
var constantOperators = map[string]bool{
	"!": true, "not": true, "-": true, "+": true, "*": true, "/": true, "%": true,
	"==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"&&": true, "and": true, "||": true, "or": true,
}

// constantValue computes a constant condition (see constantNode) and
// says its value in the author's words.
func constantValue(text string) string {
	v, err := expr.Eval(text, nil)
	if err != nil {
		return "an error (" + cleanError(err) + ")"
	}
	switch v {
	case true:
		return "true"
	case false:
		return "false"
	}
	return "the same value, " + Format(v) + ", and not true or false"
}

// lintUnusedParams warns about params that no rule of the file uses. A
// param that cites only requirements checked by hand (manual:) is
// information for the reviewer or a report, not for a rule, and needs
// none.
func (l *loader) lintUnusedParams(p *RuleSet) {
	used := map[string]bool{}
	for _, r := range p.Rules {
		for _, n := range r.params { // what the checked expressions read
			used[n] = true
		}
	}
	byHand := map[string]bool{}
	for _, m := range p.Manual {
		byHand[m.Requirement] = true
	}
	names := make([]string, 0, len(p.Params))
	for _, prm := range p.Params {
		forReviewer := len(prm.Requirements) > 0 && !slices.ContainsFunc(prm.Requirements, func(id string) bool { return !byHand[id] })
		if !used[prm.Name] && !forReviewer {
			names = append(names, prm.Name)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		l.warnf(l.atPath("params."+n), "Use it in a rule as params."+n+", or remove it with its history.",
			"param %q is declared but no rule uses it", n)
	}
}

// lintUnusedLets warns about lets that no expression of their rule reads.
func (l *loader) lintUnusedLets(fr *fileRule, r *Rule) {
	if len(r.Let) == 0 {
		return
	}
	read := map[int]bool{}
	lets := letIndex(r)
	// when is compiled before the lets and reads none of them.
	r.eachVerdictExpr(func(e *expression, _ string) {
		if e != nil {
			for _, i := range letsRead(e.program, lets) {
				read[i] = true
			}
		}
	})
	for i, name := range r.Let {
		if read[i] {
			continue
		}
		at := &r.Pos
		for _, e := range fr.Let {
			if e.Key.Value == name {
				at = l.of(e.Key)
			}
		}
		l.warnf(at, "Use it in needs:, assert:, the message or evidence, or remove it.",
			"rule %s: let %s is computed but never read", r.ID, name)
	}
}

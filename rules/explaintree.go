package rules

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/kiez-go/kiez/internal/words"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"
)

// Explain's tree: the value of every sub-expression that decided a
// verdict, in the style of `opa eval --explain`. Each node of the rule's
// lets and assertion that reads data is compiled on its own (with the
// let-bindings around it as a prefix) and evaluated for the explained
// subject alongside the verdict; the values are then put back into the
// shape of the expression.

// Step is one node of an explanation's tree: a sub-expression with its
// value and the sub-expressions its value came from.
type Step struct {
	// Kind says what the node is: "let" (a let of the rule or of the
	// expression, Expr its name), "and", "or", "not", "compare" (==, <,
	// in …), "arith" (+, -, *, /, %), "call" (a function), "quantifier"
	// (any, all, none, one, filter, count … over a list), "elements" (the
	// elements of that list that decided it), "if", "value" (a field, a
	// variable, anything else).
	Kind string `json:"kind"`
	// Expr is the sub-expression, as expr prints it.
	Expr string `json:"expr"`
	// Text is the value formatted for people (see Format): "ja"/"nein"
	// for a condition, a list of records by what identifies them, "Fehler:
	// …" when the sub-expression fails on its own, "nicht ausgewertet"
	// for an operand of and/or after the one that decided it.
	Text string `json:"text"`
	// Value is the value itself when it is a plain value (true/false, a
	// number, a text, a date, a list of texts), else nil: records and
	// lists of records are only described in Text.
	Value any `json:"value,omitempty"`
	// Note says what an "elements" node lists, e.g. "Elemente, für die
	// .kind == "elterncafe" gilt".
	Note string `json:"note,omitempty"`
	// Count is the number of elements of a list value.
	Count *int `json:"count,omitempty"`
	// Steps are the sub-expressions that decided this one.
	Steps []Step `json:"steps,omitempty"`
}

// maxSteps bounds an explanation's tree; the nodes after it are left out.
const maxSteps = 400

// maxListed is how many elements of a list Step.Text names.
const maxListed = 8

// treeNode is a node of the tree before evaluation: its compiled
// expression (nil for a node shown without a value) and its children.
type treeNode struct {
	kind, expr string
	part       int       // the index of its compiled expression, or -1
	note       [2]string // German and English
	kids       []*treeNode
	// decide tells for and/or which operand value ends the evaluation.
	decide *bool
}

// treeBuilder compiles the nodes of a rule's explanation tree.
type treeBuilder struct {
	l     *loader
	env   map[string]any
	lets  map[string]int
	parts []*expression
	rule  *Rule
	// inline counts the let-bindings of the expression in scope by name.
	inline map[string]int
}

// explainTree compiles the tree of a rule: its lets, then its assertion.
// The compiled expressions are to be evaluated as the explained parts of
// a verdict; build turns their values into Steps.
func (p *RuleSet) explainTree(rule *Rule, opts loadConfig) ([]*treeNode, []*expression) {
	b := &treeBuilder{l: &loader{name: p.File, opts: opts}, env: ruleEnv(p, rule), lets: letIndex(rule), rule: rule, inline: map[string]int{}}
	var roots []*treeNode
	for i, name := range rule.Let {
		n := b.leaf("let", name, name, "")
		if n == nil {
			continue
		}
		if tree, err := parser.Parse(rule.LetExprs[i]); err == nil {
			if kid := b.node(tree.Node, ""); kid != nil && kid.expr != name {
				n.kids = append(n.kids, kid)
			}
		}
		roots = append(roots, n)
	}
	if tree, err := parser.Parse(rule.Assert); err == nil {
		if n := b.node(tree.Node, ""); n != nil {
			roots = append(roots, n)
		}
	}
	return roots, b.parts
}

// leaf compiles one sub-expression; nil when it does not compile on its
// own (it reads # or a variable of a closure) or the tree is full.
func (b *treeBuilder) leaf(kind, shown, text, prefix string) *treeNode {
	if len(b.parts) >= maxSteps {
		return nil
	}
	prog, err := b.l.compileExpr(prefix+text, b.env)
	if err != nil {
		return nil
	}
	b.parts = append(b.parts, &expression{text: shown, program: prog, at: b.rule.assertAt, slot: -1, konst: -1,
		lets: letsRead(prog, b.lets)})
	return &treeNode{kind: kind, expr: shown, part: len(b.parts) - 1}
}

// node builds the tree of an expression node; prefix holds the
// let-bindings of the expression around it.
func (b *treeBuilder) node(n ast.Node, prefix string) *treeNode {
	switch x := n.(type) {
	case *ast.BoolNode, *ast.IntegerNode, *ast.FloatNode, *ast.StringNode, *ast.NilNode, *ast.ConstantNode:
		return nil // a literal shows its value itself
	case *ast.VariableDeclaratorNode:
		let := b.leaf("let", x.Name, x.Value.String(), prefix)
		if let != nil {
			if kid := b.node(x.Value, prefix); kid != nil {
				let.kids = append(let.kids, kid)
			}
		}
		b.inline[x.Name]++
		body := b.node(x.Expr, prefix+fmt.Sprintf("let %s = %s; ", x.Name, x.Value.String()))
		b.inline[x.Name]--
		if let == nil {
			return body
		}
		if body == nil {
			return let
		}
		return &treeNode{kind: "let", expr: "let " + x.Name, part: -1, kids: []*treeNode{let, body}}
	}
	kind := "value"
	var kids []ast.Node
	var decide *bool
	switch x := n.(type) {
	case *ast.BinaryNode:
		switch {
		case isAndOr(x.Operator):
			kind = "and"
			stop := false // and: the first false operand decides
			if x.Operator == "||" || x.Operator == "or" {
				kind, stop = "or", true
			}
			decide = &stop
			kids = operandsOf(x, x.Operator)
		case comparisons[x.Operator]:
			kind = "compare"
			kids = []ast.Node{x.Left, x.Right}
		default:
			kind = "arith"
			kids = []ast.Node{x.Left, x.Right}
		}
	case *ast.UnaryNode:
		kind = "not"
		if x.Operator == "-" || x.Operator == "+" {
			kind = "arith"
		}
		kids = []ast.Node{x.Node}
	case *ast.CallNode:
		kind = "call"
		kids = x.Arguments
	case *ast.BuiltinNode:
		return b.builtin(x, prefix)
	case *ast.ConditionalNode:
		kind = "if"
		kids = []ast.Node{x.Cond, x.Exp1, x.Exp2}
	case *ast.MemberNode:
		if _, ok := x.Node.(*ast.IdentifierNode); !ok {
			kids = []ast.Node{x.Node}
		}
	case *ast.ChainNode:
		return b.node(x.Node, prefix)
	case *ast.IdentifierNode:
		// The subject's variables (centre, item, period, params …) are
		// the explanation's heading; only lets are shown by name.
		if _, let := b.lets[x.Value]; !let && b.inline[x.Value] == 0 {
			return nil
		}
	}
	text := n.String()
	t := b.leaf(kind, text, text, prefix)
	if t == nil {
		return nil
	}
	t.decide = decide
	for _, k := range kids {
		if kid := b.node(k, prefix); kid != nil && kid.expr != text {
			t.kids = append(t.kids, kid)
		}
	}
	return t
}

// comparisons are the operators that compare.
var comparisons = map[string]bool{"==": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"in": true, "not in": true, "matches": true, "contains": true, "startsWith": true, "endsWith": true}

// operandsOf flattens a chain of the same and/or operator.
func operandsOf(n *ast.BinaryNode, op string) []ast.Node {
	var out []ast.Node
	for _, side := range []ast.Node{n.Left, n.Right} {
		if b, ok := side.(*ast.BinaryNode); ok && b.Operator == op {
			out = append(out, operandsOf(b, op)...)
		} else {
			out = append(out, side)
		}
	}
	return out
}

// quantifiers maps the builtins over a list with a predicate to the
// elements that decide them: those for which the predicate holds (true)
// or fails (false).
var quantifiers = map[string]bool{"any": true, "one": true, "none": true, "all": false, "filter": true,
	"count": true, "find": true, "findIndex": true, "findLast": true, "findLastIndex": true}

// builtin builds the tree of a builtin function: for a quantifier the
// list it runs over and the elements that decided it; otherwise its
// arguments.
func (b *treeBuilder) builtin(x *ast.BuiltinNode, prefix string) *treeNode {
	text := x.String()
	holds, quant := quantifiers[x.Name]
	pred, ok := predicateOf(x)
	if !quant || !ok {
		t := b.leaf("call", text, text, prefix)
		if t == nil {
			return nil
		}
		for _, a := range x.Arguments {
			if kid := b.node(a, prefix); kid != nil {
				t.kids = append(t.kids, kid)
			}
		}
		return t
	}
	t := b.leaf("quantifier", text, text, prefix)
	if t == nil {
		return nil
	}
	if list := b.node(x.Arguments[0], prefix); list != nil {
		t.kids = append(t.kids, list)
	}
	cond := pred.String()
	note := [2]string{"Elemente, für die " + cond + " gilt", "elements for which " + cond + " holds"}
	if !holds {
		cond = "!(" + cond + ")"
		note = [2]string{"Elemente, für die " + pred.String() + " nicht gilt", "elements for which " + pred.String() + " does not hold"}
	}
	elems := fmt.Sprintf("filter(%s, %s)", x.Arguments[0].String(), cond)
	if e := b.leaf("elements", elems, elems, prefix); e != nil {
		e.note = note
		t.kids = append(t.kids, e)
	}
	return t
}

// predicateOf returns the predicate of a builtin over a list.
func predicateOf(x *ast.BuiltinNode) (*ast.PredicateNode, bool) {
	if len(x.Arguments) < 2 {
		return nil, false
	}
	p, ok := x.Arguments[1].(*ast.PredicateNode)
	return p, ok
}

// steps turns the evaluated tree into Steps, given the values of its
// compiled expressions in order (Evidence from the verdict), with the
// texts in lang, the language of the run that made them.
func steps(nodes []*treeNode, values []Evidence, lang words.Language) []Step {
	var out []Step
	for _, n := range nodes {
		out = append(out, step(n, values, lang))
	}
	return out
}

func step(n *treeNode, values []Evidence, lang words.Language) Step {
	s := Step{Kind: n.kind, Expr: n.expr}
	if n.part >= 0 && n.part < len(values) {
		v := values[n.part]
		s.Text, s.Value, s.Count = stepValue(v, lang)
	}
	s.Note = pickIn(lang, n.note[0], n.note[1])
	decided := false
	for _, k := range n.kids {
		if decided {
			s.Steps = append(s.Steps, Step{Kind: k.kind, Expr: k.expr, Text: pickIn(lang, "nicht ausgewertet", "not evaluated")})
			continue
		}
		ks := step(k, values, lang)
		s.Steps = append(s.Steps, ks)
		if n.decide != nil {
			if b, ok := ks.Value.(bool); ok && b == *n.decide {
				decided = true
			}
		}
	}
	return s
}

// stepValue formats a value of the tree: plain values as they are,
// lists by their number and their first elements.
func stepValue(e Evidence, lang words.Language) (string, any, *int) {
	// A part that failed has no value and the error as its text (a nil
	// value is written "–", a text value may start with anything).
	if e.Value == nil && strings.HasPrefix(e.Text, pickIn(lang, "Fehler: ", "Error: ")) {
		return e.Text, nil, nil
	}
	f := words.Formatter{Lang: lang, Facts: facts}
	v := e.Value
	switch p := v.(type) {
	case Period:
		return f.Format(p), nil, nil
	case *Period:
		if p != nil {
			return f.Format(*p), nil, nil
		}
	}
	switch v.(type) {
	case nil, bool, int, int64, float64, string, decimal.Decimal, date.Date, period.Period, []string:
		return f.Format(v), v, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return f.Format(v), nil, nil
	}
	n := rv.Len()
	if n == 0 {
		return pickIn(lang, "keine", "none"), nil, &n
	}
	var names []string
	for i := range min(n, maxListed) {
		names = append(names, f.Format(rv.Index(i).Interface()))
	}
	text := strings.Join(names, "; ")
	if n > maxListed {
		text += fmt.Sprintf(pickIn(lang, "; … (%d insgesamt)", "; … (%d in all)"), n)
	}
	var plain any
	if rv.Type().Elem().Kind() != reflect.Struct && rv.Type().Elem().Kind() != reflect.Pointer && rv.Type().Elem().Kind() != reflect.Interface {
		plain = v
	}
	return text, plain, &n
}

package rules

// The vocabulary check of Lint: a comparison of a vocabulary field (a
// role, an offer kind …) with a text that is not a term of it.

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/expr-lang/expr/ast"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// lintVocabulary warns about comparisons of a vocabulary field with a
// text that is not a term of the vocabulary.
func (l *loader) lintVocabulary(fr *fileRule, r *Rule) {
	exprs := []*expression{r.each, r.when, r.subject}
	exprs = append(exprs, r.lets...)
	exprs = append(exprs, r.needs, r.assert)
	exprs = append(exprs, r.evidence...)
	texts := lintTexts(fr)
	// lintTexts lists the same expressions in the same order, the
	// evidence last; a let that did not compile is missing from r.lets.
	byText := map[string]source.Text{}
	for _, t := range texts {
		byText[strings.TrimSpace(t.text.Value)] = t.text
	}
	for _, e := range exprs {
		if e == nil {
			continue
		}
		t, ok := byText[e.text]
		if !ok {
			continue
		}
		lead := utf8.RuneCountInString(t.Value) - utf8.RuneCountInString(strings.TrimLeft(t.Value, " \t\n"))
		walkClosures(e.program.Node(), nil, func(n ast.Node, elem reflect.Type) {
			for _, c := range vocabComparisons(n, elem) {
				l.vocabWarning(t, lead, c)
			}
		})
	}
}

// vocabComparison is a text compared with a field of a vocabulary.
type vocabComparison struct {
	field string // the field as written, e.g. item.role
	vocab kiez.Vocabulary
	term  string
	at    int // the text's offset in the expression, in runes
	op    string
}

// walkClosures visits every node of a compiled expression with the type
// of the element that # stands for inside the closures around it (nil
// outside any): the checker leaves # untyped in the closures of the
// functions that read lists of records, so that the field a predicate
// reads (.role) is found from the list the closure runs over.
func walkClosures(n ast.Node, elem reflect.Type, visit func(ast.Node, reflect.Type)) {
	if n == nil {
		return
	}
	visit(n, elem)
	var kids []ast.Node
	switch n := n.(type) {
	case *ast.BuiltinNode:
		if len(n.Arguments) >= 2 {
			if p, ok := n.Arguments[1].(*ast.PredicateNode); ok {
				walkClosures(n.Arguments[0], elem, visit)
				walkClosures(p, elementType(n.Arguments[0].Type()), visit)
				for _, a := range n.Arguments[2:] {
					walkClosures(a, elem, visit)
				}
				return
			}
		}
		kids = n.Arguments
	case *ast.UnaryNode:
		kids = []ast.Node{n.Node}
	case *ast.BinaryNode:
		kids = []ast.Node{n.Left, n.Right}
	case *ast.ChainNode:
		kids = []ast.Node{n.Node}
	case *ast.MemberNode:
		kids = []ast.Node{n.Node, n.Property}
	case *ast.SliceNode:
		kids = []ast.Node{n.Node, n.From, n.To}
	case *ast.CallNode:
		kids = append([]ast.Node{n.Callee}, n.Arguments...)
	case *ast.PredicateNode:
		kids = []ast.Node{n.Node}
	case *ast.ConditionalNode:
		kids = []ast.Node{n.Cond, n.Exp1, n.Exp2}
	case *ast.VariableDeclaratorNode:
		kids = []ast.Node{n.Value, n.Expr}
	case *ast.SequenceNode:
		kids = n.Nodes
	case *ast.ArrayNode:
		kids = n.Nodes
	case *ast.MapNode:
		kids = append(kids, n.Pairs...)
	case *ast.PairNode:
		kids = []ast.Node{n.Key, n.Value}
	}
	for _, k := range kids {
		walkClosures(k, elem, visit)
	}
}

// elementType is the type of the elements of a list type, without
// pointers, or nil.
func elementType(t reflect.Type) reflect.Type {
	if t == nil || (t.Kind() != reflect.Slice && t.Kind() != reflect.Array) {
		return nil
	}
	t = t.Elem()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// vocabComparisons finds the comparisons of a vocabulary field with texts
// in one node: field == "x", field != "x", field in ["x", "y"], and
// "x" in listField (which the compiled expression calls as $in); elem
// is the type # stands for (see walkClosures).
func vocabComparisons(n ast.Node, elem reflect.Type) []vocabComparison {
	var op string
	var left, right ast.Node
	switch n := n.(type) {
	case *ast.BinaryNode:
		op, left, right = n.Operator, n.Left, n.Right
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		if !ok || id.Value != "$in" || len(n.Arguments) != 2 {
			return nil
		}
		op, left, right = "in", n.Arguments[0], n.Arguments[1]
	default:
		return nil
	}
	switch op {
	case "==", "!=", "in", "not in":
	default:
		return nil
	}
	var out []vocabComparison
	add := func(field ast.Node, lit ast.Node) {
		v, ok := vocabularyOf(field, elem)
		if !ok {
			return
		}
		for _, s := range literalTexts(lit) {
			// A comparison with "" asks whether an optional field is set.
			if s.value != "" && !v.Has(s.value) {
				out = append(out, vocabComparison{field: field.String(), vocab: v, term: s.value, at: s.at, op: op})
			}
		}
	}
	add(left, right)
	add(right, left)
	return out
}

type literalText struct {
	value string
	at    int
}

// literalTexts returns the texts of a string literal or of a list of
// them (also as the optimiser leaves it, a constant set).
func literalTexts(n ast.Node) []literalText {
	switch n := n.(type) {
	case *ast.StringNode:
		return []literalText{{n.Value, n.Location().From}}
	case *ast.ArrayNode:
		var out []literalText
		for _, x := range n.Nodes {
			if s, ok := x.(*ast.StringNode); ok {
				out = append(out, literalText{s.Value, s.Location().From})
			}
		}
		return out
	case *ast.ConstantNode:
		switch v := n.Value.(type) {
		case string:
			return []literalText{{v, n.Location().From}}
		case map[string]struct{}:
			// The optimiser's set of a literal list keeps no positions;
			// vocabWarning finds each text in the expression.
			out := make([]literalText, 0, len(v))
			for s := range v {
				out = append(out, literalText{s, -1})
			}
			sort.Slice(out, func(i, j int) bool { return out[i].value < out[j].value })
			return out
		case []string:
			out := make([]literalText, 0, len(v))
			for _, s := range v {
				out = append(out, literalText{s, -1})
			}
			return out
		}
	}
	return nil
}

// vocabularyOf returns the vocabulary of a field of the model read by a
// member node (item.role, .kind in a predicate), from its `vocab:` tag.
func vocabularyOf(n ast.Node, elem reflect.Type) (kiez.Vocabulary, bool) {
	m, ok := n.(*ast.MemberNode)
	if !ok || m.Node == nil {
		return kiez.Vocabulary{}, false
	}
	prop, ok := m.Property.(*ast.StringNode)
	if !ok {
		return kiez.Vocabulary{}, false
	}
	t := m.Node.Type()
	if _, ptr := m.Node.(*ast.PointerNode); ptr && (t == nil || t.Kind() == reflect.Interface) {
		t = elem
	}
	if t == nil {
		return kiez.Vocabulary{}, false
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return kiez.Vocabulary{}, false
	}
	for _, f := range reflect.VisibleFields(t) {
		if f.Tag.Get("expr") != prop.Value {
			continue
		}
		name := f.Tag.Get("vocab")
		if name == "" {
			return kiez.Vocabulary{}, false
		}
		return kiez.LookupVocabulary(name)
	}
	return kiez.Vocabulary{}, false
}

// vocabWarning reports one comparison with a text outside its vocabulary.
func (l *loader) vocabWarning(t source.Text, lead int, c vocabComparison) {
	at := c.at
	if at < 0 {
		// Find the quoted text in the expression; expr's own position
		// is lost.
		at = 0
		text := strings.TrimSpace(t.Value)
		for _, q := range []string{`"` + c.term + `"`, `'` + c.term + `'`} {
			if i := strings.Index(text, q); i >= 0 {
				at = utf8.RuneCountInString(text[:i])
				break
			}
		}
	}
	pos := source.Locate(l.data, t, at+lead)
	msg := fmt.Sprintf("%q is not a term of the vocabulary %s (%s)", c.term, c.vocab.Name, c.field)
	if c.vocab.Closed {
		never := "never true"
		if c.op == "!=" || c.op == "not in" {
			never = "always true"
		}
		msg = fmt.Sprintf("%q is not a term of the closed vocabulary %s: the comparison with %s is %s", c.term, c.vocab.Name, c.field, never)
	}
	if s := source.Suggest(c.term, c.vocab.IDs()); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	detail := "The terms of " + c.vocab.Name + ": " + strings.Join(c.vocab.IDs(), ", ") + " (docs/glossary.md)."
	if !c.vocab.Closed {
		detail = "Data may hold other terms of this open vocabulary only with a warning; check the spelling. " + detail
	}
	l.warnf(l.at(pos), detail, "%s", msg)
}

package rules

import (
	"fmt"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
)

// Explain's view of an assertion: split at its top-level and/or (or the
// two sides of one comparison) and each part compiled, so that the value of
// each can be shown.

// assertParts splits a rule's assertion at its top-level "and" and "or"
// and compiles each operand, so that Explain can show the value of each.
// It runs only when a verdict is explained.
func (p *RuleSet) assertParts(rule *Rule, opts loadConfig) []*expression {
	l := &loader{name: p.File, opts: opts}
	env := rule.envTypes
	if env == nil {
		env = envTypes(rule.Scope, p.paramType, rule.itemType)
	}
	text := rule.Assert
	tree, err := parser.Parse(text)
	if err != nil {
		return nil
	}
	// Keep leading let-bindings as a prefix of every part, so that the
	// parts can use the variables.
	root := tree.Node
	prefix := ""
	for {
		v, ok := root.(*ast.VariableDeclaratorNode)
		if !ok {
			break
		}
		prefix += fmt.Sprintf("let %s = %s; ", v.Name, v.Value.String())
		root = v.Expr
	}
	var operands []ast.Node
	var split func(n ast.Node)
	split = func(n ast.Node) {
		if b, ok := n.(*ast.BinaryNode); ok && (b.Operator == "&&" || b.Operator == "and" || b.Operator == "||" || b.Operator == "or") {
			split(b.Left)
			split(b.Right)
			return
		}
		operands = append(operands, n)
	}
	split(root)
	if len(operands) < 2 {
		operands = operands[:0]
		// A single comparison: show both sides.
		if b, ok := root.(*ast.BinaryNode); ok {
			operands = append(operands, b.Left, b.Right)
		}
	}
	var parts []*expression
	for _, n := range operands {
		sub := n.String()
		prog, err := l.compileExpr(prefix+sub, env)
		if err != nil {
			continue
		}
		parts = append(parts, &expression{text: sub, program: prog, at: rule.assertAt, slot: -1, konst: -1,
			lets: letsRead(prog, letIndex(rule))})
	}
	return parts
}

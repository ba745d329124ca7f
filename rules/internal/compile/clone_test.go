package compile

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/file"
	"github.com/google/go-cmp/cmp"
)

// cloneRecord is a record of the environment of TestCloneNode.
type cloneRecord struct {
	A int
	S string
}

// cloneTrees are checked and optimised trees that hold, together, a
// node of every type of expr's tree (TestCloneNode checks that they do).
func cloneTrees(t *testing.T) []ast.Node {
	t.Helper()
	env := map[string]any{
		"xs": []cloneRecord{}, "ns": []int{}, "p": &cloneRecord{}, "r": cloneRecord{},
		"b": false, "n": 0, "s": "", "f": func(x int) int { return x },
	}
	texts := []string{
		`let y = r.A; y > 1 ? "a" : s[1:2]`,
		`1; 2.5`,
		`!b && -n < 3 && p?.S == "x" && p != nil && b"bytes" != nil`,
		`{"k": r.A, "l": map(ns, # + 1)}`,
		`map(filter(xs, .A > 0), .S)`,
		`count(xs, .A > 0) > 2`,
		`if b { [n, 1] } else { [2, n] }`,
		`len(xs) + r.A in [1, 2, 3] ? 1 : 0`,
		`f(n) > 0 || b == true`,
	}
	var out []ast.Node
	for _, text := range texts {
		prog, err := expr.Compile(text, expr.Env(env))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		out = append(out, prog.Node())
	}
	// A constant the optimiser did not make: a value of the caller's.
	c := &ast.ConstantNode{Value: []int{1}}
	c.SetType(reflect.TypeFor[[]int]())
	c.SetLocation(file.Location{From: 1, To: 2})
	return append(out, c)
}

// childrenOf returns the nodes a node holds in its exported fields,
// found by reflection so that no child is left out (a builtin's Map).
func childrenOf(n ast.Node) []ast.Node {
	var out []ast.Node
	v := reflect.ValueOf(n).Elem()
	nodeType := reflect.TypeFor[ast.Node]()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if !v.Type().Field(i).IsExported() {
			continue
		}
		switch {
		case f.Type() == nodeType && !f.IsNil():
			out = append(out, f.Interface().(ast.Node))
		case f.Type() == reflect.SliceOf(nodeType):
			for j := 0; j < f.Len(); j++ {
				out = append(out, f.Index(j).Interface().(ast.Node))
			}
		}
	}
	return out
}

// allNodes returns the nodes of a tree, parents first.
func allNodes(n ast.Node) []ast.Node {
	out := []ast.Node{n}
	for _, c := range childrenOf(n) {
		out = append(out, allNodes(c)...)
	}
	return out
}

// describeTree describes every node of a tree: its exported fields
// (ast.Dump), its type, nature and location.
func describeTree(root ast.Node) []string {
	out := []string{ast.Dump(root)}
	for _, n := range allNodes(root) {
		nt := n.Nature()
		out = append(out, fmt.Sprintf("%T %s: type %v kind %v nil %v method %v at %v", n, n, n.Type(), nt.Kind, nt.Nil, nt.Method, n.Location()))
	}
	return out
}

// TestCloneNode copies trees that hold a node of every type: the copy
// describes as the original, shares no node with it, and changing every
// node of the copy leaves the original as it was.
func TestCloneNode(t *testing.T) {
	seen := map[string]bool{}
	for _, tree := range cloneTrees(t) {
		want := describeTree(tree)
		var cache nature.Cache
		c := cloneNode(&cache, tree)
		if diff := cmp.Diff(want, describeTree(c)); diff != "" {
			t.Errorf("%s: the copy differs (-original +copy):\n%s", tree, diff)
		}
		originals := map[ast.Node]bool{}
		for _, n := range allNodes(tree) {
			originals[n] = true
			seen[strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")] = true
		}
		for _, n := range allNodes(c) {
			if originals[n] {
				t.Errorf("%s: the copy shares the node %T %s", tree, n, n)
			}
			n.SetLocation(file.Location{From: 99, To: 100})
			n.SetType(reflect.TypeFor[float32]())
			switch n := n.(type) {
			case *ast.IdentifierNode:
				n.Value = "changed"
			case *ast.BytesNode:
				n.Value[0] = 'X'
			case *ast.BuiltinNode:
				if n.Threshold != nil {
					*n.Threshold = -1
				}
				if len(n.Arguments) > 0 {
					n.Arguments[0] = &ast.NilNode{}
				}
			case *ast.CallNode:
				n.Arguments = append(n.Arguments[:0], &ast.NilNode{})
			case *ast.ArrayNode:
				if len(n.Nodes) > 0 {
					n.Nodes[0] = &ast.NilNode{}
				}
			}
		}
		if diff := cmp.Diff(want, describeTree(tree)); diff != "" {
			t.Errorf("%s: changing the copy changed the original (-before +after):\n%s", tree, diff)
		}
	}
	all := []string{"NilNode", "IdentifierNode", "IntegerNode", "FloatNode", "BoolNode", "StringNode", "BytesNode",
		"ConstantNode", "UnaryNode", "BinaryNode", "ChainNode", "MemberNode", "SliceNode", "CallNode", "BuiltinNode",
		"PredicateNode", "PointerNode", "ConditionalNode", "VariableDeclaratorNode", "SequenceNode", "ArrayNode",
		"MapNode", "PairNode"}
	for _, name := range all {
		if !seen[name] {
			t.Errorf("no %s in the trees copied", name)
		}
	}
}

// unknownNode is a node of a type cloneNode does not know.
type unknownNode struct{ ast.NilNode }

// TestCloneNodeUnknown shows that a node of a type cloneNode does not
// know panics (Program.Machine gives it as the build's error).
func TestCloneNodeUnknown(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "unknownNode") {
			t.Errorf("recovered %v, want a panic naming the node's type", r)
		}
	}()
	var cache nature.Cache
	cloneNode(&cache, &ast.UnaryNode{Operator: "!", Node: &unknownNode{}})
}

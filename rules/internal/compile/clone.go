package compile

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker/nature"
)

// Deep copies of checked trees, for building expr's program of an
// expression (Program.Machine) while the closures and the analyses read
// the tree it was copied from: expr's compiler and typedCalls change the
// nodes they compile.

// cloneNode returns a deep copy of a checked tree: every node a new one
// with the same fields, location and type, its lists new lists. A node's
// nature keeps its type, kind and flags but not the data that expr's
// natures fill in lazily (methods and fields of a struct, found when
// first asked for, shared by every node of that type): the compiler that
// reads the copy asks its own cache of natures for them (cache, which the
// copy of a struct's nature takes its data from), so that builds of
// different programs never write to data the others read. A node of a
// type the function does not know (a newer expr) panics; the tests clone
// a node of every type.
func cloneNode(cache *nature.Cache, n ast.Node) ast.Node {
	var c ast.Node
	switch n := n.(type) {
	case nil:
		return nil
	case *ast.NilNode:
		c = copyOf(n)
	case *ast.IdentifierNode:
		c = copyOf(n)
	case *ast.IntegerNode:
		c = copyOf(n)
	case *ast.FloatNode:
		c = copyOf(n)
	case *ast.BoolNode:
		c = copyOf(n)
	case *ast.StringNode:
		c = copyOf(n)
	case *ast.BytesNode:
		x := copyOf(n)
		x.Value = slices.Clone(n.Value)
		c = x
	case *ast.ConstantNode:
		c = copyOf(n)
	case *ast.UnaryNode:
		x := copyOf(n)
		x.Node = cloneNode(cache, n.Node)
		c = x
	case *ast.BinaryNode:
		x := copyOf(n)
		x.Left, x.Right = cloneNode(cache, n.Left), cloneNode(cache, n.Right)
		c = x
	case *ast.ChainNode:
		x := copyOf(n)
		x.Node = cloneNode(cache, n.Node)
		c = x
	case *ast.MemberNode:
		x := copyOf(n)
		x.Node, x.Property = cloneNode(cache, n.Node), cloneNode(cache, n.Property)
		c = x
	case *ast.SliceNode:
		x := copyOf(n)
		x.Node, x.From, x.To = cloneNode(cache, n.Node), cloneNode(cache, n.From), cloneNode(cache, n.To)
		c = x
	case *ast.CallNode:
		x := copyOf(n)
		x.Callee, x.Arguments = cloneNode(cache, n.Callee), cloneList(cache, n.Arguments)
		c = x
	case *ast.BuiltinNode:
		x := copyOf(n)
		x.Arguments, x.Map = cloneList(cache, n.Arguments), cloneNode(cache, n.Map)
		if n.Threshold != nil {
			t := *n.Threshold
			x.Threshold = &t
		}
		c = x
	case *ast.PredicateNode:
		x := copyOf(n)
		x.Node = cloneNode(cache, n.Node)
		c = x
	case *ast.PointerNode:
		c = copyOf(n)
	case *ast.ConditionalNode:
		x := copyOf(n)
		x.Cond, x.Exp1, x.Exp2 = cloneNode(cache, n.Cond), cloneNode(cache, n.Exp1), cloneNode(cache, n.Exp2)
		c = x
	case *ast.VariableDeclaratorNode:
		x := copyOf(n)
		x.Value, x.Expr = cloneNode(cache, n.Value), cloneNode(cache, n.Expr)
		c = x
	case *ast.SequenceNode:
		x := copyOf(n)
		x.Nodes = cloneList(cache, n.Nodes)
		c = x
	case *ast.ArrayNode:
		x := copyOf(n)
		x.Nodes = cloneList(cache, n.Nodes)
		c = x
	case *ast.MapNode:
		x := copyOf(n)
		x.Pairs = cloneList(cache, n.Pairs)
		c = x
	case *ast.PairNode:
		x := copyOf(n)
		x.Key, x.Value = cloneNode(cache, n.Key), cloneNode(cache, n.Value)
		c = x
	default:
		panic(fmt.Sprintf("compile: cannot copy a node of type %T", n))
	}
	if nt := c.Nature(); nt.TypeData != nil {
		nt.TypeData = nil
		if nt.Kind == reflect.Struct {
			nt.TypeData = cache.FromType(nt.Type).TypeData
		}
	}
	return c
}

// copyOf returns a new node with the fields of n.
func copyOf[T any](n *T) *T {
	x := *n
	return &x
}

// cloneList returns deep copies of a list of nodes in a new list (nil for
// nil).
func cloneList(cache *nature.Cache, l []ast.Node) []ast.Node {
	if l == nil {
		return nil
	}
	out := make([]ast.Node, len(l))
	for i, n := range l {
		out[i] = cloneNode(cache, n)
	}
	return out
}

package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
)

// The rewriters of checked trees: the operators on decimals, dates and whole
// numbers become calls of their functions; lists of records are read as
// pointers; nested loops are guarded; uniq and in take faster forms. Also
// the walking helpers they share with the cost estimate (isLoop, children).

// operatorPatcher gives the operators their meaning on decimals, dates
// and whole numbers (Config.Operators): it replaces a binary operation
// whose operand types suit one of the operator's functions by a call of
// that function. It does what one expr.Operator option per operator does,
// in one walk of the tree: expr type-checks the whole tree again before
// each patcher's walk, so one patcher per operator (ten of them) cost ten
// checks per pass. It runs until a walk changes nothing, and belongs to one
// exprConfig (it records whether its last walk changed the tree).
type operatorPatcher struct {
	byOp    map[string][]*builtin.Function // the functions of each operator, in the table's order
	applied bool
}

func newOperatorPatcher(cfg *Config) *operatorPatcher {
	ops := map[string]bool{}
	for _, o := range cfg.Operators {
		ops[o.Fn] = true
	}
	fns := map[string]*builtin.Function{}
	for _, f := range cfg.Functions {
		if ops[f.Name] {
			fns[f.Name] = &builtin.Function{Name: f.Name, Types: funcTypes(f.Types)}
		}
	}
	p := &operatorPatcher{byOp: map[string][]*builtin.Function{}}
	for _, o := range cfg.Operators {
		if fn := fns[o.Fn]; fn != nil {
			p.byOp[o.Op] = append(p.byOp[o.Op], fn)
		}
	}
	return p
}

func (p *operatorPatcher) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok {
		return
	}
	l, r := b.Left.Type(), b.Right.Type()
	for _, fn := range p.byOp[b.Operator] {
		for _, t := range fn.Types {
			if operandSuits(t.In(0), l) && operandSuits(t.In(1), r) {
				call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: fn.Name}, Arguments: []ast.Node{b.Left, b.Right}}
				call.SetType(t.Out(0))
				ast.Patch(node, call)
				p.applied = true
				return
			}
		}
	}
}

// operandSuits is expr's rule for an operator function's parameter: the
// same type, or an interface the operand's type implements (or an operand
// of unknown type).
func operandSuits(param, operand reflect.Type) bool {
	return operand == param || (param.Kind() == reflect.Interface && (operand == nil || operand.Implements(param)))
}

// Reset and ShouldRepeat make expr walk the tree again after a walk that
// changed it.
func (p *operatorPatcher) Reset()             { p.applied = false }
func (p *operatorPatcher) ShouldRepeat() bool { return p.applied }

// refsPatcher rewrites every field access that gives a list of records
// (centre.sessions, item.participants …) into a call of RefsName, which
// gives the same records as pointers: expr's builtins then iterate without
// copying each record (see refsOf). It calls RefsName's function for the
// list's type where Functions have one (WithRefsPerList), RefsName
// itself where not. It records whether it guarded a loop (guardLoops), a
// change below the node it visits (see patchAndCheck).
type refsPatcher struct {
	lists   map[reflect.Type]string // the function to call on a list
	guarded bool
	// ctx names the functions that take the evaluation's state: the
	// calls the patcher puts in get CtxVar as first argument.
	ctx map[string]bool
}

func newRefsPatcher(fs []Function, ctx map[string]bool) *refsPatcher {
	p := &refsPatcher{lists: map[reflect.Type]string{}, ctx: ctx}
	perList := map[string]bool{}
	for _, f := range fs {
		perList[f.Name] = true
	}
	for _, f := range fs {
		if f.Name == RefsName {
			for i, t := range funcTypes(f.Types) {
				p.lists[t.In(0)] = RefsName
				if perList[RefsPerList(i)] {
					p.lists[t.In(0)] = RefsPerList(i)
				}
			}
		}
	}
	return p
}

func (p *refsPatcher) Visit(node *ast.Node) {
	switch n := (*node).(type) {
	case *ast.MemberNode:
		if t := n.Type(); t != nil && p.lists[t] != "" {
			ast.Patch(node, callOf(p.ctx, p.lists[t], n))
		}
	case *ast.BuiltinNode:
		p.guarded = guardLoops(n, p.ctx) || p.guarded
		uniqPatcher{ctx: p.ctx}.Visit(node)
	case *ast.BinaryNode:
		inPatcher{ctx: p.ctx}.Visit(node)
	}
}

// callOf is a call of the function name on args, with CtxVar before them
// when ctx names the function.
func callOf(ctx map[string]bool, name string, args ...ast.Node) *ast.CallNode {
	call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: name}, Arguments: args}
	giveCtx(call, ctx)
	return call
}

// giveCtx puts CtxVar before the arguments of a call of a function that
// ctx names: one that takes the evaluation's state.
func giveCtx(call *ast.CallNode, ctx map[string]bool) {
	if id, ok := call.Callee.(*ast.IdentifierNode); ok && ctx[id.Value] {
		call.Arguments = append([]ast.Node{&ast.IdentifierNode{Value: CtxVar}}, call.Arguments...)
	}
}

// insertCtx gives every call of a function that takes the evaluation's
// state (ctx) CtxVar as first argument, before the first check, as
// expr's WithContext patcher does after it (which makes the first check
// of every such expression fail for want of that argument, and a second
// one necessary). A call it misses fails the check for want of the
// argument, as every signature of such a function takes it.
func insertCtx(root ast.Node, ctx map[string]bool) {
	EachNode(root, func(n ast.Node) {
		if call, ok := n.(*ast.CallNode); ok {
			giveCtx(call, ctx)
		}
	})
}

// changedBelow reports whether the last walk changed the tree below a
// visited node, and forgets it.
func (p *refsPatcher) changedBelow() bool {
	g := p.guarded
	p.guarded = false
	return g
}

// guardLoops puts a call of AliveName before every loop (a builtin with a
// predicate: all, filter, map …) that runs in the predicate of the loop b,
// directly or through other expressions, but not inside a further loop's
// predicate: that one was guarded when its own loop was visited (the walk
// visits inner nodes first). A loop nested in another runs once per
// element of the outer one; checking the context there bounds the work
// between checks by the length of one list. It reports whether it guarded
// a loop. The call gets CtxVar where ctx names AliveName.
func guardLoops(b *ast.BuiltinNode, ctx map[string]bool) bool {
	guarded := false
	for i := range b.Arguments {
		if p, ok := b.Arguments[i].(*ast.PredicateNode); ok {
			guarded = guardIn(&p.Node, ctx) || guarded
		}
	}
	return guarded
}

func guardIn(node *ast.Node, ctx map[string]bool) bool {
	guarded := false
	switch n := (*node).(type) {
	case *ast.PredicateNode:
		return false // a further loop's predicate, guarded already
	case *ast.BuiltinNode:
		if isLoop(n) {
			*node = &ast.SequenceNode{Nodes: []ast.Node{callOf(ctx, AliveName), n}}
			(*node).SetLocation(n.Location())
			guarded = true
		}
		for i := range n.Arguments {
			guarded = guardIn(&n.Arguments[i], ctx) || guarded
		}
		return guarded
	}
	eachChild(*node, func(child *ast.Node) { guarded = guardIn(child, ctx) || guarded })
	return guarded
}

// isLoop reports whether a builtin runs a predicate over a list.
func isLoop(b *ast.BuiltinNode) bool {
	for _, a := range b.Arguments {
		if _, ok := a.(*ast.PredicateNode); ok {
			return true
		}
	}
	return false
}

// EachNode calls f with every node of a tree, children before their
// parents, in the order ast.Walk visits them, for the checks and analyses
// that read every node: ast.Walk (and ast.Find) allocate at each walk.
func EachNode(n ast.Node, f func(ast.Node)) {
	switch v := n.(type) {
	case nil:
		return
	case *ast.BuiltinNode:
		for _, a := range v.Arguments {
			EachNode(a, f)
		}
	case *ast.PredicateNode:
		EachNode(v.Node, f)
	default:
		eachChild(n, func(c *ast.Node) { EachNode(*c, f) })
	}
	f(n)
}

// eachChild calls f with a pointer to each child node of a node, in
// order, so that it can be replaced; it allocates nothing.
func eachChild(n ast.Node, f func(*ast.Node)) {
	switch n := n.(type) {
	case *ast.UnaryNode:
		f(&n.Node)
	case *ast.BinaryNode:
		f(&n.Left)
		f(&n.Right)
	case *ast.ChainNode:
		f(&n.Node)
	case *ast.MemberNode:
		f(&n.Node)
		f(&n.Property)
	case *ast.SliceNode:
		f(&n.Node)
		if n.From != nil {
			f(&n.From)
		}
		if n.To != nil {
			f(&n.To)
		}
	case *ast.CallNode:
		f(&n.Callee)
		eachOf(n.Arguments, f)
	case *ast.ConditionalNode:
		f(&n.Cond)
		f(&n.Exp1)
		f(&n.Exp2)
	case *ast.VariableDeclaratorNode:
		f(&n.Value)
		f(&n.Expr)
	case *ast.SequenceNode:
		eachOf(n.Nodes, f)
	case *ast.ArrayNode:
		eachOf(n.Nodes, f)
	case *ast.MapNode:
		eachOf(n.Pairs, f)
	case *ast.PairNode:
		f(&n.Key)
		f(&n.Value)
	}
}

// eachOf calls f with a pointer to each node of a list.
func eachOf(l []ast.Node, f func(*ast.Node)) {
	for i := range l {
		f(&l[i])
	}
}

// uniqPatcher puts UniqName in place of expr's builtin uniq on a list of
// texts or of anything: the same answer in linear time.
type uniqPatcher struct{ ctx map[string]bool }

func (p uniqPatcher) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BuiltinNode)
	if !ok || b.Name != "uniq" || len(b.Arguments) != 1 || b.Arguments[0].Type() == nil {
		return
	}
	if t := b.Arguments[0].Type(); t.Kind() == reflect.Slice && (t.Elem().Kind() == reflect.Interface || t.Elem() == reflect.TypeFor[string]()) {
		ast.Patch(node, callOf(p.ctx, UniqName, b.Arguments...))
	}
}

// inPatcher puts InName in place of expr's "in" when a text is looked up
// in a list of texts: the same answer without boxing every element.
type inPatcher struct{ ctx map[string]bool }

func (p inPatcher) Visit(node *ast.Node) {
	b, ok := (*node).(*ast.BinaryNode)
	if !ok || b.Operator != "in" || b.Left.Type() == nil || b.Right.Type() == nil {
		return
	}
	if b.Left.Type() == reflect.TypeFor[string]() && b.Right.Type() == reflect.TypeFor[[]string]() {
		ast.Patch(node, callOf(p.ctx, InName, b.Left, b.Right))
	}
}

// negPatcher replaces unary minus on a whole number by a call of the
// function fn (Config.Negate), which refuses to negate the smallest whole
// number.
type negPatcher struct{ fn string }

func (p negPatcher) Visit(node *ast.Node) {
	u, ok := (*node).(*ast.UnaryNode)
	if !ok || u.Operator != "-" || u.Node.Type() == nil || u.Node.Type().Kind() != reflect.Int {
		return
	}
	call := &ast.CallNode{Callee: &ast.IdentifierNode{Value: p.fn}, Arguments: []ast.Node{u.Node}}
	call.SetType(u.Node.Type())
	ast.Patch(node, call)
}

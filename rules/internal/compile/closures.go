package compile

import (
	"errors"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/vm/runtime"
)

// Typed closures. The checked tree of an expression (the one expr's
// compiler turned into the program, with the patchers' and the budget's
// calls in it) is compiled once more, into Go closures: a field is read
// by its index, a list is walked without copying its elements into
// interfaces, whole numbers, texts and truth values are compared without
// boxing, and the project's functions are called directly. An expression
// of a shape the closures do not cover runs on expr's machine, decided
// per expression when it first runs (by the rules engine, where a
// compiled expression runs).
//
// The closures compute what the machine computes, with expr's own
// run-time functions wherever the machine calls one (equality, order,
// arithmetic, membership), in the machine's order. They do not reproduce
// expr's error messages: when a closure fails in any way (an error of a
// function, a failed run-time check, a panic, the memory budget), the
// step budget is put back to where it was and the expression runs again
// on the machine, which fails as it always did, with its message and
// position. Expressions are pure and the data is read-only, so the second
// run sees what the first saw.

// Frame is what a closure reads while it runs: the variables, the
// elements of the loops it is in, and the memory it took (counted as the
// machine counts it: list literals and results of filter and map). One
// goroutine reuses a Frame from run to run; the zero Frame is ready.
type Frame struct {
	env   map[string]any
	scope []cscope
	mem   uint
	limit uint
	stop  any // the nil value at which an optional chain stopped
	// args is a stack for the arguments of calls (and the keys and
	// elements of groupBy), reused from run to run.
	args []any
	// vars are the variables the closure read so far (got), by the
	// places the compiler gave their names.
	vars []any
	got  []bool
	// locals are the values of the variables the expression declares.
	locals []any
	// slots are the values of the variables the caller keeps by place
	// (SetSlots, CompileClosureSlots), read without the map.
	slots []any
	// fields are the fields of the variables read so far in loops
	// (fieldGot), by the places the compiler gave the reads
	// (closures_field.go).
	fields   []reflect.Value
	fieldGot []bool
	// keys and groups are stacks for groupBy on texts
	// (closures_group.go): the texts of its groups, and the group of
	// each element.
	keys   []string
	groups []int
	// elems is the stack of the elements of lists that filter, map and
	// flatten hand on (closures_seq.go), reused from run to run.
	elems []elem
	// boxes are the boxes of texts and whole numbers kept from run to
	// run (closures_box.go).
	boxes boxTables
}

// SetSlots gives the frame the caller's list of variables kept by place:
// a closure compiled with CompileClosureSlots reads the variable of the
// place k from slots[k], which the caller keeps up to date, instead of
// from the map of variables.
func (f *Frame) SetSlots(slots []any) { f.slots = slots }

// grow counts memory as the machine does and fails where it would.
func (f *Frame) grow(n int) error {
	f.mem += uint(n)
	if f.mem >= f.limit {
		return errClosure
	}
	return nil
}

// errClosure is a closure that cannot give the machine's result (a
// failed check whose message only the machine writes); the expression
// runs on the machine.
var errClosure = errors.New("closure: run on expr's machine")

// errChainNil ends an optional chain (a?.b) at a nil value.
var errChainNil = errors.New("closure: nil in optional chain")

// cnode is a compiled node: the boxed form always, and a typed form for
// the types that have one, so that a parent of a known type can skip the
// interface.
type cnode struct {
	typ reflect.Type
	any func(*Frame) (any, error)
	val func(*Frame) (reflect.Value, error) // records, pointers to records, lists
	b   func(*Frame) (bool, error)
	i   func(*Frame) (int, error)
	s   func(*Frame) (string, error)
	// seq puts the node's list on the frame's stack and returns where it
	// begins (closures_seq.go): filter, map and flatten.
	seq func(*Frame) (int, error)
	// field is how a node reading a field of a record reads it
	// (closures_field.go), for a node reading a field of that field.
	field *fieldRead
	// item marks the element of the innermost loop (#); fixed marks a
	// node whose value is the same throughout a run (a variable of the
	// evaluation, a field of one).
	item, fixed bool
	// t is a func(*Frame) (T, error) for the node's exact type T, set by
	// typed functions (closures_typedfn.go), so that a typed function
	// taking a T reads it without an interface.
	t any
}

var (
	typeInt    = reflect.TypeFor[int]()
	typeString = reflect.TypeFor[string]()
	typeBool   = reflect.TypeFor[bool]()
)

// boolFn returns the node as a truth value; a value that is none fails
// (the machine's jumps assert a bool).
func (c *cnode) boolFn() func(*Frame) (bool, error) {
	if c.b != nil {
		return c.b
	}
	a := c.any
	return func(f *Frame) (bool, error) {
		v, err := a(f)
		if err != nil {
			return false, err
		}
		b, ok := v.(bool)
		if !ok {
			return false, errClosure
		}
		return b, nil
	}
}

// valFn returns the node as a reflect.Value.
func (c *cnode) valFn() func(*Frame) (reflect.Value, error) {
	if c.val != nil {
		return c.val
	}
	a := c.any
	return func(f *Frame) (reflect.Value, error) {
		v, err := a(f)
		return reflect.ValueOf(v), err
	}
}

// typed makes a node from its typed forms, deriving the boxed one.
func typed(n *cnode) *cnode {
	switch {
	case n.any != nil:
	case n.b != nil:
		b := n.b
		n.any = func(f *Frame) (any, error) { return b(f) }
	case n.i != nil:
		i := n.i
		n.any = func(f *Frame) (any, error) {
			x, err := i(f)
			if err != nil {
				return nil, err
			}
			return f.boxInt(x), nil
		}
	case n.s != nil:
		s := n.s
		n.any = func(f *Frame) (any, error) {
			x, err := s(f)
			if err != nil {
				return nil, err
			}
			return f.boxText(x), nil
		}
	case n.val != nil:
		v := n.val
		n.any = func(f *Frame) (any, error) {
			x, err := v(f)
			if err != nil {
				return nil, err
			}
			return f.boxValue(x), nil
		}
	}
	return n
}

// Closure is an expression compiled to closures; nil when its shape is
// not covered.
type Closure struct {
	root   *cnode
	vars   int // the number of variables it reads
	locals int // the number of variables it declares
	fields int // the number of fields of variables it keeps per run
}

// CompileClosure compiles the checked tree of a program, or returns nil
// when a node of it is not covered.
func CompileClosure(prog *Program, funcs *ClosureFuncs) *Closure {
	return CompileClosureSlots(prog, funcs, nil)
}

// CompileClosureSlots is CompileClosure for a caller that keeps some of
// the variables by place (Frame.SetSlots): slots gives the place of each
// by name.
func CompileClosureSlots(prog *Program, funcs *ClosureFuncs, slots map[string]int) *Closure {
	if prog == nil {
		return nil
	}
	node := prog.Node()
	if node == nil {
		return nil
	}
	cc := &closureCompiler{funcs: funcs, vars: map[string]int{}, slots: slots}
	root, err := cc.compile(node)
	if err != nil {
		return nil
	}
	return &Closure{root: root, vars: len(cc.vars), locals: cc.locals, fields: cc.fields}
}

// Run runs the closure on the variables in the frame f, which it
// prepares; ok is false when it failed in any way, and then only the
// machine can say how.
func (c *Closure) Run(f *Frame, env map[string]any, memoryBudget uint) (out any, ok bool) {
	defer func() {
		if recover() != nil {
			out, ok = nil, false
		}
	}()
	c.begin(f, env, memoryBudget)
	v, err := c.root.any(f)
	c.end(f)
	if err != nil {
		return nil, false
	}
	return v, true
}

// begin prepares the frame f for a run on the variables env.
func (c *Closure) begin(f *Frame, env map[string]any, memoryBudget uint) {
	if memoryBudget == 0 {
		memoryBudget = conf.DefaultMemoryBudget
	}
	f.env, f.mem, f.limit, f.stop = env, 0, memoryBudget, nil
	f.scope, f.args, f.elems = f.scope[:0], f.args[:0], f.elems[:0]
	f.keys, f.groups = f.keys[:0], f.groups[:0]
	if cap(f.got) < c.vars {
		f.vars, f.got = make([]any, c.vars), make([]bool, c.vars)
	}
	f.vars, f.got = f.vars[:c.vars], f.got[:c.vars]
	clear(f.got)
	if cap(f.locals) < c.locals {
		f.locals = make([]any, c.locals)
	}
	f.locals = f.locals[:c.locals]
	if cap(f.fields) < c.fields {
		f.fields, f.fieldGot = make([]reflect.Value, c.fields), make([]bool, c.fields)
	}
	f.fields, f.fieldGot = f.fields[:c.fields], f.fieldGot[:c.fields]
	clear(f.fieldGot)
}

// end lets go of what a run left in the frame.
func (c *Closure) end(f *Frame) {
	f.env, f.stop = nil, nil // the stacks are cleared as their values are taken off
	clear(f.vars)
	clear(f.locals)
	clear(f.fields)
}

// closureCompiler compiles the nodes of one expression.
type closureCompiler struct {
	funcs *ClosureFuncs
	vars  map[string]int // the variables read, by their place in Frame.vars
	slots map[string]int // the variables the caller keeps, by their place in Frame.slots
	loops int            // the loops the node being compiled is in
	// lets are the variables the expression declares (let x = …; …) in
	// scope, innermost last, with their places in Frame.locals; locals
	// counts the places.
	lets   []closureLet
	locals int
	// fields counts the places of fields of variables kept per run
	// (Frame.fields).
	fields int
}

// errUncovered is a node the closures do not cover.
var errUncovered = errors.New("closure: shape not covered")

func (cc *closureCompiler) compile(node ast.Node) (*cnode, error) {
	switch n := node.(type) {
	case *ast.NilNode:
		return &cnode{any: func(*Frame) (any, error) { return nil, nil }}, nil
	case *ast.BoolNode:
		return closureConstant(n.Value), nil
	case *ast.IntegerNode:
		if n.Type() != typeInt {
			return nil, errUncovered
		}
		return closureConstant(n.Value), nil
	case *ast.StringNode:
		return closureConstant(n.Value), nil
	case *ast.ConstantNode:
		return closureConstant(n.Value), nil
	case *ast.IdentifierNode:
		return cc.identifier(n)
	case *ast.MemberNode:
		return cc.member(n)
	case *ast.ChainNode:
		return cc.chain(n, false)
	case *ast.UnaryNode:
		return cc.unary(n)
	case *ast.BinaryNode:
		return cc.binary(n)
	case *ast.ConditionalNode:
		return cc.conditional(n)
	case *ast.CallNode:
		return cc.call(n)
	case *ast.BuiltinNode:
		return cc.builtin(n)
	case *ast.PointerNode:
		return cc.pointer(n)
	case *ast.SequenceNode:
		return cc.sequence(n)
	case *ast.ArrayNode:
		return cc.array(n)
	case *ast.VariableDeclaratorNode:
		return cc.let(n)
	case *ast.MapNode:
		return cc.mapLiteral(n)
	}
	return nil, errUncovered
}

// chain is an optional chain (a?.b): a nil on the way ends it. The
// machine puts an untyped nil at its end, except directly under ??,
// where the value it stopped at is left as it is (raw).
func (cc *closureCompiler) chain(n *ast.ChainNode, raw bool) (*cnode, error) {
	inner, err := cc.compile(n.Node)
	if err != nil {
		return nil, err
	}
	a := inner.any
	if raw {
		return &cnode{typ: inner.typ, any: func(f *Frame) (any, error) {
			v, err := a(f)
			if err == errChainNil {
				return f.stop, nil
			}
			return v, err
		}}, nil
	}
	return &cnode{typ: inner.typ, any: func(f *Frame) (any, error) {
		v, err := a(f)
		if err == errChainNil || (err == nil && runtime.IsNil(v)) {
			return nil, nil
		}
		return v, err
	}}, nil
}

// closureConstant is a literal or a constant of the tree (a folded
// literal, a set for in, a typed function).
func closureConstant(v any) *cnode {
	// The boxed form is boxed once, not on every run.
	c := &cnode{typ: reflect.TypeOf(v), any: func(*Frame) (any, error) { return v, nil }}
	switch x := v.(type) {
	case int:
		c.i = func(*Frame) (int, error) { return x, nil }
	case string:
		c.s = func(*Frame) (string, error) { return x, nil }
	case bool:
		c.b = func(*Frame) (bool, error) { return x, nil }
	}
	return c
}

// identifier reads a variable the expression declared, or one of the
// variables of the evaluation: one given by place (CompileClosureSlots)
// from the frame's slots on every read (a place beyond them fails the
// closure, and the machine runs it), any other as the machine does from
// the map of variables (one that is not set is nil), once per run: the
// variables do not change while an expression runs.
func (cc *closureCompiler) identifier(n *ast.IdentifierNode) (*cnode, error) {
	for i := len(cc.lets) - 1; i >= 0; i-- {
		if l := cc.lets[i]; l.name == n.Value {
			return &cnode{typ: n.Type(), any: func(f *Frame) (any, error) { return f.locals[l.place], nil }}, nil
		}
	}
	if _, fn := cc.funcs.table[n.Value]; fn || n.Value == "$env" {
		return nil, errUncovered
	}
	name := n.Value
	if k, ok := cc.slots[name]; ok {
		return &cnode{typ: n.Type(), fixed: true, any: func(f *Frame) (any, error) {
			if k >= len(f.slots) {
				return nil, errClosure
			}
			return f.slots[k], nil
		}}, nil
	}
	k, ok := cc.vars[name]
	if !ok {
		k = len(cc.vars)
		cc.vars[name] = k
	}
	return &cnode{typ: n.Type(), fixed: true, any: func(f *Frame) (any, error) {
		if !f.got[k] {
			f.vars[k], f.got[k] = f.env[name], true
		}
		return f.vars[k], nil
	}}, nil
}

// pointer is the element of the innermost loop (#), or its index.
func (cc *closureCompiler) pointer(n *ast.PointerNode) (*cnode, error) {
	if cc.loops == 0 {
		return nil, errUncovered
	}
	switch n.Name {
	case "":
		return &cnode{typ: n.Type(), item: true, val: func(f *Frame) (reflect.Value, error) { return f.item(), nil },
			any: func(f *Frame) (any, error) { return itemValue(f), nil }}, nil
	case "index":
		return typed(&cnode{typ: typeInt, i: func(f *Frame) (int, error) { return f.scope[len(f.scope)-1].index, nil }}), nil
	}
	return nil, errUncovered
}

// compileAll compiles nodes in order, stopping at the first that cannot
// be compiled.
func (cc *closureCompiler) compileAll(ns []ast.Node) ([]*cnode, error) {
	out := make([]*cnode, len(ns))
	for i, x := range ns {
		c, err := cc.compile(x)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// sequence evaluates its nodes in turn and gives the last one's value.
func (cc *closureCompiler) sequence(n *ast.SequenceNode) (*cnode, error) {
	if len(n.Nodes) == 0 {
		return nil, errUncovered
	}
	nodes, err := cc.compileAll(n.Nodes)
	if err != nil {
		return nil, err
	}
	last := nodes[len(nodes)-1]
	first := nodes[:len(nodes)-1]
	run := func(f *Frame) error {
		for _, c := range first {
			if _, err := c.any(f); err != nil {
				return err
			}
		}
		return nil
	}
	out := &cnode{typ: last.typ}
	out.any = func(f *Frame) (any, error) {
		if err := run(f); err != nil {
			return nil, err
		}
		return last.any(f)
	}
	if last.val != nil {
		lv := last.val
		out.val = func(f *Frame) (reflect.Value, error) {
			if err := run(f); err != nil {
				return reflect.Value{}, err
			}
			return lv(f)
		}
	}
	return out, nil
}

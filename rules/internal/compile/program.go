package compile

import (
	"fmt"
	"slices"
	"sync"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// A compiled expression: its checked tree, which the closures and the
// analyses read, and expr's program, built from a copy of the tree only
// when the expression first runs on expr's machine. Most expressions of
// the shipped programmes run as closures and never need the program.

// Program is a compiled expression: the checked, rewritten and
// instrumented tree, and what building expr's program of it needs. It is
// immutable but for the program built once when first asked for, and may
// be shared by many goroutines.
type Program struct {
	source file.Source
	node   ast.Node
	build  *machineConfig

	machineOnce sync.Once
	machine     *vm.Program
	machineErr  error

	idsOnce sync.Once
	ids     []string
}

// machineConfig is what building expr's program of an expression needs
// besides its tree: the compiler's table of the functions and the typed
// implementations of those that have one (typedCalls). One is shared by
// the programs of a cache.
type machineConfig struct {
	functions conf.FunctionsTable
	typed     map[string]typedImpl
}

// newProgram returns the program of a checked tree.
func newProgram(tree *parser.Tree, build *machineConfig) *Program {
	return &Program{source: tree.Source, node: tree.Node, build: build}
}

// Node returns the checked tree of the expression, which must not be
// changed.
func (p *Program) Node() ast.Node { return p.node }

// Identifiers returns the distinct names of the identifiers of the tree,
// in the order of a walk of it (children before their parents), worked
// out once. The list must not be changed.
func (p *Program) Identifiers() []string {
	p.idsOnce.Do(func() { p.ids = slices.Clip(identifiersOf(p.node)) })
	return p.ids
}

// identifiersOf returns the distinct names of the identifiers of a tree,
// in the order of ast.Walk (children before their parents), without
// ast.Walk's allocations.
func identifiersOf(n ast.Node) []string {
	var out []string
	EachNode(n, func(n ast.Node) {
		if id, ok := n.(*ast.IdentifierNode); ok && !slices.Contains(out, id.Value) {
			out = append(out, id.Value)
		}
	})
	return out
}

// Machine returns expr's program of the expression, for its machine
// (vm.VM.Run), built when first asked for from a copy of the tree, with
// the typed calls of typedCalls. Concurrent callers wait for the one
// build and get the same program, or the same error.
func (p *Program) Machine() (*vm.Program, error) {
	p.machineOnce.Do(func() { p.machine, p.machineErr = p.buildMachine() })
	return p.machine, p.machineErr
}

// buildMachine compiles a copy of the tree with a configuration of its
// own (expr's compiler fills in its cache of the types' natures as it
// goes), as exprConfig.compile compiled every expression before. A panic
// of the build is its error.
func (p *Program) buildMachine() (prog *vm.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("compile: building the program: %v", r)
		}
	}()
	if p.build == nil {
		return nil, fmt.Errorf("compile: no configuration to build the program")
	}
	c := conf.CreateNew()
	c.WithEnv(map[string]any{})
	c.Functions = p.build.functions
	tree := &parser.Tree{Node: cloneNode(&c.NtCache, p.node), Source: p.source}
	typedCalls(&tree.Node, p.build.typed)
	prog, err = compiler.Compile(tree, c)
	if err != nil {
		return nil, fmt.Errorf("compile: building the program: %w", err)
	}
	return prog, nil
}

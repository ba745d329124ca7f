package compile_test

import (
	"fmt"

	"github.com/expr-lang/expr/vm"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// ExampleSession compiles an expression against an environment with one
// function, runs the program on expr's machine and as typed closures,
// and explains the error of a misspelt name.
func ExampleSession() {
	// The function table: one function of two whole numbers.
	cfg := &compile.Config{Functions: []compile.Function{{
		Name:       "atLeast",
		Types:      []any{new(func(int, int) bool)},
		Signatures: []any{new(func(int, int) bool)},
		Fn:         func(a ...any) (any, error) { return a[0].(int) >= a[1].(int), nil },
	}}}
	cache := compile.NewCache(func() *compile.Config { return cfg })
	s := cache.Session(1000)
	defer s.Close()

	// The environment declares the variables by their zero values.
	env := map[string]any{"sessions": 0, "minimum": 0}
	prog, err := s.Compile("atLeast(sessions + 2, minimum)", env)
	if err != nil {
		fmt.Println(err)
		return
	}
	vars := map[string]any{"sessions": 10, "minimum": 12}
	machine, err := prog.Machine()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := (&vm.VM{}).Run(machine, vars)
	fmt.Println("machine:", out, err)
	c := compile.CompileClosure(prog, compile.NewClosureFuncs(cfg))
	out, ok := c.Run(&compile.Frame{}, vars, 0)
	fmt.Println("closure:", out, ok)

	// A misspelt name: where it is, and what to do.
	_, err = s.Compile("atLeast(sesions, minimum)", env)
	p := s.Explain(err, env)
	fmt.Printf("at %d: %s\n", p.Offset, p.Message)
	// Output:
	// machine: true <nil>
	// closure: true true
	// at 8: unknown name sesions; did you mean "sessions"?
}

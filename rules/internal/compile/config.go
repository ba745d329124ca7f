package compile

import (
	"reflect"

	"github.com/expr-lang/expr/builtin"
)

// What the layer is given: the functions of the expression environment,
// the functions behind the operators, the budget's counters, and the
// names of what the compiler puts into a checked tree.

// The names the compiler puts into a checked tree. Rule authors never
// write them; the "$" keeps them apart from every name they may use. The
// functions of these names are given in Config (Functions and Budget).
const (
	// CtxVar is the variable through which expr hands the evaluation's
	// state to the functions that take it: the compiler gives their calls
	// it as first argument (insertCtx).
	CtxVar = "$ctx"
	// BudgetVar is the variable holding the run-time step budget.
	BudgetVar = "$budget"
	// RefsName is the function wrapped around every field access that
	// gives a list of records; it gives the same records as pointers
	// (through its function for the list's type, WithRefsPerList).
	RefsName = "$refs"
	// AliveName is the function put before every loop that runs inside
	// another loop's predicate; it ends the expression once the
	// evaluation's context is done.
	AliveName = "$alive"
	// UniqName is the function put in place of expr's builtin uniq on a
	// list of texts or of anything.
	UniqName = "$uniq"
	// InName is the function put in place of "text in list of texts".
	InName = "$in"
	// StepsName, GuardName and ConcatName are the budget's counters:
	// $steps($budget, list) counts a list, $guard($ctx, $budget, list)
	// is $alive and $steps in one call, $concat($budget, a, b) joins
	// two texts and counts their bytes.
	StepsName  = "$steps"
	GuardName  = "$guard"
	ConcatName = "$concat"
)

// DisabledBuiltins are expr's builtins that would make verdicts depend on
// the clock or the machine's time zone; no expression may call them.
var DisabledBuiltins = []string{"now", "date", "duration", "timezone"}

// Function is one function of the expression environment, as the
// compiler sees it.
type Function struct {
	Name string
	// Hidden marks a function authors do not call by name (one behind an
	// operator, or one the compiler inserts): it is never suggested for
	// a misspelt name.
	Hidden bool
	// Types are the documented signatures, each a *func(...) giving one
	// accepted signature; Signatures are the same with the evaluation's
	// state as first parameter for a function that takes it (they are
	// Types for the others).
	Types, Signatures []any
	// Fn implements the function; Fn1 and Fn2, when set, implement a
	// function of one or two arguments (counting the evaluation's state)
	// without a list of the arguments, for typed calls and closures.
	Fn  func(args ...any) (any, error)
	Fn1 func(a any) (any, error)
	Fn2 func(a, b any) (any, error)
}

// Operator maps an operator (+, <, …) to a function of Config.Functions
// that implements it on the operand types of one of its Types: a binary
// operation whose operands suit them becomes a call of the function.
type Operator struct{ Op, Fn string }

// Config is what the compiler is given: the environment's functions, the
// operators' meanings and the budget's counters. It is read only; one
// Config serves every load that shares a Cache.
type Config struct {
	// Functions are the environment's functions, including those behind
	// the operators and those the compiler inserts (RefsName, AliveName,
	// UniqName, InName).
	Functions []Function
	// Operators give the operators their meaning on the project's types,
	// tried in order for each operator.
	Operators []Operator
	// Negate is the function of Functions behind unary minus on a whole
	// number ("" leaves unary minus to expr).
	Negate string
	// Budget are the budget's counters (StepsName, GuardName,
	// ConcatName) as expr calls them; Steps is $steps itself, called
	// with typed arguments.
	Budget map[string]*builtin.Function
	Steps  func(budget, list any) (any, error)
	// StepsLen and GuardLen are $steps and $guard on the length of the
	// list instead of the list itself: the typed closures count a list
	// that filter, map or flatten left on their stack (closures_seq.go)
	// without making it. Without them the closures make the list and
	// call the counters of Budget.
	StepsLen func(budget any, n int) error
	GuardLen func(ctx, budget any, n int) error
	// Words puts a message of expr into the author's words: the names
	// of the environment's types for Go's (nil: as expr wrote it).
	Words func(msg string) string
	// Params is the name of the variable holding the rule file's params:
	// a list read from them is written in the file, and not counted.
	Params string
	// Sizes are the declared sizes of the model's lists, for the cost
	// estimate (Estimate).
	Sizes Sizes
}

// Sizes are the declared sizes of the model's lists that the cost
// estimate takes a list of their elements to hold: generous upper
// estimates of real data, not limits.
type Sizes struct {
	// Centres is the size of a list of centres.
	Centres uint64
	// Sessions is the size of a list of sessions, dates or quantities.
	Sessions uint64
	// Records is the size of a list of meetings, evidence, offers, case
	// exchanges, budget lines, closures, providers or facilitation
	// months.
	Records uint64
	// Members is the size of a list of any other record.
	Members uint64
	// List is the size of any other list (texts, numbers, ranges whose
	// ends are not constants).
	List uint64
}

// funcTypes returns the reflect types of signatures given as *func(...).
func funcTypes(sigs []any) []reflect.Type {
	types := make([]reflect.Type, len(sigs))
	for i, t := range sigs {
		types[i] = reflect.TypeOf(t).Elem()
	}
	return types
}

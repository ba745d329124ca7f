package rules

import "runtime"

// The options of Load and NewEngine: Option over the plain config struct,
// the defaults in one place and one With function per setting.

// Option configures Load and NewEngine.
type Option func(*config)

type config struct {
	maxNodes     uint
	memoryBudget uint
	workers      int
	costCeiling  uint64 // see WithCostCeiling
	stepBudget   uint64 // see WithStepBudget
}

// The defaults of the bounds on untrusted rule files.
const (
	DefaultMaxNodes     = 2000
	DefaultMemoryBudget = 1_000_000
)

func newConfig(opts []Option) config {
	c := config{maxNodes: DefaultMaxNodes, memoryBudget: DefaultMemoryBudget, costCeiling: CostCeiling, stepBudget: DefaultStepBudget}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithMaxNodes bounds the size of each expression, counted in syntax-tree
// nodes; a larger expression is a load error. The default is
// DefaultMaxNodes.
func WithMaxNodes(n uint) Option { return func(c *config) { c.maxNodes = n } }

// WithMemoryBudget bounds the memory one expression may allocate while it
// runs, in the expression machine's units (roughly one per list element
// or string built); past it the rule's result is an error. The default is
// DefaultMemoryBudget.
func WithMemoryBudget(n uint) Option { return func(c *config) { c.memoryBudget = n } }

// WithWorkers sets how many goroutines work at once: on centres in
// Evaluate and Stream, on rules in Load, on programmes in
// LoadEmbeddedAll. The default is GOMAXPROCS, the number of CPUs Go uses.
// Results and diagnostics keep their order either way.
func WithWorkers(n int) Option { return func(c *config) { c.workers = n } }

// workerCount is the number of goroutines WithWorkers asks for.
func (c config) workerCount() int {
	if c.workers > 0 {
		return c.workers
	}
	return runtime.GOMAXPROCS(0)
}

// WithCostCeiling sets the highest estimated cost of a rule that loads;
// the default is CostCeiling.
func WithCostCeiling(n uint64) Option { return func(c *config) { c.costCeiling = n } }

// WithStepBudget sets the run-time budget of one rule on one centre, in
// steps (loop iterations and bytes of text joined); the default is
// DefaultStepBudget.
func WithStepBudget(n uint64) Option { return func(c *config) { c.stepBudget = n } }

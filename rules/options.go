package rules

import "runtime"

// The options of loading and of evaluating are two types, so that each
// function takes only the settings that mean something to it: a LoadOption
// bounds what a rule file may ask for (Load, LoadEmbedded, LoadEmbeddedAll,
// Lint, LintEmbedded, Inspect), an EngineOption bounds and spreads the work
// of evaluating (NewEngine, RunTestFile). The defaults live in one place.

// LoadOption configures how rule files are read and compiled.
type LoadOption func(*loadConfig)

// EngineOption configures how an Engine evaluates.
type EngineOption func(*engineConfig)

type loadConfig struct {
	maxNodes    uint
	costCeiling uint64 // see WithCostCeiling
	workers     int    // see WithCompileWorkers
}

type engineConfig struct {
	memoryBudget uint
	stepBudget   uint64 // see WithStepBudget
	workers      int    // see WithWorkers
	validated    bool   // see WithoutValidation
}

// The defaults of the bounds on untrusted rule files.
const (
	DefaultMaxNodes     = 2000
	DefaultMemoryBudget = 1_000_000
)

func newLoadConfig(opts []LoadOption) loadConfig {
	c := loadConfig{maxNodes: DefaultMaxNodes, costCeiling: CostCeiling}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func newEngineConfig(opts []EngineOption) engineConfig {
	c := engineConfig{memoryBudget: DefaultMemoryBudget, stepBudget: DefaultStepBudget}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithMaxNodes bounds the size of each expression, counted in syntax-tree
// nodes; a larger expression is a load error. The default is
// DefaultMaxNodes.
func WithMaxNodes(n uint) LoadOption { return func(c *loadConfig) { c.maxNodes = n } }

// WithCostCeiling sets the highest estimated cost of a rule that loads;
// a costlier rule is a load error. The default is CostCeiling.
func WithCostCeiling(n uint64) LoadOption { return func(c *loadConfig) { c.costCeiling = n } }

// WithCompileWorkers sets how many goroutines compile at once: the rules
// of a file in Load, the files in LoadEmbeddedAll. The default is
// GOMAXPROCS, the number of CPUs Go uses. Diagnostics keep their order
// either way.
func WithCompileWorkers(n int) LoadOption { return func(c *loadConfig) { c.workers = n } }

// WithMemoryBudget bounds the memory one expression may allocate while it
// runs, in the expression machine's units (roughly one per list element
// or string built); past it the rule's result is an error. The default is
// DefaultMemoryBudget.
func WithMemoryBudget(n uint) EngineOption { return func(c *engineConfig) { c.memoryBudget = n } }

// WithStepBudget sets the run-time budget of one rule on one centre, in
// steps (loop iterations and bytes of text joined); past it the rule's
// result is an error and the other rules go on. The default is
// DefaultStepBudget.
func WithStepBudget(n uint64) EngineOption { return func(c *engineConfig) { c.stepBudget = n } }

// WithWorkers sets how many goroutines evaluate centres at once in
// Evaluate and Stream. The default is GOMAXPROCS, the number of CPUs Go
// uses. Results keep their order either way.
func WithWorkers(n int) EngineOption { return func(c *engineConfig) { c.workers = n } }

// WithoutValidation makes Evaluate and Stream take the datasets as they
// are, without validating them (kiez.Dataset.Validate): for callers that
// validate themselves — to show the warnings, or once for several
// evaluations — and for tests that judge deliberately partial data.
// Without it, Evaluate and Stream validate and refuse an invalid dataset
// (ErrInvalidData). The rules then meet only data that passed.
func WithoutValidation() EngineOption { return func(c *engineConfig) { c.validated = true } }

// workerCount is n, or GOMAXPROCS when n is not positive.
func workerCount(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

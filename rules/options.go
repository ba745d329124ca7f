package rules

import (
	"runtime"

	"github.com/expr-lang/expr/vm"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

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
	problemsOnly bool   // see WithDetailsForProblemsOnly
	lang         string // see WithLanguage
	noClosures   bool   // every expression on expr's machine (withoutClosures)
	// indexFrom is the number of a programme's centres in an evaluation
	// from which its records are indexed for all of them (see newRun).
	indexFrom int
	// checkClosure, set by tests, makes every expression run both ways
	// (see run.runClosure).
	checkClosure func(e *expression, out any, ok bool, want any, err error)
	// buildMachine, set by tests, builds expr's program of an expression
	// in place of compile.Program.Machine (see run.runMachine).
	buildMachine func(*compile.Program) (*vm.Program, error)
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
	c := engineConfig{memoryBudget: DefaultMemoryBudget, stepBudget: DefaultStepBudget, indexFrom: indexProgrammeFrom}
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

// WithDetailsForProblemsOnly leaves out the details nobody reads when only
// the problems are shown: a result that passes (OutcomePass) or is not
// applicable (OutcomeNotApplicable) gets no message (Message is "") and no
// evidence (Evidence is nil); every other result — fail, waived,
// missing-data, error — is exactly as without the option, with its
// message and evidence. The outcome, severity, subject, item and waiver
// of every result are the same too, with one difference that follows from
// not rendering: what only the details of a pass or of a not-applicable
// result would compute is not computed, so a template or evidence
// expression that would fail for such a result (a division by zero in the
// message, a step budget used up only by the evidence) leaves it a pass
// or not applicable, where without the option it is an error. For the
// same reason the step budget (WithStepBudget) counts only what is
// computed: a rule that exceeds its budget only through the details of
// its passes stays within it. To decide a pass without its evidence, the
// engine runs the assertion before the evidence; a failure then computes
// its evidence as before, and an error in the evidence still comes before
// one in the assertion (when the budget runs out, the error may name the
// assertion where without the option it names an evidence expression).
//
// On the embedded programmes it saves Stream about two fifths of its
// processor time and of its allocations (see the README, "Performance").
// Use it where only problems are read, as "kiez check --only problems"
// does for its text output; a report or anything else that shows the
// messages of passes needs an engine without it. Explain always gives every detail. The default: every
// result gets its message and evidence.
func WithDetailsForProblemsOnly() EngineOption {
	return func(c *engineConfig) { c.problemsOnly = true }
}

// workerCount is n, or GOMAXPROCS when n is not positive.
func workerCount(n int) int {
	if n > 0 {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// withProgrammeIndexFrom sets the number of a programme's centres from
// which an evaluation indexes the programme's records (indexProgrammeFrom
// by default), so that tests can compare the evaluations with and without
// the index.
func withProgrammeIndexFrom(n int) EngineOption {
	return func(c *engineConfig) { c.indexFrom = n }
}

// withoutClosures makes the engine run every expression on expr's
// machine instead of as typed closures (closures.go), so that tests can
// compare the two.
func withoutClosures() EngineOption {
	return func(c *engineConfig) { c.noClosures = true }
}

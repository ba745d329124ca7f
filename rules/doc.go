// Package rules loads programme rule files, compiles their expressions
// against a typed environment built from the kiez model, and evaluates
// them on datasets, giving one verdict per rule and subject with the
// requirement ids, the source section, a message and the evidence behind
// it.
//
// # Rule files
//
// A rule file is YAML, written by programme designers: a header (programme
// id, name, authority, sources, version), the requirement catalogue, params
// with a history of dated values, rules, and the manual requirements that
// no data can show. Every key the format does not know is an error. See
// docs/rules-reference.md for every field, variable and function.
//
// # Compile once, evaluate often
//
// Load checks the whole file and compiles every expression once with
// expr-lang/expr against the typed environment: a misspelt field, an
// unknown function, an undeclared param or an assertion that is not true
// or false is a load error with the file's line and column. A loaded
// Programme is immutable; an Engine built from programmes is safe for
// concurrent use by many goroutines.
//
// # Verdicts
//
// Evaluate yields pass, fail, not applicable, waived, missing data or
// error. A rule declares the records it needs (needs:); when a subject has
// none for the period, the verdict is missing data, or fail if the rule
// says so (ifMissing: fail), so that "did not deliver" and "did not
// report" stay apart. A waiver in the data turns a failure into waived,
// naming the waiver. A rule that errors never stops the others.
//
// # Bounds
//
// Rule files are untrusted input: expressions are bounded in size at load
// time (WithMaxNodes) and in memory at run time (WithMemoryBudget), and
// Evaluate stops when its context is cancelled.
package rules

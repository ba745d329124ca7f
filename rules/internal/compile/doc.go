// Package compile turns the expressions of rule files into checked,
// bounded, executable programs: it parses and type-checks an expression
// against the environment of its rule, rewrites the checked tree, bounds
// its size and estimates its cost, explains expr's errors in words a rule
// author can act on, and emits expr's program together with typed Go
// closures for the expression shapes they cover.
//
// The layer knows nothing of rule files, programmes or verdicts: package
// rules gives it the environment of each expression (a map of the
// variables' zero values), the function table and the operators' meanings
// (Config), and reports its errors at their places in the file. It may
// not import package rules.
//
// # Stages, one per file
//
//   - config.go: what the layer is given (Config, Function, Operator) and
//     the names of what it puts into a tree ($refs, $steps, …).
//   - session.go, compiler.go, check.go: the front (Session.Compile, as
//     expr.Compile with the layer's options) and the pipeline behind it:
//     parse, patch and check (patchAndCheck checks only after a walk that
//     changed the tree), optimise, instrument; expr's program is compiled
//     when first needed (program.go).
//   - envnature.go, lettypes.go: declaring an environment to the checker,
//     and what a let variable is declared as (LetType, ListOf, Unknown).
//   - patch.go: the rewrites of trees (the evaluation's state given to
//     the calls that take it, before the first check; then, of checked
//     trees, operators on decimals, dates and whole numbers; lists of
//     records read as pointers; nested loops guarded; faster uniq and in).
//   - refs.go: the function that reads a list of records as pointers,
//     one per list (WithRefsPerList), so that checking its call is one
//     try of one signature.
//   - bound.go, budget.go, cost.go: the nesting of an expression's
//     brackets (checked before it is parsed), the run-time step budget put
//     into the tree, and the static cost estimate (Estimate).
//   - recheck.go: the second check for unknown names and fields that
//     works around expr's defect below (CheckNames, NeedsCheckNames).
//   - typedcalls.go: calls of the project's functions without a list of
//     arguments.
//   - closures*.go: the executable form beside expr's program: typed Go
//     closures (CompileClosure), with expr's machine as fallback.
//   - program.go, clone.go: the compiled expression (Program): its checked
//     tree, and expr's program built from a deep copy of it only when the
//     expression first runs on the machine (Program.Machine).
//   - cache.go: what one load compiled, shared by its goroutines (Cache).
//   - compat.go: the reference compilation the tests compare with.
//
// Every assumption about expr's behaviour and wording is pinned by a test
// (expr_compat_test.go here; the rules package compares Compile with
// CompileAsExpr on every shipped expression), so an upgrade of expr shows
// what changed.
//
// # Concurrency
//
// A Cache is safe for concurrent use by the goroutines of one load; a
// Session belongs to one goroutine. Compiled programs and closures are
// immutable and may be run by many goroutines at once, each with its own
// vm.VM and Frame; a Program builds expr's program once, for whichever
// goroutine asks first, from a copy of the tree that the others' closures
// and analyses go on reading.
//
// # A defect of expr's checker (v1.17.8), upstream-ready
//
// With any patcher registered (expr.Patch), an error inside the arguments
// of a call of a function declared with typed signatures is lost: the
// expression compiles, and the mistake surfaces only when it runs.
//
//	env := map[string]any{"xs": []struct{ A int }{}}
//	total := expr.Function("total", func(p ...any) (any, error) { return 0, nil }, new(func([]any) int))
//	_, err1 := expr.Compile(`total(map(xs, .B))`, expr.Env(env), total)
//	// err1: type struct { A int } has no field B
//	_, err2 := expr.Compile(`total(map(xs, .B))`, expr.Env(env), total, expr.Patch(noop{}))
//	// err2: nil (noop is a visitor whose Visit does nothing)
//
// The same holds for total(nope) with an unknown name nope, and for
// total([xs[0].B]); it does not for a builtin (len(map(xs, .B)) fails as
// it should) nor for a function declared without types. Cause, in
// checker.Checker: PatchAndCheck checks the tree before each patcher's
// walk and drops that check's error (runVisitors: "_, _ = v.Check(…)");
// that check already sets the call node's type from the matching
// signature's result (the argument whose check failed has an unknown
// nature, which checkArguments accepts for any parameter). The final
// Check then meets a call node with a type set, and callNode returns that
// type at once ("Check if type was set on node (for example, by
// patcher)") without visiting the arguments again, so their error is
// never reported. A fix: in callNode, visit the arguments even when the
// node's type is set (or clear the types the checker set before a walk);
// a test: the two compilations above give the same error.
//
// The defect is not limited to closures: with the layer's patchers,
// coverage(staffOf(centrex, "kita", period), period) != nil and
// addDays(peroid.from, 1) > period.from compiled without an error (the
// rules' TestRecheckOutsideClosures).
//
// The layer works around it in three ways. The calls of the functions
// that take the evaluation's state get it before the first check
// (insertCtx) rather than from expr's WithContext patcher after it: with
// WithContext, the first check of every expression calling such a
// function failed for want of the argument, and the check after the
// patch met the calls typed from that failed check and left their new
// arguments, and the calls below them, without a type: sessionsOf(…) of
// type "anything" inside dec(len(…)), whose list the cost estimate did
// not count, and the participants under uniq(map(item.participants,
// .role)), whose fields expr's program fetched by name rather than by
// index (the rules' TestPatchAndCheckAsExpr showed 28 such programs).
// patchAndCheck runs no check before a walk that changed nothing, and
// returns the error of the last check, so a tree no patcher changed keeps
// its errors. Where a patch did
// change the tree, CheckNames checks the expression once more without the
// operator patchers and reports an unknown name or field it finds;
// NeedsCheckNames tells whether that is needed: the tree was checked again
// after a patch, its first check (of the tree as parsed) failed, so that
// there was an error to lose, and a node of it hides a type (MayHideNames;
// an unknown name or field gets none).
// TestExprClosureDefect pins the defect: when a fixed expr reports the
// error in every case, it fails, and CheckNames can go.
package compile

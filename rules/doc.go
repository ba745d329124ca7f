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
// RuleSet is immutable; an Engine built from programmes is safe for
// concurrent use by many goroutines.
//
// # Evaluations
//
// Engine.Evaluate takes a dataset and a Period (Year, Between or
// ParsePeriod make one) and returns an *Evaluation: the dataset, the rule
// sets, the period and the results held together, which the report
// builders take as they are. Evaluate validates the dataset first and
// refuses an invalid one (ErrInvalidData, with the diagnostics), unless
// the engine was made WithoutValidation. Options come in two types:
// LoadOption for reading rule files, EngineOption for evaluating.
//
// A Result names what it is about as data: Programme, Centre, and for a
// rule checked per item ItemKind and Item; Subject is the display form.
//
// # Verdicts
//
// Evaluate yields pass, fail, not applicable, waived, missing data or
// error. A rule declares the records it needs (needs:); when a subject has
// none for the period, the verdict is missing data, or fail if the rule
// says so (ifMissing: fail), so that "did not deliver" and "did not
// report" stay apart. A waiver in the data turns a failure into waived,
// naming the waiver, when its subject names the result exactly (the
// programme, a centre, or centre/item) and it is valid on every day of
// the period; Engine.CheckWaivers reports waivers naming unknown rules or
// programmes (Evaluate refuses them) and waivers that do not cover the
// period. A rule that errors never stops the others.
//
// # Bounds
//
// Rule files are untrusted input: expressions are bounded in size at load
// time (WithMaxNodes) and in memory at run time (WithMemoryBudget), and
// Evaluate stops when its context is cancelled.
//
// # Cost
//
// Evaluate checks the centres of a programme with a bounded number of
// goroutines (WithWorkers), each with its own expression machine, and
// keeps the data order in the results. Its work grows linearly with the
// number of centres; what is the same for every centre is computed once:
//
//   - Lists of records (centre.sessions, item.participants) reach
//     expressions as lists of pointers into the data, built once per list,
//     so that filter, map and any do not copy each record.
//   - The record functions (sessionsOf, offersOf, meetingsOf, staffOf,
//     evidenceOf, calendar) remember their answers for the centre being
//     checked; the participants of the programme's meetings and committees
//     are indexed once per evaluation (attendedBy, participantsOf).
//   - An expression of a centre rule that reads neither the centre nor the
//     item (a param, a programme meeting list, an each over the buckets or
//     months of the period) is computed once per evaluation; one of a rule with each that does not read the item,
//     once per subject; a let, once per subject and only when an
//     expression reads it.
//   - uniq and "text in list of texts" run in linear time, and a needs of
//     the form filter(list, …) stops at the first record.
//
// Evaluate keeps every result in memory; Stream hands the results over
// centre by centre, in the same order, so that a state-wide run needs
// memory for the dataset and a few centres' results only.
//
// Load compiles the rules of a file on several goroutines with one expr
// configuration per goroutine, reused for every expression (expr.Compile
// would build it, and learn the model's types, again for each), and gives
// the operators their meaning on decimals and dates in one pass over each
// expression; LoadEmbeddedAll loads the embedded programmes at once.
//
// Expressions are pure, so none of this changes a verdict. Rule authors
// keep a programme with thousands of centres fast by not scanning
// programme-wide lists per centre with a predicate (index them with
// groupBy in a let, or use attendedBy), and by naming a value used in
// assert, message and evidence once, with let.
package rules

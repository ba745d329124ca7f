// Package rulefmt formats rule files and rule test files in one canonical
// layout, so that a review of a rule change shows the change and not the
// author's habits of indenting and quoting (as gofmt does for Go and
// opa fmt for Rego).
//
// The layout:
//
//   - Two spaces per level; the items of a list are indented under their
//     key ("rules:" then "  - id: …").
//   - The keys of a rule file and of a test file stand in the order of the
//     reference (KeyOrder); keys the format does not know follow, in their
//     order. The entries of params, let and evidence keep their order.
//   - A text is quoted only where YAML needs it: where plain text would be
//     read as a number, a date, a boolean, or would break the YAML (a ": ",
//     a " #"). A quoted text keeps its kind of quotes where it needs them.
//   - A block text (">-", "|") stays a block text, with its line breaks.
//     An expression or message (each, subject, when, let, needs, assert,
//     message, evidence, notApplicable, missing) whose line would be longer
//     than LongLine characters becomes a block text ">-", so that it needs
//     no quotes.
//   - Lists and mappings written in flow style ("[a, b]", "{doc: …}") stay
//     so, with one space after each comma and colon.
//   - Comments are kept, with the blank lines that separate groups (at
//     most one blank line in a row); rules and test cases are separated by
//     one blank line.
//
// Format never changes what a file says: it checks that the formatted
// text reads to the same values and keeps every comment, and returns an
// error rather than a text that does not. Formatting is idempotent:
// Format of a formatted text returns it unchanged.
//
// The package has no state; its functions are safe for concurrent use.
package rulefmt

// Package diag describes problems found in input files — data files and
// rule files — as values a program can sort, filter, store and render:
// a severity, a one-sentence summary, a detail that says what to do, the
// range of the file the problem is about and the data path of the value.
//
// The packages of this module that read files (kiez for data, rules for
// rule files) report every problem they find at once as Diagnostics, so
// that a person can fix a file in one go instead of one error per run.
// A caller that only wants to know whether reading worked uses Err, whose
// result is nil exactly when no diagnostic is an error; a caller that
// wants every problem gets it back with errors.As.
//
// # Positions and ranges
//
// A Pos counts lines and columns from 1, columns in Unicode characters (an
// umlaut is one column), and bytes from 0. A Range runs from its Start,
// inclusive, to its End, exclusive: for a value of a YAML or JSON file it
// covers the whole value as written, quotes and all, and for a mapping or
// a list everything up to the end of its last entry (and the closing
// bracket of a flow collection). A Range whose End equals its Start marks
// a point, such as a position inside an expression.
//
// # Text
//
// WriteText renders diagnostics for a person in the style of compilers:
//
//	beispiel.yaml:14:36: error: assert: param "stundn" is not declared; did you mean "stunden"?
//	  14 |     assert: freistellung >= params.stundn
//	     |                                    ^
//	    = Declare it under params: with its type and history, or correct the name.
//
// The summary and detail are in the language the reading package writes
// them in; the words of the layout (severity names, "at") are fixed and
// English, so that tools can read the first line back.
//
// # Concurrency
//
// The types are plain values; a Diagnostics list may be read from several
// goroutines at once but not changed while it is read.
//
// # Dependencies
//
// The package imports only the standard library, so that every other
// package of the module, and an embedding program, can use it.
package diag

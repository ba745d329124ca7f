// Package words renders values for people in a language: numbers,
// decimals, dates, spans of days, durations, booleans, lists, records of
// the data model, calendar buckets with their days, and the summaries of
// the cadence, gap, hours and coverage checks of the rules engine.
//
// It is the one formatter of the module. The engine (package rules)
// computes values and hands them here as facts (Cadence, Gaps, Hours,
// Coverage, Span, ClosedDays); this package writes the words. German is
// the default language and the language of the engine's own messages;
// English is complete, so that an English report shows no German evidence.
//
// The package imports the data model and the calendar package but not the
// rules engine, which imports it. A Formatter reaches values of packages
// above it through its Facts hook.
//
// Every function is pure; a Formatter may be used from several goroutines
// at once.
package words

// This file writes values for people: the words come from internal/words,
// the one formatter; this file hands it the engine's check values as facts.

package rules

import (
	"reflect"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/schedule"
)

// German formats the period for messages: 01.01.2024–31.12.2024.
func (p Period) German() string { return words.German.Span(words.Span(p)) }

func germanDate(d date.Date) string { return words.German.Date(d) }

// Format renders a value of an expression for people, the German way:
// decimals with a decimal comma, dates as 15.03.2024, true/false as
// ja/nein, lists joined with commas, and nothing as "–".
func Format(v any) string { return words.Formatter{Lang: words.German, Facts: facts}.Format(v) }

// FormatIn renders a value of an expression for people in the language
// given by its ISO 639-1 code: "en" English (decimal point, dates as
// 2024-03-15, yes/no, the check summaries in English), anything else
// German as Format does. Reports use it to write Evidence.Value in their
// language; Evidence.Text is in the engine's language (WithLanguage).
func FormatIn(lang string, v any) string {
	return words.Formatter{Lang: words.Language(lang), Facts: facts}.Format(v)
}

// checkValue is a check value of the engine that the formatter writes in
// words: fact gives the facts it writes.
type checkValue interface{ fact() any }

// facts gives the facts of the engine's check values (checkValue), given
// as they are or by pointer; ok is false for any other value and for a
// nil pointer. The formatter asks for every value it does not know, so a
// value that is no check value costs one type assertion, without
// reflection.
func facts(v any) (any, bool) {
	c, ok := v.(checkValue)
	if !ok {
		return nil, false
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, false
	}
	return c.fact(), true
}

func (x GapCheck) fact() any {
	return words.Gaps{Occurrences: x.Occurrences, Longest: x.Longest, Exceeded: x.Detail.Exceeded}
}

func (x HoursCheck) fact() any { return words.Hours{Total: x.Total, Missed: x.Detail.Missed} }

func (x Span) fact() any { return words.Span(x) }

func (x Period) fact() any { return words.Span{From: x.From, Until: x.Until} }

func (x ClosedDays) fact() any { return words.ClosedDays{Closures: x.closures, Land: x.land} }

// fact gives the figures of a cadence check the formatter needs.
func (c Cadence) fact() any {
	if c.Windows.Min > 0 {
		return words.Cadence{Total: c.Total, Window: c.Windows.Window, Min: c.Windows.Min, Stretches: c.Windows.Missed}
	}
	f := words.Cadence{Total: c.Total, Per: c.Detail.Target.Per, Buckets: c.Buckets}
	bucketsOf := func(l []schedule.BucketCount) []schedule.Bucket {
		out := make([]schedule.Bucket, len(l))
		for i := range l {
			out[i] = l[i].Bucket
		}
		return out
	}
	f.Missed, f.Exceeded = bucketsOf(c.Detail.Missed), bucketsOf(c.Detail.Exceeded)
	for _, x := range c.Detail.Buckets {
		switch x.Reason {
		case "closed":
			f.Closed = append(f.Closed, x.Bucket)
		case "partial":
			f.Cut = append(f.Cut, x.Bucket)
		}
	}
	return f
}

// fact gives the figures of a coverage check the formatter needs.
func (c DayCoverage) fact() any {
	gaps := make([]words.Span, len(c.Gaps))
	for i, s := range c.Gaps {
		gaps[i] = words.Span(s)
	}
	return words.Coverage{OK: c.OK, Days: c.Days, Gaps: gaps}
}

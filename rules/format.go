// This file writes values for people: the words come from internal/words,
// the one formatter; this file hands it the engine's check values as facts.

package rules

import (
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

// facts gives the facts of the engine's check values, which the formatter
// writes in words, given as they are or by pointer; ok is false for any
// other value (a pointer to one is taken apart only when it points to a
// check value, without reflection: the formatter asks for every value it
// does not know).
func facts(v any) (any, bool) {
	switch x := v.(type) {
	case *Cadence:
		return factsOf(x)
	case *GapCheck:
		return factsOf(x)
	case *HoursCheck:
		return factsOf(x)
	case *DayCoverage:
		return factsOf(x)
	case *Span:
		return factsOf(x)
	case *Period:
		return factsOf(x)
	case *Stretch:
		return factsOf(x)
	case *HoursShort:
		return factsOf(x)
	case *ClosedDays:
		return factsOf(x)
	}
	return valueFacts(v)
}

// factsOf is facts of the value a pointer points to.
func factsOf[T any](p *T) (any, bool) {
	if p == nil {
		return nil, false
	}
	return valueFacts(*p)
}

// valueFacts is facts of a check value given as it is.
func valueFacts(v any) (any, bool) {
	switch x := v.(type) {
	case Cadence:
		return x.facts(), true
	case GapCheck:
		return words.Gaps{Occurrences: x.Occurrences, Longest: x.Longest, Exceeded: x.Detail.Exceeded}, true
	case HoursCheck:
		return words.Hours{Total: x.Total, Missed: x.Detail.Missed}, true
	case DayCoverage:
		return x.facts(), true
	case Span:
		return words.Span(x), true
	case Period:
		return words.Span{From: x.From, Until: x.Until}, true
	case Stretch:
		return x.fact(), true
	case HoursShort:
		return x.fact(), true
	case ClosedDays:
		return words.ClosedDays{Closures: x.closures, Land: x.land}, true
	}
	return nil, false
}

// facts are the figures of a cadence check the formatter needs.
func (c Cadence) facts() words.Cadence {
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

// facts are the figures of a coverage check the formatter needs.
func (c DayCoverage) facts() words.Coverage {
	gaps := make([]words.Span, len(c.Gaps))
	for i, s := range c.Gaps {
		gaps[i] = words.Span(s)
	}
	return words.Coverage{OK: c.OK, Days: c.Days, Gaps: gaps}
}

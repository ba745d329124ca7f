package report

import (
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/rules"
)

// words is the language of the one formatter, internal/words.
func (l Language) words() words.Language {
	if l == English {
		return words.English
	}
	return words.German
}

// formatInt formats a whole number: 12.345 (German), 12,345 (English).
func (l Language) formatInt(n int, grouped bool) string { return l.words().Int(n, grouped) }

// formatDecimal formats a decimal with the given number of places (-1:
// exact): 1.234,5 (German), 1,234.5 (English).
func (l Language) formatDecimal(d decimal.Decimal, places int, grouped bool) string {
	return l.words().Number(d, places, grouped)
}

// formatDate formats a day: 15.03.2024 (German), 2024-03-15 (English).
func (l Language) formatDate(d date.Date) string { return l.words().Date(d) }

// formatPeriod formats an inclusive range of days.
func (l Language) formatPeriod(from, until date.Date) string {
	return l.formatDate(from) + " – " + l.formatDate(until)
}

// formatStamp formats the time a report was made, in UTC.
func (l Language) formatStamp(t time.Time) string { return l.words().Stamp(t) }

// monthShort returns a short name of a month for chart axes.
func (l Language) monthShort(m time.Month) string { return l.words().MonthShort(m) }

// weekdayName returns the name of a day of the week.
func (l Language) weekdayName(d time.Weekday) string { return l.words().Weekday(d) }

// formatValue writes a value of a rule's expression (evidence) in the
// language: dates, decimals, booleans, records and the summaries of the
// cadence, gap, hours and coverage checks.
func (l Language) formatValue(v any) string { return rules.FormatIn(string(l.words()), v) }

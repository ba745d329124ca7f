package words

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"
)

// Language is the language values are written in, as its ISO 639-1 code.
// Every value other than English writes German.
type Language string

// The languages.
const (
	German  Language = "de"
	English Language = "en"
)

// Dash stands for nothing: no value, an empty list.
const Dash = "–"

// Date writes a day: 15.03.2024 (German), 2024-03-15 (English).
func (l Language) Date(d date.Date) string {
	var b [10]byte
	return string(l.AppendDate(b[:0], d))
}

// AppendDate appends the day as Date writes it.
func (l Language) AppendDate(b []byte, d date.Date) []byte {
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		if l == English {
			return fmt.Appendf(b, "%04d-%02d-%02d", y, int(m), day)
		}
		return fmt.Appendf(b, "%02d.%02d.%04d", day, int(m), y)
	}
	if l == English {
		return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
			byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10))
	}
	return append(b, byte('0'+day/10), byte('0'+day%10), '.', byte('0'+int(m)/10), byte('0'+int(m)%10), '.',
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// DayMonth writes a day without its year: 04.03. (German), 03-04 (English).
func (l Language) DayMonth(d date.Date) string {
	_, m, day := d.Date()
	if l == English {
		return fmt.Sprintf("%02d-%02d", int(m), day)
	}
	return fmt.Sprintf("%02d.%02d.", day, int(m))
}

// rangeDash is the dash between the ends of a range: German writes it
// close (01.01.2024–31.12.2024), English with spaces, as its dates hold
// hyphens (2024-01-01 – 2024-12-31).
func (l Language) rangeDash() string {
	if l == English {
		return " – "
	}
	return "–"
}

// Stamp writes the time a report was made, in UTC.
func (l Language) Stamp(t time.Time) string {
	t = t.UTC()
	if l == English {
		return t.Format("2006-01-02 15:04 UTC")
	}
	return t.Format("02.01.2006 15:04 UTC")
}

// MonthShort writes a short name of a month, for chart axes and tables.
func (l Language) MonthShort(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	if l == English {
		return m.String()[:3]
	}
	return [...]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul",
		"Aug", "Sep", "Okt", "Nov", "Dez"}[m-1]
}

// Weekday writes the name of a day of the week.
func (l Language) Weekday(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return strconv.Itoa(int(d))
	}
	if l == English {
		return d.String()
	}
	return [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}[d]
}

// Bool writes a truth value: ja/nein, yes/no.
func (l Language) Bool(b bool) string {
	switch {
	case l == English && b:
		return "yes"
	case l == English:
		return "no"
	case b:
		return "ja"
	}
	return "nein"
}

// point is the decimal mark of the language.
func (l Language) point() byte {
	if l == English {
		return '.'
	}
	return ','
}

// thousands is the separator of groups of three digits.
func (l Language) thousands() byte {
	if l == English {
		return ','
	}
	return '.'
}

// Decimal writes a decimal exactly, without grouping: 12,5 (German), 12.5
// (English).
func (l Language) Decimal(d decimal.Decimal) string {
	s := d.String()
	if i := strings.IndexByte(s, '.'); i >= 0 && l.point() != '.' {
		return s[:i] + string(l.point()) + s[i+1:]
	}
	return s
}

// appendNumber appends a number written with a decimal point with the
// language's decimal mark.
func (l Language) appendNumber(b []byte, s string) []byte {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		b = append(b, s[:i]...)
		b = append(b, l.point())
		s = s[i+1:]
	}
	return append(b, s...)
}

// Number writes a decimal with the given number of places (-1: exact),
// grouped in thousands unless grouped is false (for CSV): 1.234,5
// (German), 1,234.5 (English).
func (l Language) Number(d decimal.Decimal, places int, grouped bool) string {
	var s string
	places = min(places, 20)
	if places >= 0 {
		s = d.StringFixed(int32(places))
	} else {
		s = d.String()
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	out := l.group(whole, grouped)
	if hasFrac {
		out += string(l.point()) + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		return "-" + out
	}
	return out
}

// Int writes a whole number, grouped in thousands unless grouped is
// false: 12.345 (German), 12,345 (English).
func (l Language) Int(n int, grouped bool) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = l.group(strings.TrimPrefix(s, "-"), grouped)
	if neg {
		return "-" + s
	}
	return s
}

// group puts the thousands separator between groups of three digits of
// an unsigned decimal integer text.
func (l Language) group(s string, grouped bool) string {
	if len(s) <= 3 || !grouped {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(l.thousands())
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Noun is a counted thing of the summaries.
type Noun int

// The counted things.
const (
	Session Noun = iota // Termin
	Day
	Week
	Month
	Quarter
	HalfYear
	Year
	Period // a stretch of time of no known unit
)

// nounForms are a noun's German singular, plural and dative plural, and
// its English singular and plural.
var nounForms = [...]struct{ one, many, dative, en, enMany string }{
	Session:  {"Termin", "Termine", "Terminen", "session", "sessions"},
	Day:      {"Tag", "Tage", "Tagen", "day", "days"},
	Week:     {"Woche", "Wochen", "Wochen", "week", "weeks"},
	Month:    {"Monat", "Monate", "Monaten", "month", "months"},
	Quarter:  {"Quartal", "Quartale", "Quartalen", "quarter", "quarters"},
	HalfYear: {"Halbjahr", "Halbjahre", "Halbjahren", "half-year", "half-years"},
	Year:     {"Jahr", "Jahre", "Jahren", "year", "years"},
	Period:   {"Zeitraum", "Zeiträume", "Zeiträumen", "period", "periods"},
}

// Count writes a count with its noun: "1 Termin", "3 Termine"; "1
// session", "3 sessions".
func (l Language) Count(n int, what Noun) string {
	return l.count(n, what, false)
}

// count writes a count with its noun; dative chooses the German dative
// plural ("in 12 Monaten").
func (l Language) count(n int, what Noun, dative bool) string {
	if what < 0 || int(what) >= len(nounForms) {
		what = Period
	}
	f := nounForms[what]
	one, many := f.one, f.many
	switch {
	case l == English:
		one, many = f.en, f.enMany
	case dative:
		many = f.dative
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Duration writes a length of time in words: "6 Monate", "6 Wochen";
// "6 months", "6 weeks". Whole weeks of days are written as weeks.
func (l Language) Duration(p period.Period) string {
	var parts []string
	if y := p.Years(); y != 0 {
		parts = append(parts, l.Count(y, Year))
	}
	if m := p.Months(); m != 0 {
		parts = append(parts, l.Count(m, Month))
	}
	if d := p.Days(); d != 0 && d%7 == 0 {
		parts = append(parts, l.Count(d/7, Week))
	} else if d != 0 {
		parts = append(parts, l.Count(d, Day))
	}
	return strings.Join(parts, " ")
}

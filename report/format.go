package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"
)

// groupDigits puts a separator between groups of three digits of an
// unsigned decimal integer text.
func groupDigits(s string, sep byte) string {
	if len(s) <= 3 || sep == 0 {
		return s
	}
	var b strings.Builder
	head := len(s) % 3
	if head > 0 {
		b.WriteString(s[:head])
	}
	for i := head; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// separators returns the thousands and the decimal separator of the
// language; grouped false drops the thousands separator (for CSV).
func (l Language) separators(grouped bool) (thousands, point byte) {
	if l == English {
		thousands, point = ',', '.'
	} else {
		thousands, point = '.', ','
	}
	if !grouped {
		thousands = 0
	}
	return thousands, point
}

// formatInt formats a whole number: 12.345 (German), 12,345 (English).
func (l Language) formatInt(n int, grouped bool) string {
	th, _ := l.separators(grouped)
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = groupDigits(strings.TrimPrefix(s, "-"), th)
	if neg {
		return "-" + s
	}
	return s
}

// formatDecimal formats a decimal with the given number of places (-1:
// exact): 1.234,5 (German), 1,234.5 (English).
func (l Language) formatDecimal(d decimal.Decimal, places int, grouped bool) string {
	th, pt := l.separators(grouped)
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
	out := groupDigits(whole, th)
	if hasFrac {
		out += string(pt) + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		return "-" + out
	}
	return out
}

// formatDate formats a day: 15.03.2024 (German), 2024-03-15 (English).
func (l Language) formatDate(d date.Date) string {
	if l == English {
		return isoDate(d)
	}
	y, m, day := d.Date()
	return fmt.Sprintf("%02d.%02d.%04d", day, int(m), y)
}

// formatPeriod formats an inclusive range of days.
func (l Language) formatPeriod(from, until date.Date) string {
	return l.formatDate(from) + " – " + l.formatDate(until)
}

// formatStamp formats the time a report was made, in UTC.
func (l Language) formatStamp(t time.Time) string {
	t = t.UTC()
	if l == English {
		return t.Format("2006-01-02 15:04 UTC")
	}
	return t.Format("02.01.2006 15:04 UTC")
}

// monthShort returns a short name of a month for chart axes.
func (l Language) monthShort(m time.Month) string {
	if m < time.January || m > time.December {
		return strconv.Itoa(int(m))
	}
	if l == English {
		return m.String()[:3]
	}
	return [...]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul",
		"Aug", "Sep", "Okt", "Nov", "Dez"}[m-1]
}

// weekdayName returns the name of a day of the week.
func (l Language) weekdayName(d time.Weekday) string {
	if d < time.Sunday || d > time.Saturday {
		return strconv.Itoa(int(d))
	}
	if l == English {
		return d.String()
	}
	return [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}[d]
}

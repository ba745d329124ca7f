package schedule

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// The package works on the dates 0001-01-01 to 9999-12-31: four-digit years
// are what iCalendar and the bucket labels can write.
const (
	minDay date.PeriodOfDays = -719162 // 0001-01-01, days since 1970-01-01
	endDay date.PeriodOfDays = 2932897 // 10000-01-01, the first day past the supported dates
)

// supported reports whether d lies in 0001-01-01 to 9999-12-31.
func supported(d date.Date) bool {
	n := d.DaysSinceEpoch()
	return n >= minDay && n < endDay
}

// checkRange returns an error unless every day of r is a supported date.
func checkRange(r timespan.DateRange) error {
	start, end := r.Start().DaysSinceEpoch(), r.End().DaysSinceEpoch()
	if start < minDay || end > endDay || end < start {
		return fmt.Errorf("schedule: date range %s lies outside the supported dates 0001-01-01 to 9999-12-31", rangeText(r))
	}
	return nil
}

// rangeText writes r with inclusive ends, e.g. "2024-01-01..2024-12-31".
func rangeText(r timespan.DateRange) string {
	if r.IsEmpty() {
		return "empty range at " + r.Start().String()
	}
	return r.Start().String() + ".." + r.Last().String()
}

// ParseDate parses a calendar date written as YYYY-MM-DD, such as
// "2024-02-29". Unlike date.ParseISO it never panics, accepts only four-digit
// years 0001 to 9999, and rejects days that do not exist (2024-02-30) instead
// of moving them into the next month. Errors are *ParseError.
func ParseDate(s string) (date.Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return date.Date{}, &ParseError{Kind: "date", Input: s, Err: errors.New("want YYYY-MM-DD")}
	}
	return ymd(s, s[0:4], s[5:7], s[8:10])
}

// parseBasicDate parses the iCalendar DATE form YYYYMMDD.
func parseBasicDate(s string) (date.Date, error) {
	if len(s) != 8 {
		return date.Date{}, &ParseError{Kind: "date", Input: s, Err: errors.New("want YYYYMMDD")}
	}
	return ymd(s, s[0:4], s[4:6], s[6:8])
}

// ymd converts the digit fields of a date, rejecting impossible dates.
func ymd(in, ys, ms, ds string) (date.Date, error) {
	y, okY := digits(ys)
	m, okM := digits(ms)
	d, okD := digits(ds)
	switch {
	case !okY || !okM || !okD:
		return date.Date{}, &ParseError{Kind: "date", Input: in, Err: errors.New("year, month and day must be digits")}
	case y < 1:
		return date.Date{}, &ParseError{Kind: "date", Input: in, Err: errors.New("year must be 0001 to 9999")}
	case m < 1 || m > 12:
		return date.Date{}, &ParseError{Kind: "date", Input: in, Err: fmt.Errorf("month %02d does not exist", m)}
	case d < 1 || d > date.DaysIn(y, time.Month(m)):
		return date.Date{}, &ParseError{Kind: "date", Input: in, Err: fmt.Errorf("day %02d does not exist in %04d-%02d", d, y, m)}
	}
	return date.New(y, time.Month(m), d), nil
}

// digits converts a short string of ASCII digits; ok is false for anything
// else, including signs and the empty string.
func digits(s string) (n int, ok bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// basicDate writes d as YYYYMMDD, the iCalendar DATE form.
func basicDate(d date.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%04d%02d%02d", y, int(m), day)
}

// mondayOf returns the Monday on or before d (ISO weeks start on Monday).
func mondayOf(d date.Date) date.Date {
	return d.Add(-date.PeriodOfDays((int(d.Weekday()) + 6) % 7))
}

// monthIndex numbers months consecutively: year*12 + month-1.
func monthIndex(d date.Date) int {
	y, m, _ := d.Date()
	return y*12 + int(m) - 1
}

// firstOfMonth returns the first day of the month with the given monthIndex.
func firstOfMonth(idx int) date.Date {
	return date.New(floorDiv(idx, 12), time.Month(floorMod(idx, 12)+1), 1)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

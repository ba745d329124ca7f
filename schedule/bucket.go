package schedule

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
)

// Unit is a kind of calendar bucket: ISO week, month, quarter, calendar
// half-year or year. Its text form is the stable lowercase identifier
// "week", "month", "quarter", "half-year" or "year"; ParseUnit reads it and
// String writes it, so that ParseUnit(u.String()) == u for every valid u.
type Unit int

// The calendar units. Weeks are ISO 8601 weeks (Monday to Sunday, week 1 is
// the week with the year's first Thursday); quarters start in January,
// April, July and October; half-years in January and July.
const (
	Week     Unit = iota + 1 // "week", labelled like "2024-W01"
	Month                    // "month", labelled like "2024-03"
	Quarter                  // "quarter", labelled like "2024-Q2"
	HalfYear                 // "half-year", labelled like "2024-H1"
	Year                     // "year", labelled like "2024"
)

// String returns the text identifier of u, such as "half-year".
func (u Unit) String() string {
	switch u {
	case Week:
		return "week"
	case Month:
		return "month"
	case Quarter:
		return "quarter"
	case HalfYear:
		return "half-year"
	case Year:
		return "year"
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// ParseUnit reads a unit identifier: "week", "month", "quarter", "half-year"
// or "year", in any letter case. Errors are *ParseError.
func ParseUnit(s string) (Unit, error) {
	for u := Week; u <= Year; u++ {
		if strings.EqualFold(s, u.String()) {
			return u, nil
		}
	}
	return 0, &ParseError{Kind: "unit", Input: s, Err: errors.New(`want "week", "month", "quarter", "half-year" or "year"`)}
}

// MarshalText writes the identifier of u; it fails for an invalid unit.
func (u Unit) MarshalText() ([]byte, error) {
	if u < Week || u > Year {
		return nil, fmt.Errorf("schedule: invalid unit %d", int(u))
	}
	return []byte(u.String()), nil
}

// UnmarshalText reads a unit identifier like ParseUnit.
func (u *Unit) UnmarshalText(text []byte) error {
	v, err := ParseUnit(string(text))
	if err != nil {
		return err
	}
	*u = v
	return nil
}

// Bucket is one calendar period a date range is split into.
type Bucket struct {
	Label   string             `json:"label" expr:"label"`               // stable label: "2024-W01", "2024-03", "2024-Q2", "2024-H1", "2024", or "2024-01-01/P6W" for a rolling window
	Range   timespan.DateRange `json:"-" expr:"range"`                   // the days of the bucket inside the split range (half-open)
	Whole   timespan.DateRange `json:"-" expr:"whole"`                   // the complete bucket, which may extend past the split range (half-open)
	Partial bool               `json:"partial,omitempty" expr:"partial"` // the split range cuts the bucket: Range is shorter than Whole
}

// MaxBuckets bounds splitting: Split and SplitRolling return a *LimitError
// rather than more buckets than this.
const MaxBuckets = 100_000

// Bucket returns the whole calendar bucket of unit u that contains d, with
// Range equal to Whole. It returns the zero Bucket for an invalid unit.
func (u Unit) Bucket(d date.Date) Bucket {
	var start, end date.Date
	var label string
	var y int
	var m time.Month
	if u != Week {
		y, m, _ = d.Date()
	}
	switch u {
	case Week:
		start = mondayOf(d)
		end = start.Add(7)
		isoYear, isoWeek := start.Add(3).ISOWeek()
		label = bucketLabel(isoYear, "-W", isoWeek, 2)
	case Month:
		start, end = firstOfMonth(y*12+int(m)-1), firstOfMonth(y*12+int(m))
		label = bucketLabel(y, "-", int(m), 2)
	case Quarter:
		q := (int(m) - 1) / 3
		start, end = firstOfMonth(y*12+3*q), firstOfMonth(y*12+3*q+3)
		label = bucketLabel(y, "-Q", q+1, 1)
	case HalfYear:
		h := (int(m) - 1) / 6
		start, end = firstOfMonth(y*12+6*h), firstOfMonth(y*12+6*h+6)
		label = bucketLabel(y, "-H", h+1, 1)
	case Year:
		start, end = date.New(y, time.January, 1), date.New(y+1, time.January, 1)
		label = bucketLabel(y, "", 0, 0)
	default:
		return Bucket{}
	}
	whole := timespan.NewDateRange(start, end)
	return Bucket{Label: label, Range: whole, Whole: whole}
}

// bucketLabel writes a bucket's label: the year in four digits and, unless
// sep is empty, sep and n in at least width digits ("2024-W03", "2024-Q1",
// "2024"), as fmt's %04d and %0*d would, without fmt.
func bucketLabel(year int, sep string, n, width int) string {
	var buf [16]byte
	b := appendPadded(buf[:0], year, 4)
	if sep != "" {
		b = append(b, sep...)
		b = appendPadded(b, n, width)
	}
	return string(b)
}

// appendPadded appends n in decimal, with leading zeros to at least width
// characters, as fmt's %0*d writes it.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		return append(b, fmt.Sprintf("%0*d", width, n)...)
	}
	digits := 1
	for x := n; x >= 10; x /= 10 {
		digits++
	}
	for ; digits < width; digits++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// Split cuts within into the calendar buckets of unit u, in order. The first
// and last bucket are Partial when within starts or ends inside them; their
// Range holds only the days inside within, their Whole the complete bucket.
// An empty range yields no buckets. Split fails for an invalid unit, for
// dates outside 0001-01-01 to 9999-12-31, and with a *LimitError past
// MaxBuckets buckets.
func Split(within timespan.DateRange, u Unit) ([]Bucket, error) {
	if u < Week || u > Year {
		return nil, fmt.Errorf("schedule: invalid unit %d", int(u))
	}
	if err := checkRange(within); err != nil {
		return nil, err
	}
	if within.IsEmpty() {
		return nil, nil
	}
	// A bucket has at most longest days, so there are at least days/longest
	// buckets: fail before allocating when that is already too many.
	longest := [...]int{Week: 7, Month: 31, Quarter: 92, HalfYear: 184, Year: 366}[u]
	atLeast := int(within.Days()) / longest
	if atLeast > MaxBuckets {
		return nil, &LimitError{What: "buckets", Limit: MaxBuckets}
	}
	out := make([]Bucket, 0, min(atLeast+2, MaxBuckets))
	if u == Week {
		return splitWeeks(within, out)
	}
	for b := u.Bucket(within.Start()); b.Whole.Start().Before(within.End()); b = u.Bucket(b.Whole.End()) {
		if len(out) == MaxBuckets {
			return nil, &LimitError{What: "buckets", Limit: MaxBuckets}
		}
		out = append(out, clip(b, within))
	}
	return out, nil
}

// splitWeeks is Split for ISO weeks, appending to out: each week's number
// follows from the one before (the week whose Thursday is the first of a
// year is week 1 of that year), as Unit.Bucket would work it out anew.
func splitWeeks(within timespan.DateRange, out []Bucket) ([]Bucket, error) {
	start := mondayOf(within.Start())
	year, week := start.Add(3).ISOWeek()
	nextYear := date.New(year+1, time.January, 1) // a Thursday from here on starts week 1 of year+1
	for ; start.Before(within.End()); start = start.Add(7) {
		if !start.Add(3).Before(nextYear) {
			year, week, nextYear = year+1, 1, date.New(year+2, time.January, 1)
		}
		if len(out) == MaxBuckets {
			return nil, &LimitError{What: "buckets", Limit: MaxBuckets}
		}
		whole := timespan.NewDateRange(start, start.Add(7))
		out = append(out, clip(Bucket{Label: bucketLabel(year, "-W", week, 2), Range: whole, Whole: whole}, within))
		week++
	}
	return out, nil
}

// clip cuts b down to the days inside within.
func clip(b Bucket, within timespan.DateRange) Bucket {
	start := b.Whole.Start().Max(within.Start())
	end := b.Whole.End().Min(within.End())
	b.Range = timespan.NewDateRange(start, end)
	b.Partial = b.Range != b.Whole
	return b
}

// SplitRolling cuts within into consecutive windows of the given length,
// starting at within's first day: [start, start+w), [start+w, start+2w), ...
// Window boundaries are computed from the start (start + k·w), so that
// month-based windows do not drift. The last window is Partial when within
// ends inside it. Labels are the window's start and length in ISO 8601,
// e.g. "2024-01-01/P6W". For a number of days n use period.NewYMD(0, 0, n)
// (n ≤ 3276, the limit of period.Period).
//
// The window must be positive whole years, months, weeks or days without a
// time part. SplitRolling fails otherwise, for dates outside 0001-01-01 to
// 9999-12-31, and with a *LimitError past MaxBuckets windows.
func SplitRolling(within timespan.DateRange, window period.Period) ([]Bucket, error) {
	if err := checkWindow(window); err != nil {
		return nil, err
	}
	if err := checkRange(within); err != nil {
		return nil, err
	}
	y, m, d := window.Years(), window.Months(), window.Days()
	start, end := within.Start(), within.End()
	suffix := "/" + window.String()
	atLeast := int(within.Days()) / (366*y + 31*m + d)
	if atLeast > MaxBuckets {
		return nil, &LimitError{What: "buckets", Limit: MaxBuckets}
	}
	out := make([]Bucket, 0, min(atLeast+2, MaxBuckets))
	for k := 0; ; k++ {
		s := start.AddDate(k*y, k*m, k*d)
		if !s.Before(end) {
			break
		}
		if len(out) == MaxBuckets {
			return nil, &LimitError{What: "buckets", Limit: MaxBuckets}
		}
		whole := timespan.NewDateRange(s, start.AddDate((k+1)*y, (k+1)*m, (k+1)*d))
		out = append(out, clip(Bucket{Label: s.String() + suffix, Whole: whole}, within))
	}
	return out, nil
}

// checkWindow accepts positive periods of whole years, months, weeks and days.
func checkWindow(p period.Period) error {
	whole := float32(p.Years()) == p.YearsFloat() && float32(p.Months()) == p.MonthsFloat() && float32(p.Days()) == p.DaysFloat()
	if !p.IsPositive() || !p.OnlyHMS().IsZero() || !whole {
		return fmt.Errorf("schedule: window %s must be a positive number of whole years, months, weeks or days without a time part", p)
	}
	return nil
}

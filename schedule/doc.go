// Package schedule does the calendar arithmetic behind the time obligations
// of family-centre funding programmes: it expands recurrences, splits date
// ranges into calendar buckets, checks how often and how regularly dated
// occurrences happened, knows German public holidays and closure periods,
// and exports planned obligations as iCalendar files.
//
// The package knows nothing about centres or programmes; a rules engine asks
// it questions such as "was there an Elterncafé in every ISO week that was
// not closed?" or "was any gap between themed sessions longer than 42
// days?", and gets back plain structs with exported fields and OK methods
// that carry the evidence a person needs.
//
// The package has no mutable global state and its results depend only on
// the arguments (never on the clock), so it is safe for concurrent use; the
// values it returns are not shared with other calls. Nothing panics on bad
// input: functions return errors, text errors are *ParseError and bound
// violations *LimitError (use errors.As).
// Dates are github.com/rickb777/date values within 0001-01-01 to 9999-12-31;
// ranges are half-open timespan.DateRange values [start, end), so
// timespan.NewYearOf(2024) is the whole year 2024.
//
// # Recurrences
//
// A Recurrence is a subset of the RFC 5545 RRULE (FREQ, INTERVAL, BYDAY,
// BYMONTHDAY, COUNT, UNTIL) with a text form that round-trips:
//
//	FREQ=WEEKLY;BYDAY=WE         weekly on Wednesday
//	FREQ=WEEKLY;INTERVAL=2       every other week
//	FREQ=MONTHLY;BYDAY=-1FR      monthly on the last Friday
//	FREQ=MONTHLY;INTERVAL=3      quarterly
//	FREQ=MONTHLY;INTERVAL=6      half-yearly
//	FREQ=YEARLY                  yearly
//
// Recurrence.Expand lists its dates inside a range, optionally skipping
// closures and public holidays. Expansion is bounded by MaxOccurrences.
//
// A Target ("PER=year;MIN=3;MAX=4") says how often something must happen
// per bucket; it has its own text form because RFC 5545 has none for it.
//
// # Buckets
//
// Split cuts a range into ISO weeks, months, quarters, calendar half-years
// or years (a Unit: "week", "month", "quarter", "half-year", "year");
// SplitRolling into rolling windows such as P6W. Each Bucket has a stable
// label ("2024-W01", "2024-03", "2024-Q2", "2024-H1", "2024",
// "2024-01-01/P6W") and is marked Partial when the range cuts it.
//
// # Cadence checks
//
// CheckCount counts occurrences per bucket against a Target, CheckGaps finds
// gaps longer than a number of days (including from the range start to the
// first occurrence and from the last one to the range end), and CheckSum
// adds up decimal quantities such as hours per bucket. Options excuse closed
// buckets (WithClosures, WithHolidays, WithWorkdays) and decide how partial
// edge buckets count (WithEdges).
//
// # Holidays and closures
//
// PublicHolidays computes the Land-wide public holidays of all 16 Länder for
// any year from the Gregorian Easter date (Easter), with German names and
// stable identifiers. Closures holds closure periods such as Schließzeiten
// and school holidays and answers whether a day or a bucket is closed.
//
// # iCalendar export
//
// Calendar.WriteTo writes planned obligations as an RFC 5545 file with
// all-day or timed events (floating local times), RRULE and EXDATE, correct
// folding of UTF-8 text and a caller-supplied DTSTAMP, so that the output is
// reproducible.
package schedule

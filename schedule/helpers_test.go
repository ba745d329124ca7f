package schedule_test

import (
	"flag"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files")

// day parses a YYYY-MM-DD literal; test data is trusted, so it panics on a typo.
func day(s string) date.Date {
	d, err := schedule.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// days parses several YYYY-MM-DD literals.
func days(ss ...string) []date.Date {
	out := make([]date.Date, len(ss))
	for i, s := range ss {
		out[i] = day(s)
	}
	return out
}

// span is the half-open range [start, end), exactly like timespan.DateRange.
func span(start, end string) timespan.DateRange {
	return timespan.NewDateRange(day(start), day(end))
}

func ptr[T any](v T) *T { return &v }

var (
	weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

	// cmpOpts compares the date library's types, which have unexported fields.
	cmpOpts = cmp.Options{
		cmp.Comparer(func(a, b timespan.DateRange) bool { return a == b }),
		cmp.Comparer(func(a, b period.Period) bool { return a == b }),
		cmpopts.EquateEmpty(),
	}
)

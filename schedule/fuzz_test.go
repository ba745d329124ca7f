package schedule_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

var recurrenceSeeds = []string{
	"FREQ=WEEKLY;BYDAY=WE",
	"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
	"FREQ=MONTHLY;BYDAY=2TU",
	"FREQ=MONTHLY;BYDAY=-1FR;COUNT=12",
	"FREQ=MONTHLY;BYMONTHDAY=31,-1",
	"FREQ=MONTHLY;INTERVAL=3",
	"FREQ=MONTHLY;INTERVAL=6;UNTIL=20301231",
	"FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1",
	"FREQ=YEARLY",
	"FREQ=DAILY;BYDAY=MO;BYMONTHDAY=13",
	"FREQ=DAILY;INTERVAL=1000",
	"RRULE:freq=weekly;byday=+1mo",
	"FREQ=WEEKLY;BYSETPOS=1",
	"FREQ=WEEKLY;;",
	"FREQ=WEEKLY;UNTIL=20240230",
	"=;=;=",
	"FREQ=MONTHLY;BYDAY=-0MO",
	"FREQ=MONTHLY;BYDAY=+-1MO",
	"FREQ=DAILY;COUNT=99999999999999999999",
	"",
}

func FuzzParseRecurrence(f *testing.F) {
	for _, s := range recurrenceSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := schedule.ParseRecurrence(s)
		if err != nil {
			var pe *schedule.ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("error %v is not a *ParseError for the input", err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("parsed %q into an invalid recurrence: %v", s, err)
		}
		text, err := r.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText: %v", err)
		}
		again, err := schedule.ParseRecurrence(string(text))
		if err != nil {
			t.Fatalf("ParseRecurrence(%q) (from %q): %v", text, s, err)
		}
		if diff := cmp.Diff(r, again, cmpOpts); diff != "" {
			t.Fatalf("round trip of %q via %q (-first +second):\n%s", s, text, diff)
		}
		if again.String() != string(text) {
			t.Fatalf("String() not stable: %q then %q", text, again.String())
		}
	})
}

func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"PER=week;MIN=1", "PER=year;MIN=3;MAX=4", "PER=P6W;MIN=1", "PER=P1Y2M3D;MAX=9", "PER=PT1H", "PER=P-1D;MIN=1", "PER=P99999Y;MIN=1", "min=0;max=0;per=month", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := schedule.ParseTarget(s)
		if err != nil {
			var pe *schedule.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		again, err := schedule.ParseTarget(tg.String())
		if err != nil || again != tg {
			t.Fatalf("round trip of %q via %q: %v, %v", s, tg.String(), again, err)
		}
	})
}

// FuzzExpand expands arbitrary rules from arbitrary anchors over arbitrary
// ranges (including ones outside the supported dates and up to the whole
// 0001–9999 span) and checks that expansion never panics, stays bounded,
// and returns sorted dates inside the range. The result is then fed to the
// checks, which must not panic either.
func FuzzExpand(f *testing.F) {
	epoch2024 := int32(day("2024-01-01").DaysSinceEpoch())
	for i, s := range recurrenceSeeds {
		f.Add(s, epoch2024+int32(i), epoch2024, int32(366), int32(i))
	}
	f.Add("FREQ=DAILY", int32(-719162), int32(-719162), int32(3652058), int32(0)) // every day of 0001–9999
	f.Add("FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", int32(-719162), int32(-719162), int32(3652058), int32(1))
	f.Add("FREQ=WEEKLY;COUNT=100000", int32(-719162), int32(2900000), int32(30000), int32(2))
	f.Add("FREQ=YEARLY", int32(2147483000), int32(2147483000), int32(2147483647), int32(3)) // wrap-around
	f.Fuzz(func(t *testing.T, rule string, dtstart, start, length, closureDays int32) {
		r, err := schedule.ParseRecurrence(rule)
		if err != nil {
			return
		}
		within := timespan.DayRange(date.NewOfDays(date.PeriodOfDays(start)), date.PeriodOfDays(length))
		var opts []schedule.Option
		if closureDays > 0 {
			from := date.NewOfDays(date.PeriodOfDays(start))
			if c, err := schedule.NewClosures(schedule.Closure{From: from, Until: from.Add(date.PeriodOfDays(closureDays % 400)), Label: "zu"}); err == nil {
				opts = append(opts, schedule.WithClosures(c), schedule.WithHolidays("DE-TH"))
			}
		}
		got, err := r.Expand(date.NewOfDays(date.PeriodOfDays(dtstart)), within, opts...)
		if err != nil {
			return
		}
		if len(got) > schedule.MaxOccurrences || (r.Count > 0 && len(got) > r.Count) {
			t.Fatalf("%d occurrences", len(got))
		}
		for i, d := range got {
			if !within.Contains(d) || d.Before(date.NewOfDays(date.PeriodOfDays(dtstart))) || (r.Until != nil && d.After(*r.Until)) {
				t.Fatalf("occurrence %s outside %v", d, within)
			}
			if i > 0 && !got[i-1].Before(d) {
				t.Fatalf("occurrences not strictly ascending at %d: %s, %s", i, got[i-1], d)
			}
		}
		_, _ = schedule.CheckGaps(got, within, 42, opts...)
		_, _ = schedule.CheckCount(got, within, schedule.Target{Per: schedule.Month, Min: 1, Max: 5}, append(opts, schedule.WithEdges(schedule.ProrateEdges))...)
	})
}

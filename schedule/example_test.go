package schedule_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

// mustDate parses a YYYY-MM-DD literal in the examples.
func mustDate(s string) date.Date {
	d, err := schedule.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func ExampleParseRecurrence() {
	r, err := schedule.ParseRecurrence("freq=monthly;byday=2tu")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Freq, r.ByDay[0].N, r.ByDay[0].Weekday)
	fmt.Println(r)

	_, err = schedule.ParseRecurrence("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2")
	var pe *schedule.ParseError
	if errors.As(err, &pe) {
		fmt.Printf("part %q at offset %d, unsupported: %v\n", pe.Part, pe.Offset, errors.Is(err, errors.ErrUnsupported))
	}
	fmt.Println(err)
	// Output:
	// MONTHLY 2 Tuesday
	// FREQ=MONTHLY;BYDAY=2TU
	// part "BYSETPOS=2" at offset 22, unsupported: true
	// schedule: cannot parse recurrence "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2": at offset 22: RRULE part "BYSETPOS" is not supported (supported: FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT, UNTIL): unsupported operation
}

func ExampleRecurrence_Expand() {
	// The quarterly AG KiEZ on the second Tuesday of January, April, July and October.
	r, _ := schedule.ParseRecurrence("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")
	dates, err := r.Expand(mustDate("2025-01-01"), timespan.NewYearOf(2025))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(dates)
	// Output:
	// [2025-01-14 2025-04-08 2025-07-08 2025-10-14]
}

func ExampleRecurrence_Expand_holidays() {
	// Weekly on Thursday in May 2024, skipping Hessian public holidays.
	r, _ := schedule.ParseRecurrence("FREQ=WEEKLY;BYDAY=TH")
	dates, _ := r.Expand(mustDate("2024-05-01"), timespan.NewMonthOf(2024, time.May), schedule.WithHolidays("DE-HE"))
	fmt.Println(dates)
	// Output:
	// [2024-05-02 2024-05-16 2024-05-23]
}

func ExampleParseTarget() {
	t, _ := schedule.ParseTarget("per=year;min=3;max=4")
	fmt.Println(t.Per, t.Min, t.Max)
	fmt.Println(t)
	// Output:
	// year 3 4
	// PER=year;MIN=3;MAX=4
}

func ExampleSplit() {
	// A funding period that starts in the middle of March.
	buckets, _ := schedule.Split(timespan.NewDateRange(mustDate("2024-03-15"), mustDate("2024-06-15")), schedule.Month)
	for _, b := range buckets {
		fmt.Println(b.Label, b.Range.Start(), b.Range.Last(), b.Partial)
	}
	// Output:
	// 2024-03 2024-03-15 2024-03-31 true
	// 2024-04 2024-04-01 2024-04-30 false
	// 2024-05 2024-05-01 2024-05-31 false
	// 2024-06 2024-06-01 2024-06-14 true
}

func ExampleUnit_Bucket() {
	for _, d := range []string{"2021-01-01", "2022-01-01", "2026-12-31", "2024-12-30"} {
		b := schedule.Week.Bucket(mustDate(d))
		fmt.Println(d, b.Label, b.Whole.Start(), b.Whole.Last())
	}
	// Output:
	// 2021-01-01 2020-W53 2020-12-28 2021-01-03
	// 2022-01-01 2021-W52 2021-12-27 2022-01-02
	// 2026-12-31 2026-W53 2026-12-28 2027-01-03
	// 2024-12-30 2025-W01 2024-12-30 2025-01-05
}

func ExampleCheckCount_closures() {
	// An Elterncafé every Wednesday, except in the summer closure.
	summer, _ := schedule.NewClosures(schedule.Closure{From: mustDate("2024-07-15"), Until: mustDate("2024-08-23"), Label: "Sommerferien"})
	within := timespan.NewDateRange(mustDate("2024-07-01"), mustDate("2024-09-09")) // 2024-W27 to 2024-W36
	r, _ := schedule.ParseRecurrence("FREQ=WEEKLY;BYDAY=WE")
	held, _ := r.Expand(mustDate("2024-07-01"), within, schedule.WithClosures(summer))
	held = held[1:] // the session of 3 July did not take place

	weekly, _ := schedule.ParseTarget("PER=week;MIN=1")
	res, err := schedule.CheckCount(held, within, weekly,
		schedule.WithClosures(summer),
		schedule.WithWorkdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.OK())
	for _, b := range res.Buckets {
		switch {
		case b.Excused:
			fmt.Println(b.Label, "excused:", b.Reason, b.ClosedBy)
		case b.Count < b.Min:
			fmt.Println(b.Label, "missed:", b.Range.Start(), "to", b.Range.Last())
		default:
			fmt.Println(b.Label, b.Dates)
		}
	}
	// Output:
	// false
	// 2024-W27 missed: 2024-07-01 to 2024-07-07
	// 2024-W28 [2024-07-10]
	// 2024-W29 excused: closed [Sommerferien]
	// 2024-W30 excused: closed [Sommerferien]
	// 2024-W31 excused: closed [Sommerferien]
	// 2024-W32 excused: closed [Sommerferien]
	// 2024-W33 excused: closed [Sommerferien]
	// 2024-W34 excused: closed [Sommerferien]
	// 2024-W35 [2024-08-28]
	// 2024-W36 [2024-09-04]
}

func ExampleCheckCount_warning() {
	// Three to four AG §78 meetings a year; fewer or more is a warning.
	target, _ := schedule.ParseTarget("PER=year;MIN=3;MAX=4")
	held := []date.Date{mustDate("2024-03-05"), mustDate("2024-11-12")}
	res, _ := schedule.CheckCount(held, timespan.NewYearOf(2024), target)
	if !res.OK() {
		fmt.Println("warning:", res)
	}
	// Output:
	// warning: PER=year;MIN=3;MAX=4 over 2024-01-01..2024-12-31: 2 occurrences; missed 2024 (2, min 3)
}

func ExampleCheckGaps() {
	// Themed sessions at least every six weeks: no gap longer than 42 days.
	held := []date.Date{mustDate("2024-01-10"), mustDate("2024-02-21"), mustDate("2024-04-04")}
	res, _ := schedule.CheckGaps(held, timespan.NewDateRange(mustDate("2024-01-01"), mustDate("2024-05-01")), 42)
	fmt.Println(res.OK())
	for _, g := range res.Exceeded {
		fmt.Println(g)
	}
	fmt.Println("longest:", res.Longest.Days, "days")
	// Output:
	// false
	// 2024-02-21..2024-04-04 (43 days)
	// longest: 43 days
}

func ExampleCheckSum() {
	// 10 hours of process facilitation per month, in exact decimals.
	h := func(d, amount string) schedule.Quantity {
		return schedule.Quantity{Date: mustDate(d), Amount: decimal.RequireFromString(amount)}
	}
	booked := []schedule.Quantity{
		h("2024-01-08", "6.5"), h("2024-01-22", "3.5"),
		h("2024-02-05", "4.25"), h("2024-02-19", "5.5"),
	}
	res, _ := schedule.CheckSum(booked, timespan.NewDateRange(mustDate("2024-01-01"), mustDate("2024-03-01")), schedule.Month, decimal.NewFromInt(10))
	fmt.Println(res)
	// Output:
	// min 10 per month over 2024-01-01..2024-02-29: total 19.75; missed 2024-02 (9.75 of 10)
}

func ExamplePublicHolidays() {
	list, _ := schedule.PublicHolidays("DE-TH", timespan.NewYearOf(2025))
	for _, h := range list {
		fmt.Println(h.Date, h.Name)
	}
	// Output:
	// 2025-01-01 Neujahr
	// 2025-04-18 Karfreitag
	// 2025-04-21 Ostermontag
	// 2025-05-01 Tag der Arbeit
	// 2025-05-29 Christi Himmelfahrt
	// 2025-06-09 Pfingstmontag
	// 2025-09-20 Weltkindertag
	// 2025-10-03 Tag der Deutschen Einheit
	// 2025-10-31 Reformationstag
	// 2025-12-25 1. Weihnachtstag
	// 2025-12-26 2. Weihnachtstag
}

func ExampleClosures() {
	c, _ := schedule.NewClosures(
		schedule.Closure{From: mustDate("2024-07-15"), Until: mustDate("2024-08-23"), Label: "Sommerferien"},
		schedule.Closure{From: mustDate("2024-12-23"), Until: mustDate("2025-01-03"), Label: "Weihnachten"},
	)
	fmt.Println(c.IsClosed(mustDate("2024-08-01")), c.IsClosed(mustDate("2024-08-24")))
	fmt.Println(c.Covers(schedule.Week.Bucket(mustDate("2024-12-30")).Range)) // 2025-W01 ends on Sunday 5 January
	fmt.Println(c.On(mustDate("2025-01-02"))[0].Label)
	// Output:
	// true false
	// false
	// Weihnachten
}

func ExampleCalendar_WriteTo() {
	weekly, _ := schedule.ParseRecurrence("FREQ=WEEKLY;BYDAY=WE;UNTIL=20251217")
	cal := schedule.Calendar{
		ProdID: "-//kiez-go//kiez//DE",
		Stamp:  time.Date(2024, 12, 1, 8, 0, 0, 0, time.UTC),
		Events: []schedule.Event{{
			UID:        "elterncafe-2025@fz.example",
			Summary:    "Elterncafé, offen",
			Date:       mustDate("2025-01-08"),
			Start:      9*time.Hour + 30*time.Minute,
			End:        11*time.Hour + 30*time.Minute,
			Recurrence: &weekly,
			Except:     []date.Date{mustDate("2025-07-09")},
		}},
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		fmt.Println(err)
		return
	}
	// Lines end in CRLF; print them without the CR.
	fmt.Print(strings.ReplaceAll(buf.String(), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//kiez-go//kiez//DE
	// CALSCALE:GREGORIAN
	// BEGIN:VEVENT
	// UID:elterncafe-2025@fz.example
	// DTSTAMP:20241201T080000Z
	// SEQUENCE:0
	// DTSTART:20250108T093000
	// DTEND:20250108T113000
	// RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20251217T235959
	// EXDATE:20250709T093000
	// SUMMARY:Elterncafé\, offen
	// END:VEVENT
	// END:VCALENDAR
}

func ExamplePlanCount() {
	// Weekly Elterncafés at two centres, judged over the same weeks and
	// closed days: the weeks are split and judged once, the dates counted
	// per centre.
	summer, _ := schedule.NewClosures(schedule.Closure{From: mustDate("2024-07-15"), Until: mustDate("2024-08-04"), Label: "Sommerferien"})
	within := timespan.NewDateRange(mustDate("2024-07-01"), mustDate("2024-08-12")) // 2024-W27 to 2024-W32
	weekly, _ := schedule.ParseTarget("PER=week;MIN=1")
	plan, err := schedule.PlanCount(within, weekly, schedule.WithClosures(summer),
		schedule.WithWorkdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday))
	if err != nil {
		fmt.Println(err)
		return
	}
	centres := map[string][]date.Date{
		"Nord": {mustDate("2024-07-03"), mustDate("2024-07-10"), mustDate("2024-08-07")},
		"Süd":  {mustDate("2024-07-02"), mustDate("2024-08-06")},
	}
	for _, name := range []string{"Nord", "Süd"} {
		fmt.Println(name+":", plan.Check(centres[name]))
	}
	// Output:
	// Nord: PER=week;MIN=1 over 2024-07-01..2024-08-11: 3 occurrences; ok
	// Süd: PER=week;MIN=1 over 2024-07-01..2024-08-11: 2 occurrences; missed 2024-W28 (0, min 1)
}

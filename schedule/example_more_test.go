package schedule_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// The rolling reading of "a Netzwerktreffen at least every six months":
// every stretch of six months must hold one. The meeting of December 2023
// anchors the first stretch of 2024.
func ExampleCheckWindows() {
	held := []date.Date{mustDate("2023-12-05"), mustDate("2024-03-12"), mustDate("2024-11-19")}
	res, err := schedule.CheckWindows(held, timespan.NewYearOf(2024), period.NewYMD(0, 6, 0), 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.OK(), res.Occurrences, res.Outside)
	for _, m := range res.Missed {
		fmt.Println(m)
	}
	// Output:
	// false 2 1
	// 2024-03-12..2024-11-19 (252 days)
}

// Rolling windows of six weeks over the first quarter; the last one is
// cut by the end of March.
func ExampleSplitRolling() {
	buckets, err := schedule.SplitRolling(timespan.NewDateRange(mustDate("2024-01-01"), mustDate("2024-04-01")), period.NewYMD(0, 0, 42))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range buckets {
		fmt.Println(b.Label, b.Range.Start(), b.Range.Last(), b.Partial)
	}
	// Output:
	// 2024-01-01/P6W 2024-01-01 2024-02-11 false
	// 2024-02-12/P6W 2024-02-12 2024-03-24 false
	// 2024-03-25/P6W 2024-03-25 2024-03-31 true
}

// A quarterly obligation checked month by month under WholeEdges: a
// quarter is judged once, in the month that holds its last day.
func ExampleJudgedBuckets() {
	for _, m := range []time.Month{time.May, time.June} {
		buckets, days, err := schedule.JudgedBuckets(timespan.NewMonthOf(2024, m), schedule.Quarter, schedule.WholeEdges)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m, len(buckets))
		for _, b := range buckets {
			fmt.Println(" ", b.Label, b.Range.Start(), b.Range.Last(), "counting", days.Start(), days.Last())
		}
	}
	// Output:
	// May 0
	// June 1
	//   2024-Q2 2024-04-01 2024-06-30 counting 2024-04-01 2024-06-30
}

// Checked half-year by half-year, a long gap between themed sessions is
// judged once: the gap that began in the first half-year (26 June) and
// grew past 42 days only in the second is a finding of the second. The
// first half-year has no session before it, so its first gap runs from
// 1 January.
func ExampleCheckGapsOnce() {
	held := []date.Date{mustDate("2024-05-15"), mustDate("2024-06-26"), mustDate("2024-08-28"), mustDate("2024-10-09")}
	h1 := timespan.NewDateRange(mustDate("2024-01-01"), mustDate("2024-07-01"))
	h2 := timespan.NewDateRange(mustDate("2024-07-01"), mustDate("2025-01-01"))
	for _, within := range []timespan.DateRange{h1, h2} {
		res, err := schedule.CheckGapsOnce(held, within, 42)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(res)
	}
	// Output:
	// max gap 42 days over 2024-01-01..2024-06-30: 2 occurrences, longest 2024-01-01..2024-05-15 (135 days, from the range start); exceeded 2024-01-01..2024-05-15 (135 days, from the range start)
	// max gap 42 days over 2024-07-01..2024-12-31: 2 occurrences, longest 2024-10-09..2024-12-31 (83 days, to the range end); exceeded 2024-06-26..2024-08-28 (63 days), 2024-10-09..2024-12-31 (83 days, to the range end)
}

// Read the plan exported last time and make the new export its next
// version: the changed event gets a higher SEQUENCE, the dropped one is
// sent as cancelled.
func ExampleReadCalendar() {
	weekly, _ := schedule.ParseRecurrence("FREQ=WEEKLY;BYDAY=WE")
	cal := schedule.Calendar{
		ProdID: "-//kiez-go//kiez//DE",
		Stamp:  time.Date(2024, 12, 1, 8, 0, 0, 0, time.UTC),
		Events: []schedule.Event{
			{UID: "elterncafe-2025@fz.example", Summary: "Elterncafé", Date: mustDate("2025-01-08"), Recurrence: &weekly},
			{UID: "ag78-2025-q1@fz.example", Summary: "AG § 78", Date: mustDate("2025-03-11")},
		},
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		fmt.Println(err)
		return
	}
	prev, err := schedule.ReadCalendar("plan-2025.ics", buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(prev.Events), prev.Events[0].Summary, prev.Events[0].Recurrence)

	next := schedule.Calendar{ProdID: cal.ProdID, Stamp: time.Date(2025, 2, 1, 8, 0, 0, 0, time.UTC),
		Events: []schedule.Event{{UID: "elterncafe-2025@fz.example", Summary: "Elterncafé", Date: mustDate("2025-01-08"),
			Recurrence: &weekly, Except: []date.Date{mustDate("2025-04-16")}}}}
	rev := next.Revise(prev.Events)
	fmt.Printf("%+v\n", rev)
	for _, e := range next.Events {
		fmt.Println(e.UID, e.Sequence, e.Cancelled)
	}

	_, err = schedule.ReadCalendar("kaputt.ics", []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
	var icsErr *schedule.ICSError
	fmt.Println(errors.As(err, &icsErr), err)
	// Output:
	// 2 Elterncafé FREQ=WEEKLY;BYDAY=WE
	// {New:0 Changed:1 Unchanged:0 Cancelled:1 Gone:0}
	// elterncafe-2025@fz.example 1 false
	// ag78-2025-q1@fz.example 1 true
	// true kaputt.ics:2: the file ends inside VCALENDAR; END:VCALENDAR is missing
}

// Easter Sunday, from which the movable holidays follow.
func ExampleEaster() {
	for _, y := range []int{2024, 2025, 2026} {
		fmt.Println(schedule.Easter(y))
	}
	// Output:
	// 2024-03-31
	// 2025-04-20
	// 2026-04-05
}

// Dates of data and rule files are YYYY-MM-DD; a day that does not exist
// is an error, a *ParseError that names the part at fault.
func ExampleParseDate() {
	for _, s := range []string{"2024-02-29", "2025-02-29", "29.02.2024"} {
		d, err := schedule.ParseDate(s)
		var pe *schedule.ParseError
		if errors.As(err, &pe) {
			fmt.Printf("%s: %v (%s)\n", s, err, pe.Kind)
			continue
		}
		fmt.Println(d, d.Weekday())
	}
	// Output:
	// 2024-02-29 Thursday
	// 2025-02-29: schedule: cannot parse date "2025-02-29": day 29 does not exist in 2025-02 (date)
	// 29.02.2024: schedule: cannot parse date "29.02.2024": want YYYY-MM-DD (date)
}

// Units and edge policies have text forms for rule files.
func ExampleParseUnit() {
	for _, s := range []string{"week", "half-year", "fortnight"} {
		u, err := schedule.ParseUnit(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(u, u.Bucket(mustDate("2024-08-15")).Label)
	}
	p, err := schedule.ParseEdgePolicy("prorate")
	fmt.Println(p == schedule.ProrateEdges, err)
	// Output:
	// week 2024-W33
	// half-year 2024-H2
	// schedule: cannot parse unit "fortnight": want "week", "month", "quarter", "half-year" or "year"
	// true <nil>
}

// Work is bounded: a daily recurrence over three centuries would give
// more than MaxOccurrences dates, and Expand says so instead of
// allocating them.
func ExampleLimitError() {
	daily, _ := schedule.ParseRecurrence("FREQ=DAILY")
	within := timespan.NewDateRange(mustDate("2000-01-01"), mustDate("2300-01-01"))
	_, err := daily.Expand(mustDate("2000-01-01"), within)
	var le *schedule.LimitError
	if errors.As(err, &le) {
		fmt.Println(le.What, le.Limit == schedule.MaxOccurrences)
	}
	fmt.Println(err)
	// Output:
	// occurrences true
	// schedule: more than 100000 occurrences
}

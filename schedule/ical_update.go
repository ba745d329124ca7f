package schedule

import "slices"

// Revision counts what Revise found, event by event.
type Revision struct {
	New       int // events whose UID the previous calendar does not have: SEQUENCE 0
	Changed   int // events whose time, recurrence or texts changed, or that were cancelled and are back: SEQUENCE one more
	Unchanged int // events as they were: SEQUENCE kept
	Cancelled int // events of the previous calendar that are gone: added as STATUS:CANCELLED, SEQUENCE one more
	Gone      int // events that were cancelled already and are still gone: added again as they were
}

// Revise makes c the next version of an earlier export of the same
// calendar, whose events are prev (e.g. ReadCalendar's Events), so that a
// calendar program that imports c updates the events it has instead of
// adding them twice (RFC 5545 3.8.7.4, with the meaning RFC 5546 gives
// SEQUENCE and STATUS:CANCELLED). Events are matched by UID:
//
//   - an event prev does not have gets SEQUENCE 0;
//   - an event with the same content lines as before (everything but UID,
//     DTSTAMP, SEQUENCE and STATUS) keeps its SEQUENCE;
//   - an event that changed, or that prev has as cancelled, gets prev's
//     SEQUENCE plus one;
//   - an event of prev that c lacks is appended, in prev's order, as it
//     was with STATUS:CANCELLED and SEQUENCE plus one, so that calendars
//     remove it; one that prev has as cancelled already is appended as it
//     was, so that revising c against itself changes nothing.
//
// The events of c are matched as they are: Revise sets their Sequence and
// clears Cancelled. Which events of prev belong to c (e.g. only those of
// the same plan year) is the caller's choice.
func (c *Calendar) Revise(prev []Event) Revision {
	var rev Revision
	old := make(map[string]Event, len(prev))
	for _, e := range prev {
		old[e.UID] = e
	}
	now := make(map[string]bool, len(c.Events))
	for i := range c.Events {
		e := &c.Events[i]
		now[e.UID] = true
		e.Cancelled = false
		before, ok := old[e.UID]
		switch {
		case !ok:
			e.Sequence = 0
			rev.New++
		case before.Cancelled || !sameContent(before, *e):
			e.Sequence = before.Sequence + 1
			rev.Changed++
		default:
			e.Sequence = before.Sequence
			rev.Unchanged++
		}
	}
	for _, e := range prev {
		if now[e.UID] {
			continue
		}
		now[e.UID] = true // a UID twice in prev is cancelled once
		if e.Cancelled {
			rev.Gone++
		} else {
			e.Cancelled = true
			e.Sequence++
			rev.Cancelled++
		}
		c.Events = append(c.Events, e)
	}
	return rev
}

// sameContent reports whether two events are written with the same
// content lines.
func sameContent(a, b Event) bool {
	return slices.Equal(contentLines(a), contentLines(b))
}

func contentLines(e Event) []string {
	var lines []string
	e.content(func(s string) { lines = append(lines, s) })
	return lines
}

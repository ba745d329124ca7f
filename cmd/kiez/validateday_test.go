package main

import (
	"testing"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
)

// TestLastActivity shows the default day of validate's staff count: the
// data's latest session, meeting or evidence date, today when there is
// none or it lies after today.
func TestLastActivity(t *testing.T) {
	today := date.New(2026, 12, 2)
	ds := &kiez.Dataset{Centres: []kiez.Centre{{
		Sessions: []kiez.Session{{Date: date.New(2024, 3, 1)}, {Date: date.New(2024, 11, 5)}},
		Meetings: []kiez.Meeting{{Date: date.New(2024, 6, 1)}},
	}}}
	if got := lastActivity(ds, today); got != date.New(2024, 11, 5) {
		t.Errorf("lastActivity = %s, want 2024-11-05", got)
	}
	if got := lastActivity(&kiez.Dataset{}, today); got != today {
		t.Errorf("without dates: %s, want today %s", got, today)
	}
	ds.Centres[0].Evidence = []kiez.Evidence{{Date: date.New(2030, 1, 1)}}
	if got := lastActivity(ds, today); got != today {
		t.Errorf("with a date after today: %s, want today %s", got, today)
	}
}

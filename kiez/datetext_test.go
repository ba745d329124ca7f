package kiez

import (
	"testing"

	"github.com/rickb777/date"
)

// TestDateText checks the validator's fast text of a date against
// date.String, across the years it writes itself and beyond them; the
// zero date (1970-01-01) is "", as missing.
func TestDateText(t *testing.T) {
	expect := func(d date.Date) string {
		if d.IsZero() {
			return ""
		}
		return d.String()
	}
	for _, d := range []date.Date{date.New(999, 12, 31), date.New(1000, 1, 1), date.New(10000, 1, 1), date.New(-5, 3, 4)} {
		if got, want := dateText(d), expect(d); got != want {
			t.Errorf("dateText(%v) = %q, want %q", d, got, want)
		}
	}
	for d := date.New(1899, 12, 1); d.Before(date.New(2101, 1, 1)); d = d.Add(1) {
		if got, want := dateText(d), expect(d); got != want {
			t.Fatalf("dateText(%v) = %q, want %q", d, got, want)
		}
	}
	for d := date.New(9990, 1, 1); d.Before(date.New(10000, 1, 3)); d = d.Add(1) {
		if got, want := dateText(d), expect(d); got != want {
			t.Fatalf("dateText(%v) = %q, want %q", d, got, want)
		}
	}
}

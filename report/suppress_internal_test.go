package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// suppressionMarks returns the suppression marks of a table, row by row.
func suppressionMarks(t Table) [][]Suppression {
	out := make([][]Suppression, len(t.Rows))
	for i, r := range t.Rows {
		for _, c := range r.Cells {
			out[i] = append(out[i], c.Suppressed)
		}
	}
	return out
}

// TestSuppress checks primary and secondary suppression on a small table
// of adults, children and their sum, with a total row.
func TestSuppress(t *testing.T) {
	l := German
	att := personsCol("attendance", "Teilnahmen")
	att.SumOf = []string{"adults", "children"}
	b := l.table("t", "", textCol("month", "Monat"), countCol("sessions", "Termine"),
		personsCol("adults", "Erwachsene"), personsCol("children", "Kinder"), att)
	b.row("Jan", 2, 10, 1, 11) // children 1: primary
	b.row("Feb", 1, 20, 7, 27)
	b.row("Mär", 3, 5, 9, 14)
	b.row("Apr", 0, 0, 0, 0) // zeros describe nobody
	b.total("Summe", 6, 35, 17, 52)
	tb, err := b.done()
	if err != nil {
		t.Fatal(err)
	}
	if err := suppress(&tb, 3); err != nil {
		t.Fatal(err)
	}
	const (
		n = NotSuppressed
		p = Primary
		s = Secondary
	)
	want := [][]Suppression{
		// Jan: children 1 is primary. Its column then needs a second
		// cell: Feb's 7, the smallest part above the threshold; its row
		// sum (10+1=11) too: adults 10.
		{n, n, s, p, n},
		// Feb: its children now withheld, its row sum needs a second
		// cell: adults 20.
		{n, n, s, s, n},
		{n, n, n, n, n},
		{n, n, n, n, n},
		{n, n, n, n, n},
	}
	if diff := cmp.Diff(want, suppressionMarks(tb)); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
	if got := tb.Rows[0].Cells[3]; got.Text != "<3" || got.Value != nil {
		t.Errorf("primary cell = %+v, want text <3 and no value", got)
	}
	if got := tb.Rows[0].Cells[2]; got.Text != "x" || got.Value != nil {
		t.Errorf("secondary cell = %+v, want text x and no value", got)
	}
	if got := tb.Rows[0].Cells[1]; got.Value != 2 {
		t.Errorf("the sessions (not people) were suppressed: %+v", got)
	}
}

// TestSuppressTotal withholds the total when no part is large enough.
func TestSuppressTotal(t *testing.T) {
	b := German.table("t", "", textCol("kita", "Kita"), personsCol("families", "Familien"))
	b.row("A", 1)
	b.row("B", 3)
	b.row("C", 0)
	b.total("Summe", 4)
	tb, err := b.done()
	if err != nil {
		t.Fatal(err)
	}
	if err := suppress(&tb, 3); err != nil {
		t.Fatal(err)
	}
	want := [][]Suppression{{"", Primary}, {"", ""}, {"", ""}, {"", Secondary}}
	if diff := cmp.Diff(want, suppressionMarks(tb)); diff != "" {
		t.Errorf("marks (-want +got):\n%s", diff)
	}
}

// TestScrub replaces staff ids as whole tokens only and removes notes.
func TestScrub(t *testing.T) {
	sc := scrubber{ids: map[string]string{"kv-1": "KiEZ-Verantwortliche"}, notes: []string{"Absichtliche Lücke im März."}}
	for in, want := range map[string]string{
		"kiez-sauerland/kv-1":                  "kiez-sauerland/KiEZ-Verantwortliche",
		"kv-10 und xkv-1":                      "kv-10 und xkv-1",
		"(kv-1)":                               "(KiEZ-Verantwortliche)",
		"Hinweis: Absichtliche Lücke im März.": "Hinweis: […]",
	} {
		if got := sc.scrub(in); got != want {
			t.Errorf("scrub(%q) = %q, want %q", in, got, want)
		}
	}
}

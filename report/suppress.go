package report

import (
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// publish applies published mode to a built report: it suppresses small
// counts of people across all its tables together (protect, which ends
// with the disclosure audit) and removes pseudonymous staff ids and
// notes from every text.
func publish(r *Report, threshold int, sc scrubber) error {
	if err := protect(r, threshold); err != nil {
		return err
	}
	sc.report(r)
	return nil
}

// line is a set of cells whose values add up: the parts and the cell (or
// cells) holding their sum.
type line struct {
	parts, totals [][2]int // row, column
}

// lines returns the lines of a table that published mode protects: per
// column of people counts, its rows against the total rows; per row, the
// columns a people-count column sums against that column.
func lines(t *Table) []line {
	var out []line
	var data, totals []int
	for i, r := range t.Rows {
		if r.Total {
			totals = append(totals, i)
		} else {
			data = append(data, i)
		}
	}
	for j, c := range t.Columns {
		if !c.Persons || len(totals) == 0 {
			continue
		}
		var ln line
		for _, i := range data {
			ln.parts = append(ln.parts, [2]int{i, j})
		}
		for _, i := range totals {
			ln.totals = append(ln.totals, [2]int{i, j})
		}
		out = append(out, ln)
	}
	for j, c := range t.Columns {
		if !c.Persons || len(c.SumOf) == 0 {
			continue
		}
		var idx []int
		ok := true
		for _, k := range c.SumOf {
			x := t.Column(k)
			if x < 0 || !t.Columns[x].Persons {
				ok = false
				break
			}
			idx = append(idx, x)
		}
		if !ok {
			continue
		}
		for i := range t.Rows {
			ln := line{totals: [][2]int{{i, j}}}
			for _, x := range idx {
				ln.parts = append(ln.parts, [2]int{i, x})
			}
			out = append(out, ln)
		}
	}
	return out
}

// number returns a cell's value as a decimal, and whether it has one.
func number(c Cell) (decimal.Decimal, bool) {
	switch v := c.Value.(type) {
	case int:
		return decimal.NewFromInt(int64(v)), true
	case decimal.Decimal:
		return v, true
	}
	return decimal.Zero, false
}

// suppress applies the suppression of published mode to a single
// table (see protect).
func suppress(t *Table, threshold int) error {
	r := &Report{Published: true, Threshold: threshold, Sections: []Section{{Tables: []Table{*t}}}}
	if err := protect(r, threshold); err != nil {
		return err
	}
	*t = r.Sections[0].Tables[0]
	return nil
}

// cellAt returns the cell at row, column, or an empty cell when the row
// is short.
func cellAt(t *Table, p [2]int) Cell {
	if p[0] < len(t.Rows) && p[1] < len(t.Rows[p[0]].Cells) {
		return t.Rows[p[0]].Cells[p[1]]
	}
	return Cell{}
}

// scrubber removes what a published report must not show from its texts:
// pseudonymous staff ids (replaced by their role) and free-text notes.
type scrubber struct {
	ids   map[string]string
	notes []string
}

// minNoteLength is the shortest note the scrubber looks for: shorter
// texts are words that occur anywhere.
const minNoteLength = 8

// scrubber collects the staff ids and notes of the dataset.
func (e *env) scrubber() scrubber {
	sc := scrubber{ids: map[string]string{}}
	addNote := func(s string) {
		s = strings.TrimSpace(s)
		if len(s) >= minNoteLength && !slices.Contains(sc.notes, s) {
			sc.notes = append(sc.notes, s)
		}
	}
	for _, n := range Notes(e.ds) {
		addNote(n)
	}
	for i := range e.ds.Centres {
		for _, p := range e.ds.Centres[i].Staff {
			sc.ids[p.ID] = l10nTerm(e.l, kiez.VocabRole, p.Role)
		}
	}
	// Longest first, so that a note containing another is removed whole.
	sort.SliceStable(sc.notes, func(i, j int) bool { return len(sc.notes[i]) > len(sc.notes[j]) })
	return sc
}

// Notes returns every free-text note of a dataset — of programmes,
// providers, centres, Kitas, evidence records, changes, budget lines, and
// the reasons of waivers — which published reports never show.
func Notes(ds *kiez.Dataset) []string {
	if ds == nil {
		return nil
	}
	var out []string
	add := func(s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	for _, p := range ds.Programmes {
		add(p.Note)
		for _, pr := range p.Providers {
			add(pr.Note)
		}
		for _, ev := range p.Evidence {
			add(ev.Note)
		}
	}
	for _, c := range ds.Centres {
		add(c.Note)
		add(c.ProviderNote)
		for _, list := range [][]kiez.Kita{c.Catchment, c.VerbundKitas} {
			for _, k := range list {
				add(k.Note)
			}
		}
		for _, ev := range c.Evidence {
			add(ev.Note)
		}
		for _, ch := range c.Changes {
			add(ch.Note)
		}
		for _, b := range c.Budget {
			add(b.Note)
		}
	}
	for _, w := range ds.Waivers {
		add(w.Reason)
	}
	return out
}

// StaffIDs returns the pseudonymous ids of every staff position of a
// dataset, which published reports never show.
func StaffIDs(ds *kiez.Dataset) []string {
	if ds == nil {
		return nil
	}
	var out []string
	for _, c := range ds.Centres {
		for _, p := range c.Staff {
			if !slices.Contains(out, p.ID) {
				out = append(out, p.ID)
			}
		}
	}
	return out
}

// idChar reports whether b may be part of an id token.
func idChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
}

// scrub removes notes and staff ids from a text. An id is replaced only
// where it stands as a whole token, not inside a longer id.
func (sc scrubber) scrub(s string) string {
	if s == "" {
		return s
	}
	for _, n := range sc.notes {
		if strings.Contains(s, n) {
			s = strings.ReplaceAll(s, n, "[…]")
		}
	}
	if len(sc.ids) == 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if !idChar(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && idChar(s[j]) {
			j++
		}
		tok := s[i:j]
		if role, ok := sc.ids[tok]; ok {
			b.WriteString(role)
		} else {
			b.WriteString(tok)
		}
		i = j
	}
	return b.String()
}

// report scrubs every text of a report.
func (sc scrubber) report(r *Report) {
	r.Title, r.Subtitle = sc.scrub(r.Title), sc.scrub(r.Subtitle)
	for i := range r.Meta {
		r.Meta[i].Value = sc.scrub(r.Meta[i].Value)
	}
	for i := range r.Notes {
		r.Notes[i] = sc.scrub(r.Notes[i])
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		s.Title = sc.scrub(s.Title)
		for j := range s.Text {
			s.Text[j] = sc.scrub(s.Text[j])
		}
		for j := range s.Charts {
			s.Charts[j].Title = sc.scrub(s.Charts[j].Title)
		}
		for j := range s.Tables {
			t := &s.Tables[j]
			t.Title = sc.scrub(t.Title)
			for k := range t.Notes {
				t.Notes[k] = sc.scrub(t.Notes[k])
			}
			for k := range t.Columns {
				t.Columns[k].Label = sc.scrub(t.Columns[k].Label)
			}
			for _, row := range t.Rows {
				for k := range row.Cells {
					c := &row.Cells[k]
					c.Text = sc.scrub(c.Text)
					if v, ok := c.Value.(string); ok {
						c.Value = sc.scrub(v)
					}
				}
			}
		}
	}
}

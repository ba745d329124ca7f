package report

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// This file holds the disclosure control of published reports across
// all their tables: the additive relations of a report (quantity), the
// suppression that covers them together (protect) and the audit that
// proves a published report discloses no suppressed count (Audit). The
// package documentation describes the method and its limits.

// cellRef is the place of a cell in a report.
type cellRef struct{ sec, tab, row, col int }

// quantity is one count of people of a report: every cell that holds it.
// Cells of different tables that hold the same count are one quantity.
type quantity struct {
	key     string
	refs    []cellRef
	value   float64 // as shown, or before suppression its true value
	valued  bool    // some cell shows the value
	decimal bool    // a decimal column: the mark "<n" says 0 < value < n
	mark    Suppression
}

// relation says that the parts add up to the total.
type relation struct {
	parts []int
	total int
}

// disclosure is the model of a report's counts of people and their
// additive relations.
type disclosure struct {
	r         *Report
	threshold int
	qs        []*quantity
	index     map[string]int
	lines     []qline
	relations []relation
}

// qline is a line of a table over quantities: its parts and totals.
type qline struct{ parts, totals []int }

// quantityKey names the count a cell holds: the column's measure with
// the facets of table, row and column, or, for a column without a
// measure, the cell's own place.
func quantityKey(t *Table, ref cellRef) string {
	col := t.Columns[ref.col]
	row := t.Rows[ref.row]
	if col.Measure == "" || (!row.Total && row.Facet == "") {
		return "cell:" + t.ID + "/" + strconv.Itoa(ref.row) + "/" + col.Key
	}
	var fs []string
	for _, f := range []string{t.Facet, t.Rows[ref.row].Facet, col.Facet} {
		if f != "" {
			fs = append(fs, f)
		}
	}
	sort.Strings(fs)
	return col.Measure + "|" + strings.Join(fs, "&")
}

// model builds the disclosure model of a report. A quantity shown by
// two cells with different values is an error: the facets of the
// builder that made the report are wrong.
func model(r *Report, threshold int) (*disclosure, error) {
	d := &disclosure{r: r, threshold: threshold, index: map[string]int{}}
	for si := range r.Sections {
		s := &r.Sections[si]
		for ti := range s.Tables {
			t := &s.Tables[ti]
			at := map[[2]int]int{}
			for j, col := range t.Columns {
				if !col.Persons {
					continue
				}
				for i := range t.Rows {
					ref := cellRef{si, ti, i, j}
					key := quantityKey(t, ref)
					q, ok := d.index[key]
					if !ok {
						q = len(d.qs)
						d.index[key] = q
						d.qs = append(d.qs, &quantity{key: key, decimal: col.Type == TypeDecimal})
					}
					at[[2]int{i, j}] = q
					x := d.qs[q]
					x.refs = append(x.refs, ref)
					c := cellAt(t, [2]int{i, j})
					if c.Suppressed != NotSuppressed {
						if x.mark != Primary {
							x.mark = c.Suppressed
						}
						continue
					}
					v, has := number(c)
					if !has {
						v = decimal.Zero // an empty cell adds nothing
					}
					f := v.InexactFloat64()
					if x.valued && math.Abs(x.value-f) > lpEps {
						return nil, fmt.Errorf("report: table %s, row %d, column %s: %s differs from another cell of the same count %q (%v)",
							t.ID, i+1, col.Key, v, key, x.value)
					}
					x.value, x.valued = f, true
				}
			}
			for _, ln := range lines(t) {
				var l2 qline
				for _, p := range ln.parts {
					l2.parts = append(l2.parts, at[p])
				}
				for _, p := range ln.totals {
					l2.totals = append(l2.totals, at[p])
				}
				d.lines = append(d.lines, l2)
				for _, tot := range l2.totals {
					d.relations = append(d.relations, relation{parts: l2.parts, total: tot})
				}
			}
		}
	}
	return d, nil
}

// known reports whether the report shows a quantity's value: a count
// one cell withholds and another shows is shown.
func (d *disclosure) known(q int) bool { return d.qs[q].valued }

// markRange is what a suppression mark says of a value: "<n" a count in
// 1..n-1 (a decimal in 0..n), "x" any count that is not zero (zeros are
// always shown).
func (d *disclosure) markRange(q int) (lo, hi float64) {
	t := float64(d.threshold)
	switch {
	case d.qs[q].decimal && d.qs[q].mark == Primary:
		return 0, t
	case d.qs[q].decimal:
		return 0, math.Inf(1)
	case d.qs[q].mark == Primary:
		return 1, t - 1
	}
	return 1, math.Inf(1)
}

// small reports whether an upper bound proves a withheld count below
// the threshold.
func (d *disclosure) small(q int, hi float64) bool {
	t := float64(d.threshold)
	if d.qs[q].decimal {
		return hi < t+1e-6
	}
	return hi < t-1+1e-6
}

// exposed applies the protection criterion to the interval the report
// leaves for a withheld count: it is exposed when the interval lies
// below the threshold and is narrower than the range "<n" states
// (1..n-1 for counts, 0..n for decimals).
func (d *disclosure) exposed(q int, lo, hi float64) bool {
	t := float64(d.threshold)
	if d.qs[q].decimal {
		return d.small(q, hi) && hi-lo < t-1e-6
	}
	return d.small(q, hi) && hi-lo < t-2-1e-6
}

// Exposure is a withheld count of people of a published report that
// the report proves to be below the threshold and narrows down further
// than the mark "<n" does: Low and High bound the values its published
// cells and additive relations leave for the cell.
type Exposure struct {
	Table  string      // id of the table
	Row    int         // index of the row, from 0
	Column string      // key of the column
	Mark   Suppression // the cell's mark
	// Low and High bound the values the report leaves for the cell.
	Low, High float64
	// Threshold is the report's threshold: a protected count below it
	// keeps at least the range 1..Threshold-1 open.
	Threshold int
}

// String names the cell (its row counted from 1) and the values the
// report leaves for it, as in the error of Audit.
func (x Exposure) String() string {
	return fmt.Sprintf("table %s, row %d, column %s: the report leaves only %s..%s for a count below %d",
		x.Table, x.Row+1, x.Column, fmtBound(x.Low), fmtBound(x.High), x.Threshold)
}

func fmtBound(f float64) string {
	if math.IsInf(f, 1) {
		return "∞"
	}
	return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
}

// DisclosureError is the error of Audit for a report that discloses
// suppressed counts.
type DisclosureError struct {
	Title     string
	Exposures []Exposure
}

// Error names the report and the number of exposed counts, lists the
// first five exposures, and says what to do.
func (e *DisclosureError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "report %q: %d suppressed count(s) of people can be narrowed down from the published cells and totals", e.Title, len(e.Exposures))
	for i, x := range e.Exposures {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(e.Exposures)-i)
			break
		}
		b.WriteString("; ")
		b.WriteString(x.String())
	}
	b.WriteString(" (suppress more cells, or raise the threshold)")
	return b.String()
}

// Audit checks a published report for disclosure: for every count of
// people withheld as below the threshold ("<n", Primary) it computes, by
// linear programming over all the report's additive relations at once —
// the sums of every table and the counts that several tables share —
// with every shown cell fixed, every count non-negative and every mark
// read as what it says ("<n": 1..n-1, "x": at least n), the smallest and
// the largest value the report leaves for it. The report is protected
// when that interval is the whole range the mark states; otherwise
// Audit returns a *DisclosureError listing each exposed cell. It returns
// another error when the report's cells contradict its relations, and
// nil for a report that is not published.
//
// The builders run Audit on every published report and refuse to return
// one that fails it. A Report read back from JSON has lost the facets
// that tie the tables together (they are not part of the JSON); audit
// the Report a builder returned.
func Audit(r *Report) error {
	if r == nil || !r.Published || r.Threshold < 1 {
		return nil
	}
	d, err := model(r, r.Threshold)
	if err != nil {
		return err
	}
	xs, err := d.exposures()
	if err != nil {
		return fmt.Errorf("report %q: the disclosure audit failed: %w", r.Title, err)
	}
	if len(xs) > 0 {
		return &DisclosureError{Title: r.Title, Exposures: d.describe(xs)}
	}
	return nil
}

// where names the first cell of a quantity for error messages.
func (d *disclosure) where(q int) string {
	if len(d.qs[q].refs) == 0 {
		return d.qs[q].key
	}
	ref := d.qs[q].refs[0]
	t := &d.r.Sections[ref.sec].Tables[ref.tab]
	return fmt.Sprintf("table %s, row %d, column %s", t.ID, ref.row+1, t.Columns[ref.col].Key)
}

// exposure is an exposed quantity and its interval.
type exposure struct {
	q      int
	lo, hi float64
}

// describe turns exposed quantities into Exposures, one per cell.
func (d *disclosure) describe(xs []exposure) []Exposure {
	var out []Exposure
	for _, x := range xs {
		for _, ref := range d.qs[x.q].refs {
			t := &d.r.Sections[ref.sec].Tables[ref.tab]
			out = append(out, Exposure{Table: t.ID, Row: ref.row, Column: t.Columns[ref.col].Key,
				Mark: d.qs[x.q].mark, Low: x.lo, High: x.hi, Threshold: d.threshold})
		}
	}
	return out
}

// exposures bounds every withheld quantity and returns those the
// report exposes (see exposed).
func (d *disclosure) exposures() ([]exposure, error) {
	// The unknowns: suppressed quantities, grouped into independent
	// components by the relations they share.
	parent := make([]int, len(d.qs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, rel := range d.relations {
		first := -1
		for _, q := range append(slices.Clone(rel.parts), rel.total) {
			if d.known(q) {
				continue
			}
			if first < 0 {
				first = q
			} else {
				parent[find(q)] = find(first)
			}
		}
		if first < 0 {
			// Every cell shown: the relation must hold.
			sum := 0.0
			for _, q := range rel.parts {
				sum += d.qs[q].value
			}
			if math.Abs(sum-d.qs[rel.total].value) > lpEps*(1+math.Abs(sum)) {
				return nil, fmt.Errorf("%s: the parts add up to %v, not to the total %v", d.where(rel.total), sum, d.qs[rel.total].value)
			}
		}
	}
	comps := map[int][]int{}
	var roots []int
	for q := range d.qs {
		if d.known(q) {
			continue
		}
		r := find(q)
		if comps[r] == nil {
			roots = append(roots, r)
		}
		comps[r] = append(comps[r], q)
	}
	var out []exposure
	for q, x := range d.qs {
		if x.mark != NotSuppressed && x.valued && d.exposed(q, x.value, x.value) {
			out = append(out, exposure{q: q, lo: x.value, hi: x.value})
		}
	}
	for _, r := range roots {
		xs, err := d.solve(comps[r])
		if err != nil {
			return nil, err
		}
		out = append(out, xs...)
	}
	return out, nil
}

// solve bounds the primary quantities of one component.
func (d *disclosure) solve(qs []int) ([]exposure, error) {
	pos := make(map[int]int, len(qs))
	p := &lpProblem{}
	for i, q := range qs {
		pos[q] = i
		lo, hi := d.markRange(q)
		p.lo, p.hi = append(p.lo, lo), append(p.hi, hi)
	}
	seen := map[string]bool{}
	for _, rel := range d.relations {
		row := map[int]float64{}
		rhs := 0.0
		add := func(q int, coef float64) {
			if i, ok := pos[q]; ok {
				row[i] += coef
			} else {
				rhs -= coef * d.qs[q].value
			}
		}
		for _, q := range rel.parts {
			add(q, 1)
		}
		add(rel.total, -1)
		for i, a := range row {
			if a == 0 {
				delete(row, i)
			}
		}
		if len(row) == 0 {
			continue
		}
		sig := relationSignature(row, rhs)
		if seen[sig] {
			continue
		}
		seen[sig] = true
		p.rows, p.rhs = append(p.rows, row), append(p.rhs, rhs)
	}
	tab, err := p.feasible()
	if err != nil {
		return nil, err
	}
	var out []exposure
	for i, q := range qs {
		hi, err := tab.extreme(i, -1)
		if err != nil {
			return nil, err
		}
		if !d.small(q, hi) {
			continue // the report cannot prove it below the threshold
		}
		lo, err := tab.extreme(i, 1)
		if err != nil {
			return nil, err
		}
		if d.exposed(q, lo, hi) {
			out = append(out, exposure{q: q, lo: lo, hi: hi})
		}
	}
	return out, nil
}

// relationSignature identifies an equation, so that a relation two
// tables share is solved once.
func relationSignature(row map[int]float64, rhs float64) string {
	keys := make([]int, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%d:%g,", k, row[k])
	}
	fmt.Fprintf(&b, "=%g", rhs)
	return b.String()
}

// errUnprotectable says that suppression found no further cell to
// withhold for an exposed count.
var errUnprotectable = errors.New("no further cell can be withheld to protect it")

// protect suppresses the counts of people of a published report across
// all its tables together: primary suppression of every count in
// 1..threshold-1 (a decimal in (0, threshold)), then, line by line, a
// second withheld cell wherever a line holds a single withheld cell or
// only primary ones, and last, as long as the audit finds an exposed
// count, one more withheld cell in a relation of each exposed count.
// It marks the cells and returns an error when no suppression protects
// the report.
func protect(r *Report, threshold int) error {
	d, err := model(r, threshold)
	if err != nil {
		return err
	}
	t := float64(threshold)
	hide := func(q int, m Suppression) {
		d.qs[q].mark, d.qs[q].valued = m, false
	}
	for q, x := range d.qs {
		if x.value > 0 && x.value < t {
			hide(q, Primary)
		}
	}
	// settle withholds, line by line, until no line has a single
	// withheld cell or only primary ones besides a shown total.
	settle := func() {
		for changed := true; changed; {
			changed = false
			for _, ln := range d.lines {
				if q, ok := d.secondary(ln); ok {
					hide(q, Secondary)
					changed = true
				}
			}
			// A total of two or more withheld parts is at least their
			// number: marked "<n" it would tell more than "<n" says.
			for _, rel := range d.relations {
				if d.qs[rel.total].mark == Primary && d.hiddenParts(rel) >= 2 {
					hide(rel.total, Secondary)
					changed = true
				}
			}
		}
	}
	settle()
	for round := 0; ; round++ {
		xs, err := d.exposures()
		if err != nil {
			return fmt.Errorf("report %q: the disclosure audit failed: %w", r.Title, err)
		}
		if len(xs) == 0 {
			break
		}
		added := map[int]bool{}
		for _, x := range xs {
			if d.touched(x.q, added) {
				continue
			}
			q, ok := d.widen(x.q)
			if !ok {
				return &DisclosureError{Title: r.Title, Exposures: d.describe(xs)}
			}
			hide(q, Secondary)
			added[q] = true
		}
		settle()
		if round > len(d.qs) {
			return fmt.Errorf("report %q: %w", r.Title, errUnprotectable)
		}
	}
	for _, x := range d.qs {
		if x.mark == NotSuppressed {
			continue
		}
		for _, ref := range x.refs {
			c := &r.Sections[ref.sec].Tables[ref.tab].Rows[ref.row].Cells[ref.col]
			c.Value, c.Suppressed = nil, x.mark
			if x.mark == Primary {
				c.Text = "<" + strconv.Itoa(threshold)
			} else {
				c.Text = "x"
			}
		}
	}
	return nil
}

// secondary returns the cell a line must withhold besides its withheld
// ones: when it holds a single one, or only primary ones and a shown
// total, the smallest shown part above the threshold, else a shown
// total.
func (d *disclosure) secondary(ln qline) (int, bool) {
	hidden, secondary, totalHidden := 0, false, false
	seen := map[int]bool{}
	for _, q := range slices.Concat(ln.parts, ln.totals) {
		if seen[q] {
			continue
		}
		seen[q] = true
		switch d.qs[q].mark {
		case Primary:
			hidden++
		case Secondary:
			hidden++
			secondary = true
		}
	}
	for _, q := range ln.totals {
		if d.qs[q].mark != NotSuppressed {
			totalHidden = true
		}
	}
	if hidden == 0 || (hidden > 1 && (secondary || totalHidden)) {
		return 0, false
	}
	t := float64(d.threshold)
	best := -1
	for _, q := range ln.parts {
		x := d.qs[q]
		if x.mark == NotSuppressed && x.value > t && (best < 0 || x.value < d.qs[best].value) {
			best = q
		}
	}
	if best >= 0 {
		return best, true
	}
	for _, q := range ln.totals {
		if x := d.qs[q]; x.mark == NotSuppressed && x.value >= t {
			return q, true
		}
	}
	return 0, false
}

// hiddenParts counts the distinct withheld parts of a relation.
func (d *disclosure) hiddenParts(rel relation) int {
	n := 0
	for i, q := range rel.parts {
		if d.qs[q].mark != NotSuppressed && !slices.Contains(rel.parts[:i], q) {
			n++
		}
	}
	return n
}

// touched reports whether a relation of quantity q holds a cell
// withheld in this round.
func (d *disclosure) touched(q int, added map[int]bool) bool {
	for _, rel := range d.relations {
		if rel.total == q || slices.Contains(rel.parts, q) {
			if added[rel.total] || slices.ContainsFunc(rel.parts, func(p int) bool { return added[p] }) {
				return true
			}
		}
	}
	return false
}

// widen chooses one more cell to withhold, or to mark "x" instead of
// "<n", for an exposed count. It looks at the relations of the count,
// then at those of the withheld counts they reach, nearest first: the
// smallest shown count of at least the threshold there is withheld; when
// the whole reach is withheld, a count marked "<n" in it — a total
// first — is marked "x", which no longer bounds it from above.
func (d *disclosure) widen(q int) (int, bool) {
	t := float64(d.threshold)
	reach := map[int]bool{q: true}
	frontier := []int{q}
	var primaries []int
	for len(frontier) > 0 {
		best := -1
		var next []int
		for _, rel := range d.relations {
			members := append(slices.Clone(rel.parts), rel.total)
			if !slices.ContainsFunc(members, func(p int) bool { return slices.Contains(frontier, p) }) {
				continue
			}
			for _, p := range members {
				x := d.qs[p]
				switch {
				case x.mark == NotSuppressed:
					if x.value >= t && (best < 0 || x.value < d.qs[best].value) {
						best = p
					}
				case !reach[p]:
					reach[p] = true
					next = append(next, p)
					if x.mark == Primary {
						primaries = append(primaries, p)
					}
				}
			}
		}
		if best >= 0 {
			return best, true
		}
		frontier = next
	}
	for _, p := range primaries {
		if slices.ContainsFunc(d.relations, func(r relation) bool { return r.total == p }) {
			return p, true
		}
	}
	if len(primaries) > 0 {
		return primaries[0], true
	}
	if d.qs[q].mark == Primary {
		return q, true
	}
	return 0, false
}

// offerScope is the facet of the tables that count the sessions of the
// period's active offers: none when every session of the centres in
// the period belongs to one (the counts are then those of all
// sessions), else "offers=active".
func (e *env) offerScope(centres []*kiez.Centre) string {
	for _, c := range centres {
		idx := offerIndex(c)
		active := map[string]bool{}
		for _, o := range activeOffers(c, e.per) {
			active[o.ID] = true
		}
		for _, ss := range sessionsIn(c, e.per) {
			if o := idx[ss.Offer]; o == nil || !active[o.ID] {
				return "offers=active"
			}
		}
	}
	return ""
}

// kitaScope is the facet of the tables that count the sessions held in
// or for a Kita: none when every session of the centres in the period
// names one, else "sessions=kita".
func (e *env) kitaScope(centres []*kiez.Centre) string {
	for _, c := range centres {
		for _, ss := range sessionsIn(c, e.per) {
			if ss.Kita == "" {
				return "sessions=kita"
			}
		}
	}
	return ""
}

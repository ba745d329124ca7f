package report

import (
	"fmt"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
)

// labelled is a text cell whose machine value (an id) differs from the
// text people read.
type labelled struct{ id, text string }

// column constructors. Decimal columns show their exact value unless
// places says otherwise.
func textCol(key, label string) Column { return Column{Key: key, Label: label, Type: TypeText} }
func countCol(key, label string) Column {
	return Column{Key: key, Label: label, Type: TypeCount}
}
func personsCol(key, label string) Column {
	return Column{Key: key, Label: label, Type: TypeCount, Persons: true}
}
func decimalCol(key, label, unit string, places int) Column {
	return Column{Key: key, Label: label, Type: TypeDecimal, Unit: unit, Places: places}
}
func dateCol(key, label string) Column { return Column{Key: key, Label: label, Type: TypeDate} }
func boolCol(key, label string) Column { return Column{Key: key, Label: label, Type: TypeBool} }
func outcomeCol(key, label string) Column {
	return Column{Key: key, Label: label, Type: TypeOutcome}
}

// tableBuilder adds typed rows to a table, formatting every cell in the
// report's language.
type tableBuilder struct {
	t   Table
	l   Language
	err error
}

func (l Language) table(id, title string, cols ...Column) *tableBuilder {
	return &tableBuilder{t: Table{ID: id, Title: title, Columns: cols, Rows: []Row{}}, l: l}
}

// row adds a row; values follow the columns: string or labelled for
// text, int for counts, decimal.Decimal or *decimal.Decimal for decimals,
// date.Date or *date.Date for dates, rules.Outcome for outcomes, bool for
// truth values, nil for an empty cell.
func (b *tableBuilder) row(vals ...any) { b.add(false, vals) }

// total adds a row of sums.
func (b *tableBuilder) total(vals ...any) { b.add(true, vals) }

func (b *tableBuilder) add(total bool, vals []any) {
	if len(vals) != len(b.t.Columns) {
		b.fail(fmt.Errorf("report: table %s: row with %d cells for %d columns", b.t.ID, len(vals), len(b.t.Columns)))
		return
	}
	row := Row{Cells: make([]Cell, len(vals)), Total: total}
	for i, v := range vals {
		c, err := b.l.cell(b.t.Columns[i], v)
		if err != nil {
			b.fail(fmt.Errorf("report: table %s, column %s: %w", b.t.ID, b.t.Columns[i].Key, err))
			return
		}
		row.Cells[i] = c
	}
	b.t.Rows = append(b.t.Rows, row)
}

func (b *tableBuilder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *tableBuilder) note(s string) { b.t.Notes = append(b.t.Notes, s) }

// facet sets the condition all counts of people of the table share
// (see Table.Facet).
func (b *tableBuilder) facet(f string) { b.t.Facet = f }

// rowFacet sets the condition of the last row (see Row.Facet).
func (b *tableBuilder) rowFacet(f string) {
	if n := len(b.t.Rows); n > 0 {
		b.t.Rows[n-1].Facet = f
	}
}

// measured gives a column of people the measure it counts and the
// condition it adds (see Column.Measure).
func measured(c Column, measure, facet string) Column {
	c.Measure, c.Facet = measure, facet
	return c
}

// done returns the table, or the first error of building it.
func (b *tableBuilder) done() (Table, error) { return b.t, b.err }

// empty reports whether the table has no rows.
func (b *tableBuilder) empty() bool { return len(b.t.Rows) == 0 }

// emptyText is what an empty cell shows.
const emptyText = "–"

// cell makes the cell of a value for a column.
func (l Language) cell(col Column, v any) (Cell, error) {
	if v == nil {
		return Cell{Text: emptyText}, nil
	}
	switch col.Type {
	case TypeText:
		switch x := v.(type) {
		case string:
			if x == "" {
				return Cell{Text: emptyText}, nil
			}
			return Cell{Value: x, Text: x}, nil
		case labelled:
			if x.id == "" && x.text == "" {
				return Cell{Text: emptyText}, nil
			}
			return Cell{Value: x.id, Text: x.text}, nil
		}
	case TypeCount:
		if n, ok := v.(int); ok {
			return Cell{Value: n, Text: l.formatInt(n, true)}, nil
		}
	case TypeDecimal:
		switch x := v.(type) {
		case decimal.Decimal:
			return Cell{Value: x, Text: l.formatDecimal(x, col.Places, true)}, nil
		case *decimal.Decimal:
			if x == nil {
				return Cell{Text: emptyText}, nil
			}
			return Cell{Value: *x, Text: l.formatDecimal(*x, col.Places, true)}, nil
		}
	case TypeDate:
		switch x := v.(type) {
		case date.Date:
			if x.IsZero() {
				return Cell{Text: emptyText}, nil
			}
			return Cell{Value: x, Text: l.formatDate(x)}, nil
		case *date.Date:
			if x == nil || x.IsZero() {
				return Cell{Text: emptyText}, nil
			}
			return Cell{Value: *x, Text: l.formatDate(*x)}, nil
		}
	case TypeOutcome:
		if o, ok := v.(rules.Outcome); ok {
			return Cell{Value: o, Text: l.outcome(o)}, nil
		}
	case TypeBool:
		if b, ok := v.(bool); ok {
			return Cell{Value: b, Text: l.yesNo(b)}, nil
		}
	}
	return Cell{}, fmt.Errorf("a %T value does not fit a %s column", v, col.Type)
}

// section collects the tables and charts of a section and the first
// error of building them.
type sectionBuilder struct {
	s   Section
	err error
}

func newSection(id, title string) *sectionBuilder {
	return &sectionBuilder{s: Section{ID: id, Title: title}}
}

func (s *sectionBuilder) text(p string) { s.s.Text = append(s.s.Text, p) }

// table adds a table unless it is empty.
func (s *sectionBuilder) table(b *tableBuilder) {
	t, err := b.done()
	if err != nil {
		if s.err == nil {
			s.err = err
		}
		return
	}
	if len(t.Rows) > 0 {
		s.s.Tables = append(s.s.Tables, t)
	}
}

// chart adds a chart of a table of the section, when the table exists.
func (s *sectionBuilder) chart(c Chart) {
	if s.s.Table(c.Table) != nil {
		s.s.Charts = append(s.s.Charts, c)
	}
}

// docBuilder collects the sections of a report.
type docBuilder struct {
	r   *Report
	err error
}

// add appends a section when it has text or tables.
func (d *docBuilder) add(s *sectionBuilder) {
	if s.err != nil {
		if d.err == nil {
			d.err = s.err
		}
		return
	}
	if len(s.s.Tables) > 0 || len(s.s.Text) > 0 {
		d.r.Sections = append(d.r.Sections, s.s)
	}
}

func (d *docBuilder) meta(key, label, value string) { d.metaData(key, label, value, nil) }

// metaData adds a field of metadata with its value for machines (see
// Field.Data).
func (d *docBuilder) metaData(key, label, value string, data any) {
	if value != "" {
		d.r.Meta = append(d.r.Meta, Field{Key: key, Label: label, Value: value, Data: data})
	}
}

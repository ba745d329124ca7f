package report

import (
	"encoding/json"
	"fmt"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
)

// Kind names what a report is about.
type Kind string

// The kinds of report the builders make.
const (
	KindCompliance      Kind = "compliance"       // Compliance: verdicts per requirement
	KindCentreAnnual    Kind = "centre-annual"    // CentreAnnual: one centre's year
	KindProgrammeAnnual Kind = "programme-annual" // ProgrammeAnnual: all centres of a programme side by side
	KindStaffing        Kind = "staffing"         // Staffing: positions by centre and role
	KindPlan            Kind = "plan"             // Plan: the obligations of a coming year
)

// Language is the language of a report's labels and number formats.
type Language string

// The languages. German is the default. Rule messages come from the
// evaluation: German, or English where the rule file translates them and
// the engine was made with rules.WithLanguage("en").
const (
	German  Language = "de"
	English Language = "en"
)

// ColumnType says what a column holds and how it is formatted.
type ColumnType string

// The column types and the Go type of Cell.Value for each.
const (
	TypeText    ColumnType = "text"    // string: an id, a name or a sentence
	TypeCount   ColumnType = "count"   // int: a whole number
	TypeDecimal ColumnType = "decimal" // decimal.Decimal: hours, euros, full-time equivalents
	TypeDate    ColumnType = "date"    // date.Date
	TypeOutcome ColumnType = "outcome" // rules.Outcome: a verdict
	TypeBool    ColumnType = "bool"    // bool: yes or no
)

// ChartType says how a chart draws its series.
type ChartType string

// The chart types.
const (
	ChartBar  ChartType = "bar"  // one bar per category, series side by side or stacked
	ChartLine ChartType = "line" // one line per series over the categories
)

// Suppression says why a cell's value is withheld in a published report.
type Suppression string

// The suppression marks. A suppressed cell has no Value; its Text is the
// mark shown instead.
const (
	// NotSuppressed is the zero value: the cell shows its value.
	NotSuppressed Suppression = ""
	// Primary: a count of people below the threshold, shown as "<3".
	Primary Suppression = "primary"
	// Secondary: a count withheld so that a primary cell cannot be
	// recomputed from a total, shown as "x".
	Secondary Suppression = "secondary"
)

// Report is a report as content, independent of its format: a title,
// metadata and ordered sections of tables and charts. Every renderer
// renders every report the same way. A Report is plain data: build it
// with a builder, read it from many goroutines, and do not change it while
// another goroutine renders it.
type Report struct {
	Kind     Kind     `json:"kind"`
	Language Language `json:"language"`
	Title    string   `json:"title"`
	Subtitle string   `json:"subtitle,omitempty"`
	// Published reports that the report was built for publication:
	// no pseudonymous staff ids, no free-text notes, small counts of
	// people suppressed (see Threshold).
	Published bool `json:"published"`
	// Threshold is the smallest count of people a published report
	// shows; smaller counts are shown as "<Threshold". 0 when not
	// published.
	Threshold int `json:"threshold,omitempty"`
	// Meta is the report's metadata in display order: programme,
	// period, version of the rules, edition.
	Meta []Field `json:"meta"`
	// Notes explain the report as a whole, e.g. the marks of suppressed
	// cells.
	Notes    []string  `json:"notes,omitempty"`
	Sections []Section `json:"sections"`
}

// Field is one item of a report's metadata.
type Field struct {
	Key   string `json:"key"`   // stable English id, e.g. "period"
	Label string `json:"label"` // the label in the report's language
	Value string `json:"value"` // the value formatted for people
	// Data is the value for machines where Value shows a date, a time, a
	// period or a number, nil otherwise: a date as "YYYY-MM-DD", a
	// period as "YYYY-MM-DD/YYYY-MM-DD" (ISO 8601, both days included),
	// a time as RFC 3339 in UTC ("2025-01-15T09:00:00Z"), a whole number
	// as an int, a decimal as a string with a decimal point ("39.5").
	Data any `json:"data,omitempty"`
}

// Section is a part of a report with a heading.
type Section struct {
	ID     string   `json:"id"` // stable id, unique within the report
	Title  string   `json:"title"`
	Text   []string `json:"text,omitempty"` // paragraphs before the tables
	Tables []Table  `json:"tables,omitempty"`
	Charts []Chart  `json:"charts,omitempty"`
}

// Table is a table of typed columns. Rows marked Total hold the sums of
// the rows above them (of the same table) in the columns that are sums.
type Table struct {
	ID      string   `json:"id"` // stable id, unique within the report
	Title   string   `json:"title,omitempty"`
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	Notes   []string `json:"notes,omitempty"`
	// Facet is a condition every count of people of the table shares,
	// e.g. "offers=active": with the facets of row and column and the
	// column's Measure it names the count a cell holds, so that the
	// disclosure audit knows cells of different tables that hold the
	// same count (see Audit). Not part of the JSON.
	Facet string `json:"-"`
}

// Column describes one column of a table.
type Column struct {
	Key   string     `json:"key"` // stable English id, unique within the table
	Label string     `json:"label"`
	Type  ColumnType `json:"type"`
	// Unit is the unit of a count or decimal column, e.g. "h/Woche", "€".
	Unit string `json:"unit,omitempty"`
	// Places is the number of decimal places a decimal column shows; -1
	// shows the exact value. Cell.Value keeps the exact value either way.
	Places int `json:"places,omitempty"`
	// Persons marks a count of people (attendance, families,
	// participants): the counts that published reports suppress below
	// the threshold.
	Persons bool `json:"persons,omitempty"`
	// SumOf lists the keys of the columns whose values this column adds
	// up in each row, e.g. attendance = adults + children.
	SumOf []string `json:"sumOf,omitempty"`
	// Measure names what a column of Persons counts, e.g. "attendance",
	// and Facet the condition the column adds, e.g. "month=2024-03".
	// Cells of a column without a Measure hold counts of their own.
	// Neither is part of the JSON (see Table.Facet).
	Measure string `json:"-"`
	Facet   string `json:"-"`
}

// Row is one row of a table, with one cell per column.
type Row struct {
	Cells []Cell `json:"cells"`
	// Total marks a row of sums of all the rows above it that are not
	// totals.
	Total bool `json:"total,omitempty"`
	// Facet is the condition the row adds to the counts of people in
	// it, e.g. "centre=kiez-mitte"; empty for a total row (see
	// Table.Facet). Not part of the JSON.
	Facet string `json:"-"`
}

// Cell is one value of a table. Value holds the machine-readable value,
// of the Go type its column's type names, or nil when the cell is empty
// or suppressed; Text holds the value formatted for people in the
// report's language.
type Cell struct {
	Value      any         `json:"value"`
	Text       string      `json:"text"`
	Suppressed Suppression `json:"suppressed,omitempty"`
}

// Chart draws columns of a table of the same section. The chart holds no
// numbers of its own, so that a published report suppresses them once, in
// the table.
type Chart struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Type  ChartType `json:"type"`
	// Table is the id of the table the chart draws.
	Table string `json:"table"`
	// Category is the key of the column that labels the bars or points.
	Category string `json:"category"`
	// Series are the keys of the columns drawn, each a series.
	Series []string `json:"series"`
	// Stacked stacks the series of a bar chart.
	Stacked bool `json:"stacked,omitempty"`
	// Horizontal draws the bars of a bar chart from left to right.
	Horizontal bool `json:"horizontal,omitempty"`
}

// MarshalJSON writes the cell with a value of a stable JSON type whatever
// the host program's settings: a count as a number, a decimal as a string
// with a decimal point ("19.5", exact), a date as "YYYY-MM-DD", an outcome
// as its id ("pass"), a truth value as true or false, text as a string,
// and null for an empty or suppressed cell.
func (c Cell) MarshalJSON() ([]byte, error) {
	type cell struct {
		Value      any         `json:"value"`
		Text       string      `json:"text"`
		Suppressed Suppression `json:"suppressed,omitempty"`
	}
	out := cell{Text: c.Text, Suppressed: c.Suppressed}
	switch v := c.Value.(type) {
	case nil:
	case int:
		out.Value = v
	case bool:
		out.Value = v
	case string:
		out.Value = v
	case decimal.Decimal:
		out.Value = v.String()
	case date.Date:
		out.Value = isoDate(v)
	case rules.Outcome:
		out.Value = v.String()
	default:
		return nil, fmt.Errorf("report: cell value of unsupported type %T", c.Value)
	}
	return json.Marshal(out)
}

// Column returns the index of the column with the given key, or -1.
func (t *Table) Column(key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// Table returns the table of the section with the given id, or nil.
func (s *Section) Table(id string) *Table {
	for i := range s.Tables {
		if s.Tables[i].ID == id {
			return &s.Tables[i]
		}
	}
	return nil
}

// Section returns the section with the given id, or nil.
func (r *Report) Section(id string) *Section {
	for i := range r.Sections {
		if r.Sections[i].ID == id {
			return &r.Sections[i]
		}
	}
	return nil
}

// isoPeriod writes the days from until until, both included, as an ISO
// 8601 interval: 2024-01-01/2024-12-31.
func isoPeriod(from, until date.Date) string { return isoDate(from) + "/" + isoDate(until) }

func isoDate(d date.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), day)
}

package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/report"
)

// publishedReports builds every report of every programme of the 2024
// testdata in published mode with the given threshold: the compliance
// report, each centre's annual report, the programme report, the
// staffing overview and the plan.
func publishedReports(t *testing.T, threshold int) map[string]*report.Report {
	t.Helper()
	out := map[string]*report.Report{}
	opts := []report.Option{report.WithPublished(), report.WithThreshold(threshold), report.WithStamp(stamp)}
	add := func(name string, r *report.Report, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = r
	}
	for _, p := range testdata(t) {
		r, err := report.Compliance(p.in, opts...)
		add(p.dir+"/compliance", r, err)
		r, err = report.ProgrammeAnnual(p.in, p.id, opts...)
		add(p.dir+"/programme-annual", r, err)
		r, err = report.Staffing(p.in, p.id, opts...)
		add(p.dir+"/staffing", r, err)
		r, _, err = report.Plan(p.in, p.id, 2025, opts...)
		add(p.dir+"/plan", r, err)
		for _, c := range p.in.Dataset().Centres {
			r, err = report.CentreAnnual(p.in, c.ID, opts...)
			add(p.dir+"/"+c.ID, r, err)
		}
	}
	return out
}

// TestPublished proves the published mode on the real testdata reports,
// in every format: no pseudonymous staff id and no note text appears, no
// count of people below the threshold appears (suppressed cells show
// "<n" or "x"), no suppressed cell can be recomputed from a total, and
// the disclosure audit (report.Audit) passes on every report. It runs
// with the default threshold 3 and with 40, which suppresses
// many cells of the 2024 data.
func TestPublished(t *testing.T) {
	data := testdata(t)
	var ids, notes []string
	for _, p := range data {
		ids = append(ids, report.StaffIDs(p.in.Dataset())...)
		for _, n := range report.Notes(p.in.Dataset()) {
			if n = strings.TrimSpace(n); len(n) >= 8 {
				notes = append(notes, n)
			}
		}
	}
	if len(ids) == 0 || len(notes) == 0 {
		t.Fatal("the testdata has no staff ids or notes: the test would prove nothing")
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = regexp.QuoteMeta(id)
	}
	idPattern := regexp.MustCompile(`(?:^|[^A-Za-z0-9_-])(` + strings.Join(quoted, "|") + `)(?:$|[^A-Za-z0-9_-])`)
	// The detectors find what an internal report shows.
	internal, err := report.Staffing(data[0].in, data[0].id)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteMarkdown(&buf, internal); err != nil {
		t.Fatal(err)
	}
	if texts, _ := readBack(t, "internal staffing", report.FormatMarkdown, internal, buf.Bytes()); !idPattern.MatchString(strings.Join(texts, "\n")) {
		t.Fatal("the internal staffing overview shows no staff id: the detector is broken")
	}
	for _, threshold := range []int{3, 40} {
		suppressed := 0
		for name, r := range publishedReports(t, threshold) {
			suppressed += checkLines(t, name, r, threshold)
			if err := report.Audit(r); err != nil {
				t.Errorf("%s (threshold %d): %v", name, threshold, err)
			}
			for _, f := range report.Formats() {
				var buf bytes.Buffer
				if err := report.Write(&buf, r, f); err != nil {
					t.Fatalf("%s.%s: %v", name, f, err)
				}
				where := fmt.Sprintf("%s.%s (threshold %d)", name, f, threshold)
				texts, counts := readBack(t, where, f, r, buf.Bytes())
				all := strings.Join(texts, "\n")
				if m := idPattern.FindStringSubmatch(all); m != nil {
					t.Errorf("%s: shows the staff id %q", where, m[1])
				}
				for _, n := range notes {
					if strings.Contains(all, n) {
						t.Errorf("%s: shows the note %q", where, n)
					}
				}
				for _, c := range counts {
					c = strings.Trim(c, "* ")
					if c == "<"+strconv.Itoa(threshold) || c == "x" || c == "" || c == "–" {
						continue
					}
					v, err := parseNumber(c, r.Language)
					if err != nil {
						t.Errorf("%s: count of people %q is not a number: %v", where, c, err)
						continue
					}
					if v.IsPositive() && v.LessThan(decimal.NewFromInt(int64(threshold))) {
						t.Errorf("%s: shows the count of people %s, below the threshold %d", where, c, threshold)
					}
				}
			}
		}
		if threshold == 40 && suppressed == 0 {
			t.Error("threshold 40 suppressed nothing: the test would not exercise suppression")
		}
	}
}

// checkLines checks on the report's tables that every line with a total
// holds no suppressed cell or at least two, and then not only primary
// ones unless the total is withheld too. It returns the number of
// suppressed cells.
func checkLines(t *testing.T, name string, r *report.Report, threshold int) int {
	t.Helper()
	n := 0
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			var totals, data []int
			for i, row := range tb.Rows {
				if row.Total {
					totals = append(totals, i)
				} else {
					data = append(data, i)
				}
				for _, c := range row.Cells {
					if c.Suppressed != report.NotSuppressed {
						n++
						if c.Value != nil {
							t.Errorf("%s, table %s: a suppressed cell keeps its value %v", name, tb.ID, c.Value)
						}
					}
				}
			}
			check := func(what string, parts, sums [][2]int) {
				hidden, secondary, sumHidden := 0, false, false
				for _, p := range append(append([][2]int(nil), parts...), sums...) {
					switch tb.Rows[p[0]].Cells[p[1]].Suppressed {
					case report.Primary:
						hidden++
					case report.Secondary:
						hidden++
						secondary = true
					}
				}
				for _, p := range sums {
					if tb.Rows[p[0]].Cells[p[1]].Suppressed != report.NotSuppressed {
						sumHidden = true
					}
				}
				if hidden == 1 || (hidden > 1 && !secondary && !sumHidden) {
					t.Errorf("%s, table %s, %s: %d suppressed cell(s), only primary: recomputable from the total", name, tb.ID, what, hidden)
				}
			}
			for j, c := range tb.Columns {
				if c.Persons && len(totals) > 0 {
					var parts, sums [][2]int
					for _, i := range data {
						parts = append(parts, [2]int{i, j})
					}
					for _, i := range totals {
						sums = append(sums, [2]int{i, j})
					}
					check("column "+c.Key, parts, sums)
				}
				if c.Persons && len(c.SumOf) > 0 {
					for i := range tb.Rows {
						var parts [][2]int
						for _, k := range c.SumOf {
							parts = append(parts, [2]int{i, tb.Column(k)})
						}
						check(fmt.Sprintf("row %d", i), parts, [][2]int{{i, j}})
					}
				}
			}
		}
	}
	return n
}

// parseNumber reads a number as a report of the language writes it, with
// or without thousands separators, in bold in Markdown.
func parseNumber(s string, l report.Language) (decimal.Decimal, error) {
	s = strings.Trim(s, "* ")
	if l == report.English {
		s = strings.ReplaceAll(s, ",", "")
	} else {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	return decimal.NewFromString(s)
}

// readBack reads a rendered report back: every text it shows, and the
// texts of every cell that holds a count of people.
func readBack(t *testing.T, where string, f report.Format, r *report.Report, b []byte) (texts, counts []string) {
	t.Helper()
	switch f {
	case report.FormatJSON:
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		walkJSON(v, &texts)
		var doc struct {
			Sections []struct {
				Tables []struct {
					Columns []struct {
						Persons bool `json:"persons"`
					} `json:"columns"`
					Rows []struct {
						Cells []struct {
							Value      any    `json:"value"`
							Text       string `json:"text"`
							Suppressed string `json:"suppressed"`
						} `json:"cells"`
					} `json:"rows"`
				} `json:"tables"`
			} `json:"sections"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, s := range doc.Sections {
			for _, tb := range s.Tables {
				for _, row := range tb.Rows {
					for j, c := range row.Cells {
						if !tb.Columns[j].Persons {
							continue
						}
						if c.Suppressed != "" {
							if c.Value != nil {
								t.Errorf("%s: suppressed cell with value %v", where, c.Value)
							}
							counts = append(counts, c.Text)
							continue
						}
						switch v := c.Value.(type) {
						case nil:
						case float64:
							counts = append(counts, strconv.FormatFloat(v, 'f', -1, 64))
						case string:
							counts = append(counts, strings.ReplaceAll(v, ".", ","))
						}
						counts = append(counts, c.Text)
					}
				}
			}
		}
	case report.FormatCSV:
		cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
		cr.Comma, cr.FieldsPerRecord = ';', -1
		recs, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		for _, rec := range recs {
			texts = append(texts, rec...)
		}
		// Walk the tables in order: each starts with its header line.
		at := 0
		for _, s := range r.Sections {
			for _, tb := range s.Tables {
				for at < len(recs) && !sameHeader(recs[at], tb) {
					at++
				}
				if at+len(tb.Rows) >= len(recs) {
					t.Fatalf("%s: table %s not found", where, tb.ID)
				}
				for i := range tb.Rows {
					rec := recs[at+1+i]
					for j, c := range tb.Columns {
						if c.Persons && j < len(rec) {
							counts = append(counts, rec[j])
						}
					}
				}
				at += 1 + len(tb.Rows)
			}
		}
	case report.FormatMarkdown:
		text := string(b)
		text = regexp.MustCompile(`\\(.)`).ReplaceAllString(text, "$1")
		text = strings.NewReplacer("&lt;", "<", "&amp;", "&").Replace(text)
		texts = append(texts, text)
		lines := strings.Split(string(b), "\n")
		at := 0
		for _, s := range r.Sections {
			for _, tb := range s.Tables {
				for at < len(lines) && !strings.HasPrefix(lines[at], "| ") {
					at++
				}
				for i := range tb.Rows {
					cells := splitMarkdownRow(lines[at+2+i])
					for j, c := range tb.Columns {
						if c.Persons && j < len(cells) {
							counts = append(counts, cells[j])
						}
					}
				}
				at += 2 + len(tb.Rows)
			}
		}
	case report.FormatHTML:
		dec := xml.NewDecoder(bytes.NewReader(b))
		dec.Strict = true
		var stack []bool // whether each open element holds a count of people
		var cell strings.Builder
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", where, err)
			}
			switch x := tok.(type) {
			case xml.StartElement:
				persons := len(stack) > 0 && stack[len(stack)-1]
				for _, a := range x.Attr {
					texts = append(texts, a.Value)
					if a.Name.Local == "data-persons" && a.Value == "true" {
						persons = true
						cell.Reset()
					}
				}
				stack = append(stack, persons)
			case xml.EndElement:
				if len(stack) == 0 {
					t.Fatalf("%s: unbalanced elements", where)
				}
				persons := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if persons && (len(stack) == 0 || !stack[len(stack)-1]) {
					counts = append(counts, strings.TrimSpace(cell.String()))
				}
			case xml.CharData:
				texts = append(texts, string(x))
				if len(stack) > 0 && stack[len(stack)-1] {
					cell.Write(x)
				}
			}
		}
	}
	return texts, counts
}

func walkJSON(v any, out *[]string) {
	switch x := v.(type) {
	case string:
		*out = append(*out, x)
	case []any:
		for _, e := range x {
			walkJSON(e, out)
		}
	case map[string]any:
		for k, e := range x {
			*out = append(*out, k)
			walkJSON(e, out)
		}
	}
}

// sameHeader reports whether a CSV record is the header line of a table.
func sameHeader(rec []string, t report.Table) bool {
	if len(rec) != len(t.Columns) {
		return false
	}
	for i, c := range t.Columns {
		label := c.Label
		if c.Unit != "" {
			label += " (" + c.Unit + ")"
		}
		if strings.TrimPrefix(rec[i], "'") != label {
			return false
		}
	}
	return true
}

// splitMarkdownRow splits a Markdown table row into its cells, keeping
// escaped pipes.
func splitMarkdownRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

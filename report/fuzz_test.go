package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// fuzzBuilders names the builders FuzzRender picks from.
var fuzzBuilders = []string{"compliance", "centre-annual", "programme-annual", "staffing", "plan"}

// FuzzRender builds a report from a small valid model whose texts — names
// of the programme, centres, provider, offers, Kitas and partners, titles
// of targets and goals, notes, a waiver's reason and the rules' titles,
// messages and evidence — are the fuzzed strings a, b and c, and renders
// it in every format. Besides "no error" it checks what the renderers
// promise: JSON is valid and holds every text as it is (with the
// documented value types), CSV parses back with one field per column and
// no text that a spreadsheet would run as a formula, Markdown keeps its
// headings, quotes and table columns and holds no HTML tag, and the HTML
// page holds no script and only the renderer's own elements and
// attributes.
//
// The strings are made valid UTF-8 first: the loaders only ever produce
// valid UTF-8 (JSON and YAML decoding replace invalid bytes). The byte sel
// picks the builder and the options (language, published mode and
// threshold, title, centres, the centre of the annual report); n sets the
// attendance.
func FuzzRender(f *testing.F) {
	nasty := []string{
		"",
		"<script>alert(1)</script>",
		"a|b",
		"x\ny",
		"\"quoted\",comma",
		"ÄÖÜß€",
		"\xff\xfe",
		strings.Repeat("Zentrum <b>&amp;</b> | ; \" ' * _ ` [x](y) # -", 40),
		"=SUM(A1:A9)",
		"- item\r\n# heading\n> quote\n| --- |",
		"\\|\\\\|",
		"\x00row0\x00",
		"]]><!-- -->&#0;",
		// Found by this test: block openers at the start of a line and
		// control characters, which XML does not allow.
		"~~~",
		"   # x",
		"1. x",
		"2) x",
		"    code",
		"~~gestrichen~~",
		"Zentrum\u0001\u0000\uFFFE",
	}
	for i, s := range nasty {
		// Every seed string goes through every builder.
		for k := range 5 {
			f.Add(s, nasty[(i+1)%len(nasty)], nasty[(i+5)%len(nasty)], i*3-2, byte(k+5*(i*7%52)))
		}
	}
	f.Fuzz(func(t *testing.T, a, b, c string, n int, sel byte) { fuzzRender(t, a, b, c, n, sel) })
}

// fuzzRender is one run of FuzzRender.
func fuzzRender(t testing.TB, a, b, c string, n int, sel byte) {
	base, err := fuzzBaseOnce()
	if err != nil {
		t.Fatal(err)
	}
	a, b, c = fuzzText(a), fuzzText(b), fuzzText(c)
	ds := fuzzDataset(a, b, c, n)
	if diags := ds.Validate(); diags.HasErrors() {
		t.Fatalf("the test made an invalid dataset: %v", diags)
	}
	in := evaluation(t, ds, []*rules.RuleSet{base.prog}, fuzzResults(base.results, ds, a, b, c), timespan.NewYearOf(2024))

	// sel picks the builder (sel%5) and the options (sel/5).
	o := sel / 5
	opts := []report.Option{report.WithStamp(time.Date(2025, time.January, 15, 9, 0, 0, 0, time.UTC))}
	if o&1 != 0 {
		opts = append(opts, report.WithLanguage(report.English))
	}
	if o&2 != 0 {
		opts = append(opts, report.WithPublished(), report.WithThreshold(2+int(o>>5)))
	}
	if o&4 != 0 {
		opts = append(opts, report.WithTitle(a))
	}
	if o&8 != 0 {
		opts = append(opts, report.WithCentres("c1", "c3"))
	}
	centre := "c1"
	if o&16 != 0 {
		centre = "c2"
	}
	var r *report.Report
	switch sel % 5 {
	case 0:
		r, err = report.Compliance(in, opts...)
	case 1:
		r, err = report.CentreAnnual(in, centre, opts...)
	case 2:
		r, err = report.ProgrammeAnnual(in, "musterstadt", opts...)
	case 3:
		r, err = report.Staffing(in, "musterstadt", opts...)
	case 4:
		var cal schedule.Calendar
		r, cal, err = report.Plan(in, "musterstadt", 2025, opts...)
		if err == nil {
			var buf bytes.Buffer
			if _, err := cal.WriteTo(&buf); err != nil {
				t.Errorf("plan calendar: %v", err)
			} else if got := strings.Count(buf.String(), "\r\nBEGIN:VEVENT\r\n"); got != len(cal.Events) {
				t.Errorf("plan calendar: %d BEGIN:VEVENT lines for %d events", got, len(cal.Events))
			}
		}
	}
	if err != nil {
		t.Fatalf("%s: %v", fuzzBuilders[sel%5], err)
	}

	for _, format := range report.Formats() {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, format); err != nil {
			t.Errorf("%s %s: %v", r.Kind, format, err)
			continue
		}
		var problems []string
		switch format {
		case report.FormatJSON:
			problems = checkFuzzJSON(r, buf.Bytes())
		case report.FormatCSV:
			problems = checkFuzzCSV(r, buf.Bytes())
		case report.FormatMarkdown:
			problems = checkFuzzMarkdown(r, buf.String())
		case report.FormatHTML:
			problems = checkFuzzHTML(r, buf.String())
		}
		for _, p := range problems {
			t.Errorf("%s %s: %s", r.Kind, format, p)
		}
	}
}

// fuzzText makes a fuzzed string valid UTF-8, as the loaders do, and
// cuts it to at most 2 KiB, so that one run stays fast: each string is
// written into dozens of places of every report.
func fuzzText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= 2048 {
		return s
	}
	n := 2048
	for !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// fuzzBase is what every fuzz iteration shares: the rule file and the
// verdicts for the dataset with plain texts. The verdicts depend on
// neither the texts nor the attendance, which is all the fuzzer changes.
type fuzzBase struct {
	prog    *rules.RuleSet
	results []rules.Result
}

var fuzzBaseOnce = sync.OnceValues(func() (fuzzBase, error) {
	prog, diags := rules.Load("fuzz.yaml", []byte(fuzzRules))
	if diags.HasErrors() {
		return fuzzBase{}, diags
	}
	ds := fuzzDataset("Zentrum", "Familienzentren", "Träger", 5)
	if diags := ds.Validate(); diags.HasErrors() {
		return fuzzBase{}, diags
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		return fuzzBase{}, err
	}
	evRes, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	res := evRes.Results()
	if err != nil {
		return fuzzBase{}, err
	}
	seen := map[rules.Outcome]bool{}
	for _, r := range res {
		seen[r.Outcome] = true
	}
	for _, o := range []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeWaived, rules.OutcomeMissingData, rules.OutcomeError} {
		if !seen[o] {
			return fuzzBase{}, fmt.Errorf("the fuzz model has no verdict %s: %v", o, res)
		}
	}
	return fuzzBase{prog: prog, results: res}, nil
})

// fuzzRules is a rule file whose verdicts on fuzzDataset cover pass, fail,
// waived, missing data and error, with evidence, and a manual
// requirement.
const fuzzRules = `programme: musterstadt
name: Familienzentren Musterstadt (Fuzz)
authority: Jugendamt Musterstadt
version: "1"
land: DE-HE
sources:
  - {id: konzept, title: Konzept Familienzentren Musterstadt, date: "2024-01"}
requirements:
  - {id: MS-01, text: Die Leitung erhält zusätzliche Freistellung., source: {doc: konzept, section: "§ 1"}}
  - {id: MS-02, text: Das Elterncafé findet wöchentlich statt., source: {doc: konzept, section: "§ 2"}}
  - {id: MS-03, text: Jedes Zentrum hat genau einen Träger., source: {doc: konzept, section: "§ 3"}}
  - {id: MS-04, text: Der Sozialraum wird beobachtet., source: {doc: konzept, section: "§ 4"}}
params:
  releaseHours:
    type: decimal
    unit: h/Woche
    history:
      - {from: 2020-01-01, value: 2}
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    source: {doc: konzept, section: "§ 1"}
    severity: error
    each: centre.staff
    when: item.role == "leitung-familienzentrum"
    assert: item.releaseHoursPerWeek >= params.releaseHours
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche"
    evidence:
      freistellung: item.releaseHoursPerWeek
      gefordert: params.releaseHours
  - id: elterncafe
    title: Elterncafé mindestens einmal im Monat
    requirements: [MS-02]
    needs: sessionsOf(centre, "elterncafe", period)
    assert: len(sessionsOf(centre, "elterncafe", period)) >= 12
    message: "{{ len(sessionsOf(centre, \"elterncafe\", period)) }} Termine"
  - id: ein-traeger
    title: Ein Träger je Zentrum
    scope: programme
    requirements: [MS-03]
    assert: all(centres, .provider != "")
    message: "{{ len(centres) }} Zentren"
  - id: elterncafe-anteil
    title: Anteil der Elterncafé-Termine an allen Angeboten
    requirements: [MS-02]
    severity: info
    assert: dec(len(sessionsOf(centre, "elterncafe", period))) / len(offersOf(centre, "", period)) >= 3
    message: "{{ len(offersOf(centre, \"\", period)) }} Angebote"
manual:
  - {requirement: MS-04, reason: Beobachtung ist keine Datenangabe., evidence: Protokolle der Sozialraumbegehung}
`

// fuzzDataset builds a valid dataset of one programme with three centres
// whose texts are a, b and c; n sets the attendance. Required texts that
// are empty are replaced, so that the dataset stays valid. Free-text
// notes, which published reports remove wherever they occur, are the
// texts with a prefix, so that names stay in published reports.
func fuzzDataset(a, b, c string, n int) *kiez.Dataset {
	req := func(s string) string {
		if s == "" {
			return "–"
		}
		return s
	}
	note := func(s string) string { return "Notiz: " + s }
	d := func(m time.Month, day int) date.Date { return date.New(2024, m, day) }
	dp := func(m time.Month, day int) *date.Date { x := d(m, day); return &x }
	dec := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	if n < 0 {
		n = -(n + 1)
	}
	n %= 40
	var cafe, kurs []kiez.Session
	for m := time.January; m <= time.December; m++ {
		k := (n + int(m)) % 12
		cafe = append(cafe, kiez.Session{Offer: "cafe", Date: d(m, 5), Theme: a, Themed: m%3 == 0,
			Attendance: kiez.Attendance{Adults: k, Children: (k * 7) % 5, Families: k / 2}})
		if m%2 == 0 {
			kurs = append(kurs, kiez.Session{Offer: "kurs", Date: d(m, 20), Cancelled: m == time.June,
				Attendance: kiez.Attendance{Adults: n % 3, Children: n % 2, Families: n % 3}})
		}
	}
	published := dp(time.March, 31)
	return &kiez.Dataset{
		Programmes: []kiez.Programme{{
			ID: "musterstadt", Name: req(b), Authority: req(c), Land: "DE-HE", FullTimeHours: dec("39"),
			Providers: []kiez.Provider{{ID: "traeger-a", Name: req(c), ShortName: a}},
			Meetings: []kiez.Meeting{{Kind: "austauschtreffen-jugendamt", Date: d(time.May, 14), Topic: a, Place: b},
				{Kind: "austauschtreffen-jugendamt", Date: d(time.November, 12), Cancelled: true}},
			Evidence: []kiez.Evidence{{Kind: "jahresbericht-sozialraumbudget", Date: d(time.March, 1), Year: 2023,
				Published: published, Note: note(c)}},
		}},
		Centres: []kiez.Centre{
			{
				ID: "c1", Name: req(a), Programme: "musterstadt", Kind: "family-centre", Provider: "traeger-a",
				Location:  kiez.Location{District: b, Municipality: c, Address: a},
				Catchment: []kiez.Kita{{ID: "kita-1", Name: req(c), Municipality: b, Note: note(a)}},
				Partners:  []kiez.Partner{{ID: "partner-1", Name: req(b), Kind: "grundschule"}},
				Staff: []kiez.Position{
					{ID: "leitung-1", Role: "leitung-familienzentrum", HoursPerWeek: dec("39"), ReleaseHoursPerWeek: dec("1.5"), Employer: c},
					{ID: "l2", Role: "leitung-familienzentrum", HoursPerWeek: dec("19.5"), ReleaseHoursPerWeek: dec("2.5")},
					{ID: "s1", Role: "kita-sozialarbeit", HoursPerWeek: dec("30"), Kitas: []string{"kita-1"}},
				},
				Offers: []kiez.Offer{
					{ID: "cafe", Title: req(b), Kind: "elterncafe", Fields: []string{"begegnung"}, Format: "in-person",
						Recurrence: "FREQ=MONTHLY;BYMONTHDAY=5"},
					{ID: "kurs", Title: req(a), Kind: "elternbildung", Fields: []string{"bildung", "beratung"}, Partner: "partner-1"},
				},
				Sessions: append(cafe, kurs...),
				Meetings: []kiez.Meeting{{Kind: "netzwerktreffen", Date: d(time.April, 9), Topic: c, Place: a, Kitas: []string{"kita-1"}}},
				Evidence: []kiez.Evidence{{Kind: "jahresbericht", Date: d(time.February, 28), Year: 2023, By: b, Note: note(c)}},
				Changes:  []kiez.ChangeEvent{{Kind: "neues-personal", Date: d(time.July, 1), Note: note(b)}},
				Budget: []kiez.BudgetLine{{Year: 2024, Category: "programmgeld-sachkosten", Planned: dec("1500"), Spent: dec("1234.56"), Note: note(a)},
					{Year: 2024, Category: "programmgeld-personal", Planned: dec("20000"), Spent: dec("21000.1")}},
				Targets: []kiez.Target{{ID: "ziel-1", Title: req(c), Year: 2024, Metric: "sessions", OfferKind: "elterncafe", Value: dec("12")},
					{ID: "ziel-2", Title: req(a), Year: 2024, Metric: "families", Value: dec("30"), Reported: fuzzPtr(dec("28"))}},
				ImpactGoals: []kiez.ImpactGoal{{ID: "wirkung-1", Title: req(b), Set: d(time.January, 10), Reviewed: dp(time.October, 1),
					Indicators: []kiez.Indicator{{Name: req(c), Unit: a, Baseline: fuzzPtr(dec("3")), Target: dec("5.5"), Measured: fuzzPtr(dec("4")),
						MeasuredOn: dp(time.September, 30)}}}},
				Note: note(a),
			},
			{
				ID: "c2", Name: req(b), Programme: "musterstadt", Kind: "family-centre", Provider: "traeger-a",
				Location: kiez.Location{Municipality: a},
				Staff:    []kiez.Position{{ID: "l1", Role: "leitung-familienzentrum", HoursPerWeek: dec("20"), ReleaseHoursPerWeek: dec("4")}},
				Offers:   []kiez.Offer{{ID: "kurs", Title: req(c), Kind: "elternbildung", Recurrence: "FREQ=WEEKLY;BYDAY=TU;COUNT=3"}},
				Sessions: kurs,
			},
			{ID: "c3", Name: req(c), Programme: "musterstadt", Kind: "family-centre", ProviderNote: note(b)},
		},
		Waivers: []kiez.Waiver{{ID: "ausnahme-1", Programme: "musterstadt", Rule: "freistellung", Subject: "c1/leitung-1",
			Reason: note(c), GrantedBy: req(b), Granted: d(time.January, 15), From: d(time.January, 1)}},
	}
}

func fuzzPtr[T any](v T) *T { return &v }

// fuzzResults returns a copy of the verdicts with the rules' titles,
// messages, evidence texts and errors replaced by the fuzzed strings, as
// a rule file with such texts would give, and the waivers' texts taken
// from the dataset.
func fuzzResults(base []rules.Result, ds *kiez.Dataset, a, b, c string) []rules.Result {
	texts := []string{a, b, c}
	out := make([]rules.Result, len(base))
	for i, r := range base {
		r.Title = texts[i%3]
		r.Message = texts[(i+1)%3]
		if r.Error != "" {
			r.Error = texts[(i+2)%3]
		}
		ev := make([]rules.Evidence, len(r.Evidence))
		for j, e := range r.Evidence {
			e.Text = texts[(i+j)%3]
			ev[j] = e
		}
		r.Evidence = ev
		if r.Waiver != nil {
			w := *r.Waiver
			for _, dw := range ds.Waivers {
				if dw.ID == w.ID {
					w.Reason, w.GrantedBy = dw.Reason, dw.GrantedBy
				}
			}
			r.Waiver = &w
		}
		out[i] = r
	}
	return out
}

// checkFuzzJSON checks that the JSON is valid, decodes to the same texts
// and holds cell values of the documented JSON types.
func checkFuzzJSON(r *report.Report, out []byte) []string {
	if !json.Valid(out) {
		return []string{"invalid JSON"}
	}
	var back report.Report
	if err := json.Unmarshal(out, &back); err != nil {
		return []string{"decoding: " + err.Error()}
	}
	var problems []string
	want, got := fuzzFlatten(r), fuzzFlatten(&back)
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) || want[i] != got[i] {
			w, g := "(end)", "(end)"
			if i < len(want) {
				w = want[i]
			}
			if i < len(got) {
				g = got[i]
			}
			problems = append(problems, fmt.Sprintf("decodes to another report: at %d, built %q, decoded %q", i, w, g))
			break
		}
	}
	isoDate := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for _, s := range back.Sections {
		for _, tb := range s.Tables {
			for _, row := range tb.Rows {
				for i, cell := range row.Cells {
					if i >= len(tb.Columns) || cell.Value == nil {
						continue
					}
					ok := false
					switch v := cell.Value.(type) {
					case float64:
						ok = tb.Columns[i].Type == report.TypeCount
					case bool:
						ok = tb.Columns[i].Type == report.TypeBool
					case string:
						switch tb.Columns[i].Type {
						case report.TypeDecimal:
							_, err := decimal.NewFromString(v)
							ok = err == nil
						case report.TypeDate:
							ok = isoDate.MatchString(v)
						case report.TypeText, report.TypeOutcome:
							ok = true
						}
					}
					if !ok {
						problems = append(problems, fmt.Sprintf("table %s column %s (%s): value %#v", tb.ID, tb.Columns[i].Key, tb.Columns[i].Type, cell.Value))
					}
				}
			}
		}
	}
	return problems
}

// fuzzFlatten lists everything of a report but the cells' values, each
// item prefixed by what it is: the JSON form must keep all of it.
func fuzzFlatten(r *report.Report) []string {
	out := []string{"kind " + string(r.Kind), "language " + string(r.Language), "title " + r.Title, "subtitle " + r.Subtitle,
		fmt.Sprintf("published %t %d", r.Published, r.Threshold)}
	for _, m := range r.Meta {
		out = append(out, "meta "+m.Key, m.Label, m.Value)
	}
	for _, n := range r.Notes {
		out = append(out, "note "+n)
	}
	for _, s := range r.Sections {
		out = append(out, "section "+s.ID, s.Title)
		for _, x := range s.Text {
			out = append(out, "text "+x)
		}
		for _, tb := range s.Tables {
			out = append(out, "table "+tb.ID, tb.Title)
			for _, c := range tb.Columns {
				out = append(out, "column "+c.Key, c.Label, string(c.Type), c.Unit, fmt.Sprint(c.Places, c.Persons, c.SumOf))
			}
			for _, row := range tb.Rows {
				out = append(out, fmt.Sprintf("row %t %d", row.Total, len(row.Cells)))
				for _, c := range row.Cells {
					out = append(out, "cell "+string(c.Suppressed), c.Text)
				}
			}
			for _, n := range tb.Notes {
				out = append(out, "table note "+n)
			}
		}
		for _, c := range s.Charts {
			out = append(out, "chart "+c.ID, c.Title, string(c.Type), c.Table, c.Category, fmt.Sprint(c.Series, c.Stacked, c.Horizontal))
		}
	}
	return out
}

// checkFuzzCSV reads the CSV back: a byte order mark, then the records the
// report's structure gives, one field per column in each header and row,
// and no text field that starts like a formula.
func checkFuzzCSV(r *report.Report, out []byte) []string {
	body, ok := bytes.CutPrefix(out, []byte("\ufeff"))
	if !ok {
		return []string{"no byte order mark"}
	}
	rd := csv.NewReader(bytes.NewReader(body))
	rd.Comma = ';'
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil {
		return []string{"reading: " + err.Error()}
	}
	// want lists the number of fields of each record and whether all of
	// them are text; an empty line is no record.
	type rec struct {
		fields int
		text   []bool
	}
	var want []rec
	line := func(n int) { want = append(want, rec{n, nil}) }
	line(1)
	if r.Subtitle != "" {
		line(1)
	}
	for range r.Meta {
		line(2)
	}
	for range r.Notes {
		line(1)
	}
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			line(1)
			line(len(tb.Columns))
			text := make([]bool, len(tb.Columns))
			for i, c := range tb.Columns {
				text[i] = c.Type == report.TypeText || c.Type == report.TypeOutcome || c.Type == report.TypeBool
			}
			for range tb.Rows {
				want = append(want, rec{len(tb.Columns), text})
			}
			for range tb.Notes {
				line(1)
			}
		}
	}
	if len(recs) != len(want) {
		return []string{fmt.Sprintf("%d records, want %d", len(recs), len(want))}
	}
	var problems []string
	for i, got := range recs {
		if len(got) != want[i].fields {
			problems = append(problems, fmt.Sprintf("record %d has %d fields, want %d: %q", i+1, len(got), want[i].fields, got))
			continue
		}
		for j, field := range got {
			if want[i].text != nil && !want[i].text[j] {
				continue // numbers and dates may start with a minus sign
			}
			if field != "" && strings.ContainsAny(field[:1], "=+-@\t\r") {
				problems = append(problems, fmt.Sprintf("record %d field %d starts like a formula: %q", i+1, j+1, field))
			}
		}
	}
	return problems
}

// fuzzMDDelimiterRow matches the line under a Markdown table's header.
var fuzzMDDelimiterRow = regexp.MustCompile(`^\|( -{3}:? \|)+$`)

// fuzzMDBlock matches the start of a line that opens a Markdown block:
// indented code, a fence, a list item, a heading, a quote, a setext
// underline or a thematic break.
var fuzzMDBlock = regexp.MustCompile("^( {4}|\t| {0,3}(~~~|```|[0-9]{1,9}[.)]( |$)|[-+*]( |$)|#|>|=+ *$|-{2,} *$|[*_]{3,} *$))")

// fuzzMDTag matches the start of an HTML tag, comment or processing
// instruction.
var fuzzMDTag = regexp.MustCompile(`<[A-Za-z/!?]`)

// checkFuzzMarkdown checks that no text opens a heading, quote, table,
// list, code block or HTML tag, and that each table row has one cell per
// column.
func checkFuzzMarkdown(r *report.Report, out string) []string {
	var problems []string
	if m := fuzzMDTag.FindString(out); m != "" {
		problems = append(problems, fmt.Sprintf("unescaped HTML %q", m))
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	headings, quotes := 1+len(r.Sections), 0
	if len(r.Notes) > 0 {
		quotes = 2*len(r.Notes) - 1
	}
	var tables []report.Table
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			if tb.Title != "" && tb.Title != s.Title {
				headings++
			}
			tables = append(tables, tb)
		}
	}
	gotHeadings, gotQuotes, at := 0, 0, 0
	for i := 0; i < len(lines); i++ {
		switch {
		case strings.HasPrefix(lines[i], "#"):
			gotHeadings++
		case strings.HasPrefix(lines[i], ">"):
			gotQuotes++
		case strings.HasPrefix(lines[i], "|") && i+1 < len(lines) && fuzzMDDelimiterRow.MatchString(lines[i+1]):
			if at >= len(tables) {
				return append(problems, "more tables than the report has")
			}
			tb := tables[at]
			at++
			block := 2 + len(tb.Rows)
			if i+block > len(lines) || (i+block < len(lines) && lines[i+block] != "") {
				return append(problems, fmt.Sprintf("table %s: not %d lines followed by an empty line", tb.ID, block))
			}
			for j := i; j < i+block; j++ {
				if got := fuzzMDCells(lines[j]); got != len(tb.Columns) {
					problems = append(problems, fmt.Sprintf("table %s line %d: %d cells, want %d: %q", tb.ID, j+1, got, len(tb.Columns), lines[j]))
				}
			}
			i += block - 1
		default:
			if m := fuzzMDBlock.FindString(lines[i]); m != "" && !strings.HasPrefix(lines[i], "- **") {
				problems = append(problems, fmt.Sprintf("line %d opens a block with %q: %.60q", i+1, m, lines[i]))
			}
		}
	}
	if gotHeadings != headings {
		problems = append(problems, fmt.Sprintf("%d headings, want %d", gotHeadings, headings))
	}
	if gotQuotes != quotes {
		problems = append(problems, fmt.Sprintf("%d quote lines, want %d", gotQuotes, quotes))
	}
	if at != len(tables) {
		problems = append(problems, fmt.Sprintf("%d tables, want %d", at, len(tables)))
	}
	return problems
}

// fuzzMDCells counts the cells of a GitHub table row: the pipes not escaped
// by a backslash, less one.
func fuzzMDCells(line string) int {
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, " |") {
		return -1
	}
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			n++
		}
	}
	return n - 1
}

// fuzzHTMLElements and fuzzHTMLAttrs are the elements and attributes the
// HTML renderer writes; anything else came from a text.
var (
	fuzzHTMLElements = fuzzSet(`html head meta title style body header h1 h2 h3 p dl dt dd div nav strong ol li a main
		section table thead tbody tr th td span figure figcaption svg rect text line polyline circle footer`)
	fuzzHTMLAttrs = fuzzSet(`lang charset name content class id href scope data-col data-type data-persons
		data-suppressed xmlns viewBox width height role aria-label x y x1 y1 x2 y2 fill stroke stroke-width
		text-anchor cx cy r points`)
)

func fuzzSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// checkFuzzHTML checks that no text became markup: no script; every < in
// the page opens a tag the renderer writes — an element and attributes of
// its own, in balance — and every & an entity, which holds for any text
// only if the renderer escapes it. The sections' titles must be there,
// escaped. The page must be well-formed XML, as WriteHTML promises,
// also when a text holds a control character (which becomes U+FFFD).
func checkFuzzHTML(r *report.Report, out string) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if strings.Contains(strings.ToLower(out), "<script") {
		bad("holds a <script")
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad("not well-formed XML: %v", err)
			break
		}
	}
	for _, s := range r.Sections {
		if !strings.Contains(out, "<h2>"+html.EscapeString(fuzzXMLChars(s.Title))+"</h2>") {
			bad("no escaped heading for section %s", s.ID)
		}
	}
	doctype := "<!DOCTYPE html>\n"
	if !strings.HasPrefix(out, doctype) {
		return append(problems, "no doctype")
	}
	var open []string
	for i := len(doctype); len(problems) < 10; {
		j := strings.IndexAny(out[i:], "<&")
		if j < 0 {
			break
		}
		i += j
		if out[i] == '&' {
			if !fuzzEntity(out[i:]) {
				bad("unescaped & at %d: %.30q", i, out[i:])
			}
			i++
			continue
		}
		end := strings.IndexByte(out[i:], '>')
		if end < 0 {
			bad("unterminated tag at %d", i)
			break
		}
		tag := out[i+1 : i+end]
		i += end + 1
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if len(open) == 0 || open[len(open)-1] != name {
				bad("</%s> closes %v", name, open)
				break
			}
			open = open[:len(open)-1]
			continue
		}
		tag, selfClosing := strings.CutSuffix(tag, "/")
		name, attrs, _ := strings.Cut(tag, " ")
		if !fuzzHTMLElements[name] {
			bad("element %.40q", name)
		}
		for attrs = strings.TrimLeft(attrs, " "); attrs != ""; attrs = strings.TrimLeft(attrs, " ") {
			key, rest, ok := strings.Cut(attrs, "=\"")
			value, after, ok2 := strings.Cut(rest, "\"")
			if !ok || !ok2 || !fuzzHTMLAttrs[key] {
				bad("attributes %.60q of <%s>", attrs, name)
				break
			}
			for k := strings.IndexByte(value, '&'); k >= 0; k = strings.IndexByte(value, '&') {
				if !fuzzEntity(value[k:]) {
					bad("unescaped & in attribute %s: %.30q", key, value[k:])
				}
				value = value[k+1:]
			}
			attrs = after
		}
		if !selfClosing {
			open = append(open, name)
		}
	}
	if len(open) != 0 {
		bad("elements left open: %v", open)
	}
	return problems
}

// fuzzEntity reports whether s starts with one of the entities
// html.EscapeString writes.
func fuzzEntity(s string) bool {
	for _, e := range []string{"&lt;", "&gt;", "&amp;", "&#39;", "&#34;"} {
		if strings.HasPrefix(s, e) {
			return true
		}
	}
	return false
}

// fuzzXMLChars replaces the characters XML does not allow by U+FFFD, as
// the HTML renderer does.
func fuzzXMLChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r < 0xD800) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF) {
			return r
		}
		return '\uFFFD'
	}, s)
}

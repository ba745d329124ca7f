package server

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// evaluateBadKreuznach evaluates the shipped Bad Kreuznach data for 2024
// with the embedded rules, as the dashboard's pages get it.
func evaluateBadKreuznach(t *testing.T) (*rules.Evaluation, *rules.Engine) {
	t.Helper()
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	ds, diags := kiez.LoadFiles("../../testdata/bad-kreuznach")
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		t.Fatal(err)
	}
	return ev, eng
}

// cellText returns the outcome label of a matrix cell by row and column.
func cellText(m matrixView, row, col string) string {
	ci := -1
	for i, c := range m.Columns {
		if c.ID == col {
			ci = i
		}
	}
	for _, r := range m.Rows {
		if r.ID == row && ci >= 0 {
			return r.Cells[ci].Label
		}
	}
	return "?"
}

// TestMatrixShowsShortfalls checks the matrix of the shipped data: the
// shortfalls the testdata documents are "nicht erfüllt" in their cells,
// every cell links to its verdicts, and there is a programme-wide row
// and a total.
func TestMatrixShowsShortfalls(t *testing.T) {
	ev, _ := evaluateBadKreuznach(t)
	set := ev.RuleSets()[0]
	var centres []centreName
	for _, c := range ev.Dataset().Centres {
		centres = append(centres, centreName{c.ID, c.Name})
	}
	m := matrixOf("/auswertungen/7", set, centres, ev.Results())
	got := map[string]string{}
	for _, k := range [][2]string{{"fz-hargesheim", "BK-06"}, {"fz-langenlonsheim", "BK-07"}, {"fz-meisenheim", "BK-04"}} {
		got[k[0]+" "+k[1]] = cellText(m, k[0], k[1])
	}
	want := map[string]string{
		"fz-hargesheim BK-06":     "nicht erfüllt",
		"fz-langenlonsheim BK-07": "nicht erfüllt",
		"fz-meisenheim BK-04":     "nicht erfüllt",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("matrix cells (-want +got):\n%s", d)
	}
	if len(m.Columns) != len(set.Requirements) {
		t.Errorf("%d columns, want one per requirement (%d)", len(m.Columns), len(set.Requirements))
	}
	last := m.Rows[len(m.Rows)-1]
	if !last.Total || m.Rows[len(m.Rows)-2].ID != programmeRow {
		t.Errorf("the rows end in %q, %q; want the programme-wide rules, then the total", m.Rows[len(m.Rows)-2].Header, last.Header)
	}
	n := 0
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			if c.N > 0 && !strings.HasPrefix(c.URL, "/auswertungen/7/urteile?") {
				t.Errorf("cell of %s links to %q", r.ID, c.URL)
			}
			if c.N > 0 && c.Label == "" {
				t.Errorf("cell of %s has a colour but no label", r.ID)
			}
			n += c.N
		}
	}
	if n == 0 {
		t.Error("the matrix counts no results")
	}
}

// TestFilterResults checks the verdicts of a cell: one centre, one
// requirement, the worst first.
func TestFilterResults(t *testing.T) {
	ev, _ := evaluateBadKreuznach(t)
	rs := filterResults(ev.Results(), "fz-hargesheim", "BK-06")
	if len(rs) == 0 {
		t.Fatal("no verdicts of fz-hargesheim for BK-06")
	}
	if rs[0].Outcome != rules.OutcomeFail {
		t.Errorf("first verdict %s, want the failure first", rs[0])
	}
	for _, r := range rs {
		if r.Centre != "fz-hargesheim" {
			t.Errorf("verdict of another centre: %s", r)
		}
	}
	for _, r := range filterResults(ev.Results(), programmeRow, "") {
		if r.Centre != "" {
			t.Errorf("programme-wide list holds a centre's verdict: %s", r)
		}
	}
}

// TestSnippet checks the lines around a position: two before and after,
// the line marked at the column counted in characters (umlauts are one).
func TestSnippet(t *testing.T) {
	data := []byte("a: 1\nb: 2\nname: Grüße aus Kirn\nc: 3\nd: 4\ne: 5\n")
	got := snippet(data, 3, 10)
	want := []srcLine{
		{N: 1, Text: "a: 1"},
		{N: 2, Text: "b: 2"},
		{N: 3, Text: "name: Grü", Marked: true, At: "ß", After: "e aus Kirn"},
		{N: 4, Text: "c: 3"},
		{N: 5, Text: "d: 4"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("snippet (-want +got):\n%s", d)
	}
	if got := snippet(data, 99, 1); got != nil {
		t.Errorf("a line past the end gives %v, want nothing", got)
	}
	if got := snippet([]byte("x: \x00\xff\r\n"), 1, 1); got[0].Text+got[0].At+got[0].After != "x: \uFFFD\uFFFD" {
		t.Errorf("control characters and invalid UTF-8 shown as %q", got[0].Text+got[0].At+got[0].After)
	}
}

// TestFileDiags checks the grouping of diagnostics by file, in upload
// order, with the position and the lines.
func TestFileDiags(t *testing.T) {
	src := map[string][]byte{"b.yaml": []byte("x: 1\ny: zwei\n"), "a.yaml": []byte("z: 3\n")}
	diags := diag.Diagnostics{
		{Severity: diag.Error, Summary: "y ist keine Zahl", Subject: &diag.Range{Filename: "b.yaml", Start: diag.Pos{Line: 2, Column: 4}}, Path: "y"},
		{Severity: diag.Warning, Summary: "ohne Datei"},
		{Severity: diag.Error, Summary: "z fehlt", Subject: &diag.Range{Filename: "a.yaml", Start: diag.Pos{Line: 1, Column: 1}}},
	}
	got := fileDiags(diags, []string{"a.yaml", "b.yaml"}, func(n string) ([]byte, bool) { b, ok := src[n]; return b, ok })
	var names, wheres []string
	for _, f := range got {
		names = append(names, f.Name)
		for _, d := range f.Diags {
			wheres = append(wheres, d.Where+" "+d.Severity+" "+d.Summary)
		}
	}
	if d := cmp.Diff([]string{"a.yaml", "b.yaml", ""}, names); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	want := []string{"a.yaml:1:1 Fehler z fehlt", "b.yaml:2:4 Fehler y ist keine Zahl", " Warnung ohne Datei"}
	if d := cmp.Diff(want, wheres); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
	if l := got[1].Diags[0].Lines[1]; !l.Marked || l.At != "z" || l.After != "wei" {
		t.Errorf("marked line %+v", l)
	}
}

// samplePages returns a model of every page, filled from the evaluation
// of the shipped data.
func samplePages(t *testing.T) map[string]*pageView {
	t.Helper()
	ev, eng := evaluateBadKreuznach(t)
	set := ev.RuleSets()[0]
	user := userViewOf("fachberatung", true)
	base := "/auswertungen/3"
	var centres []centreName
	for _, c := range ev.Dataset().Centres {
		centres = append(centres, centreName{c.ID, c.Name})
	}
	var verdicts []verdictView
	var failed rules.Result
	for _, r := range filterResults(ev.Results(), "fz-hargesheim", "") {
		verdicts = append(verdicts, verdictOf(r, false, explainURL(base, r.Rule, r.Subject)))
		if r.Outcome == rules.OutcomeFail && failed.Rule == "" {
			failed = r
		}
	}
	x, err := eng.Explain(context.Background(), ev.Dataset(), ev.Period(), failed.Rule, failed.Subject)
	if err != nil {
		t.Fatal(err)
	}
	explained := explanationOf(x, set, ev.Period())
	explained.EvaluationID, explained.EvaluationURL, explained.Period = 3, base, "2024"
	files := fileDiags(diag.Diagnostics{{Severity: diag.Error, Summary: "Das Datum ist ungültig.", Detail: "Schreiben Sie es als JJJJ-MM-TT.",
		Subject: &diag.Range{Filename: "fz-kirn.yaml", Start: diag.Pos{Line: 2, Column: 8}}, Path: "centres[0].since"}},
		[]string{"fz-kirn.yaml"}, func(string) ([]byte, bool) { return []byte("id: fz-kirn\nsince: 2024-13-01\n"), true })
	programmes := []option{{Value: set.ID, Label: set.Name, Selected: true}}
	reports := []reportView{{Label: "Prüfbericht", Links: []reportLink{{Label: "HTML", URL: base + "/bericht?art=compliance&format=html"}}}}
	page := func(title, nav string, body any) *pageView {
		return &pageView{Title: title, User: user, CSRF: "tok<en>", Nav: nav, Body: body}
	}
	return map[string]*pageView{
		"login": {Title: "Anmelden", Nav: "login", CSRF: "c", Body: loginView{Name: "x", Error: "Kennung oder Passwort stimmen nicht."}},
		"home": page("Übersicht", "home", homeView{CanWrite: true, Programmes: []programmeView{{ID: set.ID, Title: set.Name, Version: set.Version,
			Years: []yearView{{Year: 2024, Dataset: &datasetView{Programme: set.ID, Year: 2024, Version: 2, UploadedBy: "fachberatung", UploadedAt: "02.12.2026, 10:00 Uhr", Files: []string{"programme.yaml"}},
				Evaluations: []evaluationRow{{ID: 3, URL: base, Period: "2024", CreatedBy: "fachberatung", Counts: countViews(map[string]int{"pass": 4, "fail": 3})}}}}}}}),
		"upload": page("Daten hochladen", "upload", uploadView{Programmes: programmes, Year: "2024", Error: "Die Daten enthalten Fehler; nichts wurde gespeichert.", Files: files}),
		"check":  page("Prüfen", "check", checkView{Programmes: programmes, RuleFiles: []option{{Value: "4", Label: "eigene.yaml"}}, Year: "2024", Files: files, Error: "Die Regeldatei enthält Fehler."}),
		"evaluation": page("Auswertung 3", "home", evaluationView{ID: 3, Programme: set.ID, ProgrammeTitle: set.Name, Year: 2024, Period: "2024",
			CanPublish: true, Compare: []option{{Value: "2", Label: "Auswertung 2: 2024, Zeitraum 2024"}}, Counts: countViews(map[string]int{"pass": 4, "fail": 3}), Legend: legend(), Reports: reports,
			Matrices: []matrixView{matrixOf(base, set, centres, ev.Results())}}),
		"verdicts": page("Familienzentrum Hargesheim", "home", verdictsView{EvaluationID: 3, EvaluationURL: base, Heading: "x", Period: "2024", Verdicts: verdicts, Reports: reports}),
		"verdict":  page("Erklärung", "home", explained),
		"compare": page("Vergleich", "home", compareView{EvaluationID: 3, EvaluationURL: base, OtherID: 2, OtherURL: "/auswertungen/2",
			Before: "Auswertung 2", After: "Auswertung 3", Summary: []valueView{{Name: "Ergebnis geändert", Text: "1"}},
			Changes: []changeView{{Kind: "Ergebnis geändert", Rule: failed.Rule, Title: failed.Title, Subject: failed.Subject,
				Old: &countView{Class: "pass", Label: "erfüllt"}, New: &countView{Class: "fail", Label: "nicht erfüllt"}, NewMsg: failed.Message,
				URL: explainURL(base, failed.Rule, failed.Subject)}}}),
		"audit": page("Protokoll", "audit", auditView{Entries: []auditRow{{Time: "02.12.2026", Actor: "a", Action: "check", Target: "evaluation 3"}}}),
		"error": {Title: "Nicht gefunden", Body: errorView{Status: 404, Detail: "Die Auswertung 9 gibt es nicht.", SignIn: true}},
	}
}

// TestPagesRender renders every page and checks what each must hold:
// lang="de", the landmarks, the skip link, a label for every form
// control, the CSRF token in every form that posts, th scope and a
// caption in every table.
func TestPagesRender(t *testing.T) {
	p, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	models := samplePages(t)
	if len(models) != len(pageNames) {
		t.Fatalf("%d sample pages for %d templates", len(models), len(pageNames))
	}
	controlRE := regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	idRE := regexp.MustCompile(`\bid="([^"]+)"`)
	for name, v := range models {
		var buf bytes.Buffer
		if err := p.write(&buf, name, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		page := buf.String()
		for _, must := range []string{`<html lang="de">`, `<header class="site">`, `<nav aria-label="Hauptnavigation">`, `<main id="inhalt"`, `<footer class="site">`, `href="#inhalt"`, `<h1>`} {
			if !strings.Contains(page, must) {
				t.Errorf("%s: no %s", name, must)
			}
		}
		for _, c := range controlRE.FindAllString(page, -1) {
			if strings.Contains(c, `type="hidden"`) {
				continue
			}
			m := idRE.FindStringSubmatch(c)
			if m == nil || !strings.Contains(page, `<label for="`+m[1]+`"`) {
				t.Errorf("%s: form control without a label: %s", name, c)
			}
		}
		if forms, tokens := strings.Count(page, `<form method="post"`), strings.Count(page, `name="csrf"`); forms != tokens {
			t.Errorf("%s: %d forms that post, %d CSRF fields", name, forms, tokens)
		}
		if tables, captions := strings.Count(page, "<table"), strings.Count(page, "<caption>"); tables != captions {
			t.Errorf("%s: %d tables, %d captions", name, tables, captions)
		}
		if strings.Contains(page, "<th>") {
			t.Errorf("%s: a table header without scope", name)
		}
		if strings.Contains(page, "tok<en>") {
			t.Errorf("%s: the CSRF token is not escaped", name)
		}
	}
}

// TestEvaluationPageMatrix checks the rendered matrix: the failing cell
// says "nicht erfüllt" in text, with its count, and links to its verdicts.
func TestEvaluationPageMatrix(t *testing.T) {
	p, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.write(&buf, "evaluation", samplePages(t)["evaluation"]); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	want := `<td class="cell o-fail"><a href="/auswertungen/3/urteile?anforderung=BK-06&amp;zentrum=fz-hargesheim">` +
		`<span class="visually-hidden">Familienzentrum Hargesheim (fz-hargesheim), BK-06: </span><span class="label">nicht erfüllt</span>`
	if !strings.Contains(page, want) {
		t.Errorf("the evaluation page lacks\n%s", want)
	}
	for _, l := range legend() {
		if !strings.Contains(page, `<span class="badge o-`+l.Class+`">`+l.Label+`</span>`) {
			t.Errorf("the legend lacks %s", l.Label)
		}
	}
}

// TestExplanationParams checks the explanation of a verdict on a rule
// that reads a param: its value on the period's first day, with its unit
// and since when it applies; the rule's lets among its expressions.
func TestExplanationParams(t *testing.T) {
	ev, eng := evaluateBadKreuznach(t)
	x, err := eng.Explain(context.Background(), ev.Dataset(), ev.Period(), "leitungsfreistellung", "fz-meisenheim/lfz-1")
	if err != nil {
		t.Fatal(err)
	}
	p := explanationOf(x, ev.RuleSet(x.Result.Programme), ev.Period())
	if p.ParamsFrom != "01.01.2024" {
		t.Errorf("params on %q, want 01.01.2024", p.ParamsFrom)
	}
	var params []string
	for _, v := range p.Params {
		params = append(params, v.Name)
		if v.Name == "leitungsfreistellung" && !strings.Contains(v.Text, "(seit ") {
			t.Errorf("param %s: %q says not since when it applies", v.Name, v.Text)
		}
	}
	if !slices.Contains(params, "leitungsfreistellung") {
		t.Errorf("params %v lack leitungsfreistellung", params)
	}
	var exprs []string
	for _, e := range p.Expressions {
		exprs = append(exprs, e.Name)
	}
	if d := cmp.Diff([]string{"each", "let darunter"}, exprs[:2]); d != "" {
		t.Errorf("expressions (-want +got):\n%s", d)
	}
	if p.Verdict.Label != "nicht erfüllt" || len(p.Tree) == 0 {
		t.Errorf("verdict %q with %d steps", p.Verdict.Label, len(p.Tree))
	}
}

var update = flag.Bool("update", false, "rewrite the golden files of the dashboard's pages in testdata/dashboard")

// TestPagesGolden compares every page, rendered from the sample models,
// with its golden file in testdata/dashboard (go test ./internal/server
// -run TestPagesGolden -update rewrites them).
func TestPagesGolden(t *testing.T) {
	p, err := parsePages()
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range samplePages(t) {
		var buf bytes.Buffer
		if err := p.write(&buf, name, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join("testdata", "dashboard", name+".html")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v; run go test ./internal/server -run TestPagesGolden -update", err)
		}
		if d := cmp.Diff(string(want), buf.String()); d != "" {
			t.Errorf("%s (-golden +rendered):\n%s", path, d)
		}
	}
}

// TestLocalPath: the page after sign-in is a path of this server; a
// path a browser would turn into another host is refused.
func TestLocalPath(t *testing.T) {
	for p, want := range map[string]string{
		"/auswertungen/3":      "/auswertungen/3",
		"/?hinweis=angemeldet": "/?hinweis=angemeldet",
		"//evil.example/":      "",
		"/\\evil.example/":     "",
		"/\t/evil.example/":    "",
		"/a\\b":                "",
		"/a\nb":                "",
		"https://evil.example": "",
		"":                     "",
	} {
		if got := localPath(p); got != want {
			t.Errorf("localPath(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestVerdictOfPublishedPosition: a visitor sees a position's verdict
// by its centre, never by the position's pseudonymous id, and no message
// of the rule's own.
func TestVerdictOfPublishedPosition(t *testing.T) {
	r := rules.Result{Rule: "leitungsfreistellung", Title: "Leitungsfreistellung", Subject: "fz-meisenheim/lfz-1",
		Centre: "fz-meisenheim", ItemKind: rules.ItemPosition, Item: "lfz-1", Outcome: rules.OutcomeFail,
		Message: "vorgesehen 2 Std./Woche"}
	v := verdictOf(r, true, "/x")
	if strings.Contains(v.Subject, "lfz-1") || strings.Contains(v.Message, "Std.") || v.URL != "" {
		t.Errorf("published: subject %q, message %q, explanation %q", v.Subject, v.Message, v.URL)
	}
	if v := verdictOf(r, false, "/x"); v.Subject != r.Subject || v.Message != r.Message {
		t.Errorf("internal: subject %q, message %q", v.Subject, v.Message)
	}
}

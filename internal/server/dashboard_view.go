package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"strings"
)

// The dashboard's page models and their rendering. Every page is one
// template of templates/ on top of templates/layout.html, filled from a
// page model (a view struct) that holds text ready to show: the handlers
// (dashboard*.go) build the models, the templates only lay them out.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds the parsed templates of the dashboard, one per page. Once
// parsed, a page may be rendered from several goroutines at once.
type pages struct {
	byName map[string]*template.Template
}

// pageNames are the page templates of templates/ (without .html).
var pageNames = []string{"home", "login", "upload", "check", "evaluation", "verdicts", "verdict", "compare", "audit", "error"}

// parsePages parses the layout and every page template.
func parsePages() (*pages, error) {
	funcs := template.FuncMap{"add": func(a, b int) int { return a + b }}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("dashboard: templates/layout.html: %w", err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("dashboard: templates/%s.html: %w", name, err)
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("dashboard: templates/%s.html: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes the page with the status, or an error page when the
// template fails (which the tests of every page rule out).
func (p *pages) render(w http.ResponseWriter, status int, name string, v *pageView) {
	var buf bytes.Buffer
	if err := p.write(&buf, name, v); err != nil {
		http.Error(w, "Die Seite konnte nicht erstellt werden: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// write renders the page into w.
func (p *pages) write(w io.Writer, name string, v *pageView) error {
	t, ok := p.byName[name]
	if !ok {
		return fmt.Errorf("dashboard: no page template %q", name)
	}
	if err := t.ExecuteTemplate(w, "layout.html", v); err != nil {
		return fmt.Errorf("dashboard: page %s: %w", name, err)
	}
	return nil
}

// staticFiles serves the style sheet and the icon under /static/, files
// only (no directory listing), to be kept by browsers for a day.
func staticFiles() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "static" is valid.
		return http.NotFoundHandler()
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// pageView is what every page shows around its content: the title, the
// signed-in user, the CSRF token of the forms, the navigation.
type pageView struct {
	// Title is the page's heading and, with the site's name, its title.
	Title string
	// User is the signed-in user; nil for a visitor.
	User *userView
	// CSRF is the token every form carries.
	CSRF string
	// Nav names the navigation entry of the page ("home", "upload", …).
	Nav string
	// Published is true when the service shows published evaluations to
	// visitors.
	Published bool
	// Notice is a message shown above the content (after a redirect).
	Notice string
	// Body is the page's own model.
	Body any
}

// userView is the signed-in user as the header shows it.
type userView struct {
	Name     string
	Role     string // "Lesen" or "Schreiben"
	CanWrite bool
}

// option is an entry of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// loginView is the sign-in form.
type loginView struct {
	Name  string
	Error string
	Next  string
}

// homeView lists, per programme and year, the datasets and evaluations.
type homeView struct {
	Programmes []programmeView
	// CanWrite shows the links to upload and check.
	CanWrite bool
	// Visitor is true when a visitor sees only published evaluations.
	Visitor bool
}

// programmeView is one programme of the start page.
type programmeView struct {
	ID, Title, Version string
	Years              []yearView
}

// yearView is one year of a programme: its newest dataset and its
// evaluations.
type yearView struct {
	Year        int
	Dataset     *datasetView
	Evaluations []evaluationRow
}

// datasetView is a stored dataset version.
type datasetView struct {
	Programme  string
	Year       int
	Version    int
	UploadedBy string
	UploadedAt string
	Files      []string
}

// evaluationRow is an evaluation in a list.
type evaluationRow struct {
	ID        int64
	URL       string
	Period    string
	CreatedBy string
	CreatedAt string
	Counts    []countView
	Published bool
}

// countView is the number of results of an outcome.
type countView struct {
	Class string // outcome id: pass, fail, …
	Label string // German label: erfüllt, nicht erfüllt, …
	N     int
}

// uploadView is the upload form of datasets, with the diagnostics of a
// refused upload beside each file.
type uploadView struct {
	Programmes []option
	Year       string
	// Error says why the upload was refused, in one sentence.
	Error string
	// Files are the refused upload's files with their diagnostics.
	Files []fileDiagView
	// Done is the dataset just stored.
	Done *datasetView
}

// checkView is the form that runs a check, and the form that uploads a
// rule file.
type checkView struct {
	Programmes []option
	RuleFiles  []option
	Year       string
	Period     string
	// Error says why the check or the rule file was refused.
	Error string
	// Files are the diagnostics of a refused rule file or of a check's
	// data, per file.
	Files []fileDiagView
	// RuleFileDone names the rule file just stored.
	RuleFileDone string
}

// fileDiagView is one file with the diagnostics about it, each with the
// lines around its position.
type fileDiagView struct {
	// Name is the file name; empty for problems of no file.
	Name  string
	Diags []diagView
}

// diagView is one diagnostic as a person reads it.
type diagView struct {
	Where     string // file:line:col
	Severity  string // Fehler, Warnung, Hinweis
	Class     string // error, warning, info
	Summary   string
	Detail    string
	Path      string
	Lines     []srcLine
	AnchorID  string
	HasSource bool
}

// srcLine is a line of a file around a diagnostic; the marked line has the
// character at the position set apart.
type srcLine struct {
	N      int
	Text   string // the whole line, or the part before the position on the marked line
	Marked bool
	At     string // the character at the position (marked line)
	After  string // the rest of the marked line
}

// evaluationView is the page of one evaluation: its facts, the matrix of
// centres × requirements, the report downloads.
type evaluationView struct {
	ID             int64
	Programme      string
	ProgrammeTitle string
	Year           int
	Period         string
	Module         string
	InputDigest    string
	Dataset        string
	RuleSets       []string
	CreatedBy      string
	CreatedAt      string
	Duration       string
	Published      bool
	CanPublish     bool
	Visitor        bool
	Counts         []countView
	// Compare lists the other evaluations of the programme to compare
	// with (signed-in users only).
	Compare  []option
	Matrices []matrixView
	Legend   []countView
	Reports  []reportView
}

// matrixView is the table of one rule set: rows are the centres (and the
// programme-wide rules and the total), columns the requirements.
type matrixView struct {
	Caption string
	Columns []matrixColumn
	Rows    []matrixRow
}

// matrixColumn is a requirement of the rule set.
type matrixColumn struct {
	ID   string
	Text string
}

// matrixRow is a centre, the programme-wide rules, or the total.
type matrixRow struct {
	Header string
	ID     string
	URL    string
	Total  bool
	Cells  []matrixCell
}

// matrixCell is the worst outcome of the results of a row's rules that
// check a requirement, and how many there are.
type matrixCell struct {
	Class string
	Label string
	N     int
	URL   string
	// Where names the row and column for screen readers, which read a
	// link on its own.
	Where string
}

// reportView is one report kind with a link per format.
type reportView struct {
	Label string
	Links []reportLink
}

// reportLink downloads a report in one format.
type reportLink struct {
	Label string
	URL   string
}

// verdictsView lists the verdicts of an evaluation for a centre (or the
// programme-wide rules), optionally of one requirement.
type verdictsView struct {
	EvaluationID  int64
	EvaluationURL string
	Heading       string
	Period        string
	Visitor       bool
	Verdicts      []verdictView
	Reports       []reportView
}

// verdictView is one verdict.
type verdictView struct {
	Rule         string
	Title        string
	Subject      string
	Class        string
	Label        string
	Severity     string
	Requirements string
	Source       string
	Message      string
	Evidence     []valueView
	Waiver       string
	Error        string
	URL          string
}

// valueView is a named value.
type valueView struct {
	Name, Text string
}

// verdictPage is the explanation of one verdict.
type verdictPage struct {
	EvaluationID  int64
	EvaluationURL string
	Period        string
	Verdict       verdictView
	Programme     string
	Description   string
	Expressions   []valueView
	Parts         []valueView
	PartsMissing  string
	Tree          []stepView
	ParamsFrom    string
	Params        []valueView
}

// stepView is a node of an explanation's tree.
type stepView struct {
	Kind  string
	Expr  string
	Text  string
	Note  string
	Count int
	Steps []stepView
}

// auditView is the audit log.
type auditView struct {
	Entries []auditRow
}

// auditRow is one entry of the audit log.
type auditRow struct {
	Time, Actor, Action, Target, Detail string
}

// errorView is a problem shown as a page.
type errorView struct {
	Status int
	Detail string
	// SignIn offers the sign-in link (401, 403 of a visitor).
	SignIn bool
}

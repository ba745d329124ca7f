package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
)

// The dashboard: server-rendered German pages at /, built on the same
// core operations as the API (app.go). Every page works without
// JavaScript: links and forms that post, each form with its CSRF token;
// after a post that changed something the browser is sent on (303).
//
// Who sees what: a visitor (not signed in) sees the published
// evaluations when the server runs in published mode (Config.Published),
// in the published form — no rule messages, no evidence, no
// explanations, reports only in their published form — and nothing
// else; the read role sees every evaluation, its verdicts, explanations
// and reports; the write role also uploads data and rule files, runs
// checks, publishes, and reads the audit log.

// dashboard serves the pages.
type dashboard struct {
	s     *Server
	pages *pages
}

// dashboardRoutes registers the dashboard's pages on the mux; templates
// that do not parse (a broken build: they are embedded and tested) are
// an error of New.
func (s *Server) dashboardRoutes(mux *http.ServeMux) error {
	p, err := parsePages()
	if err != nil {
		return fmt.Errorf("server: the dashboard's templates: %w", err)
	}
	d := &dashboard{s: s, pages: p}
	s.dash = d
	mux.Handle("GET /static/", staticFiles())
	mux.HandleFunc("GET /{$}", d.home)
	mux.HandleFunc("GET /anmelden", d.loginForm)
	mux.HandleFunc("POST /anmelden", d.login)
	mux.HandleFunc("POST /abmelden", d.logout)
	mux.HandleFunc("GET /hochladen", d.uploadForm)
	mux.HandleFunc("POST /hochladen", d.upload)
	mux.HandleFunc("GET /pruefen", d.checkForm)
	mux.HandleFunc("POST /pruefen", d.check)
	mux.HandleFunc("POST /regeldateien", d.uploadRules)
	mux.HandleFunc("GET /auswertungen/{id}", d.evaluation)
	mux.HandleFunc("GET /auswertungen/{id}/urteile", d.verdicts)
	mux.HandleFunc("GET /auswertungen/{id}/zentren/{centre}", d.centre)
	mux.HandleFunc("GET /auswertungen/{id}/urteil", d.explanation)
	mux.HandleFunc("GET /auswertungen/{id}/bericht", d.report)
	mux.HandleFunc("GET /auswertungen/{id}/vergleich", d.compare)
	mux.HandleFunc("POST /auswertungen/{id}/veroeffentlichen", d.publish)
	mux.HandleFunc("GET /protokoll", d.audit)
	mux.HandleFunc("/", d.notFound)
	return nil
}

// notFound answers every path no route has: problem JSON under /api/,
// a German page elsewhere.
func (d *dashboard) notFound(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeProblem(w, r, http.StatusNotFound, "not-found", "diesen Pfad gibt es in der API nicht; die Pfade stehen in /api/v1/openapi.json", nil)
		return
	}
	d.problem(w, r, http.StatusNotFound, "Nicht gefunden", "Diese Seite gibt es nicht. Die Übersicht führt zu allen Auswertungen.")
}

// page starts the model of a page for the request's user.
func (d *dashboard) page(w http.ResponseWriter, r *http.Request, title, nav string, body any) *pageView {
	u := userOf(r)
	return &pageView{Title: title, User: userViewOf(u.Name, u.Can(auth.Write)), CSRF: d.s.auth.FormToken(w, r),
		Nav: nav, Published: d.s.cfg.Published, Notice: noticeOf(r), Body: body}
}

// notices are the messages a redirect may ask a page to show (?hinweis=).
var notices = map[string]string{
	"abgemeldet":          "Sie sind abgemeldet.",
	"veroeffentlicht":     "Die Auswertung ist veröffentlicht: ohne Anmeldung sichtbar, in der veröffentlichten Form.",
	"zurueckgenommen":     "Die Veröffentlichung ist zurückgenommen.",
	"geprueft":            "Die Prüfung ist gelaufen und gespeichert.",
	"anmeldung-noetig":    "Bitte melden Sie sich an.",
	"angemeldet":          "Sie sind angemeldet.",
	"schreibrecht-noetig": "Dafür braucht Ihr Konto die Rolle „Schreiben“.",
}

// noticeOf returns the notice a redirect asked for; unknown keys show
// nothing (no text from the URL is ever shown).
func noticeOf(r *http.Request) string { return notices[r.URL.Query().Get("hinweis")] }

// fail shows an error of a core operation as a German page with the
// status it stands for.
func (d *dashboard) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, title, detail := http.StatusInternalServerError, "Interner Fehler", "Ein interner Fehler ist aufgetreten; das Protokoll des Servers nennt ihn."
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, errForbidden):
		status, title, detail = http.StatusForbidden, "Keine Berechtigung", "Die Rolle Ihres Kontos erlaubt das nicht."
	case errors.Is(err, errBadRequest), errors.Is(err, errInvalid):
		status, title, detail = http.StatusBadRequest, "Ungültige Anfrage", err.Error()
	case errors.Is(err, store.ErrNotFound):
		status, title, detail = http.StatusNotFound, "Nicht gefunden", "Das Gesuchte gibt es nicht (mehr)."
	case errors.Is(err, store.ErrConflict):
		status, title, detail = http.StatusConflict, "Konflikt", "Jemand anderes hat dasselbe gerade geändert; laden Sie die Seite neu und versuchen Sie es noch einmal."
	case errors.As(err, &maxErr):
		status, title, detail = http.StatusRequestEntityTooLarge, "Zu groß", fmt.Sprintf("Die Anfrage ist größer als %d Bytes; laden Sie weniger oder kleinere Dateien hoch.", maxErr.Limit)
	case errors.Is(err, errBusy), errors.Is(err, errShuttingDown):
		w.Header().Set("Retry-After", "5")
		status, title, detail = http.StatusServiceUnavailable, "Gerade nicht möglich", err.Error()+"; versuchen Sie es in einigen Sekunden wieder."
	case errors.Is(err, context.Canceled):
		return // the browser went away: nobody reads the page
	case errors.Is(err, context.DeadlineExceeded):
		status, title, detail = http.StatusServiceUnavailable, "Zeit überschritten", fmt.Sprintf("Die Prüfung dauerte länger als %s und wurde abgebrochen.", d.s.cfg.CheckTimeout)
	default:
		d.s.log.Error("dashboard", "path", r.URL.Path, "err", err)
	}
	d.problem(w, r, status, title, detail)
}

// problem writes an error page.
func (d *dashboard) problem(w http.ResponseWriter, r *http.Request, status int, title, detail string) {
	u := userOf(r)
	v := d.page(w, r, title, "", errorView{Status: status, Detail: detail, SignIn: u.Name == "" && (status == http.StatusForbidden || status == http.StatusNotFound)})
	d.pages.render(w, status, "error", v)
}

// forbiddenPage is the authentication's refusal (a missing or wrong CSRF
// token, a foreign Origin) as a German page; Server.forbidden calls it
// for every path outside /api/ (and logs the reason).
func (s *Server) forbiddenPage(w http.ResponseWriter, r *http.Request) {
	s.dash.problem(w, r, http.StatusForbidden, "Zugriff verweigert",
		"Das Formular war veraltet oder kam nicht von dieser Seite: sein Sicherheitsmerkmal (CSRF-Token) fehlt oder stimmt nicht, oder die Anfrage kommt von einer anderen Herkunft. Laden Sie die Seite neu und senden Sie das Formular noch einmal.")
}

// needUser sends a visitor to the sign-in page and returns false.
func (d *dashboard) needUser(w http.ResponseWriter, r *http.Request) (auth.User, bool) {
	u := userOf(r)
	if u.Name == "" || !u.Can(auth.Read) {
		http.Redirect(w, r, "/anmelden?hinweis=anmeldung-noetig&weiter="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return u, false
	}
	return u, true
}

// needWriter is needUser for the pages of the write role: a reader gets
// a 403 page.
func (d *dashboard) needWriter(w http.ResponseWriter, r *http.Request) (auth.User, bool) {
	u, ok := d.needUser(w, r)
	if !ok {
		return u, false
	}
	if !u.Can(auth.Write) {
		d.problem(w, r, http.StatusForbidden, "Keine Berechtigung", notices["schreibrecht-noetig"])
		return u, false
	}
	return u, true
}

// home lists per programme and year the newest dataset and the
// evaluations; a visitor sees only the published evaluations, or is sent
// to sign in when nothing is published to visitors.
func (d *dashboard) home(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	visitor := u.Name == ""
	if visitor && !d.s.cfg.Published {
		http.Redirect(w, r, "/anmelden", http.StatusSeeOther)
		return
	}
	ctx := r.Context()
	var datasets []store.Dataset
	if !visitor {
		var err error
		if datasets, err = d.s.store.Datasets(ctx); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	evals, err := d.s.store.Evaluations(ctx, store.EvaluationFilter{Published: visitor, Limit: 500})
	if err != nil {
		d.fail(w, r, err)
		return
	}
	body := homeView{CanWrite: u.Can(auth.Write), Visitor: visitor}
	// The embedded programmes, then those only data or uploaded rule
	// files name (uploaded through the API).
	programmes := d.s.programmes()
	known := map[string]bool{}
	for _, p := range programmes {
		known[p.ID] = true
	}
	var others []string
	for _, ds := range datasets {
		if !known[ds.Programme] {
			known[ds.Programme] = true
			others = append(others, ds.Programme)
		}
	}
	for _, e := range evals {
		if !known[e.Programme] {
			known[e.Programme] = true
			others = append(others, e.Programme)
		}
	}
	slices.Sort(others)
	for _, id := range others {
		programmes = append(programmes, programmeInfo{ID: id, Title: id})
	}
	for _, p := range programmes {
		pv := programmeView{ID: p.ID, Title: p.Title, Version: p.Version}
		years := map[int]*yearView{}
		var order []int
		year := func(y int) *yearView {
			if years[y] == nil {
				years[y] = &yearView{Year: y}
				order = append(order, y)
			}
			return years[y]
		}
		for _, ds := range datasets {
			if ds.Programme == p.ID {
				year(ds.Year).Dataset = datasetViewOf(ds)
			}
		}
		for _, e := range evals {
			if e.Programme == p.ID {
				yv := year(e.Year)
				row := evaluationRowOf(e)
				if visitor {
					row.CreatedBy = "" // an account's name is not published
				}
				yv.Evaluations = append(yv.Evaluations, row)
			}
		}
		slices.Sort(order)
		slices.Reverse(order)
		for _, y := range order {
			pv.Years = append(pv.Years, *years[y])
		}
		body.Programmes = append(body.Programmes, pv)
	}
	d.pages.render(w, http.StatusOK, "home", d.page(w, r, "Übersicht", "home", body))
}

func datasetViewOf(ds store.Dataset) *datasetView {
	v := &datasetView{Programme: ds.Programme, Year: ds.Year, Version: ds.Version, UploadedBy: ds.UploadedBy,
		UploadedAt: stamp(ds.UploadedAt)}
	for _, f := range ds.Files {
		v.Files = append(v.Files, f.Name)
	}
	return v
}

func evaluationRowOf(e store.Evaluation) evaluationRow {
	return evaluationRow{ID: e.ID, URL: evaluationURL(e.ID), Period: e.Period, CreatedBy: e.CreatedBy,
		CreatedAt: stamp(e.CreatedAt), Counts: countViews(e.Counts), Published: e.Published}
}

func evaluationURL(id int64) string { return "/auswertungen/" + strconv.FormatInt(id, 10) }

// loginForm shows the sign-in form.
func (d *dashboard) loginForm(w http.ResponseWriter, r *http.Request) {
	body := loginView{Next: localPath(r.URL.Query().Get("weiter"))}
	d.pages.render(w, http.StatusOK, "login", d.page(w, r, "Anmelden", "login", body))
}

// login signs in and sends the browser on to where it wanted to go.
func (d *dashboard) login(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PostFormValue("name"))
	next := localPath(r.PostFormValue("next"))
	_, _, err := d.s.auth.SignIn(w, r, name, r.PostFormValue("password"))
	if err != nil {
		status, msg := http.StatusUnauthorized, "Kennung oder Passwort stimmen nicht. Prüfen Sie beides und versuchen Sie es noch einmal."
		if !errors.Is(err, auth.ErrBadCredentials) {
			d.s.log.Error("sign-in", "err", err)
			status, msg = http.StatusInternalServerError, "Die Anmeldung ist gerade nicht möglich; das Protokoll des Servers nennt den Grund."
		}
		d.pages.render(w, status, "login", d.page(w, r, "Anmelden", "login", loginView{Name: name, Error: msg, Next: next}))
		return
	}
	if next == "" {
		next = "/?hinweis=angemeldet"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// localPath returns p when it is a path of this server ("/…", not "//…"
// nor "/\…"), else "". A backslash or a control character anywhere is
// refused: browsers drop tabs and turn "\" into "/", so "/\t/host" would
// lead to another host.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return ""
	}
	for _, c := range []byte(p) {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return ""
		}
	}
	return p
}

// logout signs out.
func (d *dashboard) logout(w http.ResponseWriter, r *http.Request) {
	if err := d.s.auth.SignOut(w, r); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/anmelden?hinweis=abgemeldet", http.StatusSeeOther)
}

// programmeOptions lists the embedded programmes for a select, then the
// programmes of uploaded rule files.
func (d *dashboard) programmeOptions(ctx context.Context, selected string) ([]option, error) {
	var out []option
	known := map[string]bool{}
	for _, p := range d.s.programmes() {
		known[p.ID] = true
		out = append(out, option{Value: p.ID, Label: p.Title + " (" + p.ID + ")", Selected: p.ID == selected})
	}
	files, err := d.s.store.RuleFiles(ctx)
	if err != nil {
		return nil, err
	}
	var others []string
	for _, f := range files {
		if !known[f.Programme] {
			known[f.Programme] = true
			others = append(others, f.Programme)
		}
	}
	slices.Sort(others)
	for _, id := range others {
		out = append(out, option{Value: id, Label: id + " (hochgeladene Regeldatei)", Selected: id == selected})
	}
	return out, nil
}

// defaultYear is the year the forms propose: the last one.
func (d *dashboard) defaultYear() string { return strconv.Itoa(d.s.now().Year() - 1) }

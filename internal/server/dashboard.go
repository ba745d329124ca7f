package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
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

// dashboardRoutes registers the dashboard's pages on the mux.
func (s *Server) dashboardRoutes(mux *http.ServeMux) {
	p, err := parsePages()
	if err != nil {
		// The templates are embedded and tested: this is a broken build.
		s.log.Error("dashboard templates", "err", err)
		mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "Das Dashboard ist nicht verfügbar: "+err.Error(), http.StatusInternalServerError)
		})
		return
	}
	d := &dashboard{s: s, pages: p}
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
	mux.HandleFunc("POST /auswertungen/{id}/veroeffentlichen", d.publish)
	mux.HandleFunc("GET /protokoll", d.audit)
	mux.HandleFunc("/", d.notFound)
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
	p, err := parsePages()
	if err != nil {
		http.Error(w, "Zugriff verweigert: das Formular war veraltet oder kam nicht von dieser Seite.", http.StatusForbidden)
		return
	}
	d := &dashboard{s: s, pages: p}
	d.problem(w, r, http.StatusForbidden, "Zugriff verweigert",
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
				yv.Evaluations = append(yv.Evaluations, evaluationRowOf(e))
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
// nor "/\…"), else "".
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return ""
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

// uploadForm shows the upload form.
func (d *dashboard) uploadForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needWriter(w, r); !ok {
		return
	}
	q := r.URL.Query()
	year := q.Get("jahr")
	if year == "" {
		year = d.defaultYear()
	}
	options, err := d.programmeOptions(r.Context(), q.Get("programm"))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	body := uploadView{Programmes: options, Year: year}
	d.pages.render(w, http.StatusOK, "upload", d.page(w, r, "Daten hochladen", "upload", body))
}

// upload stores the uploaded files as a new dataset version, or shows the
// form again with every diagnostic beside its file.
func (d *dashboard) upload(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	programme := r.PostFormValue("programme")
	yearText := strings.TrimSpace(r.PostFormValue("year"))
	options, err := d.programmeOptions(r.Context(), programme)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	body := uploadView{Programmes: options, Year: yearText}
	show := func(status int) {
		d.pages.render(w, status, "upload", d.page(w, r, "Daten hochladen", "upload", body))
	}
	year, err := strconv.Atoi(yearText)
	if err != nil {
		body.Error = fmt.Sprintf("Das Jahr %q ist keine Zahl; geben Sie es vierstellig an, z. B. 2024.", yearText)
		show(http.StatusBadRequest)
		return
	}
	files, err := formFiles(r, "files", kiez.MaxFileSize)
	if err != nil {
		if errors.Is(err, errBadRequest) {
			body.Error = err.Error()
			show(http.StatusBadRequest)
			return
		}
		d.fail(w, r, err)
		return
	}
	ds, diags, err := d.s.putDataset(r.Context(), u, programme, year, files)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Daten haben %d Fehler; nichts wurde gespeichert. Jeder Befund steht unten bei seiner Datei.", countErrors(diags))
			body.Files = fileDiags(diags, fileNames(files), sourceOf(files))
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		default:
			d.fail(w, r, err)
		}
		return
	}
	body.Done = datasetViewOf(ds)
	body.Files = fileDiags(diags, fileNames(files), sourceOf(files)) // warnings
	show(http.StatusOK)
}

// formFiles reads the files of a multipart form field, each at most max
// bytes.
func formFiles(r *http.Request, field string, limit int64) ([]store.File, error) {
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			var maxErr *http.MaxBytesError
			if errors.As(err, &maxErr) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: das Formular ist kein Datei-Upload (multipart/form-data): %v", errBadRequest, err)
		}
	}
	var files []store.File
	for _, fh := range r.MultipartForm.File[field] {
		data, err := readPart(fh, limit)
		if err != nil {
			return nil, err
		}
		files = append(files, store.File{Name: fh.Filename, Content: data})
	}
	return files, nil
}

// readPart reads an uploaded file, at most limit bytes.
func readPart(fh *multipart.FileHeader, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, fmt.Errorf("%w: die Datei %q ist größer als %d Bytes", errBadRequest, fh.Filename, limit)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("reading the uploaded file %q: %w", fh.Filename, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the uploaded file %q: %w", fh.Filename, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: die Datei %q ist größer als %d Bytes", errBadRequest, fh.Filename, limit)
	}
	return data, nil
}

func fileNames(files []store.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

// sourceOf finds an uploaded file's content by name.
func sourceOf(files []store.File) func(string) ([]byte, bool) {
	return func(name string) ([]byte, bool) {
		for _, f := range files {
			if f.Name == name {
				return f.Content, true
			}
		}
		return nil, false
	}
}

// checkBody builds the model of the check form; without a programme
// or year it proposes those of the newest dataset stored.
func (d *dashboard) checkBody(ctx context.Context, programme, year, period, ruleFile string) (checkView, error) {
	if programme == "" || year == "" {
		// Propose the newest dataset stored (of the programme, when given).
		datasets, err := d.s.store.Datasets(ctx)
		if err != nil {
			return checkView{}, err
		}
		var newest *store.Dataset
		for i, ds := range datasets {
			if (programme == "" || ds.Programme == programme) && (newest == nil || ds.UploadedAt.After(newest.UploadedAt)) {
				newest = &datasets[i]
			}
		}
		if newest != nil {
			if programme == "" {
				programme = newest.Programme
			}
			if year == "" {
				year = strconv.Itoa(newest.Year)
			}
		}
	}
	if year == "" {
		year = d.defaultYear()
	}
	options, err := d.programmeOptions(ctx, programme)
	if err != nil {
		return checkView{}, err
	}
	v := checkView{Programmes: options, Year: year, Period: period}
	files, err := d.s.store.RuleFiles(ctx)
	if err != nil {
		return v, err
	}
	for _, f := range files {
		if f.Embedded {
			continue
		}
		id := strconv.FormatInt(f.ID, 10)
		v.RuleFiles = append(v.RuleFiles, option{Value: id, Selected: id == ruleFile,
			Label: fmt.Sprintf("%s – %s, Version %s (hochgeladen von %s, %s)", f.Name, f.Programme, f.Version, f.UploadedBy, stamp(f.UploadedAt))})
	}
	return v, nil
}

// checkForm shows the form that runs a check and the one that uploads a
// rule file.
func (d *dashboard) checkForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needWriter(w, r); !ok {
		return
	}
	q := r.URL.Query()
	body, err := d.checkBody(r.Context(), q.Get("programm"), q.Get("jahr"), "", "")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.pages.render(w, http.StatusOK, "check", d.page(w, r, "Prüfen", "check", body))
}

// check runs a check and sends the browser to its evaluation, or shows
// the form again with what stopped it.
func (d *dashboard) check(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	programme, yearText := r.PostFormValue("programme"), strings.TrimSpace(r.PostFormValue("year"))
	period, ruleFile := strings.TrimSpace(r.PostFormValue("period")), r.PostFormValue("rulefile")
	body, err := d.checkBody(r.Context(), programme, yearText, period, ruleFile)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	show := func(status int) {
		d.pages.render(w, status, "check", d.page(w, r, "Prüfen", "check", body))
	}
	year, err := strconv.Atoi(yearText)
	if err != nil {
		body.Error = fmt.Sprintf("Das Jahr %q ist keine Zahl; geben Sie es vierstellig an, z. B. 2024.", yearText)
		show(http.StatusBadRequest)
		return
	}
	var ruleFileID int64
	if ruleFile != "" {
		if ruleFileID, err = strconv.ParseInt(ruleFile, 10, 64); err != nil || ruleFileID < 0 {
			body.Error = "Die gewählte Regeldatei gibt es nicht; wählen Sie eine aus der Liste."
			show(http.StatusBadRequest)
			return
		}
	}
	rec, diags, err := d.s.check(r.Context(), u, programme, year, period, ruleFileID)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Prüfung ist nicht gelaufen: %d Fehler in den Daten. Jeder Befund steht unten bei seiner Datei.", countErrors(diags))
			body.Files = d.datasetDiags(r.Context(), programme, year, diags)
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		case errors.Is(err, store.ErrNotFound):
			body.Error = fmt.Sprintf("Für %s %d gibt es keine Daten oder die Regeldatei nicht (%v). Laden Sie zuerst die Daten hoch.", programme, year, err)
			show(http.StatusNotFound)
		default:
			d.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, evaluationURL(rec.ID)+"?hinweis=geprueft", http.StatusSeeOther)
}

// datasetDiags places a check's diagnostics beside the files of the
// newest dataset of the programme and year.
func (d *dashboard) datasetDiags(ctx context.Context, programme string, year int, diags diag.Diagnostics) []fileDiagView {
	ds, err := d.s.store.Dataset(ctx, programme, year, 0)
	if err != nil {
		return fileDiags(diags, nil, nil)
	}
	return fileDiags(diags, fileNames(ds.Files), sourceOf(ds.Files))
}

// uploadRules stores an uploaded rule file, or shows its diagnostics
// beside its lines.
func (d *dashboard) uploadRules(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	body, err := d.checkBody(r.Context(), "", "", "", "")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	show := func(status int) {
		d.pages.render(w, status, "check", d.page(w, r, "Prüfen", "check", body))
	}
	files, err := formFiles(r, "rules", rules.MaxFileSize)
	switch {
	case err != nil && errors.Is(err, errBadRequest):
		body.Error = err.Error()
		show(http.StatusBadRequest)
		return
	case err != nil:
		d.fail(w, r, err)
		return
	case len(files) != 1:
		body.Error = "Laden Sie genau eine Regeldatei hoch."
		show(http.StatusBadRequest)
		return
	}
	f, diags, err := d.s.putRuleFile(r.Context(), u, files[0].Name, files[0].Content)
	if err != nil {
		switch {
		case errors.Is(err, errInvalid):
			body.Error = fmt.Sprintf("Die Regeldatei hat %d Fehler; nichts wurde gespeichert. Jeder Befund steht unten bei seiner Zeile.", countErrors(diags))
			body.Files = fileDiags(diags, fileNames(files), sourceOf(files))
			show(http.StatusUnprocessableEntity)
		case errors.Is(err, errBadRequest):
			body.Error = err.Error()
			show(http.StatusBadRequest)
		default:
			d.fail(w, r, err)
		}
		return
	}
	if body, err = d.checkBody(r.Context(), f.Programme, "", "", strconv.FormatInt(f.ID, 10)); err != nil {
		d.fail(w, r, err)
		return
	}
	body.RuleFileDone = fmt.Sprintf("%s (%s, Version %s)", f.Name, f.Programme, f.Version)
	body.Files = fileDiags(diags, fileNames(files), sourceOf(files)) // warnings
	show(http.StatusOK)
}

// load reads the evaluation of the request's {id} for the user: a
// visitor only a published one in published mode. It writes the error
// page and returns nil when the evaluation cannot be shown.
func (d *dashboard) load(w http.ResponseWriter, r *http.Request) (*loaded, auth.User, bool) {
	u := userOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Eine Auswertung %q gibt es nicht.", r.PathValue("id")))
		return nil, u, false
	}
	visitor := u.Name == ""
	if visitor && !d.s.cfg.Published {
		d.needUser(w, r)
		return nil, u, false
	}
	if visitor {
		rec, err := d.s.store.Evaluation(r.Context(), id)
		if err != nil || !rec.Published {
			// Not published and not there look the same to a visitor.
			d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d gibt es nicht, oder sie ist nicht veröffentlicht; melden Sie sich an, um sie zu sehen.", id))
			return nil, u, false
		}
	}
	l, err := d.s.evaluation(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d gibt es nicht.", id))
		return nil, u, false
	}
	if err != nil {
		d.fail(w, r, err)
		return nil, u, false
	}
	return l, u, true
}

// reportKindLabels are the kinds of report with their German names.
var reportKindLabels = []struct{ kind, label string }{
	{"compliance", "Prüfbericht (Anforderungen je Zentrum)"},
	{"programme", "Jahresbericht des Programms"},
	{"staffing", "Personal (Stellen je Zentrum und Funktion)"},
}

// reportFormatLabels are the formats of the reports with their names.
var reportFormatLabels = []struct{ format, label string }{
	{"html", "HTML"}, {"markdown", "Markdown"}, {"json", "JSON"}, {"csv", "CSV"}, {"xlsx", "Excel (XLSX)"},
}

// reportViews lists the reports of an evaluation, each in every format;
// a signed-in user gets the internal and the published form.
func reportViews(id int64, kinds []struct{ kind, label string }, visitor bool) []reportView {
	var out []reportView
	for _, k := range kinds {
		forms := []bool{true}
		if !visitor {
			forms = []bool{false, true}
		}
		for _, published := range forms {
			v := reportView{Label: k.label}
			if published && !visitor {
				v.Label += ", veröffentlichte Form"
			}
			for _, f := range reportFormatLabels {
				q := url.Values{"art": {k.kind}, "format": {f.format}}
				if published && !visitor {
					q.Set("form", "veroeffentlicht")
				}
				v.Links = append(v.Links, reportLink{Label: f.label, URL: evaluationURL(id) + "/bericht?" + q.Encode()})
			}
			out = append(out, v)
		}
	}
	return out
}

// evaluation shows an evaluation: its facts, the matrix, the reports.
func (d *dashboard) evaluation(w http.ResponseWriter, r *http.Request) {
	l, u, ok := d.load(w, r)
	if !ok {
		return
	}
	rec, visitor := l.rec, u.Name == ""
	v := evaluationView{ID: rec.ID, Programme: rec.Programme, Year: rec.Year, Period: l.ev.Period().German(),
		Module: rec.Module, InputDigest: rec.InputDigest, CreatedBy: rec.CreatedBy, CreatedAt: stamp(rec.CreatedAt),
		Duration: rec.Duration.Round(time.Millisecond).String(), Published: rec.Published, CanPublish: u.Can(auth.Write),
		Visitor: visitor, Counts: countViews(rec.Counts), Legend: legend(), Reports: reportViews(rec.ID, reportKindLabels, visitor),
		Dataset: fmt.Sprintf("%s %d, Version %d (%d Dateien, hochgeladen von %s, %s)", l.dataset.Programme, l.dataset.Year,
			l.dataset.Version, len(l.dataset.Files), l.dataset.UploadedBy, stamp(l.dataset.UploadedAt))}
	v.ProgrammeTitle = rec.Programme
	for _, f := range l.files {
		kind := "hochgeladen"
		if f.Embedded {
			kind = "eingebaut"
		}
		v.RuleSets = append(v.RuleSets, fmt.Sprintf("%s, Version %s (%s: %s)", f.Programme, f.Version, kind, f.Name))
	}
	centres := centresOf(l.ev.Dataset())
	base := evaluationURL(rec.ID)
	for _, set := range l.ev.RuleSets() {
		if set.ID == rec.Programme {
			v.ProgrammeTitle = set.Name
		}
		v.Matrices = append(v.Matrices, matrixOf(base, set, centres, l.ev.Results()))
	}
	title := fmt.Sprintf("Auswertung %d: %s %s", rec.ID, rec.Programme, rec.Period)
	d.pages.render(w, http.StatusOK, "evaluation", d.page(w, r, title, "home", v))
}

// centresOf lists the centres of a dataset by id and name.
func centresOf(ds *kiez.Dataset) []centreName {
	if ds == nil {
		return nil
	}
	out := make([]centreName, 0, len(ds.Centres))
	for _, c := range ds.Centres {
		out = append(out, centreName{ID: c.ID, Name: c.Name})
	}
	return out
}

// centre is the page of one centre's verdicts.
func (d *dashboard) centre(w http.ResponseWriter, r *http.Request) {
	d.verdictList(w, r, r.PathValue("centre"), "")
}

// verdicts lists the verdicts of a matrix cell, row or column.
func (d *dashboard) verdicts(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d.verdictList(w, r, q.Get("zentrum"), q.Get("anforderung"))
}

// verdictList shows the verdicts of a row (a centre id, programmeRow or
// "" for all) and a requirement ("" for all), the worst first.
func (d *dashboard) verdictList(w http.ResponseWriter, r *http.Request, row, requirement string) {
	l, u, ok := d.load(w, r)
	if !ok {
		return
	}
	visitor := u.Name == ""
	base := evaluationURL(l.rec.ID)
	heading := "Alle Zentren"
	var centreName string
	switch row {
	case "":
	case programmeRow:
		heading = "Programmweite Regeln"
	default:
		heading = row
		for _, c := range centresOf(l.ev.Dataset()) {
			if c.ID == row {
				centreName = c.Name
				heading = c.Name + " (" + c.ID + ")"
			}
		}
		if centreName == "" && len(filterResults(l.ev.Results(), row, "")) == 0 {
			d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d hat kein Zentrum %q.", l.rec.ID, row))
			return
		}
	}
	if requirement != "" {
		heading += ", Anforderung " + requirement
	}
	v := verdictsView{EvaluationID: l.rec.ID, EvaluationURL: base, Heading: heading, Period: l.ev.Period().German(), Visitor: visitor}
	for _, res := range filterResults(l.ev.Results(), row, requirement) {
		x := ""
		if !visitor {
			x = explainURL(base, res.Rule, res.Subject)
		}
		v.Verdicts = append(v.Verdicts, verdictOf(res, visitor, x))
	}
	if centreName != "" {
		v.Reports = reportViews(l.rec.ID, []struct{ kind, label string }{{"centre/" + row, "Jahresbericht von " + centreName}}, visitor)
	}
	d.pages.render(w, http.StatusOK, "verdicts", d.page(w, r, "Ergebnisse: "+heading, "home", v))
}

// explanation shows why a verdict came out as it did.
func (d *dashboard) explanation(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needUser(w, r); !ok {
		return
	}
	l, _, ok := d.load(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	rule, subject := q.Get("regel"), q.Get("gegenstand")
	x, err := d.s.explainLoaded(r.Context(), l, rule, subject)
	switch {
	case errors.Is(err, store.ErrNotFound), errors.Is(err, errBadRequest):
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden",
			fmt.Sprintf("Die Auswertung %d hat kein Ergebnis der Regel %q für %q; die Links der Ergebnisliste führen zu den Erklärungen.", l.rec.ID, rule, subject))
		return
	case err != nil:
		d.fail(w, r, err)
		return
	}
	set := l.ev.RuleSet(x.Result.Programme)
	p := explanationOf(x, set, l.ev.Period())
	p.EvaluationID, p.EvaluationURL, p.Period = l.rec.ID, evaluationURL(l.rec.ID), l.ev.Period().German()
	title := fmt.Sprintf("Erklärung: %s für %s", x.Result.Rule, x.Result.Subject)
	d.pages.render(w, http.StatusOK, "verdict", d.page(w, r, title, "home", p))
}

// report downloads a report of an evaluation; a visitor gets the
// published form only.
func (d *dashboard) report(w http.ResponseWriter, r *http.Request) {
	l, u, ok := d.load(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	kind, format := q.Get("art"), q.Get("format")
	published := u.Name == "" || q.Get("form") == "veroeffentlicht"
	ct, ok := reportTypes[format]
	if !ok {
		d.problem(w, r, http.StatusBadRequest, "Ungültige Anfrage", fmt.Sprintf("Das Format %q gibt es nicht; möglich sind html, markdown, json, csv und xlsx.", format))
		return
	}
	var buf bytes.Buffer
	if err := d.s.writeLoadedReport(&buf, l, kind, format, published); err != nil {
		d.fail(w, r, err)
		return
	}
	name := fmt.Sprintf("auswertung-%d-%s", l.rec.ID, strings.ReplaceAll(kind, "/", "-"))
	if published {
		name += "-veroeffentlicht"
	}
	name = strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			return c
		}
		return '_'
	}, name) + "." + reportExt[format]
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = buf.WriteTo(w)
}

// publish marks an evaluation as published, or takes the mark away.
func (d *dashboard) publish(w http.ResponseWriter, r *http.Request) {
	u, ok := d.needWriter(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Eine Auswertung %q gibt es nicht.", r.PathValue("id")))
		return
	}
	published := r.PostFormValue("published") == "1"
	if _, err := d.s.publish(r.Context(), u, id, published); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d gibt es nicht.", id))
			return
		}
		d.fail(w, r, err)
		return
	}
	notice := "zurueckgenommen"
	if published {
		notice = "veroeffentlicht"
	}
	http.Redirect(w, r, evaluationURL(id)+"?hinweis="+notice, http.StatusSeeOther)
}

// audit shows the newest entries of the audit log.
func (d *dashboard) audit(w http.ResponseWriter, r *http.Request) {
	if _, ok := d.needWriter(w, r); !ok {
		return
	}
	entries, err := d.s.store.AuditLog(r.Context(), 500)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	var v auditView
	for _, e := range entries {
		action := e.Action
		if label, ok := auditActions[e.Action]; ok {
			action = label + " (" + e.Action + ")"
		}
		v.Entries = append(v.Entries, auditRow{Time: stamp(e.Time), Actor: e.Actor, Action: action, Target: e.Target, Detail: e.Detail})
	}
	d.pages.render(w, http.StatusOK, "audit", d.page(w, r, "Protokoll", "audit", v))
}

// auditActions are the German names of the audit log's actions.
var auditActions = map[string]string{
	"upload-dataset": "Daten hochgeladen",
	"upload-rules":   "Regeldatei hochgeladen",
	"check":          "Prüfung",
	"publish":        "veröffentlicht",
	"unpublish":      "Veröffentlichung zurückgenommen",
	"login":          "Anmeldung",
	"login-failed":   "Anmeldung fehlgeschlagen",
	"logout":         "Abmeldung",
}

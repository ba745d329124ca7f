package server

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/rules"
)

// webClient is a test client with cookies that does not follow redirects,
// so that each step's status is seen.
type webClient struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newBrowser(t *testing.T, base string) *webClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &webClient{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is what a request returned.
type response struct {
	status int
	header http.Header
	body   string
}

func (b *webClient) do(req *http.Request) response {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(body)}
}

func (b *webClient) get(path string) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

// token reads the CSRF token of the first form of a page.
func (b *webClient) token(path string) string {
	b.t.Helper()
	r := b.get(path)
	m := csrfRE.FindStringSubmatch(r.body)
	if m == nil {
		b.t.Fatalf("GET %s (%d): no CSRF field", path, r.status)
	}
	return m[1]
}

func (b *webClient) post(path string, form url.Values) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *webClient) postFiles(path string, form url.Values, field string, files []store.File) response {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile(field, f.Name)
		if err != nil {
			b.t.Fatal(err)
		}
		fw.Write(f.Content)
	}
	if err := mw.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, b.base+path, &buf)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func (b *webClient) signIn(name, password string) {
	b.t.Helper()
	r := b.post("/anmelden", url.Values{"csrf": {b.token("/anmelden")}, "name": {name}, "password": {password}})
	if r.status != http.StatusSeeOther {
		b.t.Fatalf("sign-in of %s: %d\n%s", name, r.status, r.body)
	}
}

// wantStatus fails unless the response has the status.
func wantStatus(t *testing.T, what string, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, r.status, status, r.body)
	}
}

// contains fails unless the page holds every text (HTML-escaped as the
// templates write it).
func contains(t *testing.T, what, page string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(page, s) && !strings.Contains(page, html.EscapeString(s)) {
			t.Errorf("%s lacks %q", what, s)
		}
	}
}

// newDashboard starts a server in published mode with a writer and a
// reader account, over a memstore or the given store.
func newDashboard(t *testing.T, st ...store.Store) (*Server, *httptest.Server) {
	cfg := Config{Published: true}
	if len(st) > 0 {
		cfg.Store = st[0]
	}
	s := newTestServer(t, cfg)
	for _, a := range []struct {
		name string
		role auth.Role
	}{{"fachberatung", auth.Write}, {"leserin", auth.Read}} {
		if err := s.auth.AddAccount(t.Context(), a.name, testPassword, a.role); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// TestDashboardFlow walks the dashboard as a person does: sign in,
// upload data with an error (refused, the error beside its line), upload
// the shipped data, check 2024, find the documented shortfalls in the
// matrix, open a cell's verdicts and an explanation, download every
// report, publish; then a visitor sees the published form only.
func TestDashboardFlow(t *testing.T) {
	_, ts := newDashboard(t)
	b := newBrowser(t, ts.URL)

	r := b.post("/anmelden", url.Values{"csrf": {b.token("/anmelden")}, "name": {"fachberatung"}, "password": {"falsch-falsch-falsch"}})
	wantStatus(t, "wrong password", r, http.StatusUnauthorized)
	contains(t, "the sign-in page", r.body, "Kennung oder Passwort stimmen nicht")
	b.signIn("fachberatung", testPassword)

	files := testdataFiles(t, "bad-kreuznach")
	broken := append([]store.File(nil), files...)
	for i, f := range broken {
		if f.Name == "fz-kirn.yaml" {
			broken[i].Content = bytes.Replace(f.Content, []byte("id: fz-kirn"), []byte("id: Fz Kirn!"), 1)
		}
	}
	form := url.Values{"csrf": {b.token("/hochladen")}, "programme": {bk}, "year": {"2024"}}
	r = b.postFiles("/hochladen", form, "files", broken)
	wantStatus(t, "upload with an error", r, http.StatusUnprocessableEntity)
	contains(t, "the refused upload", r.body, "nichts wurde gespeichert", `Datei <code>fz-kirn.yaml</code>`, "<mark>", "fz-kirn.yaml:")

	r = b.postFiles("/hochladen", form, "files", files)
	wantStatus(t, "upload", r, http.StatusOK)
	contains(t, "the upload page", r.body, "Version 1")

	r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {bk}, "year": {"2024"}, "period": {""}, "rulefile": {"0"}})
	wantStatus(t, "check", r, http.StatusSeeOther)
	evURL := r.header.Get("Location")
	if !strings.HasPrefix(evURL, "/auswertungen/") {
		t.Fatalf("the check leads to %q", evURL)
	}
	evPath := strings.TrimSuffix(evURL, "?hinweis=geprueft")
	r = b.get(evURL)
	wantStatus(t, "evaluation", r, http.StatusOK)
	for _, cell := range [][2]string{{"fz-hargesheim", "BK-06"}, {"fz-langenlonsheim", "BK-07"}, {"fz-meisenheim", "BK-04"}} {
		link := evPath + "/urteile?" + url.Values{"anforderung": {cell[1]}, "zentrum": {cell[0]}}.Encode()
		cellRE := regexp.MustCompile(`<td class="cell o-fail"><a href="` + regexp.QuoteMeta(strings.ReplaceAll(link, "&", "&amp;")) +
			`"><span class="visually-hidden">[^<]*\(` + cell[0] + `\), ` + cell[1] + `: </span><span class="label">nicht erfüllt</span>`)
		if !cellRE.MatchString(r.body) {
			t.Errorf("the matrix has no failing cell of %s and %s that says so in text", cell[0], cell[1])
		}
		v := b.get(link)
		wantStatus(t, "verdicts of "+cell[0], v, http.StatusOK)
		contains(t, "the verdicts of "+cell[0], v.body, "nicht erfüllt", "/urteil?gegenstand=")
	}
	contains(t, "the evaluation page", r.body, "Die Prüfung ist gelaufen", "Legende", "Veröffentlichen")

	v := b.get(evPath + "/zentren/fz-hargesheim")
	wantStatus(t, "centre page", v, http.StatusOK)
	contains(t, "the centre page", v.body, "Familienzentrum Hargesheim", "Jahresbericht von")
	m := regexp.MustCompile(`href="(/auswertungen/\d+/urteil\?[^"]+)"`).FindStringSubmatch(v.body)
	if m == nil {
		t.Fatal("the centre page links to no explanation")
	}
	x := b.get(html.UnescapeString(m[1]))
	wantStatus(t, "explanation", x, http.StatusOK)
	contains(t, "the explanation", x.body, "Wie es zum Ergebnis kam", "assert")

	for _, kind := range []string{"compliance", "programme", "staffing", "centre/fz-hargesheim"} {
		for _, f := range reportFormatLabels {
			q := url.Values{"art": {kind}, "format": {f.format}}
			rep := b.get(evPath + "/bericht?" + q.Encode())
			wantStatus(t, "report "+kind+" "+f.format, rep, http.StatusOK)
			if ct := rep.header.Get("Content-Type"); ct != reportTypes[f.format] || len(rep.body) < 200 {
				t.Errorf("report %s %s: %s, %d bytes", kind, f.format, ct, len(rep.body))
			}
			if cd := rep.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment; filename=\"auswertung-") {
				t.Errorf("report %s %s: Content-Disposition %q", kind, f.format, cd)
			}
		}
	}

	// A visitor sees nothing of an evaluation that is not published.
	visitor := newBrowser(t, ts.URL)
	wantStatus(t, "visitor, unpublished", visitor.get(evPath), http.StatusNotFound)
	r = visitor.get("/")
	wantStatus(t, "visitor's start page", r, http.StatusOK)
	if strings.Contains(r.body, evPath) {
		t.Error("the visitor's start page lists an unpublished evaluation")
	}

	r = b.post(evPath+"/veroeffentlichen", url.Values{"csrf": {b.token(evPath)}, "published": {"1"}})
	wantStatus(t, "publish", r, http.StatusSeeOther)

	r = visitor.get(evPath)
	wantStatus(t, "visitor, published", r, http.StatusOK)
	contains(t, "the published evaluation", r.body, "nicht erfüllt")
	if strings.Contains(r.body, "Prüfsumme") || strings.Contains(r.body, "form=veroeffentlicht") {
		t.Error("the visitor sees the internal facts or the internal reports' links")
	}
	v = visitor.get(evPath + "/zentren/fz-hargesheim")
	wantStatus(t, "visitor, centre", v, http.StatusOK)
	if strings.Contains(v.body, "/urteil?") || strings.Contains(v.body, "Austauschtreffen am") {
		t.Error("the visitor sees explanations or the rules' own messages")
	}
	wantStatus(t, "visitor, explanation", visitor.get(html.UnescapeString(m[1])), http.StatusSeeOther)
	rep := visitor.get(evPath + "/bericht?art=compliance&format=html")
	wantStatus(t, "visitor, report", rep, http.StatusOK)
	if cd := rep.header.Get("Content-Disposition"); !strings.Contains(cd, "-veroeffentlicht.html") {
		t.Errorf("the visitor's report is not the published form: %s", cd)
	}
	r = visitor.get("/")
	contains(t, "the visitor's start page", r.body, evPath)

	r = b.get("/protokoll")
	wantStatus(t, "audit log", r, http.StatusOK)
	contains(t, "the audit log", r.body, "Daten hochgeladen", "Prüfung", "veröffentlicht", "Anmeldung fehlgeschlagen")

	r = b.post("/abmelden", url.Values{"csrf": {b.token("/")}})
	wantStatus(t, "sign-out", r, http.StatusSeeOther)
	wantStatus(t, "after sign-out", b.get("/protokoll"), http.StatusSeeOther)
}

// TestDashboardRefuses checks the refusals: a post without or with a
// wrong CSRF token (a German page), the pages of the write role for a
// reader, a visitor's forms, an unknown evaluation, a redirect target
// of another site.
func TestDashboardRefuses(t *testing.T) {
	_, ts := newDashboard(t)
	reader := newBrowser(t, ts.URL)
	reader.signIn("leserin", testPassword)
	r := reader.get("/")
	wantStatus(t, "reader's start page", r, http.StatusOK)
	contains(t, "the reader's start page", r.body, "Angemeldet als <strong>leserin</strong> (Lesen)")
	for _, link := range []string{`href="/hochladen"`, `href="/pruefen"`, `href="/protokoll"`} {
		if strings.Contains(r.body, link) {
			t.Errorf("the reader's start page links to a page of the write role: %s", link)
		}
	}
	for _, p := range []string{"/hochladen", "/pruefen", "/protokoll"} {
		r := reader.get(p)
		wantStatus(t, "reader "+p, r, http.StatusForbidden)
		contains(t, "the reader's "+p, r.body, "Schreiben", `lang="de"`)
	}
	r = reader.post("/auswertungen/1/veroeffentlichen", url.Values{"published": {"1"}})
	wantStatus(t, "post without CSRF", r, http.StatusForbidden)
	contains(t, "the CSRF refusal", r.body, "Zugriff verweigert", `lang="de"`)
	r = reader.post("/auswertungen/1/veroeffentlichen", url.Values{"csrf": {"falsch"}, "published": {"1"}})
	wantStatus(t, "post with a wrong CSRF token", r, http.StatusForbidden)
	r = reader.post("/auswertungen/1/veroeffentlichen", url.Values{"csrf": {reader.token("/")}, "published": {"1"}})
	wantStatus(t, "reader publishes", r, http.StatusForbidden)
	wantStatus(t, "unknown evaluation", reader.get("/auswertungen/99"), http.StatusNotFound)
	wantStatus(t, "no evaluation", reader.get("/auswertungen/x"), http.StatusNotFound)

	visitor := newBrowser(t, ts.URL)
	r = visitor.post("/pruefen", url.Values{"csrf": {visitor.token("/anmelden")}, "programme": {bk}, "year": {"2024"}})
	wantStatus(t, "visitor checks", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/anmelden") {
		t.Errorf("a visitor's check leads to %q", loc)
	}
	r = visitor.post("/anmelden", url.Values{"csrf": {visitor.token("/anmelden")}, "name": {"leserin"}, "password": {testPassword}, "next": {"//evil.example/"}})
	wantStatus(t, "sign-in", r, http.StatusSeeOther)
	if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/?") {
		t.Errorf("sign-in leads to %q; want the start page, not another site", loc)
	}
}

// TestDashboardNotFound checks the answers to paths no route has: a
// German page, and problem JSON under /api/; the static files are
// served, their directory is not listed.
func TestDashboardNotFound(t *testing.T) {
	_, ts := newDashboard(t)
	b := newBrowser(t, ts.URL)
	r := b.get("/gibt-es-nicht")
	wantStatus(t, "unknown page", r, http.StatusNotFound)
	contains(t, "the unknown page", r.body, "Diese Seite gibt es nicht", `lang="de"`)
	r = b.get("/static/dashboard.css")
	wantStatus(t, "style sheet", r, http.StatusOK)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("the style sheet comes as %q", ct)
	}
	wantStatus(t, "the directory of static files", b.get("/static/"), http.StatusNotFound)
	r = b.get("/api/v1/gibt-es-nicht")
	wantStatus(t, "unknown API path", r, http.StatusNotFound)
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("unknown API path: %s", ct)
	}
}

// TestDashboardRuleFile uploads a rule file with an error (refused, the
// error beside its line), then a good one, and checks with it.
func TestDashboardRuleFile(t *testing.T) {
	_, ts := newDashboard(t)
	b := newBrowser(t, ts.URL)
	b.signIn("fachberatung", testPassword)
	r := b.postFiles("/hochladen", url.Values{"csrf": {b.token("/hochladen")}, "programme": {bk}, "year": {"2024"}}, "files", testdataFiles(t, "bad-kreuznach"))
	wantStatus(t, "upload", r, http.StatusOK)

	src, ok := rules.EmbeddedSource(bk)
	if !ok {
		t.Fatal("no embedded rules of " + bk)
	}
	bad := bytes.Replace(src, []byte("params.leitungsfreistellung"), []byte("params.leitungsfreistelung"), 1)
	r = b.postFiles("/regeldateien", url.Values{"csrf": {b.token("/pruefen")}}, "rules", []store.File{{Name: "eigene.yaml", Content: bad}})
	wantStatus(t, "broken rule file", r, http.StatusUnprocessableEntity)
	contains(t, "the refused rule file", r.body, "Datei <code>eigene.yaml</code>", "eigene.yaml:", "<mark>", "leitungsfreistelung")

	good := bytes.Replace(src, []byte(`version: "2024.1"`), []byte(`version: "2024.1-eigen"`), 1)
	r = b.postFiles("/regeldateien", url.Values{"csrf": {b.token("/pruefen")}}, "rules", []store.File{{Name: "eigene.yaml", Content: good}})
	wantStatus(t, "rule file", r, http.StatusOK)
	contains(t, "the stored rule file", r.body, "Regeldatei gespeichert: eigene.yaml", "2024.1-eigen")
	m := regexp.MustCompile(`<option value="(\d+)" selected>eigene.yaml`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("the check form does not offer the uploaded rule file")
	}
	r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {bk}, "year": {"2024"}, "rulefile": {m[1]}})
	wantStatus(t, "check with the rule file", r, http.StatusSeeOther)
	r = b.get(r.header.Get("Location"))
	wantStatus(t, "evaluation", r, http.StatusOK)
	contains(t, "the evaluation", r.body, "Version 2024.1-eigen (hochgeladen: eigene.yaml)", `<td class="cell o-fail">`)

	r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {bk}, "year": {"2023"}})
	wantStatus(t, "check without data", r, http.StatusNotFound)
	contains(t, "the check without data", r.body, "Laden Sie zuerst die Daten hoch")
	r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {bk}, "year": {"2024"}, "period": {"2024-H3"}})
	wantStatus(t, "check with a wrong period", r, http.StatusBadRequest)
}

// TestDashboardNotPublished checks a server without published mode: a
// visitor is sent to sign in from every page.
func TestDashboardNotPublished(t *testing.T) {
	s := newTestServer(t, Config{})
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	v := newBrowser(t, ts.URL)
	for _, p := range []string{"/", "/auswertungen/1", "/auswertungen/1/urteile", "/auswertungen/1/bericht?art=compliance&format=html", "/hochladen", "/protokoll"} {
		r := v.get(p)
		wantStatus(t, "visitor "+p, r, http.StatusSeeOther)
		if loc := r.header.Get("Location"); !strings.HasPrefix(loc, "/anmelden") {
			t.Errorf("visitor %s is sent to %q", p, loc)
		}
	}
	r := v.get("/anmelden")
	wantStatus(t, "sign-in page", r, http.StatusOK)
	if strings.Contains(r.body, "Veröffentlichte Auswertungen") {
		t.Error("the footer speaks of published evaluations on a server without published mode")
	}
}

// TestDashboardOversize checks that an upload larger than the server's
// limit is refused (413) and nothing stored, and that the explanation of
// an unknown evaluation is a 404 page.
func TestDashboardOversize(t *testing.T) {
	s := newTestServer(t, Config{MaxUpload: 64 << 10})
	if err := s.auth.AddAccount(t.Context(), "fachberatung", testPassword, auth.Write); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	b := newBrowser(t, ts.URL)
	b.signIn("fachberatung", testPassword)
	r := b.postFiles("/hochladen", url.Values{"csrf": {b.token("/hochladen")}, "programme": {bk}, "year": {"2024"}}, "files", testdataFiles(t, "bad-kreuznach"))
	wantStatus(t, "oversize upload", r, http.StatusRequestEntityTooLarge)
	if ds, err := s.store.Datasets(t.Context()); err != nil || len(ds) != 0 {
		t.Errorf("after an oversize upload the store has %d datasets (%v)", len(ds), err)
	}
	r = b.get("/auswertungen/1/urteil?regel=x&gegenstand=y")
	wantStatus(t, "explanation of an unknown evaluation", r, http.StatusNotFound)
}

// TestDashboardOwnProgramme runs a programme that only an uploaded rule
// file knows: its rule file, then its data, then the check; the start
// page lists it after the embedded programmes.
func TestDashboardOwnProgramme(t *testing.T) {
	_, ts := newDashboard(t)
	b := newBrowser(t, ts.URL)
	b.signIn("fachberatung", testPassword)
	rename := func(data []byte) []byte { return bytes.ReplaceAll(data, []byte(bk), []byte("mein-programm")) }
	src, _ := rules.EmbeddedSource(bk)
	r := b.postFiles("/regeldateien", url.Values{"csrf": {b.token("/pruefen")}}, "rules", []store.File{{Name: "mein-programm.yaml", Content: rename(src)}})
	wantStatus(t, "rule file", r, http.StatusOK)
	m := regexp.MustCompile(`<option value="(\d+)" selected>mein-programm.yaml`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("the check form does not offer the uploaded rule file")
	}
	r = b.get("/hochladen")
	contains(t, "the upload form", r.body, `<option value="mein-programm">mein-programm (hochgeladene Regeldatei)</option>`)
	var files []store.File
	for _, f := range testdataFiles(t, "bad-kreuznach") {
		files = append(files, store.File{Name: f.Name, Content: rename(f.Content)})
	}
	r = b.postFiles("/hochladen", url.Values{"csrf": {b.token("/hochladen")}, "programme": {"mein-programm"}, "year": {"2024"}}, "files", files)
	wantStatus(t, "upload", r, http.StatusOK)
	r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {"mein-programm"}, "year": {"2024"}, "rulefile": {m[1]}})
	wantStatus(t, "check", r, http.StatusSeeOther)
	r = b.get("/")
	contains(t, "the start page", r.body, `<h2 id="p-mein-programm">mein-programm <span class="muted">(mein-programm, mit hochgeladener Regeldatei)</span></h2>`, "Auswertung 1")
}

// TestDashboardCompare compares two stored evaluations of the same data:
// the year and its first half differ in verdicts, each listed with both
// outcomes; the evaluation page offers the other one to compare with.
func TestDashboardCompare(t *testing.T) {
	_, ts := newDashboard(t)
	b := newBrowser(t, ts.URL)
	b.signIn("fachberatung", testPassword)
	r := b.postFiles("/hochladen", url.Values{"csrf": {b.token("/hochladen")}, "programme": {bk}, "year": {"2024"}}, "files", testdataFiles(t, "bad-kreuznach"))
	wantStatus(t, "upload", r, http.StatusOK)
	for _, period := range []string{"2024", "2024-H1"} {
		r = b.post("/pruefen", url.Values{"csrf": {b.token("/pruefen")}, "programme": {bk}, "year": {"2024"}, "period": {period}})
		wantStatus(t, "check "+period, r, http.StatusSeeOther)
	}
	r = b.get("/auswertungen/2")
	contains(t, "the evaluation page", r.body, `<form method="get" action="/auswertungen/2/vergleich"`, `<option value="1">Auswertung 1: 2024, Zeitraum 2024,`)
	r = b.get("/auswertungen/2/vergleich?mit=1")
	wantStatus(t, "comparison", r, http.StatusOK)
	contains(t, "the comparison", r.body, "Vergleich: Auswertung 2 mit Auswertung 1", "Ergebnisse, die sich unterscheiden", "01.01.2024–30.06.2024")
	if !regexp.MustCompile(`<td>[^<]+</td>\s*<td><code>[a-z0-9-]+</code>`).MatchString(r.body) {
		t.Error("the comparison lists no differing verdict")
	}
	wantStatus(t, "comparison with itself", b.get("/auswertungen/2/vergleich?mit=2"), http.StatusBadRequest)
	wantStatus(t, "comparison with nothing", b.get("/auswertungen/2/vergleich?mit=9"), http.StatusNotFound)
	wantStatus(t, "visitor's comparison", newBrowser(t, ts.URL).get("/auswertungen/2/vergleich?mit=1"), http.StatusSeeOther)

	got := changesBetween(
		[]rules.Result{{Programme: "p", Rule: "a", Subject: "x", Outcome: rules.OutcomePass}, {Programme: "p", Rule: "b", Subject: "x", Outcome: rules.OutcomeFail, Message: "m1"}, {Programme: "p", Rule: "gone", Subject: "x"}},
		[]rules.Result{{Programme: "p", Rule: "a", Subject: "x", Outcome: rules.OutcomeFail}, {Programme: "p", Rule: "b", Subject: "x", Outcome: rules.OutcomeFail, Message: "m2"}, {Programme: "p", Rule: "new", Subject: "x"}})
	var kinds []string
	for _, c := range got {
		kinds = append(kinds, c.Kind.String()+" "+c.Rule)
	}
	if d := cmp.Diff([]string{"outcome a", "added new", "removed gone", "message b"}, kinds); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
}

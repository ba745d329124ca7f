package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
)

// The dashboard's pages of an evaluation: the matrix, the verdicts of a
// cell or centre, an explanation, the reports, publishing; and the audit
// log.

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
	l, err := d.s.evaluation(r.Context(), id)
	if visitor && (errors.Is(err, store.ErrNotFound) || err == nil && !l.rec.Published) {
		// Not published and not there look the same to a visitor.
		d.problem(w, r, http.StatusNotFound, "Nicht gefunden", fmt.Sprintf("Die Auswertung %d gibt es nicht, oder sie ist nicht veröffentlicht; melden Sie sich an, um sie zu sehen.", id))
		return nil, u, false
	}
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
	if !visitor {
		var err error
		if v.Compare, err = d.compareOptions(r, rec); err != nil {
			d.fail(w, r, err)
			return
		}
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

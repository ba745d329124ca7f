package server

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/store"
)

// evaluationJSON describes a stored evaluation without its results.
type evaluationJSON struct {
	ID          int64          `json:"id"`
	DatasetID   int64          `json:"datasetId"`
	Programme   string         `json:"programme"`
	Year        int            `json:"year"`
	Period      string         `json:"period"`
	RuleFiles   []int64        `json:"ruleFiles"`
	Module      string         `json:"module"`
	InputDigest string         `json:"inputDigest"`
	Counts      map[string]int `json:"counts"`
	CreatedBy   string         `json:"createdBy"`
	CreatedAt   time.Time      `json:"createdAt"`
	// DurationMs is how long the check took, in milliseconds.
	DurationMs int64 `json:"durationMs"`
	Published  bool  `json:"published"`
}

func evaluationOf(e store.Evaluation) evaluationJSON {
	out := evaluationJSON{ID: e.ID, DatasetID: e.DatasetID, Programme: e.Programme, Year: e.Year, Period: e.Period, RuleFiles: e.RuleFileIDs,
		Module: e.Module, InputDigest: e.InputDigest, Counts: e.Counts, CreatedBy: e.CreatedBy, CreatedAt: e.CreatedAt.UTC(),
		DurationMs: e.Duration.Milliseconds(), Published: e.Published}
	if out.RuleFiles == nil {
		out.RuleFiles = []int64{}
	}
	if out.Counts == nil {
		out.Counts = map[string]int{}
	}
	return out
}

func (s *Server) postEvaluation(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Programme string `json:"programme"`
		Year      int    `json:"year"`
		Period    string `json:"period"`
		RuleFile  int64  `json:"ruleFile"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	l, diags, err := s.checkLoaded(r.Context(), userOf(r), in.Programme, in.Year, in.Period, in.RuleFile)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	b, err := l.checkJSON()
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("%s/evaluations/%d", apiPrefix, l.rec.ID))
	writeRaw(w, http.StatusCreated, "application/json", b)
}

// writeRaw writes bytes with a status and content type.
func writeRaw(w http.ResponseWriter, status int, contentType string, b []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
}

// mayRead tells whether the request may see an evaluation: signed in, or
// published in published mode.
func (s *Server) mayRead(r *http.Request, e store.Evaluation) bool {
	return signedIn(r) || (s.cfg.Published && e.Published)
}

// refuseAnonymous answers a request for data it may not see: 401 without
// an account, and not found for an unpublished evaluation in published
// mode, so that its existence stays unknown.
func (s *Server) refuseAnonymous(w http.ResponseWriter, r *http.Request, id int64) {
	if s.cfg.Published {
		writeProblem(w, r, http.StatusNotFound, "not-found", fmt.Sprintf("keine veröffentlichte Auswertung %d", id), nil)
		return
	}
	writeProblem(w, r, http.StatusUnauthorized, "unauthorized", "melden Sie sich an (POST "+apiPrefix+"/session)", nil)
}

func (s *Server) getEvaluations(w http.ResponseWriter, r *http.Request) {
	f := store.EvaluationFilter{Programme: r.URL.Query().Get("programme")}
	if !signedIn(r) {
		if !s.cfg.Published {
			writeProblem(w, r, http.StatusUnauthorized, "unauthorized", "melden Sie sich an (POST "+apiPrefix+"/session)", nil)
			return
		}
		f.Published = true
	}
	if y := r.URL.Query().Get("year"); y != "" {
		var err error
		if f.Year, err = strconv.Atoi(y); err != nil {
			s.writeError(w, r, fmt.Errorf("%w: year=%q ist kein Jahr", errBadRequest, y), nil)
			return
		}
	}
	es, err := s.store.Evaluations(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []evaluationJSON{}
	for _, e := range es {
		row := evaluationOf(e)
		if !signedIn(r) {
			row.CreatedBy = "" // an account's name is not published
		}
		out = append(out, row)
	}
	writeJSON(w, http.StatusOK, out)
}

// pathEvaluation reads the evaluation of the path's {id} that the
// request may see; it answers and returns nil otherwise.
func (s *Server) pathEvaluation(w http.ResponseWriter, r *http.Request) *loaded {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.writeError(w, r, fmt.Errorf("%w: %q ist keine Nummer einer Auswertung", errBadRequest, r.PathValue("id")), nil)
		return nil
	}
	if !signedIn(r) && !s.cfg.Published {
		s.refuseAnonymous(w, r, id)
		return nil
	}
	l, err := s.evaluation(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) && !signedIn(r) {
		s.refuseAnonymous(w, r, id)
		return nil
	}
	if err != nil {
		s.writeError(w, r, err, nil)
		return nil
	}
	if !s.mayRead(r, l.rec) {
		s.refuseAnonymous(w, r, id)
		return nil
	}
	return l
}

func (s *Server) getEvaluation(w http.ResponseWriter, r *http.Request) {
	l := s.pathEvaluation(w, r)
	if l == nil {
		return
	}
	b, err := l.checkJSON()
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	writeRaw(w, http.StatusOK, "application/json", b)
}

func (s *Server) getExplain(w http.ResponseWriter, r *http.Request) {
	l := s.pathEvaluation(w, r)
	if l == nil {
		return
	}
	q := r.URL.Query()
	x, err := s.explainLoaded(r.Context(), l, q.Get("rule"), q.Get("subject"))
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	run, err := l.run(envelope.ExplainFormat)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	b, err := envelope.Wrap(envelope.ExplainEnvelope{RunInfo: run, Explanation: x})
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	writeRaw(w, http.StatusOK, "application/json", b)
}

// reportTypes are the content types of the report formats.
var reportTypes = map[string]string{
	"html":     "text/html; charset=utf-8",
	"markdown": "text/markdown; charset=utf-8",
	"json":     "application/json",
	"csv":      "text/csv; charset=utf-8",
	"xlsx":     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// reportExt are the file name extensions of the report formats.
var reportExt = map[string]string{"html": "html", "markdown": "md", "json": "json", "csv": "csv", "xlsx": "xlsx"}

func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
	l := s.pathEvaluation(w, r)
	if l == nil {
		return
	}
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "html"
	}
	kind := r.PathValue("kind")
	if c := q.Get("centre"); c != "" {
		if kind != "centre" {
			s.writeError(w, r, fmt.Errorf("%w: centre= gilt nur für den Bericht eines Zentrums (centre)", errBadRequest), nil)
			return
		}
		kind += "/" + c
	}
	// Without an account only the published form.
	published := !signedIn(r) || q.Get("published") == "true"
	var buf bytes.Buffer
	if err := s.writeLoadedReport(&buf, l, kind, format, published); err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	name := fmt.Sprintf("kiez-%d-%s.%s", l.rec.ID, strings.ReplaceAll(kind, "/", "-"), reportExt[format])
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	writeRaw(w, http.StatusOK, reportTypes[format], buf.Bytes())
}

func (s *Server) postPublish(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Published *bool `json:"published"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	if in.Published == nil {
		s.writeError(w, r, fmt.Errorf("%w: geben Sie published (true oder false) an", errBadRequest), nil)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.writeError(w, r, fmt.Errorf("%w: %q ist keine Nummer einer Auswertung", errBadRequest, r.PathValue("id")), nil)
		return
	}
	e, err := s.publish(r.Context(), userOf(r), id, *in.Published)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, evaluationOf(e))
}

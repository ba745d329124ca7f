package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/kiez"
)

// apiPrefix is where the API lives.
const apiPrefix = "/api/v1"

// apiRoutes registers the API and its OpenAPI document.
func (s *Server) apiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET "+apiPrefix+"/openapi.json", s.openapiJSON)
	mux.HandleFunc("GET "+apiPrefix+"/openapi.yaml", s.openapiYAML)
	mux.HandleFunc("GET "+apiPrefix+"/session", s.getSession)
	mux.HandleFunc("POST "+apiPrefix+"/session", s.postSession)
	mux.HandleFunc("DELETE "+apiPrefix+"/session", s.deleteSession)
	mux.HandleFunc("GET "+apiPrefix+"/programmes", s.getProgrammes)
	mux.HandleFunc("GET "+apiPrefix+"/datasets", s.need(auth.Read, s.getDatasets))
	mux.HandleFunc("PUT "+apiPrefix+"/datasets/{programme}/{year}", s.need(auth.Write, s.putDatasetAPI))
	mux.HandleFunc("GET "+apiPrefix+"/datasets/{programme}/{year}", s.need(auth.Read, s.getDataset))
	mux.HandleFunc("POST "+apiPrefix+"/rule-files", s.need(auth.Write, s.postRuleFile))
	mux.HandleFunc("GET "+apiPrefix+"/rule-files", s.need(auth.Read, s.getRuleFiles))
	mux.HandleFunc("POST "+apiPrefix+"/evaluations", s.need(auth.Write, s.postEvaluation))
	mux.HandleFunc("GET "+apiPrefix+"/evaluations", s.getEvaluations)
	mux.HandleFunc("GET "+apiPrefix+"/evaluations/{id}", s.getEvaluation)
	mux.HandleFunc("GET "+apiPrefix+"/evaluations/{id}/explain", s.need(auth.Read, s.getExplain))
	mux.HandleFunc("GET "+apiPrefix+"/evaluations/{id}/reports/{kind}", s.getReport)
	mux.HandleFunc("POST "+apiPrefix+"/evaluations/{id}/publish", s.need(auth.Write, s.postPublish))
	mux.HandleFunc("GET "+apiPrefix+"/audit", s.need(auth.Write, s.getAudit))
	mux.HandleFunc(apiPrefix+"/", s.apiNotFound)
}

// need lets a request through when its user has the role: 401 without
// an account, 403 with too small a role.
func (s *Server) need(role auth.Role, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ok := auth.UserOf(r.Context())
		switch {
		case !ok || u.Name == "":
			writeProblem(w, r, http.StatusUnauthorized, "unauthorized", "melden Sie sich an (POST "+apiPrefix+"/session)", nil)
		case !u.Can(role):
			writeProblem(w, r, http.StatusForbidden, "forbidden", fmt.Sprintf("das Konto %q hat die Rolle %q; dafür braucht es die Rolle %q", u.Name, u.Role, role), nil)
		default:
			h(w, r)
		}
	}
}

// signedIn tells whether the request has a user with at least the read
// role.
func signedIn(r *http.Request) bool {
	u, ok := auth.UserOf(r.Context())
	return ok && u.Name != "" && u.Can(auth.Read)
}

// apiNotFound answers a path or method the API does not have.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeProblem(w, r, http.StatusNotFound, "not-found", fmt.Sprintf("%s %s gibt es nicht; das OpenAPI-Dokument %s/openapi.json nennt jeden Pfad", r.Method, r.URL.Path, apiPrefix), nil)
}

// writeJSON writes a value as indented JSON with a status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := envelope.MarshalIndent(v, "")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// decodeJSON reads a JSON request body into v; unknown fields are errors.
func decodeJSON(r *http.Request, v any) error {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		return fmt.Errorf("%w: der Inhalt muss application/json sein, nicht %q", errBadRequest, ct)
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return err
		}
		return fmt.Errorf("%w: der JSON-Inhalt ist ungültig: %v", errBadRequest, err)
	}
	return nil
}

// sessionJSON is the answer of the session endpoints.
type sessionJSON struct {
	// User and Role are the signed-in account; empty without one.
	User string `json:"user"`
	Role string `json:"role"`
	// CSRF is the token unsafe requests carry in the header X-CSRF-Token.
	CSRF string `json:"csrf"`
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	writeJSON(w, http.StatusOK, sessionJSON{User: u.Name, Role: string(u.Role), CSRF: s.auth.FormToken(w, r)})
}

func (s *Server) postSession(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	u, csrf, err := s.auth.SignIn(w, r, in.Name, in.Password)
	if errors.Is(err, auth.ErrBadCredentials) {
		writeProblem(w, r, http.StatusUnauthorized, "bad-credentials", "Name oder Passwort stimmen nicht", nil)
		return
	}
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, sessionJSON{User: u.Name, Role: string(u.Role), CSRF: csrf})
}

func (s *Server) deleteSession(w http.ResponseWriter, r *http.Request) {
	if err := s.auth.SignOut(w, r); err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getProgrammes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.programmes())
}

// fileJSON describes a stored file.
type fileJSON struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// datasetJSON describes a stored dataset version.
type datasetJSON struct {
	ID         int64      `json:"id"`
	Programme  string     `json:"programme"`
	Year       int        `json:"year"`
	Version    int        `json:"version"`
	Digest     string     `json:"digest"`
	UploadedBy string     `json:"uploadedBy"`
	UploadedAt time.Time  `json:"uploadedAt"`
	Files      []fileJSON `json:"files,omitempty"`
	// Diagnostics are the warnings of an upload.
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

func datasetOf(d store.Dataset) datasetJSON {
	out := datasetJSON{ID: d.ID, Programme: d.Programme, Year: d.Year, Version: d.Version, Digest: d.Digest, UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt.UTC()}
	for _, f := range d.Files {
		out.Files = append(out.Files, fileJSON{Name: f.Name, Bytes: len(f.Content), SHA256: store.ContentDigest(f.Content)})
	}
	return out
}

func (s *Server) getDatasets(w http.ResponseWriter, r *http.Request) {
	ds, err := s.store.Datasets(r.Context())
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []datasetJSON{}
	for _, d := range ds {
		out = append(out, datasetOf(d))
	}
	writeJSON(w, http.StatusOK, out)
}

// pathYear reads the {year} of a path.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		return 0, fmt.Errorf("%w: %q ist kein Jahr", errBadRequest, r.PathValue("year"))
	}
	return y, nil
}

func (s *Server) getDataset(w http.ResponseWriter, r *http.Request) {
	year, err := pathYear(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		if version, err = strconv.Atoi(v); err != nil || version < 1 {
			s.writeError(w, r, fmt.Errorf("%w: version=%q ist keine Versionsnummer (1, 2, …)", errBadRequest, v), nil)
			return
		}
	}
	d, err := s.store.Dataset(r.Context(), r.PathValue("programme"), year, version)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, datasetOf(d))
}

// uploadJSON is the JSON form of an upload: the files with their text.
type uploadJSON struct {
	Files []struct {
		Name    string `json:"name"`
		Content string `json:"content"`
	} `json:"files"`
}

// readUpload reads the files of an upload: multipart/form-data (every
// part with a file name, under any field name) or JSON {files: [{name,
// content}]}. File names are taken as sent and checked by the core: a
// name with a directory is refused, not shortened.
func readUpload(r *http.Request) ([]store.File, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var in uploadJSON
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		files := make([]store.File, 0, len(in.Files))
		for _, f := range in.Files {
			files = append(files, store.File{Name: f.Name, Content: []byte(f.Content)})
		}
		return files, nil
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errBadRequest, err)
		}
		var files []store.File
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return files, nil
			}
			if err != nil {
				return nil, uploadError(err)
			}
			name, ok := rawFileName(p)
			if !ok {
				p.Close()
				continue
			}
			if len(files) >= maxFiles {
				return nil, fmt.Errorf("%w: mehr als %d Dateien", errBadRequest, maxFiles)
			}
			data, err := io.ReadAll(io.LimitReader(p, kiez.MaxFileSize+1))
			if err != nil {
				return nil, uploadError(err)
			}
			files = append(files, store.File{Name: name, Content: data})
		}
	default:
		return nil, fmt.Errorf("%w: laden Sie die Dateien als multipart/form-data oder als JSON {\"files\": [{\"name\", \"content\"}]} hoch, nicht als %q", errBadRequest, ct)
	}
}

// uploadError keeps a too large body's error, and makes any other a bad
// request.
func uploadError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return err
	}
	return fmt.Errorf("%w: der mehrteilige Inhalt ist ungültig: %v", errBadRequest, err)
}

// rawFileName is the file name of a part as sent (multipart.Part.FileName
// would drop its directories); ok is false for a part without one.
func rawFileName(p *multipart.Part) (string, bool) {
	_, params, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	if err != nil {
		return "", false
	}
	name, ok := params["filename"]
	return name, ok
}

func (s *Server) putDatasetAPI(w http.ResponseWriter, r *http.Request) {
	year, err := pathYear(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	files, err := readUpload(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	d, diags, err := s.putDataset(r.Context(), userOf(r), r.PathValue("programme"), year, files)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	out := datasetOf(d)
	out.Diagnostics = diags
	w.Header().Set("Location", fmt.Sprintf("%s/datasets/%s/%d?version=%d", apiPrefix, d.Programme, d.Year, d.Version))
	writeJSON(w, http.StatusCreated, out)
}

// ruleFileJSON describes a stored rule file.
type ruleFileJSON struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	Programme   string           `json:"programme"`
	Version     string           `json:"version"`
	Embedded    bool             `json:"embedded"`
	SHA256      string           `json:"sha256"`
	UploadedBy  string           `json:"uploadedBy"`
	UploadedAt  time.Time        `json:"uploadedAt"`
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

func ruleFileOf(f store.RuleFile) ruleFileJSON {
	return ruleFileJSON{ID: f.ID, Name: f.Name, Programme: f.Programme, Version: f.Version, Embedded: f.Embedded, SHA256: f.Digest, UploadedBy: f.UploadedBy, UploadedAt: f.UploadedAt.UTC()}
}

func (s *Server) postRuleFile(w http.ResponseWriter, r *http.Request) {
	files, err := readUpload(r)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	if len(files) != 1 {
		s.writeError(w, r, fmt.Errorf("%w: laden Sie genau eine Regeldatei hoch, nicht %d", errBadRequest, len(files)), nil)
		return
	}
	f, diags, err := s.putRuleFile(r.Context(), userOf(r), files[0].Name, files[0].Content)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	out := ruleFileOf(f)
	out.Diagnostics = diags
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) getRuleFiles(w http.ResponseWriter, r *http.Request) {
	fs, err := s.store.RuleFiles(r.Context())
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []ruleFileJSON{}
	for _, f := range fs {
		out = append(out, ruleFileOf(f))
	}
	writeJSON(w, http.StatusOK, out)
}

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
	rec, diags, err := s.check(r.Context(), userOf(r), in.Programme, in.Year, in.Period, in.RuleFile)
	if err != nil {
		s.writeError(w, r, err, diags)
		return
	}
	l, err := s.evaluation(r.Context(), rec.ID)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	b, err := l.checkJSON()
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("%s/evaluations/%d", apiPrefix, rec.ID))
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
		out = append(out, evaluationOf(e))
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

// auditJSON is one entry of the audit log.
type auditJSON struct {
	ID     int64     `json:"id"`
	Time   time.Time `json:"time"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Target string    `json:"target"`
	Detail string    `json:"detail"`
}

func (s *Server) getAudit(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			s.writeError(w, r, fmt.Errorf("%w: limit=%q ist keine Zahl von 1 bis 10000", errBadRequest, v), nil)
			return
		}
		limit = n
	}
	es, err := s.store.AuditLog(r.Context(), limit)
	if err != nil {
		s.writeError(w, r, err, nil)
		return
	}
	out := []auditJSON{}
	for _, e := range es {
		out = append(out, auditJSON{ID: e.ID, Time: e.Time.UTC(), Actor: e.Actor, Action: e.Action, Target: e.Target, Detail: e.Detail})
	}
	writeJSON(w, http.StatusOK, out)
}

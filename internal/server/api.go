package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/server/auth"
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
	// The envelope holds every message and evidence text unsuppressed:
	// without an account only the reports' published form is shown.
	mux.HandleFunc("GET "+apiPrefix+"/evaluations/{id}", s.need(auth.Read, s.getEvaluation))
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
	writeRaw(w, status, "application/json", append(b, '\n'))
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

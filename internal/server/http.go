package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
)

// problemType is the base of the type URIs of the API's problems.
const problemType = "https://github.com/kiez-go/kiez/problems/"

// problem is an RFC 9457 problem details object, with the diagnostics of
// the data or rule files when there are any, as kiez check's JSON writes
// them (file, position, data path, severity, message).
type problem struct {
	Type        string           `json:"type"`
	Title       string           `json:"title"`
	Status      int              `json:"status"`
	Detail      string           `json:"detail,omitempty"`
	Instance    string           `json:"instance,omitempty"`
	Diagnostics diag.Diagnostics `json:"diagnostics,omitempty"`
}

// writeProblem writes a problem as application/problem+json.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, kind, detail string, diags diag.Diagnostics) {
	p := problem{Type: problemType + kind, Title: http.StatusText(status), Status: status, Detail: detail, Instance: r.URL.Path, Diagnostics: diags}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeRaw(w, status, "application/problem+json", append(b, '\n'))
}

// writeError writes the problem an error of a core operation stands for.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error, diags diag.Diagnostics) {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, errInvalid):
		writeProblem(w, r, http.StatusUnprocessableEntity, "invalid", fmt.Sprintf("%v: %d Fehler; die Diagnosen nennen Datei, Zeile und Spalte", err, countErrors(diags)), diags)
	case errors.Is(err, errForbidden):
		writeProblem(w, r, http.StatusForbidden, "forbidden", err.Error(), nil)
	case errors.Is(err, errBadRequest):
		writeProblem(w, r, http.StatusBadRequest, "bad-request", err.Error(), diags)
	case errors.Is(err, store.ErrNotFound):
		writeProblem(w, r, http.StatusNotFound, "not-found", userMessage(err, "nicht gefunden"), nil)
	case errors.Is(err, store.ErrConflict):
		writeProblem(w, r, http.StatusConflict, "conflict", userMessage(err, "Konflikt: inzwischen wurde eine neuere Version gespeichert; laden Sie die Seite neu und versuchen Sie es wieder"), nil)
	case errors.As(err, &maxErr):
		writeProblem(w, r, http.StatusRequestEntityTooLarge, "too-large", fmt.Sprintf("die Anfrage ist größer als %d Bytes", maxErr.Limit), nil)
	case errors.Is(err, errBusy), errors.Is(err, errShuttingDown):
		w.Header().Set("Retry-After", "5")
		writeProblem(w, r, http.StatusServiceUnavailable, "busy", err.Error()+"; versuchen Sie es in einigen Sekunden wieder", nil)
	case errors.Is(err, context.DeadlineExceeded):
		writeProblem(w, r, http.StatusServiceUnavailable, "timeout", fmt.Sprintf("die Prüfung dauerte länger als %s und wurde abgebrochen", s.cfg.CheckTimeout), nil)
	case errors.Is(err, context.Canceled):
		writeProblem(w, r, 499, "canceled", "die Anfrage wurde abgebrochen", nil)
	default:
		s.log.Error("internal error", "path", r.URL.Path, "err", err)
		writeProblem(w, r, http.StatusInternalServerError, "internal", "interner Fehler; das Protokoll des Servers nennt ihn", nil)
	}
}

// userMessage is the German message of an error for the person who made
// the request, or fallback when it has none.
func userMessage(err error, fallback string) string {
	var ue *userError
	if errors.As(err, &ue) {
		return ue.msg
	}
	return fallback
}

// countErrors counts the diagnostics of severity error.
func countErrors(diags diag.Diagnostics) int {
	n := 0
	for _, d := range diags {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

// forbidden is the authentication's answer to a refused request: problem
// JSON under /api/, the dashboard's German page otherwise.
// The reason (English) goes to the log.
func (s *Server) forbidden(w http.ResponseWriter, r *http.Request, reason string) {
	s.log.Warn("request refused", "method", r.Method, "path", r.URL.Path, "reason", reason)
	const detail = "Anfrage abgelehnt: das CSRF-Token fehlt oder stimmt nicht, oder die Anfrage kommt von einer anderen Herkunft (Origin). Holen Sie das Token mit GET " + apiPrefix + "/session und senden Sie es im Kopf X-CSRF-Token."
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeProblem(w, r, http.StatusForbidden, "csrf", detail, nil)
		return
	}
	s.forbiddenPage(w, r)
}

// routes registers the API, its OpenAPI document and /healthz.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.apiRoutes(s.mux)
}

// healthz answers whether the server and its store work.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	if _, err := s.store.Evaluations(ctx, store.EvaluationFilter{Limit: 1}); err != nil {
		s.log.Error("healthz", "err", err)
		writeProblem(w, r, http.StatusServiceUnavailable, "unhealthy", "der Speicher antwortet nicht", nil)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte("{\"status\":\"ok\"}\n"))
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestKey is the context key of a request's requestInfo.
type requestKey struct{}

// requestInfo is what the request log learns while the request is
// served: its id, and the user once the authentication has found one.
type requestInfo struct {
	id   string
	user string
}

// noteUser records the user the authentication found for the request log.
func noteUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if info, ok := r.Context().Value(requestKey{}).(*requestInfo); ok {
			info.user = userOf(r).Name
		}
		next.ServeHTTP(w, r)
	})
}

// logRequests gives each request an id (X-Request-Id, in the logs too),
// bounds its body to MaxUpload bytes and logs it when it is done: method,
// path, user, status, bytes and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var b [8]byte
		rand.Read(b[:])
		id := hex.EncodeToString(b[:])
		w.Header().Set("X-Request-Id", id)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		info := &requestInfo{id: id}
		r = r.WithContext(context.WithValue(r.Context(), requestKey{}, info))
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
		}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request", slog.String("id", id), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.String("user", info.user), slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes), slog.Duration("duration", time.Since(start)))
	})
}

// userOf is the signed-in user of a request; anonymous has no name and no
// role.
func userOf(r *http.Request) auth.User {
	u, _ := auth.UserOf(r.Context())
	return u
}

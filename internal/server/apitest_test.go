package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
)

// unvalidated marks a request the tests send malformed on purpose (no
// CSRF token, a path the API does not have): its request is not checked
// against the OpenAPI document, its response still is when its route is
// in it.
const unvalidated = "X-Test-Unvalidated"

// registerDecoders teaches openapi3filter the report formats it does not
// decode itself: their bodies are checked as strings.
var registerDecoders = sync.OnceFunc(func() {
	for _, ct := range []string{"text/html", "text/markdown", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
})

// openapiRouter loads and validates the OpenAPI document.
func openapiRouter(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	registerDecoders()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapiYAMLDoc)
	if err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is no valid OpenAPI document: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// validatingTransport checks every request and every response of the API
// tests against the OpenAPI document.
type validatingTransport struct {
	t      testing.TB
	router routers.Router
	next   http.RoundTripper

	mu sync.Mutex
	// seen counts the responses per "METHOD path-template status".
	seen map[string]int
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	skip := req.Header.Get(unvalidated) != ""
	req.Header.Del(unvalidated)
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	// The document's server is "/": route on the path alone.
	probe := req.Clone(req.Context())
	probe.URL = &url.URL{Path: req.URL.Path, RawQuery: req.URL.RawQuery}
	probe.Host = ""
	probe.Body = io.NopCloser(bytes.NewReader(body))
	route, params, routeErr := v.router.FindRoute(probe)
	if routeErr != nil && !skip {
		v.t.Errorf("%s %s is not in the OpenAPI document: %v", req.Method, req.URL.Path, routeErr)
	}
	var in *openapi3filter.RequestValidationInput
	if routeErr == nil {
		in = &openapi3filter.RequestValidationInput{Request: probe, PathParams: params, Route: route, Options: opts}
		if !skip {
			if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
				v.t.Errorf("request %s %s does not fit the OpenAPI document: %v", req.Method, req.URL.Path, err)
			}
		}
	}
	resp, err := v.next.RoundTrip(req)
	if err != nil || in == nil {
		return resp, err
	}
	rb, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(rb))
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
	out.SetBodyBytes(rb)
	if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
		v.t.Errorf("response %d to %s %s does not fit the OpenAPI document: %v\n%.600s", resp.StatusCode, req.Method, req.URL.Path, err, rb)
	}
	v.mu.Lock()
	v.seen[fmt.Sprintf("%s %s %d", req.Method, route.Path, resp.StatusCode)]++
	v.mu.Unlock()
	return resp, nil
}

// apiEnv is a test server with accounts and clients.
type apiEnv struct {
	t   testing.TB
	srv *Server
	ts  *httptest.Server
	vt  *validatingTransport
}

// testPassword is the password of the test accounts.
const testPassword = "korrekt-pferd-batterie"

// newAPIEnv starts a server on httptest with the accounts "schreiber"
// (write) and "leser" (read).
func newAPIEnv(t testing.TB, cfg Config) *apiEnv {
	t.Helper()
	s := newTestServer(t, cfg)
	for _, a := range []struct {
		name string
		role auth.Role
	}{{"schreiber", auth.Write}, {"leser", auth.Read}} {
		if err := s.auth.AddAccount(context.Background(), a.name, testPassword, a.role); err != nil {
			t.Fatal(err)
		}
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	_, router := openapiRouter(t)
	vt := &validatingTransport{t: t, router: router, next: http.DefaultTransport, seen: map[string]int{}}
	return &apiEnv{t: t, srv: s, ts: ts, vt: vt}
}

// client is an API client with its own cookies and CSRF token.
type client struct {
	env  *apiEnv
	hc   *http.Client
	csrf string
}

// client returns a client, signed in as name unless name is empty.
func (e *apiEnv) client(name string) *client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &client{env: e, hc: &http.Client{Transport: e.vt, Jar: jar}}
	var sess sessionJSON
	c.json("GET", "/api/v1/session", nil, http.StatusOK, &sess)
	c.csrf = sess.CSRF
	if name != "" {
		c.json("POST", "/api/v1/session", map[string]string{"name": name, "password": testPassword}, http.StatusOK, &sess)
		if sess.User != name {
			e.t.Fatalf("signed in as %q, want %q", sess.User, name)
		}
		c.csrf = sess.CSRF
	}
	return c
}

// request sends a request and returns the response with its body read.
func (c *client) request(method, path, contentType string, body []byte, header ...string) (*http.Response, []byte) {
	c.env.t.Helper()
	req, err := http.NewRequest(method, c.env.ts.URL+path, bytes.NewReader(body))
	if err != nil {
		c.env.t.Fatal(err)
	}
	if body == nil {
		req.Body = nil
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if method != "GET" && c.csrf != "" {
		req.Header.Set(auth.CSRFHeader, c.csrf)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.env.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.env.t.Fatal(err)
	}
	return resp, b
}

// json sends v as JSON (no body when nil), wants the status and decodes
// the answer into out (when not nil).
func (c *client) json(method, path string, v any, status int, out any) []byte {
	c.env.t.Helper()
	var body []byte
	ct := ""
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			c.env.t.Fatal(err)
		}
		ct = "application/json"
	}
	resp, b := c.request(method, path, ct, body)
	if resp.StatusCode != status {
		c.env.t.Fatalf("%s %s: status %d, want %d\n%.1500s", method, path, resp.StatusCode, status, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			c.env.t.Fatalf("%s %s: %v\n%.500s", method, path, err, b)
		}
	}
	return b
}

// multipartBody writes files as multipart/form-data under the field
// "files", with their names as given (also with directories).
func multipartBody(t testing.TB, files []store.File) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="files"; filename=%q`, f.Name)}
		h["Content-Type"] = []string{"application/octet-stream"}
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.Content)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// uploadJSONOf is the JSON upload of files.
func uploadJSONOf(files []store.File) map[string]any {
	var list []map[string]string
	for _, f := range files {
		list = append(list, map[string]string{"name": f.Name, "content": string(f.Content)})
	}
	return map[string]any{"files": list}
}

// problemOf decodes a problem answer.
func problemOf(t testing.TB, b []byte) problem {
	t.Helper()
	var p problem
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("no problem JSON: %v\n%.300s", err, b)
	}
	return p
}

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/rules"
)

// TestAPIFlow uploads the Bad Kreuznach testdata, checks 2024, reads the
// evaluation, explains a verdict, builds every report in every format and
// publishes, every request and response checked against the OpenAPI
// document.
func TestAPIFlow(t *testing.T) {
	e := newAPIEnv(t, Config{Published: true})
	w := e.client("schreiber")
	files := testdataFiles(t, "bad-kreuznach")

	var progs []programmeInfo
	w.json("GET", "/api/v1/programmes", nil, http.StatusOK, &progs)
	if len(progs) != len(rules.Embedded()) {
		t.Errorf("%d programmes, want %d", len(progs), len(rules.Embedded()))
	}

	body, ct := multipartBody(t, files)
	resp, b := w.request("PUT", "/api/v1/datasets/"+bk+"/2024", ct, body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("multipart upload: %d\n%s", resp.StatusCode, b)
	}
	var d1 datasetJSON
	json.Unmarshal(b, &d1)
	var d2 datasetJSON
	w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(files), http.StatusCreated, &d2)
	if d1.Version != 1 || d2.Version != 2 || d1.Digest != d2.Digest || len(d2.Files) != 9 {
		t.Errorf("versions %d and %d, digests %s and %s, %d files", d1.Version, d2.Version, d1.Digest, d2.Digest, len(d2.Files))
	}
	var list []datasetJSON
	w.json("GET", "/api/v1/datasets", nil, http.StatusOK, &list)
	if len(list) != 1 || list[0].Version != 2 {
		t.Errorf("datasets: %+v", list)
	}
	var one datasetJSON
	w.json("GET", "/api/v1/datasets/"+bk+"/2024?version=1", nil, http.StatusOK, &one)
	if one.Version != 1 || one.Digest != d1.Digest {
		t.Errorf("version 1: %+v", one)
	}
	w.json("GET", "/api/v1/datasets/"+bk+"/2023", nil, http.StatusNotFound, nil)

	created := w.json("POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024, "period": "2024"}, http.StatusCreated, nil)
	var env envelope.CheckEnvelope
	dec := json.NewDecoder(bytes.NewReader(created))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{
		"fail austauschtreffen-teilnahme fz-hargesheim/austauschtreffen-jugendamt-2024-h2 BK-06",
		"fail leitungsfreistellung fz-meisenheim/lfz-1 BK-04",
		"fail planungstreffen-team fz-langenlonsheim/2024-H2 BK-07",
	}, problemsOf(env.Results)); diff != "" {
		t.Errorf("shortfalls (-want +got):\n%s", diff)
	}
	var evs []evaluationJSON
	w.json("GET", "/api/v1/evaluations?programme="+bk+"&year=2024", nil, http.StatusOK, &evs)
	if len(evs) != 1 || evs[0].Counts["fail"] != 3 {
		t.Fatalf("evaluations: %+v", evs)
	}
	id := evs[0].ID
	again := w.json("GET", fmt.Sprintf("/api/v1/evaluations/%d", id), nil, http.StatusOK, nil)
	if !bytes.Equal(created, again) {
		t.Error("GET of the evaluation differs from the answer of its POST")
	}

	var x envelope.ExplainEnvelope
	w.json("GET", fmt.Sprintf("/api/v1/evaluations/%d/explain?rule=leitungsfreistellung&subject=fz-meisenheim/lfz-1", id), nil, http.StatusOK, &x)
	if x.Format != envelope.ExplainFormat || x.Explanation == nil || x.Explanation.Result.Outcome != rules.OutcomeFail {
		t.Errorf("explanation: %+v", x)
	}
	w.json("GET", fmt.Sprintf("/api/v1/evaluations/%d/explain?rule=nope&subject=fz-kirn", id), nil, http.StatusNotFound, nil)

	for _, kind := range []string{"compliance", "programme", "staffing", "centre"} {
		for _, format := range reportFormats {
			path := fmt.Sprintf("/api/v1/evaluations/%d/reports/%s?format=%s", id, kind, format)
			if kind == "centre" {
				path += "&centre=fz-kirn"
			}
			resp, b := w.request("GET", path, "", nil)
			if resp.StatusCode != http.StatusOK || len(b) < 100 || resp.Header.Get("Content-Type") != reportTypes[format] {
				t.Errorf("%s: %d, %d bytes, %s", path, resp.StatusCode, len(b), resp.Header.Get("Content-Type"))
			}
		}
	}
	if resp, b := w.request("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/compliance?format=pdf", id), "", nil, unvalidated, "1"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("format pdf: %d %s", resp.StatusCode, b)
	}

	// Anonymous: nothing before publishing; after it the evaluation in
	// the list and its reports in the published form, never the
	// envelope (its messages and evidence are not suppressed).
	anon := e.client("")
	anon.json("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/compliance", id), nil, http.StatusNotFound, nil)
	var pub evaluationJSON
	w.json("POST", fmt.Sprintf("/api/v1/evaluations/%d/publish", id), map[string]bool{"published": true}, http.StatusOK, &pub)
	if !pub.Published {
		t.Error("not published")
	}
	anon.json("GET", fmt.Sprintf("/api/v1/evaluations/%d", id), nil, http.StatusUnauthorized, nil)
	var anonList []evaluationJSON
	anon.json("GET", "/api/v1/evaluations", nil, http.StatusOK, &anonList)
	if len(anonList) != 1 {
		t.Errorf("anonymous list: %d evaluations, want the published one", len(anonList))
	}
	resp, full := w.request("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/centre?format=markdown&centre=fz-kirn", id), "", nil)
	resp2, published := anon.request("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/centre?format=markdown&centre=fz-kirn", id), "", nil)
	_, wantPublished := w.request("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/centre?format=markdown&centre=fz-kirn&published=true", id), "", nil)
	if resp.StatusCode != 200 || resp2.StatusCode != 200 || !bytes.Equal(published, wantPublished) || bytes.Equal(full, published) {
		t.Errorf("anonymous report: %d/%d; equal to the published form %v, to the full one %v", resp.StatusCode, resp2.StatusCode, bytes.Equal(published, wantPublished), bytes.Equal(full, published))
	}
	anon.json("GET", fmt.Sprintf("/api/v1/evaluations/%d/explain?rule=leitungsfreistellung&subject=fz-meisenheim/lfz-1", id), nil, http.StatusUnauthorized, nil)

	var audit []auditJSON
	w.json("GET", "/api/v1/audit", nil, http.StatusOK, &audit)
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action)
	}
	for _, want := range []string{"upload-dataset", "check", "publish", "login"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("the audit log has no %q: %v", want, actions)
		}
	}

	// An uploaded rule file.
	src, _ := rules.EmbeddedSource(bk)
	src = bytes.Replace(src, []byte("version: "), []byte("version: test-"), 1)
	var rf ruleFileJSON
	w.json("POST", "/api/v1/rule-files", map[string]any{"files": []map[string]string{{"name": "bk.yaml", "content": string(src)}}}, http.StatusCreated, &rf)
	var rfs []ruleFileJSON
	w.json("GET", "/api/v1/rule-files", nil, http.StatusOK, &rfs)
	if len(rfs) != 2 {
		t.Errorf("rule files: %+v", rfs)
	}
	var withFile envelope.CheckEnvelope
	w.json("POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024, "ruleFile": rf.ID}, http.StatusCreated, &withFile)
	if len(withFile.RuleSets) != 1 || withFile.RuleSets[0].Embedded || withFile.Period.Text != "2024" {
		t.Errorf("check with a rule file: %+v %+v", withFile.RuleSets, withFile.Period)
	}

	// Sign out: the session ends.
	w.json("DELETE", "/api/v1/session", nil, http.StatusNoContent, nil)
	w.json("GET", "/api/v1/datasets", nil, http.StatusUnauthorized, nil)

	var health map[string]string
	anon.json("GET", "/healthz", nil, http.StatusOK, &health)
	anon.json("GET", "/api/v1/openapi.json", nil, http.StatusOK, nil)
	if resp, b := anon.request("GET", "/api/v1/openapi.yaml", "", nil); resp.StatusCode != 200 || !bytes.Equal(b, openapiYAMLDoc) {
		t.Errorf("openapi.yaml: %d", resp.StatusCode)
	}

	// Every operation of the document had a request and a response
	// checked against it.
	doc, _ := openapiRouter(t)
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			found := false
			for k := range e.vt.seen {
				found = found || strings.HasPrefix(k, method+" "+path+" ")
			}
			if !found {
				t.Errorf("TestAPIFlow does not call %s %s", method, path)
			}
		}
	}
}

// TestAPIDiagnostics: a dataset or rule file with errors is refused with
// problem details whose diagnostics name the uploaded file and position.
func TestAPIDiagnostics(t *testing.T) {
	e := newAPIEnv(t, Config{})
	w := e.client("schreiber")
	files := testdataFiles(t, "bad-kreuznach")
	files[2].Content = append([]byte("unbekannt: 1\n"), files[2].Content...)
	b := w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(files), http.StatusUnprocessableEntity, nil)
	p := problemOf(t, b)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Subject == nil || p.Diagnostics[0].Subject.Filename != files[2].Name || p.Diagnostics[0].Subject.Start.Line != 1 {
		t.Errorf("problem: %s", b)
	}
	b = w.json("POST", "/api/v1/rule-files", map[string]any{"files": []map[string]string{{"name": "r.yaml", "content": "programme: x\nfoo: 1\n"}}}, http.StatusUnprocessableEntity, nil)
	if p := problemOf(t, b); len(p.Diagnostics) == 0 || p.Diagnostics[0].Subject == nil || p.Diagnostics[0].Subject.Filename != "r.yaml" {
		t.Errorf("problem: %s", b)
	}
}

// TestAPISecurity: per endpoint, without an account nothing but the
// public ones; the role read cannot write; a missing or wrong CSRF token,
// an oversize body and a path in a file name are refused.
func TestAPISecurity(t *testing.T) {
	e := newAPIEnv(t, Config{MaxUpload: 1 << 20})
	w := e.client("schreiber")
	files := testdataFiles(t, "bad-kreuznach")
	w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(files), http.StatusCreated, nil)
	var env envelope.CheckEnvelope
	w.json("POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024}, http.StatusCreated, &env)
	evs, _ := e.srv.store.Evaluations(t.Context(), store.EvaluationFilter{})
	id := evs[0].ID

	type call struct {
		method, path string
		body         any
	}
	upload := uploadJSONOf(files)
	calls := []call{
		{"GET", "/api/v1/datasets", nil},
		{"GET", "/api/v1/datasets/" + bk + "/2024", nil},
		{"PUT", "/api/v1/datasets/" + bk + "/2024", upload},
		{"GET", "/api/v1/rule-files", nil},
		{"POST", "/api/v1/rule-files", map[string]any{"files": []map[string]string{{"name": "r.yaml", "content": "x"}}}},
		{"GET", "/api/v1/evaluations", nil},
		{"POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024}},
		{"GET", fmt.Sprintf("/api/v1/evaluations/%d", id), nil},
		{"GET", fmt.Sprintf("/api/v1/evaluations/%d/explain?rule=leitungsfreistellung&subject=fz-meisenheim/lfz-1", id), nil},
		{"GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/compliance?format=json", id), nil},
		{"POST", fmt.Sprintf("/api/v1/evaluations/%d/publish", id), map[string]bool{"published": true}},
		{"GET", "/api/v1/audit", nil},
	}
	writes := map[string]bool{"PUT": true, "POST": true, "DELETE": true}
	anon := e.client("")
	reader := e.client("leser")
	for _, c := range calls {
		status := http.StatusUnauthorized
		anon.json(c.method, c.path, c.body, status, nil)
		if writes[c.method] || strings.HasSuffix(c.path, "/audit") {
			reader.json(c.method, c.path, c.body, http.StatusForbidden, nil)
		}
	}
	// Unpublished evaluations stay hidden in published mode too.
	pe := newAPIEnv(t, Config{Published: true})
	pw := pe.client("schreiber")
	pw.json("PUT", "/api/v1/datasets/"+bk+"/2024", upload, http.StatusCreated, nil)
	pw.json("POST", "/api/v1/evaluations", map[string]any{"programme": bk, "year": 2024}, http.StatusCreated, nil)
	pevs, _ := pe.srv.store.Evaluations(t.Context(), store.EvaluationFilter{})
	panon := pe.client("")
	panon.json("GET", fmt.Sprintf("/api/v1/evaluations/%d", pevs[0].ID), nil, http.StatusUnauthorized, nil)
	panon.json("GET", fmt.Sprintf("/api/v1/evaluations/%d/reports/compliance", pevs[0].ID), nil, http.StatusNotFound, nil)
	var none []evaluationJSON
	panon.json("GET", "/api/v1/evaluations", nil, http.StatusOK, &none)
	if len(none) != 0 {
		t.Errorf("anonymous sees %d unpublished evaluations", len(none))
	}

	// CSRF: missing and wrong tokens are refused, for a session and
	// for sign-in alike.
	for _, token := range []string{"", "falsch"} {
		resp, b := w.request("POST", "/api/v1/evaluations", "application/json", []byte(`{"programme":"`+bk+`","year":2024}`), "X-CSRF-Token", token, unvalidated, "1")
		if resp.StatusCode != http.StatusForbidden || problemOf(t, b).Status != http.StatusForbidden {
			t.Errorf("CSRF token %q: %d %s", token, resp.StatusCode, b)
		}
		resp, _ = anon.request("POST", "/api/v1/session", "application/json", []byte(`{"name":"schreiber","password":"`+testPassword+`"}`), "X-CSRF-Token", token, unvalidated, "1")
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("sign-in with CSRF token %q: %d", token, resp.StatusCode)
		}
	}
	// Another origin is refused.
	if resp, _ := w.request("POST", "/api/v1/evaluations", "application/json", []byte(`{"programme":"`+bk+`","year":2024}`), "Origin", "https://evil.example"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign origin: %d", resp.StatusCode)
	}

	// Oversize: 413 as a problem, for JSON and multipart.
	big := []store.File{{Name: "gross.yaml", Content: bytes.Repeat([]byte("# x\n"), 300_000)}}
	resp, b := w.request("PUT", "/api/v1/datasets/"+bk+"/2024", "application/json", mustJSON(t, uploadJSONOf(big)))
	if resp.StatusCode != http.StatusRequestEntityTooLarge || problemOf(t, b).Status != 413 {
		t.Errorf("oversize JSON: %d %.300s", resp.StatusCode, b)
	}
	mb, ct := multipartBody(t, big)
	if resp, b := w.request("PUT", "/api/v1/datasets/"+bk+"/2024", ct, mb); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize multipart: %d %.300s", resp.StatusCode, b)
	}

	// Path traversal in file names: refused, not shortened.
	for _, name := range []string{"../programme.yaml", "sub/x.yaml", `..\x.yaml`, "/etc/passwd"} {
		bad := append([]store.File{{Name: name, Content: files[0].Content}}, files[1:]...)
		mb, ct := multipartBody(t, bad)
		if resp, b := w.request("PUT", "/api/v1/datasets/"+bk+"/2024", ct, mb); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("multipart file %q: %d %.300s", name, resp.StatusCode, b)
		}
		w.json("PUT", "/api/v1/datasets/"+bk+"/2024", uploadJSONOf(bad), http.StatusBadRequest, nil)
		w.json("POST", "/api/v1/rule-files", map[string]any{"files": []map[string]string{{"name": name, "content": "x"}}}, http.StatusBadRequest, nil)
	}
	d, _ := e.srv.store.Dataset(t.Context(), bk, 2024, 0)
	if d.Version != 1 {
		t.Errorf("a refused upload was stored: version %d", d.Version)
	}
}

// mustJSON marshals v.
func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOpenAPIRoutes: every route of the mux is in the OpenAPI document
// and every path and method of the document is a route.
func TestOpenAPIRoutes(t *testing.T) {
	doc, _ := openapiRouter(t)
	var inDoc []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inDoc = append(inDoc, method+" "+path)
		}
	}
	sort.Strings(inDoc)
	var routes []string
	re := regexp.MustCompile(`mux\.HandleFunc\("([A-Z]+) "\+apiPrefix\+"([^"]*)"`)
	for _, src := range []string{apiSource(t), httpSource(t)} {
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			routes = append(routes, m[1]+" "+apiPrefix+m[2])
		}
	}
	if strings.Contains(httpSource(t), `s.mux.HandleFunc("GET /healthz"`) {
		routes = append(routes, "GET /healthz")
	}
	sort.Strings(routes)
	if diff := cmp.Diff(inDoc, routes); diff != "" {
		t.Errorf("routes (-OpenAPI document +mux):\n%s", diff)
	}
	// Each operation of the document reaches the mux's route of the same
	// pattern (Go's patterns name wildcards as OpenAPI does).
	s := newTestServer(t, Config{})
	sample := strings.NewReplacer("{programme}", bk, "{year}", "2024", "{id}", "1", "{kind}", "compliance")
	for _, op := range inDoc {
		method, path, _ := strings.Cut(op, " ")
		req := httptest.NewRequest(method, sample.Replace(path), nil)
		if _, pattern := s.mux.Handler(req); pattern != op {
			t.Errorf("%s reaches the route %q", op, pattern)
		}
	}
	// The served JSON is the YAML document.
	var fromYAML, fromJSON any
	if err := json.Unmarshal(s.openapiJSONDoc, &fromJSON); err != nil {
		t.Fatal(err)
	}
	j, _ := openapiDocJSON()
	json.Unmarshal(j, &fromYAML)
	if !reflect.DeepEqual(fromYAML, fromJSON) {
		t.Error("openapi.json is not openapi.yaml")
	}
}

// TestAPIProxyHeader: behind a trusted reverse proxy its user header
// signs the request in; from an untrusted peer it counts for nothing.
func TestAPIProxyHeader(t *testing.T) {
	for _, c := range []struct {
		trusted string
		status  int
	}{{"127.0.0.0/8", http.StatusOK}, {"10.0.0.0/8", http.StatusUnauthorized}} {
		e := newAPIEnv(t, Config{Auth: auth.Config{ProxyUserHeader: "X-Remote-User", TrustedProxies: []netip.Prefix{netip.MustParsePrefix(c.trusted)}}})
		anon := e.client("")
		resp, b := anon.request("GET", "/api/v1/datasets", "", nil, "X-Remote-User", "leser")
		if resp.StatusCode != c.status {
			t.Errorf("proxy %s: %d, want %d\n%s", c.trusted, resp.StatusCode, c.status, b)
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Error("no X-Request-Id")
		}
	}
}

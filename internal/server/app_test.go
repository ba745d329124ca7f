package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/memstore"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// bk is the programme of the Bad Kreuznach testdata.
const bk = "bad-kreuznach-familienzentren"

var (
	writer = auth.User{Name: "schreiber", Role: auth.Write}
	reader = auth.User{Name: "leser", Role: auth.Read}
)

// newTestServer is a server over an empty memstore.
func newTestServer(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = memstore.New()
	}
	cfg.Auth.InsecureCookies = true
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testdataFiles reads the files of a directory of the shipped testdata.
func testdataFiles(t testing.TB, dir string) []store.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata in %s: %v", dir, err)
	}
	var files []store.File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, store.File{Name: filepath.Base(p), Content: b})
	}
	return files
}

// problemsOf lists "rule subject requirements" of the results that are
// not passed, not applicable or waived.
func problemsOf(results []rules.Result) []string {
	var out []string
	for _, r := range results {
		if r.Outcome == rules.OutcomeFail || r.Outcome == rules.OutcomeMissingData || r.Outcome == rules.OutcomeError {
			out = append(out, r.Outcome.String()+" "+r.Rule+" "+r.Subject+" "+r.Requirements[0])
		}
	}
	sort.Strings(out)
	return out
}

func TestCoreCheckBadKreuznach(t *testing.T) {
	ctx := t.Context()
	s := newTestServer(t, Config{})
	d, diags, err := s.putDataset(ctx, writer, bk, 2024, testdataFiles(t, "bad-kreuznach"))
	if err != nil {
		t.Fatalf("putDataset: %v\n%v", err, diags)
	}
	if d.Version != 1 || len(d.Files) != 9 {
		t.Errorf("stored version %d with %d files, want version 1 with 9", d.Version, len(d.Files))
	}
	rec, diags, err := s.check(ctx, writer, bk, 2024, "2024", 0)
	if err != nil {
		t.Fatalf("check: %v\n%v", err, diags)
	}
	l, err := s.evaluation(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"fail austauschtreffen-teilnahme fz-hargesheim/austauschtreffen-jugendamt-2024-h2 BK-06",
		"fail leitungsfreistellung fz-meisenheim/lfz-1 BK-04",
		"fail planungstreffen-team fz-langenlonsheim/2024-H2 BK-07",
	}
	if diff := cmp.Diff(want, problemsOf(l.ev.Results())); diff != "" {
		t.Errorf("shortfalls (-want +got):\n%s", diff)
	}

	// The stored results are those of the library run on the same files,
	// and reading them back gives them again, byte for byte.
	sets, ldiags := rules.LoadEmbedded(bk)
	ds, dsDiags := kiez.LoadFiles(filepath.Join("..", "..", "testdata", "bad-kreuznach"))
	eng, err := rules.NewEngine([]*rules.RuleSet{sets})
	if err := errors.Join(ldiags.Err(), dsDiags.Err(), err); err != nil {
		t.Fatal(err)
	}
	fresh, err := eng.Evaluate(ctx, ds, rules.Year(2024))
	if err != nil {
		t.Fatal(err)
	}
	freshJSON, err := marshalResults(fresh.Results())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(freshJSON, rec.Results) {
		t.Error("the stored results differ from the library's")
	}
	// Read back, the results are the same values (objects in evidence
	// come back as maps, so their keys are sorted: the envelope shows the
	// stored bytes, not these).
	again, err := marshalResults(l.ev.Results())
	if err != nil {
		t.Fatal(err)
	}
	var stored, restored any
	if err := errors.Join(json.Unmarshal(rec.Results, &stored), json.Unmarshal(again, &restored)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stored, restored); diff != "" {
		t.Errorf("restored results differ from the stored ones (-stored +restored):\n%s", diff)
	}
	if got, want := rec.Counts["fail"], 3; got != want {
		t.Errorf("Counts[fail] = %d, want %d", got, want)
	}

	// The envelope is kiez-check/1 and shows the same twice.
	b1, err := l.checkJSON()
	if err != nil {
		t.Fatal(err)
	}
	l2, err := s.evaluation(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := l2.checkJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1, b2) {
		t.Error("the envelope of one evaluation differs between two readings")
	}
	var env envelope.CheckEnvelope
	dec := json.NewDecoder(bytes.NewReader(b1))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		t.Fatal(err)
	}
	if env.Format != envelope.CheckFormat || env.Summary.Fail != 3 || !env.Complete || len(env.Inputs.Files) != 9 ||
		env.Inputs.Digest != d.Digest || env.Inputs.Digest != rec.InputDigest || len(env.RuleSets) != 1 || !env.RuleSets[0].Embedded {
		t.Errorf("envelope: format %q, summary %+v, complete %v, %d inputs digest %s (dataset %s), rule sets %+v",
			env.Format, env.Summary, env.Complete, len(env.Inputs.Files), env.Inputs.Digest, d.Digest, env.RuleSets)
	}
	// The same check with the CLI's envelope builder: identical bytes.
	cli := envelope.CheckEnvelope{RunInfo: env.RunInfo, Results: fresh.Results(), Complete: true}
	for _, r := range fresh.Results() {
		cli.Summary.Add(r)
	}
	cliJSON, err := envelope.Wrap(cli)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(cliJSON), string(b1)); diff != "" {
		t.Errorf("stored envelope differs from a fresh one (-fresh +stored):\n%.2000s", diff)
	}

	// The embedded rule file is stored once, however often it is used.
	if _, _, err := s.check(ctx, writer, bk, 2024, "2024-H2", 0); err != nil {
		t.Fatal(err)
	}
	rfs, err := s.store.RuleFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rfs) != 1 || !rfs[0].Embedded || rfs[0].Programme != bk {
		t.Errorf("stored rule files %+v, want the embedded one once", rfs)
	}
}

func TestCoreExplainAndReports(t *testing.T) {
	ctx := t.Context()
	s := newTestServer(t, Config{})
	if _, diags, err := s.putDataset(ctx, writer, bk, 2024, testdataFiles(t, "bad-kreuznach")); err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	rec, _, err := s.check(ctx, writer, bk, 2024, "2024", 0)
	if err != nil {
		t.Fatal(err)
	}
	x, err := s.explain(ctx, rec.ID, "leitungsfreistellung", "fz-meisenheim/lfz-1")
	if err != nil {
		t.Fatal(err)
	}
	if x.Result.Outcome != rules.OutcomeFail || x.Assert == "" {
		t.Errorf("explanation: outcome %v, assert %q", x.Result.Outcome, x.Assert)
	}
	if _, err := s.explain(ctx, rec.ID, "no-such-rule", "fz-meisenheim"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("explaining an unknown rule: %v, want not found", err)
	}
	for _, kind := range []string{"compliance", "programme", "staffing", "centre/fz-kirn"} {
		for _, format := range reportFormats {
			for _, published := range []bool{false, true} {
				var buf bytes.Buffer
				if err := s.writeReport(ctx, &buf, rec.ID, kind, format, published); err != nil {
					t.Errorf("%s %s published=%v: %v", kind, format, published, err)
					continue
				}
				if buf.Len() < 100 {
					t.Errorf("%s %s published=%v: only %d bytes", kind, format, published, buf.Len())
				}
				if format == "json" && !json.Valid(buf.Bytes()) {
					t.Errorf("%s json: not JSON", kind)
				}
			}
		}
	}
	for _, bad := range [][2]string{{"compliance", "pdf"}, {"nonsense", "html"}, {"centre", "html"}} {
		if err := s.writeReport(ctx, &bytes.Buffer{}, rec.ID, bad[0], bad[1], false); !errors.Is(err, errBadRequest) {
			t.Errorf("report %s as %s: %v, want a bad request", bad[0], bad[1], err)
		}
	}
}

func TestCoreRefusals(t *testing.T) {
	ctx := t.Context()
	s := newTestServer(t, Config{})
	files := testdataFiles(t, "bad-kreuznach")
	if _, _, err := s.putDataset(ctx, reader, bk, 2024, files); !errors.Is(err, errForbidden) {
		t.Errorf("upload by a reader: %v, want forbidden", err)
	}
	if _, _, err := s.check(ctx, auth.User{}, bk, 2024, "2024", 0); !errors.Is(err, errForbidden) {
		t.Errorf("check without an account: %v, want forbidden", err)
	}
	for _, name := range []string{"../etc/passwd.yaml", "a/b.yaml", `a\b.yaml`, "..", "", "x.txt", "c:x.yaml", "a\x00.yaml"} {
		f := []store.File{{Name: name, Content: files[0].Content}}
		if _, _, err := s.putDataset(ctx, writer, bk, 2024, f); !errors.Is(err, errBadRequest) {
			t.Errorf("upload of %q: %v, want a bad request", name, err)
		}
	}
	// A dataset with an error is refused with its diagnostics, at the
	// uploaded file's name.
	broken := append([]store.File(nil), files...)
	broken[1] = store.File{Name: broken[1].Name, Content: append([]byte("unbekannt: 1\n"), broken[1].Content...)}
	_, diags, err := s.putDataset(ctx, writer, bk, 2024, broken)
	if !errors.Is(err, errInvalid) || !diags.HasErrors() {
		t.Fatalf("upload of broken data: %v, %v; want invalid with diagnostics", err, diags)
	}
	if d := firstError(diags); d.Subject == nil || d.Subject.Filename != broken[1].Name || d.Subject.Start.Line != 1 {
		t.Errorf("the first error is not at %s:1: %+v", broken[1].Name, d)
	}
	if _, err := s.store.Dataset(ctx, bk, 2024, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused dataset was stored: %v", err)
	}
	// Data of another programme.
	if _, diags, err := s.putDataset(ctx, writer, "wiesbaden-kiez", 2024, files); !errors.Is(err, errInvalid) || len(diags) == 0 {
		t.Errorf("data of another programme: %v, %v; want invalid", err, diags)
	}
	// No dataset: not found; no such period: bad request.
	if _, _, err := s.check(ctx, writer, bk, 2023, "2023", 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("check without data: %v, want not found", err)
	}
	if _, _, err := s.check(ctx, writer, bk, 2024, "2024-H3", 0); !errors.Is(err, errBadRequest) {
		t.Errorf("check of 2024-H3: %v, want a bad request", err)
	}
	// A rule file with an error is refused with its position.
	_, diags, err = s.putRuleFile(ctx, writer, "regeln.yaml", []byte("programme: x\nunknown: 1\n"))
	if !errors.Is(err, errInvalid) || firstError(diags).Subject == nil || firstError(diags).Subject.Filename != "regeln.yaml" {
		t.Errorf("broken rule file: %v, %v", err, diags)
	}
}

func TestCoreUploadedRuleFile(t *testing.T) {
	ctx := t.Context()
	s := newTestServer(t, Config{})
	if _, diags, err := s.putDataset(ctx, writer, bk, 2024, testdataFiles(t, "bad-kreuznach")); err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	src, _ := rules.EmbeddedSource(bk)
	src = bytes.Replace(src, []byte("version: "), []byte("version: test-"), 1)
	rf, diags, err := s.putRuleFile(ctx, writer, "bk.yaml", src)
	if err != nil {
		t.Fatalf("%v\n%v", err, diags)
	}
	rec, _, err := s.check(ctx, writer, bk, 2024, "2024", rf.ID)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.evaluation(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	run, err := l.run(envelope.CheckFormat)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.RuleSets) != 1 || run.RuleSets[0].Embedded || run.RuleSets[0].File != "bk.yaml" || len(run.Inputs.Files) != 10 {
		t.Errorf("rule sets %+v, %d inputs; want bk.yaml, not embedded, and 10 inputs", run.RuleSets, len(run.Inputs.Files))
	}
	// The embedded file uploaded as it is is the embedded one.
	same, _ := rules.EmbeddedSource(bk)
	emb, _, err := s.putRuleFile(ctx, writer, "kopie.yaml", same)
	if err != nil || !emb.Embedded || emb.Name != "rules/programmes/"+bk+".yaml" {
		t.Errorf("the embedded file uploaded: %+v, %v", emb, err)
	}
	if _, _, err := s.check(ctx, writer, "wiesbaden-kiez", 2024, "2024", rf.ID); err == nil {
		t.Error("a rule file of another programme was used")
	}
}

func TestShutdownWaitsForChecks(t *testing.T) {
	s := newTestServer(t, Config{MaxChecks: 1, MaxQueue: 1})
	release, err := s.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// One waits, the next is refused.
	waiting := make(chan error, 1)
	go func() {
		r, err := s.acquire(context.Background())
		if err == nil {
			r()
		}
		waiting <- err
	}()
	for len(s.queue) < 2 {
		runtimeGosched()
	}
	if _, err := s.acquire(context.Background()); !errors.Is(err, errBusy) {
		t.Errorf("third check: %v, want busy", err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Shutdown(context.Background()) }()
	select {
	case err := <-done:
		t.Fatalf("Shutdown returned while a check ran: %v", err)
	default:
	}
	release()
	if err := <-waiting; err != nil {
		t.Errorf("the waiting check: %v", err)
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
	if _, err := s.acquire(context.Background()); !errors.Is(err, errShuttingDown) {
		t.Errorf("check after Shutdown: %v, want shutting down", err)
	}
}

// firstError is the first diagnostic of severity error.
func firstError(diags diag.Diagnostics) *diag.Diagnostic {
	for _, d := range diags {
		if d.Severity == diag.Error {
			return d
		}
	}
	return &diag.Diagnostic{}
}

// runtimeGosched lets the other goroutines run.
func runtimeGosched() { runtime.Gosched() }

func TestCoreProgrammes(t *testing.T) {
	s := newTestServer(t, Config{})
	var ids []string
	for _, p := range s.programmes() {
		ids = append(ids, p.ID)
		if p.Title == "" || p.Version == "" || len(p.Requirements) == 0 {
			t.Errorf("programme %s: title %q, version %q, %d requirements", p.ID, p.Title, p.Version, len(p.Requirements))
		}
	}
	if diff := cmp.Diff(rules.Embedded(), ids); diff != "" {
		t.Errorf("programmes (-embedded +listed):\n%s", diff)
	}
}

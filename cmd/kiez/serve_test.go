package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kiez-go/kiez/internal/server"
	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store/memstore"
	"github.com/kiez-go/kiez/internal/store/sqlite"
)

// servePassword is the password of the test accounts.
const servePassword = "korrekt-pferd-batterie"

// bkProgramme is the programme of the Bad Kreuznach testdata.
const bkProgramme = "bad-kreuznach-familienzentren"

// addServeAccount runs kiez serve account add.
func addServeAccount(t *testing.T, db, name, role string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := runServeAccount([]string{"add", name, "--role", role, "--db", db}, strings.NewReader(servePassword+"\n"), &stdout, &stderr); code != 0 {
		t.Fatalf("account add: exit %d\n%s", code, stderr.String())
	}
}

func TestServeAccount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kiez.db")
	addServeAccount(t, db, "schreiber", "write")
	var stdout, stderr bytes.Buffer
	if code := runServeAccount([]string{"add", "kurz", "--db", db}, strings.NewReader("zu-kurz\n"), &stdout, &stderr); code != exitUsage {
		t.Errorf("short password: exit %d, want %d", code, exitUsage)
	}
	if code := runServeAccount([]string{"add", "x", "--role", "admin", "--db", db}, strings.NewReader(servePassword+"\n"), &stdout, &stderr); code != exitUsage {
		t.Errorf("role admin: exit %d, want %d", code, exitUsage)
	}
	st, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := st.Account(t.Context(), "schreiber")
	if err != nil || a.Role != "write" || !strings.HasPrefix(a.PasswordHash, "$argon2id$") {
		t.Errorf("account: %+v, %v", a, err)
	}
}

func TestServeFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	t.Setenv("KIEZ_MAX_UPLOAD", "viel")
	if code := serve(t.Context(), nil, &stdout, &stderr, nil); code != exitUsage || !strings.Contains(stderr.String(), "KIEZ_MAX_UPLOAD") {
		t.Errorf("bad KIEZ_MAX_UPLOAD: exit %d\n%s", code, stderr.String())
	}
	for _, c := range []struct {
		in   string
		want int64
	}{{"64M", 64 << 20}, {"512K", 512 << 10}, {"1000", 1000}, {"1G", 1 << 30}} {
		if got, err := parseSize(c.in); err != nil || got != c.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	if p, err := parsePrefixes("10.0.0.5, 10.1.0.0/16"); err != nil || len(p) != 2 || p[0].Bits() != 32 {
		t.Errorf("parsePrefixes: %v, %v", p, err)
	}
}

// logLines collects the JSON log of an in-process server and tells when
// a message has been logged.
type logLines struct {
	mu    sync.Mutex
	lines []map[string]any
	buf   bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		line, err := l.buf.ReadBytes('\n')
		if err != nil {
			l.buf.Write(line)
			break
		}
		var m map[string]any
		if json.Unmarshal(line, &m) == nil {
			l.lines = append(l.lines, m)
		}
	}
	return len(p), nil
}

// wait waits until a line with the message has been logged.
func (l *logLines) wait(t *testing.T, msg string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		l.mu.Lock()
		for _, m := range l.lines {
			if m["msg"] == msg {
				l.mu.Unlock()
				return m
			}
		}
		l.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no log line %q", msg)
	return nil
}

// apiSession is a signed-in client of a running kiez serve.
type apiSession struct {
	t    *testing.T
	base string
	hc   *http.Client
	csrf string
}

func signIn(t *testing.T, base string) *apiSession {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	s := &apiSession{t: t, base: base, hc: &http.Client{Jar: jar, Timeout: 2 * time.Minute}}
	var sess struct{ CSRF string }
	s.call("GET", "/api/v1/session", nil, http.StatusOK, &sess)
	s.csrf = sess.CSRF
	s.call("POST", "/api/v1/session", map[string]string{"name": "schreiber", "password": servePassword}, http.StatusOK, &sess)
	s.csrf = sess.CSRF
	return s
}

func (s *apiSession) call(method, path string, body any, status int, out any) []byte {
	s.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			s.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-CSRF-Token", s.csrf)
	resp, err := s.hc.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		s.t.Fatalf("%s %s: %d, want %d\n%.800s", method, path, resp.StatusCode, status, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatal(err)
		}
	}
	return b
}

// bkUpload is the JSON upload of the Bad Kreuznach testdata.
func bkUpload(t *testing.T) map[string]any {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad-kreuznach", "*.yaml"))
	var files []map[string]string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, map[string]string{"name": filepath.Base(p), "content": string(b)})
	}
	return map[string]any{"files": files}
}

// TestServeGracefulShutdown: SIGINT or SIGTERM (here: the end of the
// context they end) while a check runs lets the check finish and be
// stored before kiez serve exits.
func TestServeGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kiez.db")
	addServeAccount(t, db, "schreiber", "write")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &logLines{}
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"--addr", "127.0.0.1:0", "--db", db, "--insecure-cookies", "--log-format", "json"}, io.Discard, logs, func(a string) { addrc <- a })
	}()
	base := "http://" + <-addrc
	s := signIn(t, base)
	s.call("PUT", "/api/v1/datasets/"+bkProgramme+"/2024", bkUpload(t), http.StatusCreated, nil)
	result := make(chan []byte, 1)
	go func() {
		result <- s.call("POST", "/api/v1/evaluations", map[string]any{"programme": bkProgramme, "year": 2024}, http.StatusCreated, nil)
	}()
	logs.wait(t, "check started")
	cancel() // what SIGTERM does
	env := <-result
	if code := <-done; code != exitOK {
		t.Fatalf("serve exited %d", code)
	}
	if !bytes.Contains(env, []byte(`"format": "kiez-check/1"`)) {
		t.Errorf("the check's answer is no envelope: %.300s", env)
	}
	logs.wait(t, "kiez serve stopped")
	for _, m := range logs.lines {
		if m["msg"] == "request" && m["path"] == "/api/v1/evaluations" && (m["user"] != "schreiber" || m["status"] != float64(201)) {
			t.Errorf("request log: %v", m)
		}
	}
	st, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if e, err := st.Evaluation(t.Context(), 1); err != nil || e.Counts["fail"] != 3 {
		t.Errorf("the check finished during shutdown was not stored: %+v %v", e.Counts, err)
	}
}

// serveChildEnv holds the arguments of kiez serve for the test binary
// run as a child process by TestServeKill.
const serveChildEnv = "KIEZ_TEST_SERVE_CHILD"

// TestServeChild is kiez serve in a child process (it does nothing in a
// normal test run): it prints the address and serves until killed.
func TestServeChild(t *testing.T) {
	args := os.Getenv(serveChildEnv)
	if args == "" {
		t.Skip("runs only as the child of TestServeKill")
	}
	code := runServeWith(strings.Split(args, "\x1f"))
	os.Exit(code)
}

// runServeWith is kiez serve with the process's signals, telling its
// address on stdout.
func runServeWith(args []string) int {
	return serve(context.Background(), args, os.Stdout, os.Stderr, func(addr string) { fmt.Printf("ADDR %s\n", addr) })
}

// startChild starts kiez serve as a child process on db.
func startChild(t *testing.T, db string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+strings.Join([]string{"--addr", "127.0.0.1:0", "--db", db, "--insecure-cookies", "--log-format", "json"}, "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "ADDR "); ok {
			go io.Copy(io.Discard, out)
			return cmd, "http://" + addr
		}
	}
	t.Fatalf("the child printed no address: %v", sc.Err())
	return nil, ""
}

// TestServeKill kills kiez serve (SIGKILL) in the middle of an upload:
// after a restart nothing stored before is lost, the half upload is not
// there, and every past evaluation reads back byte for byte.
func TestServeKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	db := filepath.Join(t.TempDir(), "kiez.db")
	addServeAccount(t, db, "schreiber", "write")
	cmd, base := startChild(t, db)
	s := signIn(t, base)
	upload := bkUpload(t)
	s.call("PUT", "/api/v1/datasets/"+bkProgramme+"/2024", upload, http.StatusCreated, nil)
	first := s.call("POST", "/api/v1/evaluations", map[string]any{"programme": bkProgramme, "year": 2024}, http.StatusCreated, nil)
	second := s.call("POST", "/api/v1/evaluations", map[string]any{"programme": bkProgramme, "year": 2024, "period": "2024-H2"}, http.StatusCreated, nil)
	datasets := s.call("GET", "/api/v1/datasets", nil, http.StatusOK, nil)

	// An upload whose body stops half way; the server is killed while it
	// reads it.
	body, _ := json.Marshal(upload)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("PUT", base+"/api/v1/datasets/"+bkProgramme+"/2024", pr)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", s.csrf)
	req.ContentLength = int64(len(body))
	errc := make(chan error, 1)
	go func() {
		resp, err := s.hc.Do(req)
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("the upload was answered: %s", resp.Status)
		}
		errc <- err
	}()
	if _, err := pw.Write(body[:len(body)/2]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	pw.CloseWithError(io.ErrUnexpectedEOF)
	if err := <-errc; err == nil {
		t.Error("the killed upload was answered")
	}

	_, base = startChild(t, db)
	s2 := signIn(t, base)
	for path, want := range map[string][]byte{"/api/v1/evaluations/1": first, "/api/v1/evaluations/2": second, "/api/v1/datasets": datasets} {
		if got := s2.call("GET", path, nil, http.StatusOK, nil); !bytes.Equal(got, want) {
			t.Errorf("%s differs after the restart:\n%s\nbefore:\n%s", path, got, want)
		}
	}
	var d struct{ Version int }
	s2.call("GET", "/api/v1/datasets/"+bkProgramme+"/2024", nil, http.StatusOK, &d)
	if d.Version != 1 {
		t.Errorf("the newest dataset is version %d after the killed upload, want 1", d.Version)
	}
}

// TestServeEnvelopeIsCheckJSON: the envelope kiez serve answers a check
// with is, byte for byte, what kiez check --format json writes for the
// same files, period and time.
func TestServeEnvelopeIsCheckJSON(t *testing.T) {
	upload := bkUpload(t)
	var names []string
	for _, f := range upload["files"].([]map[string]string) {
		names = append(names, f["name"])
	}
	at := time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC)
	st := memstore.New()
	a, err := auth.New(auth.Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddAccount(t.Context(), "schreiber", servePassword, auth.Write); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: st, Now: func() time.Time { return at }, Auth: auth.Config{InsecureCookies: true}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	s := signIn(t, ts.URL)
	s.call("PUT", "/api/v1/datasets/"+bkProgramme+"/2024", upload, http.StatusCreated, nil)
	got := s.call("POST", "/api/v1/evaluations", map[string]any{"programme": bkProgramme, "year": 2024, "period": "2024-H2"}, http.StatusCreated, nil)

	t.Chdir(filepath.Join("..", "..", "testdata", "bad-kreuznach"))
	t.Setenv(nowEnv, at.Format(time.RFC3339))
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"check", "--format", "json", "--period", "2024-H2"}, names...), &stdout, &stderr); code != exitOK {
		t.Fatalf("kiez check: exit %d\n%s", code, stderr.String())
	}
	if !bytes.Equal(stdout.Bytes(), got) {
		t.Errorf("the service's envelope differs from kiez check's: %s", firstDifference(stdout.Bytes(), got))
	}

	// The explanation and the reports in JSON: as kiez explain and kiez
	// report write them.
	for _, c := range []struct{ path, args string }{
		{"/api/v1/evaluations/1/explain?rule=leitungsfreistellung&subject=fz-meisenheim/lfz-1", "explain --format json --rule leitungsfreistellung --subject fz-meisenheim/lfz-1"},
		{"/api/v1/evaluations/1/reports/compliance?format=json", "report --format json --kind compliance"},
		{"/api/v1/evaluations/1/reports/centre?format=json&centre=fz-kirn", "report --format json --kind centre --centre fz-kirn"},
		{"/api/v1/evaluations/1/reports/programme?format=markdown", "report --format md --kind programme --programme " + bkProgramme},
		{"/api/v1/evaluations/1/reports/staffing?format=csv&published=true", "report --format csv --kind staffing --published --programme " + bkProgramme},
	} {
		got := s.call("GET", c.path, nil, http.StatusOK, nil)
		stdout.Reset()
		stderr.Reset()
		if code := run(append(append(strings.Fields(c.args), "--period", "2024-H2"), names...), &stdout, &stderr); code != exitOK {
			t.Fatalf("kiez %s: exit %d\n%s", c.args, code, stderr.String())
		}
		if !bytes.Equal(stdout.Bytes(), got) {
			t.Errorf("%s differs from kiez %s: %s", c.path, c.args, firstDifference(stdout.Bytes(), got))
		}
	}
}

// firstDifference shows where two outputs part.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("at byte %d of %d/%d:\ncheck: %q\nserve: %q", i, len(a), len(b), a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}

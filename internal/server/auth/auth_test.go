package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/store"
	"github.com/kiez-go/kiez/internal/store/memstore"
)

// clock is a settable clock that runs with the real one (the store
// expires sessions by the real clock).
type clock struct{ offset time.Duration }

func (c *clock) now() time.Time { return time.Now().Add(c.offset) }

type fixture struct {
	a     *Auth
	store store.Store
	clock *clock
	// refused collects the reasons OnForbidden was called with.
	refused []string
}

func newFixture(t *testing.T, edit func(*Config)) *fixture {
	t.Helper()
	f := &fixture{store: memstore.New(), clock: &clock{}}
	t.Cleanup(func() { f.store.Close() })
	cfg := Config{Store: f.store, InsecureCookies: true, Now: f.clock.now,
		OnForbidden: func(w http.ResponseWriter, r *http.Request, reason string) {
			f.refused = append(f.refused, reason)
			http.Error(w, "forbidden", http.StatusForbidden)
		}}
	if edit != nil {
		edit(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a.failedDelay = 0
	f.a = a
	ctx := context.Background()
	if err := a.AddAccount(ctx, "anna", "ein langes Passwort", Write); err != nil {
		t.Fatal(err)
	}
	if err := a.AddAccount(ctx, "bernd", "noch ein Passwort!", Read); err != nil {
		t.Fatal(err)
	}
	return f
}

// echo is the handler behind Middleware in the tests: it writes who the
// user is.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	u, ok := UserOf(r.Context())
	if !ok {
		io.WriteString(w, "anonymous")
		return
	}
	io.WriteString(w, u.Name+":"+string(u.Role))
})

// serve runs r through Middleware and echo.
func (f *fixture) serve(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.a.Middleware(echo).ServeHTTP(w, r)
	return w
}

// signIn signs a user in and returns the session cookie and CSRF token.
func (f *fixture) signIn(t *testing.T, name, pw string) (*http.Cookie, string) {
	t.Helper()
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/anmelden", nil)
	_, csrf, err := f.a.SignIn(w, r, name, pw)
	if err != nil {
		t.Fatalf("SignIn(%s): %v", name, err)
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == SessionCookie {
			return c, csrf
		}
	}
	t.Fatalf("SignIn(%s) set no session cookie", name)
	return nil, ""
}

func TestCan(t *testing.T) {
	for _, tt := range []struct {
		user        Role
		read, write bool
	}{
		{Write, true, true},
		{Read, true, false},
		{"", false, false},
		{"admin", false, false},
	} {
		u := User{Name: "x", Role: tt.user}
		if got := u.Can(Read); got != tt.read {
			t.Errorf("User{Role: %q}.Can(Read) = %v", tt.user, got)
		}
		if got := u.Can(Write); got != tt.write {
			t.Errorf("User{Role: %q}.Can(Write) = %v", tt.user, got)
		}
		if u.Can("admin") {
			t.Errorf("User{Role: %q}.Can(admin) = true", tt.user)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	s := memstore.New()
	defer s.Close()
	for name, cfg := range map[string]Config{
		"no store":             {},
		"negative TTL":         {Store: s, SessionTTL: -time.Second},
		"proxy without peers":  {Store: s, ProxyUserHeader: "X-Remote-User"},
		"role without user":    {Store: s, ProxyRoleHeader: "X-Remote-Role", TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}},
		"invalid proxy prefix": {Store: s, ProxyUserHeader: "X-Remote-User", TrustedProxies: []netip.Prefix{{}}},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%s): no error", name)
		}
	}
}

func TestSessionSignInAndCookie(t *testing.T) {
	f := newFixture(t, nil)
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/anmelden", nil)
	u, csrf, err := f.a.SignIn(w, r, "anna", "ein langes Passwort")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(User{Name: "anna", Role: Write}, u); diff != "" {
		t.Errorf("SignIn user (-want +got):\n%s", diff)
	}
	if !wellFormedToken(csrf) {
		t.Errorf("CSRF token %q is not 32 random bytes", csrf)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("cookies %v, want one", cookies)
	}
	c := cookies[0]
	got := struct {
		Name, Path       string
		HttpOnly, Secure bool
		SameSite         http.SameSite
		MaxAge           int
	}{c.Name, c.Path, c.HttpOnly, c.Secure, c.SameSite, c.MaxAge}
	want := got
	want.Name, want.Path, want.HttpOnly, want.Secure, want.SameSite, want.MaxAge = SessionCookie, "/", true, false, http.SameSiteLaxMode, 8*3600
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("session cookie (-want +got):\n%s", diff)
	}
	// The store keeps the token's hash, never the token.
	if _, err := f.store.Session(context.Background(), c.Value); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the token itself is a key of the store: %v", err)
	}
	sess, err := f.store.Session(context.Background(), tokenHash(c.Value))
	if err != nil {
		t.Fatal(err)
	}
	if sess.Account != "anna" || sess.CSRF != csrf {
		t.Errorf("stored session %+v", sess)
	}

	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(c)
	if body := f.serve(req).Body.String(); body != "anna:write" {
		t.Errorf("GET with the session cookie: %q", body)
	}
	req = httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: randomToken()})
	if body := f.serve(req).Body.String(); body != "anonymous" {
		t.Errorf("GET with an unknown session token: %q", body)
	}
	req = httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: "kurz"})
	if body := f.serve(req).Body.String(); body != "anonymous" {
		t.Errorf("GET with a malformed session token: %q", body)
	}
}

func TestSecureCookies(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.InsecureCookies = false })
	c, _ := f.signIn(t, "anna", "ein langes Passwort")
	if !c.Secure {
		t.Errorf("session cookie without Secure")
	}
	w := httptest.NewRecorder()
	f.a.FormToken(w, httptest.NewRequest(http.MethodGet, "/", nil))
	for _, c := range w.Result().Cookies() {
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %s: Secure %v, HttpOnly %v, SameSite %v", c.Name, c.Secure, c.HttpOnly, c.SameSite)
		}
	}
}

func TestExpiredSession(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.SessionTTL = time.Hour })
	c, _ := f.signIn(t, "bernd", "noch ein Passwort!")
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(c)
	if body := f.serve(req).Body.String(); body != "bernd:read" {
		t.Fatalf("fresh session: %q", body)
	}
	f.clock.offset = time.Hour + time.Second
	if body := f.serve(req).Body.String(); body != "anonymous" {
		t.Errorf("session past its TTL: %q", body)
	}
}

func TestSessionFollowsAccount(t *testing.T) {
	f := newFixture(t, nil)
	c, _ := f.signIn(t, "anna", "ein langes Passwort")
	if err := f.a.AddAccount(context.Background(), "anna", "ein anderes Passwort", Read); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(c)
	if body := f.serve(req).Body.String(); body != "anna:read" {
		t.Errorf("session after the account's role changed: %q", body)
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t, nil)
	session, csrf := f.signIn(t, "anna", "ein langes Passwort")
	double := randomToken()
	doubleCookie := &http.Cookie{Name: CSRFCookie, Value: double}

	form := func(token string) io.Reader {
		return strings.NewReader(url.Values{CSRFField: {token}, "x": {"1"}}.Encode())
	}
	for _, tt := range []struct {
		name    string
		method  string
		cookies []*http.Cookie
		header  string // X-CSRF-Token
		form    io.Reader
		want    int
		reason  string
	}{
		{"GET needs no token", http.MethodGet, nil, "", nil, 200, ""},
		{"HEAD needs no token", http.MethodHead, nil, "", nil, 200, ""},
		{"session, token missing", http.MethodPost, []*http.Cookie{session}, "", nil, 403, "missing CSRF token"},
		{"session, token wrong", http.MethodPost, []*http.Cookie{session}, randomToken(), nil, 403, "wrong CSRF token"},
		{"session, header right", http.MethodPost, []*http.Cookie{session}, csrf, nil, 200, ""},
		{"session, form right", http.MethodPost, []*http.Cookie{session}, "", form(csrf), 200, ""},
		{"session, form wrong", http.MethodPost, []*http.Cookie{session}, "", form(double), 403, "wrong CSRF token"},
		{"session ignores the double-submit cookie", http.MethodPost, []*http.Cookie{session, doubleCookie}, double, nil, 403, "wrong CSRF token"},
		{"DELETE, session, right", http.MethodDelete, []*http.Cookie{session}, csrf, nil, 200, ""},
		{"PUT, session, missing", http.MethodPut, []*http.Cookie{session}, "", nil, 403, "missing CSRF token"},
		{"PATCH, session, missing", http.MethodPatch, []*http.Cookie{session}, "", nil, 403, "missing CSRF token"},
		{"double-submit right", http.MethodPost, []*http.Cookie{doubleCookie}, "", form(double), 200, ""},
		{"double-submit header right", http.MethodPost, []*http.Cookie{doubleCookie}, double, nil, 200, ""},
		{"double-submit wrong", http.MethodPost, []*http.Cookie{doubleCookie}, "", form(randomToken()), 403, "wrong CSRF token"},
		{"double-submit missing", http.MethodPost, []*http.Cookie{doubleCookie}, "", nil, 403, "missing CSRF token"},
		{"token without any cookie", http.MethodPost, nil, double, nil, 403, "CSRF token without a session or kiez_csrf cookie"},
		{"malformed double-submit cookie", http.MethodPost, []*http.Cookie{{Name: CSRFCookie, Value: "x"}}, "x", nil, 403, "CSRF token without a session or kiez_csrf cookie"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f.refused = nil
			r := httptest.NewRequest(tt.method, "/daten", tt.form)
			if tt.form != nil {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			for _, c := range tt.cookies {
				r.AddCookie(c)
			}
			if tt.header != "" {
				r.Header.Set(CSRFHeader, tt.header)
			}
			w := f.serve(r)
			if w.Code != tt.want {
				t.Errorf("status %d, want %d", w.Code, tt.want)
			}
			var want []string
			if tt.reason != "" {
				want = []string{tt.reason}
			}
			if diff := cmp.Diff(want, f.refused); diff != "" {
				t.Errorf("OnForbidden reasons (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCSRFMultipartAndTooLarge(t *testing.T) {
	f := newFixture(t, nil)
	session, csrf := f.signIn(t, "anna", "ein langes Passwort")
	body := "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
		"\r\n--b\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"z.yaml\"\r\n\r\nid: z\r\n--b--\r\n"
	upload := func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/hochladen", strings.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		r.AddCookie(session)
		return r
	}
	var file string
	h := f.a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fh, _, err := r.FormFile("datei")
		if err != nil {
			t.Errorf("the handler cannot read the uploaded file: %v", err)
			return
		}
		b, _ := io.ReadAll(fh)
		file = string(b)
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, upload())
	if w.Code != 200 || file != "id: z" {
		t.Errorf("multipart upload with the token: status %d, file %q", w.Code, file)
	}

	limited := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 10)
		h.ServeHTTP(w, r)
	})
	w = httptest.NewRecorder()
	limited.ServeHTTP(w, upload())
	if w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize form: status %d, want 413 (%q)", w.Code, f.refused)
	}
}

func TestOrigin(t *testing.T) {
	f := newFixture(t, func(c *Config) {
		c.ProxyUserHeader = "X-Remote-User"
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	session, csrf := f.signIn(t, "anna", "ein langes Passwort")
	for _, tt := range []struct {
		name, origin, peer, fwdHost string
		want                        int
	}{
		{"no origin", "", "", "", 200},
		{"same origin", "http://example.com", "", "", 200},
		{"same origin, case", "http://EXAMPLE.com", "", "", 200},
		{"foreign origin", "http://evil.example", "", "", 403},
		{"foreign port", "http://example.com:8080", "", "", 403},
		{"null origin", "null", "", "", 403},
		{"forwarded host from a trusted proxy", "https://kiez.amt.de", "10.1.2.3:4000", "kiez.amt.de", 200},
		{"forwarded host from another peer", "https://kiez.amt.de", "192.0.2.1:4000", "kiez.amt.de", 403},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f.refused = nil
			r := httptest.NewRequest(http.MethodPost, "/daten", nil) // Host example.com
			r.AddCookie(session)
			r.Header.Set(CSRFHeader, csrf)
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			if tt.peer != "" {
				r.RemoteAddr = tt.peer
			}
			if tt.fwdHost != "" {
				r.Header.Set("X-Forwarded-Host", tt.fwdHost)
			}
			if w := f.serve(r); w.Code != tt.want {
				t.Errorf("status %d, want %d", w.Code, tt.want)
			}
			if tt.want == 403 && (len(f.refused) != 1 || !strings.HasPrefix(f.refused[0], "foreign origin")) {
				t.Errorf("reasons %q, want one foreign origin", f.refused)
			}
		})
	}
}

func TestProxy(t *testing.T) {
	f := newFixture(t, func(c *Config) {
		c.ProxyUserHeader = "X-Remote-User"
		c.ProxyRoleHeader = "X-Remote-Role"
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	})
	session, _ := f.signIn(t, "bernd", "noch ein Passwort!")
	for _, tt := range []struct {
		name, peer, user, role string
		session                bool
		want                   string
	}{
		{"trusted, role header", "10.0.0.5:1234", "carla@amt.de", "write", false, "carla@amt.de:write"},
		{"trusted IPv6", "[::1]:1234", "carla@amt.de", "read", false, "carla@amt.de:read"},
		{"trusted IPv4-mapped", "[::ffff:10.0.0.5]:1234", "carla@amt.de", "read", false, "carla@amt.de:read"},
		{"trusted, account's role", "10.0.0.5:1234", "anna", "", false, "anna:write"},
		{"trusted, no account, no role", "10.0.0.5:1234", "dora", "", false, "anonymous"},
		{"trusted, bad role", "10.0.0.5:1234", "carla", "admin", false, "anonymous"},
		{"trusted, control character", "10.0.0.5:1234", "carla\x01", "read", false, "anonymous"},
		{"untrusted peer ignored", "192.0.2.7:1234", "anna", "write", false, "anonymous"},
		{"untrusted peer keeps its session", "192.0.2.7:1234", "anna", "write", true, "bernd:read"},
		{"trusted without header uses session", "10.0.0.5:1234", "", "", true, "bernd:read"},
		{"trusted header wins over session", "10.0.0.5:1234", "anna", "", true, "anna:write"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tt.peer
			if tt.user != "" {
				r.Header.Set("X-Remote-User", tt.user)
			}
			if tt.role != "" {
				r.Header.Set("X-Remote-Role", tt.role)
			}
			if tt.session {
				r.AddCookie(session)
			}
			if got := f.serve(r).Body.String(); got != tt.want {
				t.Errorf("user %q, want %q", got, tt.want)
			}
		})
	}
	// A proxy user posts with the double-submit cookie.
	tok := randomToken()
	r := httptest.NewRequest(http.MethodPost, "/daten", nil)
	r.RemoteAddr = "10.0.0.5:1234"
	r.Header.Set("X-Remote-User", "carla")
	r.Header.Set("X-Remote-Role", "write")
	r.AddCookie(&http.Cookie{Name: CSRFCookie, Value: tok})
	r.Header.Set(CSRFHeader, tok)
	if w := f.serve(r); w.Code != 200 || w.Body.String() != "carla:write" {
		t.Errorf("proxy user POST: %d %q", w.Code, w.Body.String())
	}
}

func TestFormToken(t *testing.T) {
	f := newFixture(t, nil)
	// Without a session: a double-submit cookie is set once per request.
	var tok1, tok2 string
	w := httptest.NewRecorder()
	f.a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok1, tok2 = f.a.FormToken(w, r), f.a.FormToken(w, r)
	})).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/anmelden", nil))
	cookies := w.Result().Cookies()
	if tok1 != tok2 || len(cookies) != 1 || cookies[0].Name != CSRFCookie || cookies[0].Value != tok1 {
		t.Errorf("FormToken %q, %q, cookies %v", tok1, tok2, cookies)
	}
	// The cookie is kept on the next request.
	r := httptest.NewRequest(http.MethodGet, "/anmelden", nil)
	r.AddCookie(cookies[0])
	w = httptest.NewRecorder()
	if got := f.a.FormToken(w, r); got != tok1 || len(w.Result().Cookies()) != 0 {
		t.Errorf("FormToken with the cookie: %q (want %q), set %v", got, tok1, w.Result().Cookies())
	}
	// With a session: the session's token.
	session, csrf := f.signIn(t, "anna", "ein langes Passwort")
	var got string
	r = httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(session)
	f.a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = f.a.FormToken(w, r)
	})).ServeHTTP(httptest.NewRecorder(), r)
	if got != csrf {
		t.Errorf("FormToken with a session: %q, want the session's %q", got, csrf)
	}
}

func TestSignInFailures(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	if err := f.store.PutAccount(ctx, store.Account{Name: "proxy-only", Role: "read"}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.PutAccount(ctx, store.Account{Name: "kaputt", Role: "read", PasswordHash: "$argon2id$v=19$kaputt"}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	f.a.verify = func(encoded, pw string) (bool, error) {
		calls++
		return VerifyPassword(encoded, pw)
	}
	for _, tt := range []struct{ name, user, pw string }{
		{"wrong password", "anna", "ein falsches Passwort"},
		{"unknown account", "zoe", "ein langes Passwort"},
		{"malformed name", "Anna Schmidt\n", "ein langes Passwort"},
		{"account without password", "proxy-only", ""},
		{"damaged hash", "kaputt", "ein langes Passwort"},
		{"empty password", "anna", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			calls = 0
			w := httptest.NewRecorder()
			_, _, err := f.a.SignIn(w, httptest.NewRequest(http.MethodPost, "/anmelden", nil), tt.user, tt.pw)
			if !errors.Is(err, ErrBadCredentials) {
				t.Errorf("SignIn: %v, want ErrBadCredentials", err)
			}
			if calls != 1 {
				t.Errorf("the password was hashed %d times, want once whatever failed", calls)
			}
			if len(w.Result().Cookies()) != 0 {
				t.Errorf("a failed sign-in set cookies %v", w.Result().Cookies())
			}
			log, err := f.store.AuditLog(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 1 || log[0].Action != "login-failed" || log[0].Actor != printableName(tt.user) {
				t.Errorf("audit log %+v, want a login-failed entry for %q", log, tt.user)
			}
		})
	}
}

func TestFailedSignInDelay(t *testing.T) {
	f := newFixture(t, nil)
	f.a.failedDelay = 50 * time.Millisecond
	for _, name := range []string{"anna", "zoe"} {
		start := time.Now()
		_, _, err := f.a.SignIn(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/anmelden", nil), name, "falsch falsch falsch")
		if !errors.Is(err, ErrBadCredentials) {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 50*time.Millisecond {
			t.Errorf("failed sign-in of %s took %v, want at least the delay", name, d)
		}
	}
}

func TestSignOutAndAudit(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	// A session cookie the browser had before signing in is ended.
	old, _ := f.signIn(t, "bernd", "noch ein Passwort!")
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/anmelden", nil)
	r.AddCookie(old)
	if _, _, err := f.a.SignIn(w, r, "anna", "ein langes Passwort"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Session(ctx, tokenHash(old.Value)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the previous session survived signing in: %v", err)
	}
	session := w.Result().Cookies()[0]

	w = httptest.NewRecorder()
	r = httptest.NewRequest(http.MethodPost, "/abmelden", nil)
	r.AddCookie(session)
	if err := f.a.SignOut(w, r); err != nil {
		t.Fatal(err)
	}
	if c := w.Result().Cookies(); len(c) != 1 || c[0].Name != SessionCookie || c[0].MaxAge >= 0 {
		t.Errorf("SignOut cookies %v, want the session cookie removed", c)
	}
	if _, err := f.store.Session(ctx, tokenHash(session.Value)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("session after SignOut: %v", err)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(session)
	if body := f.serve(req).Body.String(); body != "anonymous" {
		t.Errorf("after SignOut: %q", body)
	}
	if err := f.a.SignOut(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/abmelden", nil)); err != nil {
		t.Errorf("SignOut without a session: %v", err)
	}

	log, err := f.store.AuditLog(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range log {
		got = append(got, e.Actor+" "+e.Action+" "+e.Target)
	}
	want := []string{
		"anna logout account anna",
		"anna login account anna",
		"bernd login account bernd",
		"kiez put-account account bernd",
		"kiez put-account account anna",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("audit log (-want +got):\n%s", diff)
	}
}

func TestAddAccountRefuses(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	for _, tt := range []struct {
		name, user, pw string
		role           Role
	}{
		{"short password", "carla", "elf Zeichen", Write},
		{"upper case", "Carla", "ein langes Passwort", Write},
		{"space", "carla schmidt", "ein langes Passwort", Write},
		{"double hyphen", "carla--s", "ein langes Passwort", Write},
		{"trailing hyphen", "carla-", "ein langes Passwort", Write},
		{"leading digit", "1carla", "ein langes Passwort", Write},
		{"too long", strings.Repeat("a", 65), "ein langes Passwort", Write},
		{"unknown role", "carla", "ein langes Passwort", "admin"},
		{"no role", "carla", "ein langes Passwort", ""},
	} {
		if err := f.a.AddAccount(ctx, tt.user, tt.pw, tt.role); err == nil {
			t.Errorf("AddAccount(%s): no error", tt.name)
		}
	}
	// Twelve characters, not bytes: umlauts count once.
	if err := f.a.AddAccount(ctx, "carla-2", "ääääääääääää", Read); err != nil {
		t.Errorf("AddAccount with 12 umlauts: %v", err)
	}
	if _, err := f.store.Account(ctx, "carla"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused account was stored: %v", err)
	}
}

// TestMultipartFilesRemoved: a form part too large for memory goes to a
// temporary file when Middleware reads the token; the server would remove
// only the files of the request it gave, not of Middleware's copy, so
// Middleware removes them — after a refusal (no token, no account needed)
// and after the handler alike.
func TestMultipartFilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	f := newFixture(t, nil)
	session, csrf := f.signIn(t, "anna", "ein langes Passwort")
	big := strings.Repeat("x", 33<<20)
	upload := func(token string) *http.Request {
		body := "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token +
			"\r\n--b\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"gross.yaml\"\r\n\r\n" + big + "\r\n--b--\r\n"
		r := httptest.NewRequest(http.MethodPost, "/hochladen", strings.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		r.AddCookie(session)
		return r
	}
	for _, tc := range []struct {
		name, token string
		status      int
	}{{"refused", "falsch", http.StatusForbidden}, {"accepted", csrf, http.StatusOK}} {
		w := f.serve(upload(tc.token))
		if w.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, w.Code, tc.status)
		}
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) != 0 {
			t.Errorf("%s: %d temporary files left behind, first %s", tc.name, len(left), left[0].Name())
		}
	}
}

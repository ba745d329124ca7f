package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kiez-go/kiez/internal/store"
)

// Role is what a user may do: Read or Write.
type Role string

// The roles; Write includes Read.
const (
	Read  Role = "read"
	Write Role = "write"
)

// valid reports whether r is one of the roles.
func (r Role) valid() bool { return r == Read || r == Write }

// User is the person or program a request comes from.
type User struct {
	Name string
	Role Role
}

// Can reports whether u may do what role r allows: a writer may read, a
// reader may not write, and a user without a known role may do nothing.
func (u User) Can(r Role) bool {
	switch u.Role {
	case Write:
		return r == Read || r == Write
	case Read:
		return r == Read
	}
	return false
}

// The names of the cookies, the form field and the header.
const (
	SessionCookie = "kiez_session"
	CSRFCookie    = "kiez_csrf"
	CSRFField     = "csrf"
	CSRFHeader    = "X-CSRF-Token"
)

// ErrBadCredentials is returned by SignIn for an unknown account name, an
// account without a password, or a wrong password alike.
var ErrBadCredentials = errors.New("auth: unknown account name or wrong password")

// Config is what New needs. Store is required; everything else has a
// default.
type Config struct {
	// Store keeps the accounts and sessions and takes the audit log.
	Store store.Store
	// ProxyUserHeader names the header a reverse proxy sets to the name
	// of the person it authenticated ("" = no proxy sign-in);
	// ProxyRoleHeader the one with their role, "read" or "write" ("" =
	// the role of the account of that name in the store). The headers
	// count only from a peer in TrustedProxies.
	ProxyUserHeader, ProxyRoleHeader string
	TrustedProxies                   []netip.Prefix
	// SessionTTL is how long a session lasts after signing in; 0 is 8 hours.
	SessionTTL time.Duration
	// InsecureCookies leaves the Secure attribute off the cookies, for
	// plain HTTP on localhost and in tests.
	InsecureCookies bool
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Log takes the log records; nil discards them.
	Log *slog.Logger
	// OnForbidden writes the answer to a request Middleware refuses
	// (status 403); reason says why in English, for logs. Nil writes a
	// plain German text.
	OnForbidden func(w http.ResponseWriter, r *http.Request, reason string)
}

// Auth resolves users, guards unsafe requests, and signs people in and
// out. Make one with New; it is safe for concurrent use.
type Auth struct {
	cfg         Config
	dummyHash   string
	failedDelay time.Duration
	verify      func(encoded, pw string) (bool, error)
	// hashing holds a token per password being hashed: each takes 19 MiB,
	// so sign-ins beyond 2 per processor wait for a turn.
	hashing chan struct{}
}

// failedSignInDelay is added to every failed sign-in.
const failedSignInDelay = 250 * time.Millisecond

// New checks the configuration and returns an Auth.
func New(cfg Config) (*Auth, error) {
	if cfg.Store == nil {
		return nil, errors.New("auth: Config.Store is nil; give the store that keeps accounts and sessions")
	}
	if cfg.SessionTTL < 0 {
		return nil, fmt.Errorf("auth: Config.SessionTTL %v is negative", cfg.SessionTTL)
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 8 * time.Hour
	}
	if cfg.ProxyRoleHeader != "" && cfg.ProxyUserHeader == "" {
		return nil, errors.New("auth: Config.ProxyRoleHeader without ProxyUserHeader; name the header with the user name too")
	}
	if cfg.ProxyUserHeader != "" && len(cfg.TrustedProxies) == 0 {
		return nil, fmt.Errorf("auth: Config.ProxyUserHeader %q without TrustedProxies; name the addresses of the reverse proxy", cfg.ProxyUserHeader)
	}
	for _, p := range cfg.TrustedProxies {
		if !p.IsValid() {
			return nil, fmt.Errorf("auth: Config.TrustedProxies holds an invalid prefix %v", p)
		}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.OnForbidden == nil {
		cfg.OnForbidden = func(w http.ResponseWriter, _ *http.Request, _ string) {
			http.Error(w, "Zugriff verweigert: Die Anfrage kam nicht aus einem Formular dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.", http.StatusForbidden)
		}
	}
	dummy, err := HashPassword(randomToken())
	if err != nil {
		return nil, err
	}
	return &Auth{cfg: cfg, dummyHash: dummy, failedDelay: failedSignInDelay, verify: VerifyPassword,
		hashing: make(chan struct{}, 2*runtime.NumCPU())}, nil
}

// randomToken is 32 random bytes in unpadded base64url (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	return base64.RawURLEncoding.EncodeToString(b)
}

// wellFormedToken reports whether s looks like a randomToken.
func wellFormedToken(s string) bool {
	if len(s) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(s)
	return err == nil
}

// tokenHash is the SHA-256 of a session token, as the store keeps it.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// state is what Middleware learns about a request, kept in its context.
type state struct {
	user    User
	hasUser bool
	// csrf is the session's CSRF token ("" without a session).
	csrf string
	// formToken is the double-submit token FormToken set in this request.
	formToken string
}

type ctxKey struct{}

// UserOf returns the user Middleware found for the request of ctx.
func UserOf(ctx context.Context) (User, bool) {
	st, ok := ctx.Value(ctxKey{}).(*state)
	if !ok || !st.hasUser {
		return User{}, false
	}
	return st.user, true
}

// safeMethod reports whether a method only reads.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// Middleware resolves the user of each request (the session cookie, or
// the proxy header when the peer is trusted) into its context, for
// UserOf, and refuses through Config.OnForbidden every unsafe request
// (POST, PUT, PATCH, DELETE, …) whose Origin names another host or that
// carries no valid CSRF token. It does not decide what a user may do:
// that is the handler's part, with User.Can.
//
// The token of a form is read with http.Request.ParseMultipartForm, so a
// limit on the size of request bodies belongs before Middleware; a body
// over that limit is answered with 413.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &state{}
		a.resolve(r, st)
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, st))
		// The server removes the temporary files of the form it parsed on
		// its own request, not on this copy: the token's form is parsed
		// here, so its files are removed here, after the handler.
		defer removeForm(r)
		if !safeMethod(r.Method) {
			if reason, status := a.checkUnsafe(r, st); reason != "" {
				a.cfg.Log.LogAttrs(r.Context(), slog.LevelWarn, "request refused",
					slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.String("peer", r.RemoteAddr), slog.String("reason", reason))
				if status == http.StatusRequestEntityTooLarge {
					http.Error(w, "Die Anfrage ist zu groß.", status)
					return
				}
				a.cfg.OnForbidden(w, r, reason)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// peer is the address the request came from, or the zero Addr.
func peer(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		addr, err := netip.ParseAddr(r.RemoteAddr)
		if err != nil {
			return netip.Addr{}
		}
		return addr.Unmap()
	}
	return ap.Addr().Unmap()
}

// trustedPeer reports whether the request comes from a trusted proxy.
func (a *Auth) trustedPeer(r *http.Request) bool {
	p := peer(r)
	if !p.IsValid() {
		return false
	}
	for _, prefix := range a.cfg.TrustedProxies {
		if prefix.Contains(p) {
			return true
		}
	}
	return false
}

// resolve finds the user of r: from the proxy's header when the peer is
// trusted and sets it, else from the session cookie.
func (a *Auth) resolve(r *http.Request, st *state) {
	ctx := r.Context()
	if a.cfg.ProxyUserHeader != "" && a.trustedPeer(r) {
		if name := r.Header.Get(a.cfg.ProxyUserHeader); name != "" {
			if u, ok := a.proxyUser(ctx, r, name); ok {
				st.user, st.hasUser = u, true
			}
			return
		}
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || !wellFormedToken(c.Value) {
		return
	}
	sess, err := a.cfg.Store.Session(ctx, tokenHash(c.Value))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.cfg.Log.LogAttrs(ctx, slog.LevelError, "session lookup failed", slog.String("error", err.Error()))
		}
		return
	}
	if !a.cfg.Now().Before(sess.ExpiresAt) {
		return
	}
	acc, err := a.cfg.Store.Account(ctx, sess.Account)
	if err != nil {
		return
	}
	st.user, st.hasUser, st.csrf = User{Name: acc.Name, Role: Role(acc.Role)}, true, sess.CSRF
}

// proxyUser is the user a trusted proxy names, with the role its header
// gives or else the role of the account of that name.
func (a *Auth) proxyUser(ctx context.Context, r *http.Request, name string) (User, bool) {
	if len(name) > 256 || !utf8.ValidString(name) || strings.ContainsFunc(name, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		a.cfg.Log.LogAttrs(ctx, slog.LevelWarn, "proxy user header malformed", slog.String("header", a.cfg.ProxyUserHeader))
		return User{}, false
	}
	if a.cfg.ProxyRoleHeader != "" {
		if role := Role(r.Header.Get(a.cfg.ProxyRoleHeader)); role != "" {
			if !role.valid() {
				a.cfg.Log.LogAttrs(ctx, slog.LevelWarn, "proxy role header not read or write",
					slog.String("user", name), slog.String("role", string(role)))
				return User{}, false
			}
			return User{Name: name, Role: role}, true
		}
	}
	acc, err := a.cfg.Store.Account(ctx, name)
	if err != nil {
		a.cfg.Log.LogAttrs(ctx, slog.LevelWarn, "proxy user without a role", slog.String("user", name),
			slog.String("error", err.Error()))
		return User{}, false
	}
	return User{Name: acc.Name, Role: Role(acc.Role)}, true
}

// checkUnsafe is why an unsafe request is refused ("" when it is not),
// with the status to answer.
func (a *Auth) checkUnsafe(r *http.Request, st *state) (string, int) {
	if origin := r.Header.Get("Origin"); origin != "" && !a.sameOrigin(r, origin) {
		return fmt.Sprintf("foreign origin %q", origin), http.StatusForbidden
	}
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		ct := r.Header.Get("Content-Type")
		if strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data") {
			body := &trackedBody{ReadCloser: r.Body}
			r.Body = body
			if err := r.ParseMultipartForm(32 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
				// The multipart reader hides the error of the body.
				if _, ok := errors.AsType[*http.MaxBytesError](errors.Join(err, body.err)); ok {
					return "request body too large", http.StatusRequestEntityTooLarge
				}
				return fmt.Sprintf("form unreadable: %v", err), http.StatusForbidden
			}
			got = r.PostFormValue(CSRFField)
		}
	}
	if got == "" {
		return "missing CSRF token", http.StatusForbidden
	}
	want := st.csrf
	if want == "" {
		if c, err := r.Cookie(CSRFCookie); err == nil && wellFormedToken(c.Value) {
			want = c.Value
		}
	}
	if want == "" {
		return "CSRF token without a session or kiez_csrf cookie", http.StatusForbidden
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return "wrong CSRF token", http.StatusForbidden
	}
	return "", 0
}

// trackedBody keeps the first error other than io.EOF that reading a
// request body met.
type trackedBody struct {
	io.ReadCloser
	err error
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
	return n, err
}

// sameOrigin reports whether an Origin header names the host the request
// was sent to (or, from a trusted proxy, the host it forwarded).
func (a *Auth) sameOrigin(r *http.Request, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	if fwd := r.Header.Get("X-Forwarded-Host"); fwd != "" && a.trustedPeer(r) {
		return strings.EqualFold(u.Host, fwd)
	}
	return false
}

// cookie is a cookie of the package with the attributes all of them share.
func (a *Auth) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: !a.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode}
}

// FormToken returns the CSRF token to put into a form's "csrf" field (or
// an API client's X-CSRF-Token header): the session's token when the
// request has one, else the double-submit cookie's, which it sets when the
// request has none yet.
func (a *Auth) FormToken(w http.ResponseWriter, r *http.Request) string {
	st, _ := r.Context().Value(ctxKey{}).(*state)
	if st != nil && st.csrf != "" {
		return st.csrf
	}
	if st != nil && st.formToken != "" {
		return st.formToken
	}
	if c, err := r.Cookie(CSRFCookie); err == nil && wellFormedToken(c.Value) {
		return c.Value
	}
	token := randomToken()
	http.SetCookie(w, a.cookie(CSRFCookie, token, 0))
	if st != nil {
		st.formToken = token
	}
	return token
}

// validName is the form of an account name: a lower-case kebab id.
var validName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// maxNameLength bounds an account name.
const maxNameLength = 64

// checkName reports what is wrong with an account name, in German.
func checkName(name string) error {
	if len(name) > maxNameLength || !validName.MatchString(name) {
		return fmt.Errorf("auth: Kontoname %q: erlaubt sind Kleinbuchstaben, Ziffern und einzelne Bindestriche, beginnend mit einem Buchstaben, höchstens %d Zeichen (z. B. anna-schmidt)", name, maxNameLength)
	}
	return nil
}

// AddAccount creates an account or, when the name is taken, gives it a
// new password and role. The name is a lower-case kebab id, the password
// at least MinPasswordLength characters.
func (a *Auth) AddAccount(ctx context.Context, name, password string, role Role) error {
	if err := checkName(name); err != nil {
		return err
	}
	if !role.valid() {
		return fmt.Errorf("auth: Konto %s: Rolle %q gibt es nicht; erlaubt sind %q und %q", name, role, Read, Write)
	}
	if n := utf8.RuneCountInString(password); n < MinPasswordLength {
		return fmt.Errorf("auth: Konto %s: das Passwort hat %d Zeichen, nötig sind mindestens %d", name, n, MinPasswordLength)
	}
	if len(password) > maxPasswordBytes {
		return fmt.Errorf("auth: Konto %s: das Passwort ist länger als %d Bytes", name, maxPasswordBytes)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := a.cfg.Store.PutAccount(ctx, store.Account{Name: name, Role: string(role), PasswordHash: hash, CreatedAt: a.cfg.Now()}); err != nil {
		return fmt.Errorf("auth: account %s: %w", name, err)
	}
	actor := "kiez"
	if u, ok := UserOf(ctx); ok {
		actor = u.Name
	}
	return a.audit(ctx, store.AuditEntry{Actor: actor, Action: "put-account", Target: "account " + name, Detail: "role " + string(role)})
}

// audit writes an entry to the audit log.
func (a *Auth) audit(ctx context.Context, e store.AuditEntry) error {
	e.Time = a.cfg.Now()
	if err := a.cfg.Store.Audit(ctx, e); err != nil {
		return fmt.Errorf("auth: audit log: %w", err)
	}
	return nil
}

// printableName is a name as given by someone signing in, fit for logs.
func printableName(name string) string {
	if len(name) > maxNameLength {
		name = name[:maxNameLength]
	}
	return strings.ToValidUTF8(strings.Map(func(c rune) rune {
		if c < ' ' || c == 0x7f {
			return '?'
		}
		return c
	}, name), "?")
}

// SignIn checks a name and password and, when they fit, starts a session:
// it sets the session cookie and returns the user and the session's CSRF
// token. An unknown name, an account without a password and a wrong
// password are all ErrBadCredentials and take the same time (the password
// is hashed in each case); each failure is written to the audit log as
// "login-failed", each success as "login".
func (a *Auth) SignIn(w http.ResponseWriter, r *http.Request, name, password string) (User, string, error) {
	ctx := r.Context()
	hash := a.dummyHash
	var acc store.Account
	known := false
	if checkName(name) == nil {
		var err error
		acc, err = a.cfg.Store.Account(ctx, name)
		switch {
		case err == nil && acc.PasswordHash != "":
			hash, known = acc.PasswordHash, true
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return User{}, "", fmt.Errorf("auth: sign-in of %s: %w", name, err)
		}
	}
	select {
	case a.hashing <- struct{}{}:
	case <-ctx.Done():
		return User{}, "", fmt.Errorf("auth: sign-in of %s: %w", printableName(name), ctx.Err())
	}
	ok, err := a.verify(hash, password)
	<-a.hashing
	if err != nil && known {
		a.cfg.Log.LogAttrs(ctx, slog.LevelError, "stored password hash unusable", slog.String("account", name), slog.String("error", err.Error()))
	}
	if !ok || !known || err != nil || !Role(acc.Role).valid() {
		if aerr := a.audit(ctx, store.AuditEntry{Actor: printableName(name), Action: "login-failed",
			Target: "account " + printableName(name), Detail: "peer " + r.RemoteAddr}); aerr != nil {
			return User{}, "", aerr
		}
		a.cfg.Log.LogAttrs(ctx, slog.LevelWarn, "sign-in failed", slog.String("account", printableName(name)), slog.String("peer", r.RemoteAddr))
		if a.failedDelay > 0 {
			t := time.NewTimer(a.failedDelay)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
			}
		}
		return User{}, "", ErrBadCredentials
	}
	// A session cookie the browser still had is ended: no session fixation.
	if c, err := r.Cookie(SessionCookie); err == nil && wellFormedToken(c.Value) {
		if err := a.cfg.Store.DeleteSession(ctx, tokenHash(c.Value)); err != nil {
			return User{}, "", fmt.Errorf("auth: ending the previous session: %w", err)
		}
	}
	token, csrf, now := randomToken(), randomToken(), a.cfg.Now()
	sess := store.Session{TokenHash: tokenHash(token), Account: acc.Name, CSRF: csrf, CreatedAt: now, ExpiresAt: now.Add(a.cfg.SessionTTL)}
	if err := a.cfg.Store.PutSession(ctx, sess); err != nil {
		return User{}, "", fmt.Errorf("auth: session of %s: %w", name, err)
	}
	if err := a.audit(ctx, store.AuditEntry{Actor: acc.Name, Action: "login", Target: "account " + acc.Name, Detail: "peer " + r.RemoteAddr}); err != nil {
		return User{}, "", err
	}
	http.SetCookie(w, a.cookie(SessionCookie, token, int(a.cfg.SessionTTL/time.Second)))
	a.cfg.Log.LogAttrs(ctx, slog.LevelInfo, "signed in", slog.String("account", acc.Name), slog.String("peer", r.RemoteAddr))
	u := User{Name: acc.Name, Role: Role(acc.Role)}
	if st, ok := ctx.Value(ctxKey{}).(*state); ok {
		st.user, st.hasUser, st.csrf = u, true, csrf
	}
	return u, csrf, nil
}

// SignOut ends the session of the request, if any, and removes its
// cookie; signing out without a session is no error. It is written to the
// audit log as "logout".
func (a *Auth) SignOut(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	http.SetCookie(w, a.cookie(SessionCookie, "", -1))
	c, err := r.Cookie(SessionCookie)
	if err != nil || !wellFormedToken(c.Value) {
		return nil
	}
	h := tokenHash(c.Value)
	sess, err := a.cfg.Store.Session(ctx, h)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("auth: sign-out: %w", err)
	}
	if err := a.cfg.Store.DeleteSession(ctx, h); err != nil {
		return fmt.Errorf("auth: sign-out: %w", err)
	}
	if st, ok := ctx.Value(ctxKey{}).(*state); ok {
		*st = state{}
	}
	if sess.Account == "" {
		return nil
	}
	a.cfg.Log.LogAttrs(ctx, slog.LevelInfo, "signed out", slog.String("account", sess.Account))
	return a.audit(ctx, store.AuditEntry{Actor: sess.Account, Action: "logout", Target: "account " + sess.Account})
}

// removeForm removes the temporary files of a parsed multipart form.
func removeForm(r *http.Request) {
	if r.MultipartForm != nil {
		r.MultipartForm.RemoveAll()
	}
}

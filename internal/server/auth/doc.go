// Package auth is the access model of kiez serve: who a request comes
// from, what that person may do, and the protections every form and
// unsafe API request passes.
//
// # Roles
//
// There are two roles: Read (view data, evaluations and reports) and Write
// (upload data and rule files, run checks, publish); Write includes Read.
// The server decides per route which role it needs, with User.Can.
//
// # Signing in
//
// Accounts are kept in the store with their passwords hashed by argon2id
// (HashPassword, VerifyPassword). SignIn checks a name and password and
// starts a session: a random 32-byte token in the cookie "kiez_session"
// (HttpOnly, SameSite=Lax, Secure unless Config.InsecureCookies, Path=/);
// the store keeps only the token's SHA-256. A failed sign-in costs the same
// time whether the name is unknown or the password wrong, and is written
// to the audit log, as are sign-ins and sign-outs.
//
// Behind a reverse proxy that authenticates people itself, Config names
// the header that carries the user name (and optionally the role); the
// header counts only when the request comes from one of
// Config.TrustedProxies.
//
// # CSRF and Origin
//
// Middleware refuses every POST, PUT, PATCH and DELETE whose Origin header
// names another host, and every one without the right CSRF token in the
// form field "csrf" or the header "X-CSRF-Token": a session's own token, or
// without a session the double-submit cookie "kiez_csrf" that FormToken
// sets. The refusal goes through Config.OnForbidden, so that the server
// answers in its own format.
//
// An Auth is safe for concurrent use.
package auth

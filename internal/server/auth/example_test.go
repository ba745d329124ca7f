package auth_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/kiez-go/kiez/internal/server/auth"
	"github.com/kiez-go/kiez/internal/store/memstore"
)

// An account signs in; its session cookie then identifies it to every
// handler behind Middleware, and unsafe requests carry the session's CSRF
// token.
func Example() {
	ctx := context.Background()
	s := memstore.New()
	defer s.Close()
	a, err := auth.New(auth.Config{Store: s, InsecureCookies: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := a.AddAccount(ctx, "anna-schmidt", "ein langes Passwort", auth.Write); err != nil {
		fmt.Println(err)
		return
	}

	// Sign in, as the handler of the sign-in form would.
	w := httptest.NewRecorder()
	_, csrf, err := a.SignIn(w, httptest.NewRequest(http.MethodPost, "/anmelden", nil), "anna-schmidt", "ein langes Passwort")
	if err != nil {
		fmt.Println(err)
		return
	}
	session := w.Result().Cookies()[0]

	// A handler behind Middleware finds the user in the request's context.
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, _ := auth.UserOf(r.Context())
		fmt.Fprintf(w, "%s darf schreiben: %v", u.Name, u.Can(auth.Write))
	}))
	post := func(token string) {
		r := httptest.NewRequest(http.MethodPost, "/pruefen", nil)
		r.AddCookie(session)
		if token != "" {
			r.Header.Set("X-CSRF-Token", token)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(w.Code, w.Body.String())
	}
	post(csrf)
	post("") // refused: no CSRF token
	// Output:
	// 200 anna-schmidt darf schreiben: true
	// 403 Zugriff verweigert: Die Anfrage kam nicht aus einem Formular dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.
}

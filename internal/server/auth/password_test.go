package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashPassword(t *testing.T) {
	h1, err := HashPassword("ein langes Passwort")
	if err != nil {
		t.Fatal(err)
	}
	h2, err := HashPassword("ein langes Passwort")
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not name argon2id and its parameters", h1)
	}
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{"ein langes Passwort", true},
		{"ein langes passwort", false},
		{"", false},
		{strings.Repeat("x", 2000), false},
	} {
		got, err := VerifyPassword(h1, tt.pw)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("VerifyPassword(%.20q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
	if _, err := HashPassword(strings.Repeat("x", 2000)); err == nil {
		t.Errorf("HashPassword of 2000 bytes: no error")
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	good, err := HashPassword("ein langes Passwort")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	with := func(i int, s string) string {
		p := append([]string(nil), parts...)
		p[i] = s
		return strings.Join(p, "$")
	}
	for name, enc := range map[string]string{
		"empty":             "",
		"bcrypt":            "$2a$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzabcde",
		"argon2i":           with(1, "argon2i"),
		"version 16":        with(2, "v=16"),
		"version garbage":   with(2, "v=19x"),
		"parameters order":  with(3, "t=2,m=19456,p=1"),
		"memory huge":       with(3, "m=4194304,t=2,p=1"),
		"time zero":         with(3, "m=19456,t=0,p=1"),
		"threads zero":      with(3, "m=19456,t=2,p=0"),
		"memory below 8p":   with(3, "m=7,t=1,p=1"),
		"salt not base64":   with(4, "!!!!"),
		"salt short":        with(4, "YWJj"),
		"salt padded":       with(4, parts[4]+"=="),
		"hash short":        with(5, "YWJj"),
		"hash not base64":   with(5, "@@@@@@@@@@@@@@@@@@@@@@@@"),
		"extra field":       good + "$x",
		"missing leading $": strings.TrimPrefix(good, "$"),
		"trailing garbage":  with(3, "m=19456,t=2,p=1,x=1"),
	} {
		ok, err := VerifyPassword(enc, "ein langes Passwort")
		if err == nil || ok {
			t.Errorf("VerifyPassword(%s): %v, %v; want an error", name, ok, err)
		} else if !errors.Is(err, errMalformedHash) {
			t.Errorf("VerifyPassword(%s): %v, want a malformed hash error", name, err)
		}
	}
}

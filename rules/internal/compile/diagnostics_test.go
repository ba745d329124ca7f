package compile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExplain explains the compile errors of misspelt names, fields and
// params: the place in the expression, a suggestion, a hint, and the
// message in the author's words (Config.Words, here one that names the
// centre's type "Zentrum").
func TestExplain(t *testing.T) {
	cfg := &Config{
		Functions: []Function{{Name: "sessionsOf", Types: []any{new(func(any) []any)}}, {Name: "intAdd", Hidden: true}},
		Words:     func(s string) string { return strings.ReplaceAll(s, "kiez.Centre", "Zentrum") },
	}
	s := NewCache(func() *Config { return cfg }).Session(0)
	params := reflect.StructOf([]reflect.StructField{{Name: "P_releaseHours", Type: reflect.TypeFor[int](), Tag: `expr:"releaseHours"`}})
	env := testEnv(true, params, nil)
	tests := []struct {
		text string
		want Problem
	}{
		{"centr.name", Problem{0, `unknown name centr; did you mean "centre"?`, "See docs/rules-reference.md for the variables and functions an expression may use."}},
		{"sessionOf(centre)", Problem{0, `unknown name sessionOf; did you mean "sessionsOf"?`, "See docs/rules-reference.md for the variables and functions an expression may use."}},
		{"intAd(1, 2)", Problem{0, "unknown name intAd", "See docs/rules-reference.md for the variables and functions an expression may use."}},
		{"centre.nmae", Problem{7, `type Zentrum has no field nmae; did you mean "name"?`, ""}},
		{"1 + params.relaseHours", Problem{11, `param "relaseHours" is not declared; did you mean "releaseHours"?`, "Declare it under params: with its type and history, or correct the name."}},
	}
	for _, tt := range tests {
		_, err := s.Compile(tt.text, env)
		if err == nil {
			t.Errorf("%s: compiled", tt.text)
			continue
		}
		if diff := cmp.Diff(tt.want, s.Explain(err, env)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.text, diff)
		}
	}
}

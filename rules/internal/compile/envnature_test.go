package compile

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
)

// TestDeclareEnvAsWithEnv declares rule environments with declareEnv, and
// grown by lets with declareNew, and compares what the checker is told
// with conf.Config.WithEnv followed by declareLists.
func TestDeclareEnvAsWithEnv(t *testing.T) {
	params := reflect.StructOf([]reflect.StructField{{Name: "P_x", Type: reflect.TypeOf(0), Tag: `expr:"x"`}})
	envs := []map[string]any{
		testEnv(true, params, nil),
		testEnv(false, params, nil),
		testEnv(true, params, reflect.TypeOf(kiez.Session{})),
		testEnv(true, params, reflect.TypeOf(&kiez.Offer{})),
	}
	lets := map[string]any{"n": 0, "xs": ListOf{Elem: reflect.TypeOf(&kiez.Offer{})}, "u": Unknown{}, "d": nil, "s": []string(nil)}
	for i, env := range envs {
		ours := conf.CreateNew()
		if !declareEnv(ours, env) {
			t.Fatalf("env %d: not declared", i)
		}
		// The lets one after the other, as lets.go adds them.
		for _, name := range slices.Sorted(func(yield func(string) bool) {
			for k := range lets {
				if !yield(k) {
					return
				}
			}
		}) {
			env[name] = lets[name]
			if !declareNew(ours, env) {
				t.Fatalf("env %d: %s not declared", i, name)
			}
			theirs := conf.CreateNew()
			theirs.WithEnv(env)
			declareLists(theirs.Env.Fields, &theirs.NtCache, env)
			if diff := cmp.Diff(describeEnv(theirs), describeEnv(ours)); diff != "" {
				t.Errorf("env %d with %s: (-WithEnv +declareEnv):\n%s", i, name, diff)
			}
		}
	}
}

// describeEnv says what a configuration declares: the environment's
// nature and that of each name.
func describeEnv(c *conf.Config) []string {
	out := []string{fmt.Sprintf("env %v %v strict %v/%v object %p", c.Env.Type, c.Env.Kind, c.Env.Strict, c.Strict, c.EnvObject)}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range c.Env.Fields {
			if !yield(k) {
				return
			}
		}
	}) {
		out = append(out, name+": "+describeNature(c.Env.Fields[name]))
	}
	return out
}

func describeNature(n nature.Nature) string {
	s := fmt.Sprintf("%v %v nil %v strict %v int %v float %v", n.Type, n.Kind, n.Nil, n.Strict, n.IsInteger, n.IsFloat)
	if n.Ref != nil {
		s += " ref " + describeNature(*n.Ref)
	}
	return s
}

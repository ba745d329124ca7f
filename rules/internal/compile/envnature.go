package compile

import (
	"reflect"

	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/types"
)

// Declaring a rule's environment to the checker: what conf.Config.WithEnv
// does for a map, without reading the map through reflection, and for a
// rule's environment that grew by its lets, only for the new names.

// mapEnvType is the Go type of every environment of a load.
var mapEnvType = reflect.TypeFor[map[string]any]()

// declareEnv makes env the environment of a configuration, as
// c.WithEnv(env) followed by declareLists does: the same nature for the
// map (strict, with one field per name, the nature of its value) built
// from the values directly. It reports false, and changes nothing, for an
// environment holding a types.Map, which only WithEnv declares.
func declareEnv(c *conf.Config, env map[string]any) bool {
	fields := make(map[string]nature.Nature, len(env))
	for name, v := range env {
		if _, ok := v.(types.Map); ok {
			return false
		}
		fields[name] = declaredNature(&c.NtCache, v)
	}
	n := c.NtCache.FromType(mapEnvType)
	if n.TypeData == nil {
		n.TypeData = new(nature.TypeData)
	}
	n.Strict = true
	n.Fields = fields
	c.EnvObject = env
	c.Env = n
	c.Strict = n.Strict
	return true
}

// declareNew adds the names of env that the configuration's environment
// does not declare yet: env is the environment declared last, grown by a
// rule's lets since (a rule's lets only add names; a name once declared keeps
// its value). It reports false, and changes nothing, when a new value is a
// types.Map.
func declareNew(c *conf.Config, env map[string]any) bool {
	fields := c.Env.Fields
	var added []string
	for name, v := range env {
		if _, ok := fields[name]; ok {
			continue
		}
		if _, ok := v.(types.Map); ok {
			for _, a := range added {
				delete(fields, a)
			}
			return false
		}
		fields[name] = declaredNature(&c.NtCache, v)
		added = append(added, name)
	}
	return true
}

// declaredNature is what the checker is told about a value of an
// environment: the nature WithEnv gives its Go type, except for a ListOf
// (a list of anything with elements of a known type) and an Unknown
// (unknown), as declareLists says.
func declaredNature(cache *nature.Cache, v any) nature.Nature {
	switch v := v.(type) {
	case ListOf:
		return nature.ArrayFromType(cache, v.Elem)
	case Unknown:
		return nature.Nature{}
	case nil:
		return cache.NatureOf(nil)
	}
	return cache.NatureOf(v)
}

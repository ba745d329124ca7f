package compile

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/parser/utils"
)

// Cache keeps what one load compiled, so that an expression written
// again (item.label in the messages of several rules, the same staffOf
// call in the lets of many) is parsed, checked and compiled once, and the
// environment's functions with the compiler's tables of them, built once.
// It belongs to one Load (or one LoadEmbeddedAll, whose programmes share
// it and have the same options), is shared by its goroutines and dies
// with it: there is no cache between loads.
//
// An expression's checked tree and program depend on its text, the
// compiler configuration and the environment — but of the environment
// only on the names the expression reads: the checker looks up each
// identifier of the tree in it and nothing else (the environment is a
// map, so the compiled program reads every variable by name), and
// whether a name is declared decides how a call of that name parses (a
// variable of the name of a builtin hides it). The key is therefore the
// text, the configuration (with or without the operator patchers) and,
// for every name the text may use as an identifier and for the variables
// the patchers add, what the environment declares under that name:
// nothing, a value of a Go type, a list of known elements (ListOf) or a
// value of unknown type. Every environment holds zero values, so their
// types say all the checker sees. Only successes are kept: an expression
// that fails is compiled again at each use, so its diagnostics are found
// and worded as before.
//
// A kept program is immutable but for expr's program of it, built once
// when first needed (the expression machine only reads that, and the
// rules' analyses only read its tree), so rules share it; each use
// still gets its own expression with its own position, slots and lets,
// and the checks that report at the use's position (result type,
// arguments) run for every use.
type Cache struct {
	// config is the compiler's input and tables the compiler's tables
	// of its functions (functionTable, without and with the evaluation's
	// state), built once for the loads and read only.
	config func() *Config
	tables [2]func() conf.FunctionsTable
	// ctxFuncs are the names of the functions that take the
	// evaluation's state (ctxFunctions), worked out once.
	ctxFuncs func() map[string]bool
	// machine is what the programs of the cache's expressions need to
	// build expr's program (Program.Machine), made once.
	machine func() *machineConfig
	// keeps is false for a cache that keeps nothing (NewUncached).
	keeps bool

	mu           sync.Mutex
	programs     map[string][]cachedExpr // by text: compiled with the operators
	checkedExprs map[string][]cachedExpr // by text: checked without them (CheckNames)
	// idle are the configurations of the load's goroutines that have
	// finished, with the operators ([0]) and without ([1]), for the
	// goroutines that start later (see takeConfig).
	idle [2][]*exprConfig
}

// cachedExpr is one kept expression: the configuration and the
// declarations it was compiled against and its program (nil in the table
// of checks).
type cachedExpr struct {
	plain bool
	names []declared
	prog  *Program
	// needsNames tells that the checker checked the tree again after a
	// patcher changed it (see patchAndCheck) and that the tree may hide
	// a name it lost (MayHideNames).
	needsNames bool
}

// declared is what an environment declares under a name.
type declared struct {
	name string
	kind declKind
	typ  reflect.Type // the value's type, or the elements' of a ListOf
}

type declKind uint8

const (
	declNone    declKind = iota // the name is not in the environment
	declValue                   // a value of type typ (nil for nil)
	declList                    // a ListOf with elements of type typ
	declUnknown                 // an Unknown
)

// exprKey identifies an expression in an Cache.
type exprKey struct {
	text  string
	plain bool // the configuration without the operator patchers
	names []declared
}

// NewCache returns an empty cache for the loads of one call, whose
// compilers take config (called once, when first needed). The loads that
// share a cache must have the same options.
func NewCache(config func() *Config) *Cache {
	c := NewUncached(config)
	c.keeps = true
	return c
}

// NewUncached returns a cache that keeps nothing: every expression is
// compiled again at each use, and every session makes compilers of its
// own (for tests that compare with and without a cache).
func NewUncached(config func() *Config) *Cache {
	c := &Cache{programs: map[string][]cachedExpr{}, checkedExprs: map[string][]cachedExpr{}}
	c.config = sync.OnceValue(config)
	for i, signatures := range []bool{false, true} {
		c.tables[i] = sync.OnceValue(func() conf.FunctionsTable { return functionTable(c.config(), signatures) })
	}
	c.ctxFuncs = sync.OnceValue(func() map[string]bool { return ctxFunctions(c.config()) })
	c.machine = sync.OnceValue(func() *machineConfig {
		return &machineConfig{functions: c.tables[1](), typed: typedFunctions(c.config())}
	})
	return c
}

// Config returns the configuration the cache's compilers take.
func (c *Cache) Config() *Config { return c.config() }

// takeConfig returns a configuration that a goroutine of the load used
// before and has given back, with the operators or without (plain), or
// nil. A configuration is used by one goroutine at a time; what it
// learnt about the model's types while checking (expr's cache of their
// natures) serves the next one, and everything else it holds is set for
// each expression (setEnv) or reset by each walk of its patchers. The
// loads that share the cache have the same options, so its
// configurations are the same but for what they learnt.
func (c *Cache) takeConfig(plain bool) *exprConfig {
	if !c.keeps {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	i := 0
	if plain {
		i = 1
	}
	n := len(c.idle[i])
	if n == 0 {
		return nil
	}
	x := c.idle[i][n-1]
	c.idle[i] = c.idle[i][:n-1]
	return x
}

// giveBack keeps the configurations of a goroutine that has finished
// with them for takeConfig; nil ones are left out.
func (c *Cache) giveBack(xs ...*exprConfig) {
	if !c.keeps {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, x := range xs {
		if x == nil {
			continue
		}
		i := 0
		if x.plain {
			i = 1
		}
		c.idle[i] = append(c.idle[i], x)
	}
}

// functionTable returns the compiler's table of the functions, with the
// evaluation's state as first parameter (signatures) or without.
func (c *Cache) functionTable(signatures bool) expr.Option {
	if signatures {
		return withFunctions(c.tables[1]())
	}
	return withFunctions(c.tables[0]())
}

// key returns the key of an expression for an environment and a
// configuration. The names are every word of the text that could be an
// identifier (a run of letters, digits, _ and $, as expr's lexer reads
// identifiers, that does not start with an ASCII digit and does not
// follow a single dot; words in quoted text count too, which only makes
// the key longer), and the environment's names that start with $ (the
// variables the patchers add): a superset of the identifiers of the
// parsed tree, found without parsing, so that a kept expression is not
// parsed again. A word after a single dot is a field or method name
// (a.b, a?.b, the predicate's .b), which the checker looks up in the
// value's type and never in the environment; a word after two dots is the
// end of a range (1..n) and counts.
func (c *Cache) key(text string, plain bool, env map[string]any) exprKey {
	return c.keyWith(text, plain, env, dollarNames(env, strings.Contains(text, "$env")), nil)
}

// keyWith is key with the environment's names that the key takes whatever
// the text (dollarNames) worked out by the caller. The key's names are
// put into buf's array when it has room: such a key is good for looking
// up and must not be kept (keepProgram and keepChecked keep a copy).
func (c *Cache) keyWith(text string, plain bool, env map[string]any, more []string, buf []declared) exprKey {
	if !c.keeps {
		return exprKey{}
	}
	if buf == nil {
		buf = make([]declared, 0, 8)
	}
	// The words in the order of the text: the text is part of the key, so
	// the order is the same for the same text and needs no sorting.
	k := exprKey{text: text, plain: plain, names: buf[:0]}
	add := func(word string) {
		for _, d := range k.names {
			if d.name == word {
				return
			}
		}
		k.names = append(k.names, declaration(env, word))
	}
	start := -1
	for i := 0; i < len(text); {
		b, size, word := text[i], 1, false
		if b < utf8.RuneSelf {
			word = isWordByte(b) || b == '$'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = utils.IsAlphaNumeric(r)
		}
		switch {
		case word:
			if start < 0 {
				start = i
			}
		case start >= 0:
			if mayBeIdentifier(text, start) {
				add(text[start:i])
			}
			start = -1
		}
		i += size
	}
	if start >= 0 && mayBeIdentifier(text, start) {
		add(text[start:])
	}
	for _, name := range more {
		add(name)
	}
	return k
}

// mayBeIdentifier reports whether the word of a text that starts at
// start may be an identifier: it does not start with an ASCII digit (a
// number) and does not follow a single dot (a field or method name).
func mayBeIdentifier(text string, start int) bool {
	if isDigitByte(text[start]) {
		return false
	}
	return start == 0 || text[start-1] != '.' || (start >= 2 && text[start-2] == '.')
}

// dollarNames returns the names of an environment that every key for it
// takes: those that start with $ (the variables the patchers add), or
// every name when the text reads the whole environment ($env), sorted.
func dollarNames(env map[string]any, whole bool) []string {
	var more []string
	for name := range env {
		if whole || strings.HasPrefix(name, "$") {
			more = append(more, name)
		}
	}
	slices.Sort(more)
	return more
}

// declaration returns what env declares under name.
func declaration(env map[string]any, name string) declared {
	v, ok := env[name]
	switch v := v.(type) {
	case ListOf:
		return declared{name: name, kind: declList, typ: v.Elem}
	case Unknown:
		return declared{name: name, kind: declUnknown}
	}
	if !ok {
		return declared{name: name, kind: declNone}
	}
	return declared{name: name, kind: declValue, typ: reflect.TypeOf(v)}
}

// program returns the expression kept for a key.
func (c *Cache) program(k exprKey) (cachedExpr, bool) {
	if !c.keeps {
		return cachedExpr{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return find(c.programs[k.text], k)
}

// keepProgram keeps the program of an expression that compiled (e.prog
// and e.needsNames; the key gives the rest).
func (c *Cache) keepProgram(k exprKey, e cachedExpr) {
	if !c.keeps {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := find(c.programs[k.text], k); !ok {
		e.plain, e.names = k.plain, slices.Clone(k.names)
		c.programs[k.text] = append(c.programs[k.text], e)
	}
}

// checked reports whether an expression passed the check without the
// operators before.
func (c *Cache) checked(k exprKey) bool {
	if !c.keeps {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := find(c.checkedExprs[k.text], k)
	return ok
}

// keepChecked records that an expression passed the check without the
// operators.
func (c *Cache) keepChecked(k exprKey) {
	if !c.keeps {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := find(c.checkedExprs[k.text], k); !ok {
		c.checkedExprs[k.text] = append(c.checkedExprs[k.text], cachedExpr{plain: k.plain, names: slices.Clone(k.names)})
	}
}

// find returns the entry of a list kept for the same configuration and
// declarations as k.
func find(list []cachedExpr, k exprKey) (cachedExpr, bool) {
	for _, e := range list {
		if e.plain == k.plain && slices.Equal(e.names, k.names) {
			return e, true
		}
	}
	return cachedExpr{}, false
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isDigitByte(b byte) bool  { return b >= '0' && b <= '9' }

// isWordByte reports whether b is a word character of a regular
// expression's \b: a letter, a digit or the underscore.
func isWordByte(b byte) bool { return isLetterByte(b) || isDigitByte(b) || b == '_' }

package rules

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/kiez-go/kiez/diag"
)

//go:embed programmes
var embedded embed.FS

// Embedded returns the ids of the programmes whose rule files are embedded
// in the library, sorted.
func Embedded() []string {
	entries, err := fs.ReadDir(embedded, "programmes")
	if err != nil {
		return nil
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !strings.HasSuffix(id, "_test") {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// EmbeddedSource returns the text of an embedded rule file, for a designer
// who wants to start a new version from it.
func EmbeddedSource(id string) ([]byte, bool) {
	b, err := fs.ReadFile(embedded, "programmes/"+id+".yaml")
	return b, err == nil
}

// LoadEmbedded loads and compiles an embedded programme by id. To test a
// new version of a programme, load its file from disk with Load instead;
// an Engine takes either.
func LoadEmbedded(id string, opts ...LoadOption) (*RuleSet, diag.Diagnostics) {
	return loadEmbedded(id, opts, newExprCache())
}

// loadEmbedded is LoadEmbedded with the compiled expressions kept in a
// cache that other loads with the same options may share.
func loadEmbedded(id string, opts []LoadOption, cache *exprCache) (*RuleSet, diag.Diagnostics) {
	if p, diags, ok := loadEmbeddedFile(id, opts, cache); ok {
		return p, diags
	}
	data, ok := EmbeddedSource(id)
	if !ok {
		return nil, diag.Diagnostics{{Severity: diag.Error,
			Summary: fmt.Sprintf("no embedded programme %q", id),
			Detail:  "Embedded programmes: " + strings.Join(Embedded(), ", ") + "."}}
	}
	return Load("rules/programmes/"+id+".yaml", data, opts...)
}

// LoadEmbeddedAll loads and compiles every embedded programme, all at
// once, with as many goroutines compiling at a time as
// WithCompileWorkers allows across them, and returns them in the order of
// Embedded with the diagnostics of all of them. It is for a server or a batch run that checks every
// programme; the result is that of LoadEmbedded for each id in turn.
func LoadEmbeddedAll(opts ...LoadOption) ([]*RuleSet, diag.Diagnostics) {
	ids := Embedded()
	progs := make([]*RuleSet, len(ids))
	diags := make([]diag.Diagnostics, len(ids))
	cache := newExprCache() // an expression the programmes share is compiled once
	// The compile turns bound the goroutines that compile, across the
	// programmes (compileTurn).
	cache.turns = make(chan struct{}, workerCount(newLoadConfig(opts).workers))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { progs[i], diags[i] = loadEmbedded(id, opts, cache) })
	}
	wg.Wait()
	var all diag.Diagnostics
	out := progs[:0]
	for i, p := range progs {
		all = append(all, diags[i]...)
		if p != nil {
			out = append(out, p)
		}
	}
	return out, all
}

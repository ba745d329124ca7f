package rules

import (
	"io/fs"
	"sync"

	"github.com/kiez-go/kiez/diag"
)

// embeddedFile is an embedded rule file with its text and its decoded
// form.
type embeddedFile struct {
	data    []byte
	decoded *decodedFile
}

// embeddedFiles reads and decodes each embedded rule file once, when it
// is first loaded: the YAML of the shipped programmes does not change
// while the program runs, and reading it was a fifth of the cost of
// loading them. The table is built on first use, not in init, and each
// entry is decoded on its first load; after that nothing in it changes
// (loads only read a decodedFile), so loads on several goroutines share
// it safely. What a load builds from it (programme, rules, compiled
// expressions) is the load's own.
var embeddedFiles = sync.OnceValue(func() map[string]func() *embeddedFile {
	files := map[string]func() *embeddedFile{}
	for _, id := range Embedded() {
		files[id] = sync.OnceValue(func() *embeddedFile {
			data, err := fs.ReadFile(embedded, "programmes/"+id+".yaml")
			if err != nil {
				return nil
			}
			return &embeddedFile{data: data, decoded: decodeFile(data)}
		})
	}
	return files
})

// loadEmbeddedFile is LoadEmbedded for an id of Embedded, with the file
// read and decoded once (embeddedFiles); ok is false for another id.
func loadEmbeddedFile(id string, opts []LoadOption, cache *exprCache) (p *RuleSet, diags diag.Diagnostics, ok bool) {
	file, ok := embeddedFiles()[id]
	if !ok {
		return nil, nil, false
	}
	e := file()
	if e == nil {
		return nil, nil, false
	}
	p, diags = loadDecoded("rules/programmes/"+id+".yaml", e.data, e.decoded, opts, cache)
	return p, diags, true
}

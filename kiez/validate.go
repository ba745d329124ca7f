package kiez

import (
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
)

// IsID reports whether s is a valid id: lowercase letters and digits in
// groups joined by single hyphens (kebab-case), such as "kiez-biebrich";
// that is, s matches ^[a-z0-9]+(-[a-z0-9]+)*$.
func IsID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b >= 'a' && b <= 'z', b >= '0' && b <= '9':
		case b == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// decimalText is a decimal as a failed struct-tag rule shows it: its
// text, "0" without an allocation for the zero value.
func decimalText(d decimal.Decimal) string {
	if d.IsZero() {
		return "0"
	}
	return d.String()
}

// Validate checks the dataset and returns every problem at once: missing
// and malformed fields, unknown vocabulary terms, duplicate ids, references
// that do not resolve, dates out of order, negative hours, a Kita in two
// catchments. Each diagnostic names the data path and, for data read from
// files, the file, line and column. Validate never panics and does not
// modify the dataset. Errors make a dataset unfit for evaluation; warnings
// (an unknown term of an open vocabulary, an implausible value) do not.
//
// The checks that look at one centre alone run in parallel, one worker
// per processor; the diagnostics are the same, in the same order, as if
// they ran one after the other.
func (ds *Dataset) Validate() diag.Diagnostics {
	if ds == nil {
		return diag.Diagnostics{{Severity: diag.Error, Summary: "no dataset"}}
	}
	fc, err := newFieldChecks()
	if err != nil {
		return diag.Diagnostics{{Severity: diag.Error, Summary: "internal: " + err.Error()}}
	}
	c := &checker{ds: ds, vocabs: vocabulariesByName()}
	// Per centre: the struct tags, then the vocabulary terms.
	type centreDiags struct{ fields, terms diag.Diagnostics }
	perCentre := make([]centreDiags, len(ds.Centres))
	eachParallel(len(ds.Centres), 8, func() func(i int) {
		wc := &checker{ds: ds, vocabs: c.vocabs}
		tw := newTermWalker(wc)
		return func(i int) {
			prefix := "centres[" + strconv.Itoa(i) + "]"
			perCentre[i].fields = ds.structDiagnostics(fc, &ds.Centres[i], prefix)
			wc.diags = nil
			tw.path = append(tw.path[:0], pathPart{name: "centres"}, pathPart{index: i})
			tw.walk(reflect.ValueOf(&ds.Centres[i]).Elem())
			perCentre[i].terms = wc.diags
		}
	})
	var diags diag.Diagnostics
	for i := range ds.Programmes {
		diags = append(diags, ds.structDiagnostics(fc, &ds.Programmes[i], "programmes["+strconv.Itoa(i)+"]")...)
	}
	for i := range perCentre {
		diags = append(diags, perCentre[i].fields...)
	}
	for i := range ds.Waivers {
		diags = append(diags, ds.structDiagnostics(fc, &ds.Waivers[i], "waivers["+strconv.Itoa(i)+"]")...)
	}
	tw := newTermWalker(c)
	tw.path = []pathPart{{name: "programmes"}}
	tw.walk(reflect.ValueOf(ds.Programmes))
	for i := range perCentre {
		c.diags = append(c.diags, perCentre[i].terms...)
	}
	tw.path = []pathPart{{name: "waivers"}}
	tw.walk(reflect.ValueOf(ds.Waivers))
	c.run()
	diags = append(diags, c.diags...)
	diags.Sort()
	return diags
}

// structDiagnostics checks the struct tags of one entry of the dataset,
// a pointer to a programme, centre or waiver at the data path prefix.
func (ds *Dataset) structDiagnostics(fc *fieldChecks, entry any, prefix string) diag.Diagnostics {
	v := reflect.ValueOf(entry).Elem()
	w := &fieldWalker{path: []pathPart{{name: prefix}}}
	w.check(fc.plans[v.Type()], v)
	var diags diag.Diagnostics
	for _, f := range w.failures {
		if d := ds.fieldDiagnostic(f); !ds.src.failed(d.Path) {
			diags = append(diags, d)
		}
	}
	return diags
}

// eachParallel calls the function made by worker for every index from 0
// to n-1, on one goroutine per processor; each goroutine makes its own
// function, so that it may keep state of its own. Indexes are handed out
// in runs of run: small, so that a few large centres or files do not keep
// one worker busy while the other waits.
func eachParallel(n, run int, worker func() func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), (n+run-1)/run)
	if workers <= 1 {
		if n > 0 {
			f := worker()
			for i := range n {
				f(i)
			}
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		f := worker()
		wg.Go(func() {
			for {
				start := int(next.Add(int64(run))) - run
				if start >= n {
					return
				}
				for i := start; i < min(start+run, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// fieldDiagnostic turns a failed rule of a struct tag into a diagnostic.
func (ds *Dataset) fieldDiagnostic(fe fieldFailure) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Path: fe.path, Subject: ds.src.rangeOf(fe.path)}
	val := fe.value
	switch fe.tag {
	case "required":
		d.Summary = fmt.Sprintf("missing required field %q", fe.field)
		d.Detail = fmt.Sprintf("Add %s: to this entry.", fe.field)
	case "id":
		d.Summary = fmt.Sprintf("%q is not a valid id", val)
		d.Detail = "Ids are lowercase letters and digits joined by hyphens (kebab-case)"
		if s := kebab(val); s != "" && s != val {
			d.Detail += fmt.Sprintf(", e.g. %q", s)
		}
		d.Detail += "."
	case "nonneg":
		d.Summary = fmt.Sprintf("%s must not be negative (found %s)", fe.field, val)
	case "min":
		d.Summary = fmt.Sprintf("%s must be at least %s (found %s)", fe.field, fe.param, val)
	case "max", "upto":
		d.Summary = fmt.Sprintf("%s must be at most %s (found %s)", fe.field, fe.param, val)
	default:
		d.Summary = fmt.Sprintf("%s fails the %q check (found %s)", fe.field, fe.tag, val)
	}
	return d
}

// kebab suggests an id for a text: "Kita Süd 2" becomes "kita-sued-2".
func kebab(s string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue")
	s = strings.ToLower(r.Replace(s))
	var b strings.Builder
	dash := false
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// suggestion returns ` (did you mean "x"?)` or "".
func suggestion(s string, candidates []string) string {
	if m := source.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("; did you mean %q?", m)
	}
	return ""
}

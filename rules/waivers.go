package rules

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// CheckWaivers checks the dataset's waivers against the engine's rule
// files for the period, which the data alone cannot do:
//
//   - a waiver for a programme that neither the engine nor the dataset
//     knows is an error, with the closest programme id;
//   - a waiver for a programme of the engine that names a rule the
//     programme does not have is an error, with the closest rule id;
//   - a waiver for a rule of the engine whose validity does not cover the
//     whole period is a warning: it is not applied, and the failures it
//     was meant for stay failures (their message says why).
//
// Waivers for a programme of the dataset that the engine does not
// evaluate are not checked: only the programme's rule files know its
// rules. Evaluate and Stream refuse a dataset for which CheckWaivers
// reports an error (see ErrWaivers). The diagnostics name the waiver's
// place in the data files, when the dataset was read from files.
func (e *Engine) CheckWaivers(ds *kiez.Dataset, period Period) diag.Diagnostics {
	if ds == nil {
		return nil
	}
	per := period
	progs := map[string]*RuleSet{}
	var progIDs []string
	for _, p := range e.progs {
		progs[p.ID] = p
		progIDs = append(progIDs, p.ID)
	}
	inData := map[string]bool{}
	for i := range ds.Programmes {
		inData[ds.Programmes[i].ID] = true
	}
	var diags diag.Diagnostics
	add := func(sev diag.Severity, path, detail, format string, args ...any) {
		diags = append(diags, &diag.Diagnostic{Severity: sev, Summary: fmt.Sprintf(format, args...), Detail: detail,
			Path: path, Subject: ds.Where(path)})
	}
	for i := range ds.Waivers {
		w := &ds.Waivers[i]
		path := fmt.Sprintf("waivers[%d]", i)
		p := progs[w.Programme]
		if p == nil {
			if !inData[w.Programme] && w.Programme != "" {
				known := append(append([]string(nil), progIDs...), dataProgrammes(ds)...)
				add(diag.Error, path+".programme", "A waiver names the programme whose rule it waives: the id of a rule file's programme. Known: "+strings.Join(known, ", ")+".",
					"waiver %q: unknown programme %q%s", w.ID, w.Programme, didYouMean(w.Programme, known))
			}
			continue
		}
		if p.Rule(w.Rule) == nil {
			ids := make([]string, len(p.Rules))
			for j, r := range p.Rules {
				ids[j] = r.ID
			}
			add(diag.Error, path+".rule", "A waiver names a rule by its id in the programme's rule file ("+p.File+"); `kiez check` prints it in the rule column.",
				"waiver %q: programme %q has no rule %q%s", w.ID, p.ID, w.Rule, didYouMean(w.Rule, ids))
			continue
		}
		if !waiverCovers(w, per) {
			add(diag.Warning, path+".from", "A waiver applies only when it is valid on every day of the evaluated period; the failures it was meant for stay failures. Evaluate a period within its validity, or ask for a waiver that covers the period.",
				"waiver %q %s the period %s (valid %s): it is not applied", w.ID, waiverGapEnglish(w, per), per.German(), strings.Replace(waiverValidity(w), "ab ", "from ", 1))
		}
	}
	diags.Sort()
	return diags
}

// ErrWaivers is the error Evaluate and Stream return, wrapped with the
// diagnostics (a diag.Diagnostics, see errors.As), when CheckWaivers
// reports an error for the dataset: a waiver that names an unknown
// programme or rule would silently waive nothing.
var ErrWaivers = errors.New("rules: the dataset's waivers name unknown programmes or rules; nothing was evaluated")

// checkWaiverErrors returns the warnings CheckWaivers finds and its
// errors, as an error wrapping ErrWaivers and the diagnostics, or nil.
func (e *Engine) checkWaiverErrors(ds *kiez.Dataset, period Period) (diag.Diagnostics, error) {
	if len(ds.Waivers) == 0 {
		return nil, nil
	}
	var errs, warnings diag.Diagnostics
	for _, d := range e.CheckWaivers(ds, period) {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		} else {
			warnings = append(warnings, d)
		}
	}
	if len(errs) == 0 {
		return warnings, nil
	}
	return nil, &refusal{reason: ErrWaivers, diags: errs}
}

func dataProgrammes(ds *kiez.Dataset) []string {
	var out []string
	for i := range ds.Programmes {
		out = append(out, ds.Programmes[i].ID)
	}
	sort.Strings(out)
	return out
}

func didYouMean(s string, candidates []string) string {
	if m := source.Suggest(s, candidates); m != "" {
		return fmt.Sprintf("; did you mean %q?", m)
	}
	return ""
}

// waiverMatches reports whether a waiver's subject names the result: an
// empty subject or the programme's id names every result of the rule, a
// centre's id every result of that centre, anything else exactly the
// result with that subject (centre/item, or programme/item for an item of
// a programme rule).
func waiverMatches(subject, programme string, res *Result) bool {
	switch {
	case subject == "" || subject == programme:
		return true
	case subject == res.Subject:
		return true
	default:
		return res.Centre != "" && subject == res.Centre
	}
}

// waiverCovers reports whether the waiver is valid on every day of the
// period.
func waiverCovers(w *kiez.Waiver, per Period) bool {
	return !w.From.After(per.From) && (w.Until == nil || !w.Until.Before(per.Until))
}

// waiverOutside reports whether the waiver's validity and the period do
// not overlap at all (rather than overlap in part).
func waiverOutside(w *kiez.Waiver, per Period) bool {
	return w.From.After(per.Until) || (w.Until != nil && w.Until.Before(per.From))
}

// waiverGap says in German how the waiver's validity misses the period:
// "gilt nicht im Zeitraum" when they do not overlap, "gilt nicht für den
// ganzen Zeitraum" when they do.
func waiverGap(w *kiez.Waiver, per Period) string {
	if waiverOutside(w, per) {
		return "gilt nicht im Zeitraum"
	}
	return "gilt nicht für den ganzen Zeitraum"
}

// waiverGapEnglish says the same in English.
func waiverGapEnglish(w *kiez.Waiver, per Period) string {
	if waiverOutside(w, per) {
		return "is not valid in"
	}
	return "does not cover the whole of"
}

// waiverValidity formats the waiver's validity: 01.03.2024–31.12.2024, or
// ab 01.03.2024 without an end.
func waiverValidity(w *kiez.Waiver) string {
	if w.Until == nil {
		return "ab " + germanDate(w.From)
	}
	return germanDate(w.From) + "–" + germanDate(*w.Until)
}

// CheckWaiverSubjects reports, after an evaluation, the waivers that
// match no result of their rule: a subject of the wrong form for the
// rule (centre/item for a rule judged once per centre, an item the rule
// does not judge, a bucket label outside the period), which would
// otherwise go unnoticed. Only waivers of programmes and rules that the
// results hold are checked; each is a warning at the waiver's subject.
func CheckWaiverSubjects(ds *kiez.Dataset, results []Result) diag.Diagnostics {
	if ds == nil || len(ds.Waivers) == 0 {
		return nil
	}
	type key struct{ programme, rule string }
	subjects := map[key][]*Result{}
	for i := range results {
		r := &results[i]
		k := key{r.Programme, r.Rule}
		subjects[k] = append(subjects[k], r)
	}
	var diags diag.Diagnostics
	for i := range ds.Waivers {
		w := &ds.Waivers[i]
		rs, ok := subjects[key{w.Programme, w.Rule}]
		if !ok {
			continue
		}
		matched := false
		for _, r := range rs {
			if waiverMatches(w.Subject, w.Programme, r) {
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		var names []string
		for _, r := range rs {
			names = append(names, r.Subject)
		}
		names = distinctStrings(names)
		detail := "The rule judges these subjects: " + strings.Join(names, ", ") + "."
		if len(names) > 20 {
			detail = "The rule judges " + fmt.Sprint(len(names)) + " subjects, such as " + strings.Join(names[:20], ", ") + "."
		}
		path := fmt.Sprintf("waivers[%d].subject", i)
		diags = append(diags, &diag.Diagnostic{Severity: diag.Warning, Path: path, Subject: ds.Where(path),
			Summary: fmt.Sprintf("waiver %q matches no result of rule %q: no subject is %q%s", w.ID, w.Rule, w.Subject, didYouMean(w.Subject, names)),
			Detail:  detail + " A waiver's subject is the programme, a centre, or exactly a subject the rule judges."})
	}
	diags.Sort()
	return diags
}

func distinctStrings(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

package rules

import (
	"fmt"
	"strings"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/internal/words"
)

// Validity of rule sets. A rule file states in its header from when (and
// optionally until when) its rules apply, validFrom: and validUntil:; a
// rule may narrow that with the same two keys. Without a header validFrom
// the rules apply from the first day on which every param has a value
// (RuleSet.ValidFromDerived): before that day some rule would lack a
// number, and no rule set can be judged by values it does not hold.
//
// A period wholly outside a rule's validity gives not applicable, with a
// German message naming the date, and nothing of the rule is evaluated. A
// period partly outside is judged on the part inside, with the params in
// force on that part's first day; the results' messages begin with the
// days judged ("Geprüft 01.07.2024–31.12.2024 (die Regeln gelten ab
// 01.07.2024): …").

// validity reads the validity of the file and of each rule and checks that
// every param has a value in force on the first day a rule that reads it
// applies. It runs after the rules are built (it needs the params each
// rule reads).
func (l *loader) validity(f *fileProgramme, p *RuleSet) {
	from := l.validDate(f.ValidFrom, "validFrom")
	until := l.validDate(f.ValidUntil, "validUntil")
	if from == nil {
		// The first day every param has a value.
		for _, param := range p.Params {
			if len(param.History) == 0 {
				continue
			}
			if d := param.History[0].From; from == nil || d.After(*from) {
				from = &d
			}
		}
		p.ValidFromDerived = from != nil
	}
	if from != nil && until != nil && until.Before(*from) {
		l.errorf(l.of(f.ValidUntil), "validUntil is the last day the rules apply; it cannot come before validFrom.",
			"validUntil %s is before validFrom %s", until, from)
		until = nil
	}
	p.ValidFrom, p.ValidUntil = from, until
	for i, r := range p.Rules {
		if i >= len(f.Rules) {
			break
		}
		fr := &f.Rules[i]
		r.ValidFrom, r.ValidUntil = from, until
		if d := l.validDate(fr.ValidFrom, "validFrom"); d != nil {
			r.ownFrom = true
			if from != nil && d.Before(*from) {
				l.errorf(l.of(fr.ValidFrom), "A rule applies at most as long as its file; move the file's validFrom: or the rule's.",
					"rule %s: validFrom %s is before the rule file's validFrom %s", r.ID, d, from)
			} else {
				r.ValidFrom = d
			}
		}
		if d := l.validDate(fr.ValidUntil, "validUntil"); d != nil {
			r.ownUntil = true
			switch {
			case until != nil && d.After(*until):
				l.errorf(l.of(fr.ValidUntil), "A rule applies at most as long as its file; move the file's validUntil: or the rule's.",
					"rule %s: validUntil %s is after the rule file's validUntil %s", r.ID, d, until)
			case r.ValidFrom != nil && d.Before(*r.ValidFrom):
				l.errorf(l.of(fr.ValidUntil), "validUntil is the last day the rule applies; it cannot come before validFrom.",
					"rule %s: validUntil %s is before validFrom %s", r.ID, d, r.ValidFrom)
			default:
				r.ValidUntil = d
			}
		}
	}
	l.paramsInForce(p)
}

// validDate parses a validFrom or validUntil value; nil when not given or
// wrong (reported).
func (l *loader) validDate(t source.Text, key string) *date.Date {
	if strings.TrimSpace(t.Value) == "" {
		return nil
	}
	d, err := source.ParseDate(strings.TrimSpace(t.Value))
	if err != nil {
		l.errorf(l.of(t), "Write the day as YYYY-MM-DD, e.g. "+key+": 2023-01-01.", "%s: %v", key, err)
		return nil
	}
	return &d
}

// paramsInForce reports every param without a value on the first day it
// is needed: the earliest validFrom of the rules that read it, or the
// file's validFrom for a param no rule reads.
func (l *loader) paramsInForce(p *RuleSet) {
	need := map[string]*date.Date{}
	for _, r := range p.Rules {
		for _, name := range r.params {
			if d, seen := need[name]; !seen || (d != nil && (r.ValidFrom == nil || r.ValidFrom.Before(*d))) {
				need[name] = r.ValidFrom
			}
		}
	}
	for _, param := range p.Params {
		if len(param.History) == 0 {
			continue // reported: no history
		}
		d, used := need[param.Name]
		if !used {
			d = p.ValidFrom
		}
		first := param.History[0].From
		if d == nil {
			continue // the rules apply always: nothing to compare with
		}
		if first.After(*d) {
			at := param.historyAt
			l.errorf(&at, "Add a value in force from that day to the history, or set validFrom: (of the file or of the rules that read it) to the first day the rules apply.",
				"param %q has no value in force on %s, the first day its rules apply; its history starts on %s", param.Name, d, first)
		}
	}
}

// verdictTexts compiles a rule's notApplicable and missing templates with
// the rule's variables.
func (l *loader) verdictTexts(fr *fileRule, r *Rule, env map[string]any) {
	if strings.TrimSpace(fr.NotApplicable.Value) != "" {
		r.NotApplicable = fr.NotApplicable.Value
		r.notApplicable = l.template(fr.NotApplicable, env)
		if strings.TrimSpace(fr.When.Value) == "" {
			l.errorf(l.of(fr.NotApplicable), "Give the rule a when: condition, or remove notApplicable:.", "rule %s has a notApplicable text but no when", r.ID)
		}
	}
	if strings.TrimSpace(fr.Missing.Value) != "" {
		r.Missing = fr.Missing.Value
		r.missingMsg = l.template(fr.Missing, env)
		if strings.TrimSpace(fr.Needs.Value) == "" {
			l.errorf(l.of(fr.Missing), "Give the rule a needs: expression, or remove missing:.", "rule %s has a missing text but no needs", r.ID)
		}
	}
}

// window is how a rule's validity cuts the evaluated period, for the rules
// whose validity does not hold the whole period.
type window struct {
	// outside is the not-applicable message when no day of the period
	// lies in the rule's validity; the rest is then unused.
	outside string
	period  Period
	params  any
	missing map[string]*Param
	// note begins the messages of a period judged only in part.
	note string
}

// windows works out the window of every rule whose validity does not hold
// the whole period; the params in force are built once per first day.
func (p *RuleSet) windows(per Period, lang words.Language) map[*Rule]*window {
	var out map[*Rule]*window
	type inForce struct {
		params  any
		missing map[string]*Param
	}
	byDay := map[date.Date]inForce{}
	for _, r := range p.Rules {
		w := ruleWindow(r, per, lang)
		if w == nil {
			continue
		}
		if w.outside == "" {
			f, ok := byDay[w.period.From]
			if !ok {
				f.params, f.missing = p.paramsAt(w.period.From)
				byDay[w.period.From] = f
			}
			w.params, w.missing = f.params, f.missing
		}
		if out == nil {
			out = map[*Rule]*window{}
		}
		out[r] = w
	}
	return out
}

// ruleWindow is the window of one rule, nil when its validity holds the
// whole period; its texts are in lang.
func ruleWindow(r *Rule, per Period, lang words.Language) *window {
	from, until := r.ValidFrom, r.ValidUntil
	own := r.ownFrom || r.ownUntil
	en := lang == words.English
	subject := pickIn(lang, "Die Regeln gelten", "The rules apply")
	if own {
		subject = pickIn(lang, "Die Regel gilt", "The rule applies")
	}
	span := lang.Span(words.Span(per))
	switch {
	case from != nil && from.After(per.Until):
		if en {
			return &window{outside: fmt.Sprintf("%s from %s; the period %s lies before.", subject, lang.Date(*from), span)}
		}
		return &window{outside: fmt.Sprintf("%s ab %s; der Zeitraum %s liegt davor.", subject, germanDate(*from), span)}
	case until != nil && until.Before(per.From):
		if en {
			return &window{outside: fmt.Sprintf("%s until %s; the period %s lies after.", subject, lang.Date(*until), span)}
		}
		return &window{outside: fmt.Sprintf("%s bis %s; der Zeitraum %s liegt danach.", subject, germanDate(*until), span)}
	}
	in := per
	var says []string
	if from != nil && from.After(per.From) {
		in.From = *from
		says = append(says, pickIn(lang, "ab ", "from ")+lang.Date(*from))
	}
	if until != nil && until.Before(per.Until) {
		in.Until = *until
		says = append(says, pickIn(lang, "bis ", "until ")+lang.Date(*until))
	}
	if in == per {
		return nil
	}
	return &window{period: in,
		note: fmt.Sprintf(pickIn(lang, "Geprüft %s (%s %s): ", "Checked %s (%s %s): "), lang.Span(words.Span(in)), strings.ToLower(subject[:1])+subject[1:], strings.Join(says, " "))}
}

// paramsMissingResult is the error result of a rule that reads params
// without a value in force on the first day of the period.
func (r *run) paramsMissingResult(rule *Rule, base Result) (Result, bool) {
	var names []string
	var first *Param
	for _, name := range rule.params {
		if p := r.missing[name]; p != nil {
			names = append(names, name)
			if first == nil {
				first = p
			}
		}
	}
	if len(names) == 0 {
		return base, false
	}
	text := paramsMissingText(r.lang, names, first, r.period.From)
	base.Outcome = OutcomeError
	base.Error = first.historyAt.String() + ": " + text
	base.Message = pickIn(r.lang, "Die Regel konnte nicht geprüft werden: ", "The rule could not be checked: ") + text
	return base, true
}

// paramsMissingText says in lang which params have no value on day, and
// from when the first of them has one.
func paramsMissingText(lang words.Language, names []string, first *Param, day date.Date) string {
	if lang == words.English {
		what := "param " + names[0] + " has"
		if len(names) > 1 {
			what = "params " + strings.Join(names, ", ") + " have"
		}
		if len(first.History) == 0 {
			return fmt.Sprintf("%s no value on %s.", what, lang.Date(day))
		}
		of := ""
		if len(names) > 1 {
			of = " value of " + first.Name
		}
		return fmt.Sprintf("%s no value on %s (the first%s applies from %s).", what, lang.Date(day), of, lang.Date(first.History[0].From))
	}
	what := "der Parameter " + names[0] + " hat"
	if len(names) > 1 {
		what = "die Parameter " + strings.Join(names, ", ") + " haben"
	}
	if len(first.History) == 0 {
		return fmt.Sprintf("%s am %s keinen Wert.", what, germanDate(day))
	}
	of := ""
	if len(names) > 1 {
		of = " Wert von " + first.Name
	}
	return fmt.Sprintf("%s am %s keinen Wert (der erste%s gilt ab %s).", what, germanDate(day), of, germanDate(first.History[0].From))
}

package rules

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/kiez"
	"github.com/rickb777/date"
)

// Verdicts in a language. A rule file is written in German; a rule may
// give its title and message templates in English too (translations:
// en:). An engine made WithLanguage("en") writes its verdicts in English:
// the translated templates where the rule has them, its own otherwise;
// values in messages and evidence texts, and the engine's own texts (not
// applicable, no data, the rule could not be checked, a waiver not
// applied, a rule valid for part of the period), in the language.

// Translation is a rule's title and message templates in another language
// than the rule file's, as written; an empty field falls back to the
// rule's own.
type Translation struct {
	Title, Message, NotApplicable, Missing string
}

// translated is a translation compiled: nil templates fall back to the
// rule's own.
type translated struct {
	title                           string
	message, notApplicable, missing []templatePart
}

// translatable are the languages a translation may be given in: those
// the formatter writes values in, but the rule file's own.
var translatable = map[string]words.Language{"en": words.English}

// WithLanguage makes the engine write its verdicts in the language given
// by its ISO 639-1 code: "de", the default, or "en". Titles and messages
// come from the rule's translation for that language where the rule file
// gives one (translations: en: message: …), and from the rule otherwise;
// values in messages and evidence texts (Evidence.Text) and the engine's
// own texts follow the language. NewEngine refuses any other code.
func WithLanguage(lang string) EngineOption { return func(c *engineConfig) { c.lang = lang } }

// engineLanguage is the formatter's language of a WithLanguage code.
func engineLanguage(lang string) (words.Language, error) {
	switch lang {
	case "", "de":
		return words.German, nil
	case "en":
		return words.English, nil
	}
	return "", fmt.Errorf("rules: NewEngine: unknown language %q (use de or en)", lang)
}

// translations compiles the rule's translations with the rule's
// variables.
func (l *loader) translations(fr *fileRule, r *Rule, env map[string]any) {
	codes := make([]string, 0, len(fr.Translations))
	for code := range fr.Translations {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		ft := fr.Translations[code]
		at := l.at(r.Pos.Start)
		if ft != nil {
			for _, t := range []source.Text{ft.Message, ft.Title, ft.NotApplicable, ft.Missing} {
				if t.Pos.Line > 0 {
					at = l.of(t)
					break
				}
			}
		}
		lang, ok := translatable[code]
		if !ok {
			hint := "Give translations in en; the rule's own title and messages are its German."
			l.errorf(at, hint, "rule %s: translations: unknown language %q (a rule file is German and may be translated into en)", r.ID, code)
			continue
		}
		if ft == nil {
			continue
		}
		t := &translated{title: strings.TrimSpace(ft.Title.Value)}
		w := Translation{Title: ft.Title.Value, Message: ft.Message.Value, NotApplicable: ft.NotApplicable.Value, Missing: ft.Missing.Value}
		if strings.TrimSpace(ft.Message.Value) != "" {
			t.message = l.template(ft.Message, env)
		}
		if strings.TrimSpace(ft.NotApplicable.Value) != "" {
			t.notApplicable = l.template(ft.NotApplicable, env)
			if r.when == nil && strings.TrimSpace(fr.When.Value) == "" {
				l.errorf(l.of(ft.NotApplicable), "Give the rule a when: condition, or remove notApplicable:.", "rule %s has a notApplicable text (%s) but no when", r.ID, code)
			}
		}
		if strings.TrimSpace(ft.Missing.Value) != "" {
			t.missing = l.template(ft.Missing, env)
			if strings.TrimSpace(fr.Needs.Value) == "" {
				l.errorf(l.of(ft.Missing), "Give the rule a needs: expression, or remove missing:.", "rule %s has a missing text (%s) but no needs", r.ID, code)
			}
		}
		if r.translated == nil {
			r.translated = map[words.Language]*translated{}
			r.Translations = map[string]Translation{}
		}
		r.translated[lang], r.Translations[code] = t, w
	}
}

// format writes a value in the run's language. A value that is not a
// text already is built in the worker's buffer and copied out once; the
// formatter writes a whole number, the most common evidence, with
// strconv, whose texts of 0 to 99 are constants (no allocation).
func (r *run) format(v any) string {
	f := words.Formatter{Lang: r.lang, Facts: facts}
	switch v.(type) {
	case nil, string, bool, int:
		return f.Format(v)
	}
	b := f.Append(r.scratch[:0], v)
	r.scratch = b
	return string(b)
}

// renderMessage renders a message template of the rule, its values
// written in lang, the template's language, built in the worker's buffer:
// the message is the one allocation. A value computed once per
// evaluation (see text) is written anew here, the same text.
func (r *run) renderMessage(rule *Rule, lang words.Language, parts []templatePart, slots []slot) (string, error) {
	f := words.Formatter{Lang: lang, Facts: facts}
	// The buffer is the message's alone while it is built: anything that
	// formats meanwhile gets a buffer of its own.
	b := r.scratch[:0]
	r.scratch = nil
	defer func() { r.scratch = b }()
	for _, part := range parts {
		if part.expr == nil {
			b = append(b, part.text...)
			continue
		}
		text, ok, err := r.closureText(rule, part.expr, slots)
		if err != nil {
			return "", err
		}
		if ok {
			b = append(b, text...)
			continue
		}
		v, err := r.value(rule, part.expr, slots)
		if err != nil {
			return "", err
		}
		b = f.Append(b, v)
	}
	return string(bytes.TrimSpace(b)), nil
}

// translation is the rule's translation into the run's language, nil for
// none.
func (r *run) translation(rule *Rule) *translated {
	if r.lang == words.German {
		return nil
	}
	return rule.translated[r.lang]
}

// title is the rule's title in the run's language.
func (r *run) title(rule *Rule) string {
	if t := r.translation(rule); t != nil && t.title != "" {
		return t.title
	}
	return rule.Title
}

// render renders the rule's message in the run's language where the rule
// has a translation into it, and its own German message otherwise, the
// values written the German way too, so that a message reads in one
// language.
func (r *run) render(rule *Rule, slots []slot) (string, error) {
	msg, _, err := r.renderOwnOrTranslated(rule, rule.message, func(t *translated) []templatePart { return t.message }, slots)
	return msg, err
}

// notApplicableMessage is the message of a rule whose when is false.
func (r *run) notApplicableMessage(rule *Rule, slots []slot) (string, error) {
	msg, ok, err := r.renderOwnOrTranslated(rule, rule.notApplicable, func(t *translated) []templatePart { return t.notApplicable }, slots)
	if ok || err != nil {
		return msg, err
	}
	return pickIn(r.lang, "Nicht anwendbar.", "Not applicable."), nil
}

// missingMessage is the message of a rule whose needs is empty.
func (r *run) missingMessage(rule *Rule, slots []slot) (string, error) {
	msg, ok, err := r.renderOwnOrTranslated(rule, rule.missingMsg, func(t *translated) []templatePart { return t.missing }, slots)
	if ok || err != nil {
		return msg, err
	}
	return pickIn(r.lang, "Keine Angaben im Zeitraum ", "No data reported for the period ") + r.lang.Span(words.Span(r.period)) + ".", nil
}

// renderOwnOrTranslated renders the template the rule's translation into
// the run's language gives (of), in that language, or else the rule's own
// template, in German; ok is false when neither exists.
func (r *run) renderOwnOrTranslated(rule *Rule, own []templatePart, of func(*translated) []templatePart, slots []slot) (msg string, ok bool, err error) {
	lang, parts := words.German, own
	if t := r.translation(rule); t != nil && of(t) != nil {
		lang, parts = r.lang, of(t)
	}
	if parts == nil {
		return "", false, nil
	}
	msg, err = r.renderMessage(rule, lang, parts, slots)
	return msg, true, err
}

// templateParts lists the parts of every message template of the rule,
// its own and its translations' (in the order of the languages), for the
// analyses that must see every expression a verdict may run: the params
// and records read, the cost, the lets used.
func (r *Rule) templateParts() []templatePart {
	out := slices.Concat(r.message, r.notApplicable, r.missingMsg)
	langs := make([]words.Language, 0, len(r.translated))
	for l := range r.translated {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		t := r.translated[l]
		out = slices.Concat(out, t.message, t.notApplicable, t.missing)
	}
	return out
}

// errorResult makes res the result of a rule that could not be checked:
// the error as it is, a message in the run's language, and, for an error
// of an expression, a diagnostic at it.
func (r *run) errorResult(res *Result, err error) {
	msg := err.Error()
	res.Outcome = OutcomeError
	res.Error = msg
	res.Message = pickIn(r.lang, "Die Regel konnte nicht geprüft werden: "+germanReason(msg), "The rule could not be checked: "+msg)
	var re *runError
	if errors.As(err, &re) {
		at := re.at
		res.Problem = &diag.Diagnostic{Severity: diag.Error, Summary: re.msg, Detail: pickIn(r.lang, germanReason(re.msg), re.msg), Subject: &at}
	}
}

// notApplied is the note a failing result's message gets when a waiver
// for its rule and subject does not cover the period.
func (r *run) notApplied(w *kiez.Waiver) string {
	if r.lang == words.English {
		return fmt.Sprintf("(waiver %s %s the period %s, valid %s; not applied)", w.ID, waiverGapEnglish(w, r.period),
			r.lang.Span(words.Span(r.period)), r.lang.Span(words.Span{From: w.From, Until: waiverUntil(w)}))
	}
	return fmt.Sprintf("(Ausnahme %s %s %s, gültig %s; nicht angewandt)", w.ID, waiverGap(w, r.period), r.period.German(), waiverValidity(w))
}

// waiverUntil is the waiver's last day, zero when it has none.
func waiverUntil(w *kiez.Waiver) date.Date {
	if w.Until == nil {
		return date.Date{}
	}
	return *w.Until
}

// pickIn returns de, or en in English.
func pickIn(l words.Language, de, en string) string {
	if l == words.English {
		return en
	}
	return de
}

// lintTranslations warns, for a rule file that translates some of its
// rules into a language, about each rule it leaves untranslated: in that
// language the rule's verdicts would stay German beside translated ones.
func (l *loader) lintTranslations(p *RuleSet) {
	translated := map[string]int{}
	for _, r := range p.Rules {
		for code, t := range r.Translations {
			if strings.TrimSpace(t.Message) != "" {
				translated[code]++
			}
		}
	}
	codes := make([]string, 0, len(translated))
	for code := range translated {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		for _, r := range p.Rules {
			if strings.TrimSpace(r.Translations[code].Message) != "" {
				continue
			}
			at := r.Pos.Start
			l.warnf(l.at(at), "Give the rule translations: "+code+": message: (and title:), or none of the rules.",
				"rule %s is not translated into %s (the file translates %d of its %d rules): in an %s evaluation its verdicts stay German", r.ID, code, translated[code], len(p.Rules), code)
		}
	}
}

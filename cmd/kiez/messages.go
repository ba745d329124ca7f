package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/kiez-go/kiez/diag"
)

// lang is the language of the tool's own texts: the usage of the
// commands, the help of their flags, the tool's own error messages and
// notes, and the tables the commands write as text (and check's
// workbook), with their values said by labels.go; the verdicts follow it
// (rules.WithLanguage), the reports too. The library's diagnostics
// (problems in data and rule files) and errors stay English; JSON keeps
// its machine values.
type lang int

const (
	langDE lang = iota // Deutsch, the default
	langEN             // English
)

// code is the language's code for --lang: de or en.
func (l lang) code() string {
	if l == langEN {
		return "en"
	}
	return "de"
}

// langEnv is the environment variable that sets the language when no
// --lang is given.
const langEnv = "KIEZ_LANG"

// parseLang reads a language: "de" or "en", in any case; a locale such as
// de_DE.UTF-8 or en-GB counts by its first two letters.
func parseLang(s string) (lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 2 && (s[2] == '_' || s[2] == '-' || s[2] == '.') {
		s = s[:2]
	}
	switch s {
	case "de":
		return langDE, true
	case "en":
		return langEN, true
	}
	return langDE, false
}

// langOf finds the language of a run: the value of the last --lang (or
// -lang, with = or as the next argument) before a "--", else KIEZ_LANG,
// else German. bad describes a value that is neither de nor en ("" when
// all is well); the run then goes on in German and stops with a usage
// error.
func langOf(args []string) (l lang, bad string) {
	value, from := "", ""
	if v, ok := os.LookupEnv(langEnv); ok && v != "" {
		value, from = v, langEnv+"="
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				break // the flag package reports the missing value
			}
			i++
			v = args[i]
		}
		value, from = v, "--lang "
	}
	if value == "" {
		return langDE, ""
	}
	if l, ok := parseLang(value); ok {
		return l, ""
	}
	return langDE, from + fmt.Sprintf("%q", value)
}

// message is one text of the tool in both languages: a format for
// fmt.Sprintf, with the same verbs in the same order in both.
type message struct {
	de, en string
}

// texts is the tool's message table in one language.
type texts struct {
	lang  lang
	table map[string]message
}

func newTexts(l lang) *texts { return &texts{lang: l, table: allMessages()} }

// allMessages is the whole message table: messageTable, the texts of
// import and export (sheetMessages) and the words of the commands' tables
// (tableMessages). TestMessages checks that no key is in two of them.
func allMessages() map[string]message {
	all := messageTable()
	maps.Copy(all, sheetMessages())
	maps.Copy(all, tableMessages())
	return all
}

// t formats the message with the key in the language.
func (x *texts) t(key string, args ...any) string {
	m, ok := x.table[key]
	if !ok {
		// TestMessages makes sure every key used is in the table.
		return key
	}
	s := m.de
	if x.lang == langEN {
		s = m.en
	}
	return fmt.Sprintf(s, args...)
}

// text translates s when it is a key of the table, and returns it as it
// is otherwise (the help of a flag not yet in the table).
func (x *texts) text(s string) string {
	if _, ok := x.table[s]; ok {
		return x.t(s)
	}
	return s
}

// count says a number with the counted word of the key in the table,
// "<key>.one" or "<key>.many": "1 Termin", "3 sessions".
func (x *texts) count(n int, key string) string {
	if n == 1 {
		return "1 " + x.t(key+".one")
	}
	return fmt.Sprintf("%d %s", n, x.t(key+".many"))
}

// countLine counts the errors and warnings among diags in the language:
// "1 Fehler, 2 Warnungen", "1 error, 2 warnings".
func (x *texts) countLine(diags diag.Diagnostics) string {
	nerr, nwarn := count(diags)
	return x.count(nerr, "word.error") + ", " + x.count(nwarn, "word.warning")
}

// or joins alternatives: "text or json", "text, json oder junit".
func (x *texts) or(items ...string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + x.t("word.or") + items[len(items)-1]
}

// printDefaults writes the flags of a set with their help in the
// language, laid out as flag.PrintDefaults lays them out.
func (x *texts) printDefaults(w *strings.Builder, fs *flag.FlagSet) {
	fs.VisitAll(func(fl *flag.Flag) {
		usage := x.text(fl.Usage)
		name, usage := flag.UnquoteUsage(&flag.Flag{Name: fl.Name, Usage: usage, Value: fl.Value, DefValue: fl.DefValue})
		var b strings.Builder
		fmt.Fprintf(&b, "  -%s", fl.Name)
		if name != "" {
			b.WriteString(" " + name)
		}
		if b.Len() <= 4 {
			b.WriteString("\t")
		} else {
			b.WriteString("\n    \t")
		}
		b.WriteString(strings.ReplaceAll(usage, "\n", "\n    \t"))
		if !isZeroValue(fl) {
			if g, ok := fl.Value.(flag.Getter); ok && isString(g.Get()) {
				b.WriteString(x.t("flag.defaultQuoted", fl.DefValue))
			} else {
				b.WriteString(x.t("flag.default", fl.DefValue))
			}
		}
		w.WriteString(b.String() + "\n")
	})
}

func isString(v any) bool {
	_, ok := v.(string)
	return ok
}

// isZeroValue reports whether the flag's default is its type's zero
// value, which flag.PrintDefaults does not mention.
func isZeroValue(fl *flag.Flag) bool {
	typ := reflect.TypeOf(fl.Value)
	var z reflect.Value
	if typ.Kind() == reflect.Pointer {
		z = reflect.New(typ.Elem())
	} else {
		z = reflect.Zero(typ)
	}
	v, ok := z.Interface().(flag.Value)
	return ok && fl.DefValue == v.String()
}

// The errors of the flag package, to say them in the language.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: (-\S*)$`)
	flagNeedsArg  = regexp.MustCompile(`^flag needs an argument: (-\S*)$`)
	flagBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?(-\S+): (.*)$`)
	flagBadSyntax = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError says an error of the flag package in the language.
func (x *texts) flagError(err error) string {
	s := err.Error()
	if m := flagUndefined.FindStringSubmatch(s); m != nil {
		return x.t("flag.undefined", m[1])
	}
	if m := flagNeedsArg.FindStringSubmatch(s); m != nil {
		return x.t("flag.needsArg", m[1])
	}
	if m := flagBadValue.FindStringSubmatch(s); m != nil {
		return x.t("flag.badValue", m[1], m[2], m[3])
	}
	if m := flagBadSyntax.FindStringSubmatch(s); m != nil {
		return x.t("flag.badSyntax", m[1])
	}
	return s
}

// runTime is the time of the run (runTime) when need is true, and the
// zero time otherwise; a KIEZ_NOW that is no time is a usage error.
func (f *flags) runTime(stderr io.Writer, need bool) (time.Time, int, bool) {
	if !need {
		return time.Time{}, exitOK, true
	}
	t, err := runTime()
	if err != nil {
		return time.Time{}, f.fail(stderr, "err.now", nowEnv, os.Getenv(nowEnv)), false
	}
	return t, exitOK, true
}

// fileKind names the kind of a file that is not a regular one, as
// filekind.Of does in English.
func (x *texts) fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return x.t("kind.fifo")
	case m&fs.ModeSocket != 0:
		return x.t("kind.socket")
	case m&fs.ModeCharDevice != 0:
		return x.t("kind.charDevice")
	case m&fs.ModeDevice != 0:
		return x.t("kind.device")
	case m.IsDir():
		return x.t("kind.dir")
	case m&fs.ModeSymlink != 0:
		return x.t("kind.symlink")
	}
	return x.t("kind.special")
}

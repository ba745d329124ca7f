package rules

import (
	"regexp"
	"strconv"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/rickb777/date"
)

// Run-time reasons in German. A result that could not be judged keeps the
// technical reason in Result.Error (English, stable for programs that
// inspect it) and gives it in German in Result.Message, which clerks read
// in the middle of a German sentence. reasonWords lists the reasons the
// engine, its functions and expr give at run time; TestGermanReasons pins
// each, and expr_compat_test.go pins expr's own wordings.
var reasonWords = []struct {
	re *regexp.Regexp
	de string
	// fn, when set, writes the German from the submatches instead of de.
	fn func(m []string) string
}{
	{regexp.MustCompile(`integer overflow: the result is out of range`), "Ganzzahlüberlauf: das Ergebnis liegt außerhalb des darstellbaren Bereichs", nil},
	{regexp.MustCompile(`runtime error: integer divide by zero|division by zero`), "Division durch null", nil},
	{regexp.MustCompile(`memory budget exceeded`), "das Speicherbudget der Regel ist überschritten", nil},
	{regexp.MustCompile(`context deadline exceeded`), "die Zeit für die Prüfung ist abgelaufen", nil},
	{regexp.MustCompile(`context canceled`), "die Prüfung wurde abgebrochen", nil},
	{regexp.MustCompile(`cannot get (\S+) from (\S+)`), "„${1}“ kann nicht gelesen werden, weil „${2}“ nicht angegeben ist (mit ?? oder != nil absichern)", nil},
	{regexp.MustCompile(`(add(?:Days|Months)): (-?\d+) (?:days|months) is out of range \(at most (\d+) either way\)`), "${1}: ${2} liegt außerhalb des zulässigen Bereichs (höchstens ${3} in jede Richtung)", nil},
	{regexp.MustCompile(`"([^"]*)" is not an ISO-8601 period such as P6W(?: or P1M)?`), "„${1}“ ist keine Dauer nach ISO 8601 wie P6W", nil},
	{regexp.MustCompile(`"([^"]*)" is not a valid date(?: \(no such day\))?`), "„${1}“ ist kein gültiges Datum", nil},
	{regexp.MustCompile(`kiez: the full-time week must be more than 0 hours`), "die Vollzeitwoche muss mehr als 0 Stunden haben", nil},
	{regexp.MustCompile(`a date that is not given cannot be compared; supply one with \?\? \(e\.g\. item\.until \?\? period\.until\)`),
		"ein nicht angegebenes Datum kann nicht verglichen werden; geben Sie mit ?? einen Ersatz an (z. B. item.until ?? period.until)", nil},
	{regexp.MustCompile(`the rule exceeds its step budget of (\d+) steps, counted as loop iterations and characters of built texts; simplify the rule, e\.g\. without nested loops`), "",
		func(m []string) string {
			n, _ := strconv.ParseUint(m[1], 10, 64)
			return "die Regel überschreitet ihr Schrittbudget von " + germanDigits(n) + " Schritten, gezählt als Schleifendurchläufe und Zeichen zusammengesetzter Texte; vereinfachen Sie die Regel, etwa ohne ineinander geschachtelte Schleifen"
		}},
	{regexp.MustCompile(`coverage: (\S+) has no validity \(want positions, evidence records, network partners or offers\)`), "coverage: ${1} hat keine Gültigkeit (erwartet: Stellen, Nachweise, Netzwerkpartner oder Angebote)", nil},
	{regexp.MustCompile(`validity: (\S+) has no validity \(want a position, an evidence record, a network partner or an offer\)`), "validity: ${1} hat keine Gültigkeit (erwartet: eine Stelle, ein Nachweis, ein Netzwerkpartner oder ein Angebot)", nil},
	{regexp.MustCompile(`validity: no record, or a network partner without a cooperation agreement`), "validity: kein Datensatz oder ein Netzwerkpartner ohne Kooperationsvereinbarung", nil},
	{regexp.MustCompile(`minValue: the position (\S+) is not held in the period (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})`), "",
		func(m []string) string {
			return "minValue: die Stelle " + m[1] + " ist im Zeitraum " + germanISOSpan(m[2], m[3]) + " nicht besetzt"
		}},
	{regexp.MustCompile(`(\w+): (\S+) is not a position \(want a list of positions such as staffOf\(centre, role, period\)\)`), "${1}: ${2} ist keine Stelle (erwartet: eine Liste von Stellen wie staffOf(centre, role, period))", nil},
	{regexp.MustCompile(`(\w+): no position given`), "${1}: keine Stelle angegeben", nil},
	{regexp.MustCompile(`invalid unit (\S+)`), "ungültige Zeiteinheit ${1}", nil},
}

// germanReason gives a run-time reason in German, as far as reasonWords
// knows it; a file position before the reason is kept.
func germanReason(msg string) string {
	for _, w := range reasonWords {
		if !w.re.MatchString(msg) {
			continue
		}
		if w.fn != nil {
			msg = w.re.ReplaceAllStringFunc(msg, func(s string) string { return w.fn(w.re.FindStringSubmatch(s)) })
		} else {
			msg = w.re.ReplaceAllString(msg, w.de)
		}
	}
	return msg
}

// germanISOSpan writes two ISO dates as a German span.
func germanISOSpan(from, until string) string {
	f, err1 := date.ParseISO(from)
	u, err2 := date.ParseISO(until)
	if err1 != nil || err2 != nil {
		return from + "–" + until
	}
	return words.German.Span(words.Span{From: f, Until: u})
}

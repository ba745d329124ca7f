package rules

import (
	"regexp"
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
}{
	{regexp.MustCompile(`integer overflow: the result is out of range`), "Ganzzahlüberlauf: das Ergebnis liegt außerhalb des darstellbaren Bereichs"},
	{regexp.MustCompile(`runtime error: integer divide by zero|division by zero`), "Division durch null"},
	{regexp.MustCompile(`memory budget exceeded`), "das Speicherbudget der Regel ist überschritten"},
	{regexp.MustCompile(`context deadline exceeded`), "die Zeit für die Prüfung ist abgelaufen"},
	{regexp.MustCompile(`context canceled`), "die Prüfung wurde abgebrochen"},
	{regexp.MustCompile(`cannot get (\S+) from (\S+)`), "„${1}“ kann nicht gelesen werden, weil „${2}“ nicht angegeben ist (mit ?? oder != nil absichern)"},
	{regexp.MustCompile(`(add(?:Days|Months)): (-?\d+) (?:days|months) is out of range \(at most (\d+) either way\)`), "${1}: ${2} liegt außerhalb des zulässigen Bereichs (höchstens ${3} in jede Richtung)"},
	{regexp.MustCompile(`"([^"]*)" is not an ISO-8601 period such as P6W(?: or P1M)?`), "„${1}“ ist keine Dauer nach ISO 8601 wie P6W"},
	{regexp.MustCompile(`"([^"]*)" is not a valid date(?: \(no such day\))?`), "„${1}“ ist kein gültiges Datum"},
	{regexp.MustCompile(`kiez: the full-time week must be more than 0 hours`), "die Vollzeitwoche muss mehr als 0 Stunden haben"},
	{regexp.MustCompile(`a date that is not given cannot be compared; supply one with \?\? \(e\.g\. item\.until \?\? period\.until\)`),
		"ein nicht angegebenes Datum kann nicht verglichen werden; geben Sie mit ?? einen Ersatz an (z. B. item.until ?? period.until)"},
}

// germanReason gives a run-time reason in German, as far as reasonWords
// knows it; a file position before the reason is kept.
func germanReason(msg string) string {
	for _, w := range reasonWords {
		if w.re.MatchString(msg) {
			msg = w.re.ReplaceAllString(msg, w.de)
		}
	}
	return msg
}

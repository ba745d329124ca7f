package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGermanReasons pins the German text of every run-time reason the
// engine knows, with the file position before it kept.
func TestGermanReasons(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"r.yaml:20:13: integer overflow: the result is out of range", "r.yaml:20:13: Ganzzahlüberlauf: das Ergebnis liegt außerhalb des darstellbaren Bereichs"},
		{"r.yaml:1:2: division by zero", "r.yaml:1:2: Division durch null"},
		{"r.yaml:1:2: runtime error: integer divide by zero", "r.yaml:1:2: Division durch null"},
		{"memory budget exceeded", "das Speicherbudget der Regel ist überschritten"},
		{"context deadline exceeded", "die Zeit für die Prüfung ist abgelaufen"},
		{"context canceled", "die Prüfung wurde abgebrochen"},
		{"r.yaml:3:4: cannot get granted from licence", "r.yaml:3:4: „granted“ kann nicht gelesen werden, weil „licence“ nicht angegeben ist (mit ?? oder != nil absichern)"},
		{"addDays: 9223372036854775807 days is out of range (at most 3660000 either way)", "addDays: 9223372036854775807 liegt außerhalb des zulässigen Bereichs (höchstens 3660000 in jede Richtung)"},
		{"addMonths: -200000 months is out of range (at most 120000 either way)", "addMonths: -200000 liegt außerhalb des zulässigen Bereichs (höchstens 120000 in jede Richtung)"},
		{`"c1 Wochen" is not an ISO-8601 period such as P6W`, "„c1 Wochen“ ist keine Dauer nach ISO 8601 wie P6W"},
		{`"2024-02-30" is not a valid date (no such day)`, "„2024-02-30“ ist kein gültiges Datum"},
		{"kiez: the full-time week must be more than 0 hours", "die Vollzeitwoche muss mehr als 0 Stunden haben"},
		{"a date that is not given cannot be compared; supply one with ?? (e.g. item.until ?? period.until)", "ein nicht angegebenes Datum kann nicht verglichen werden; geben Sie mit ?? einen Ersatz an (z. B. item.until ?? period.until)"},
		{"r.yaml:22:13: the rule exceeds its step budget of 5000000 steps, counted as loop iterations and characters of built texts; simplify the rule, e.g. without nested loops",
			"r.yaml:22:13: die Regel überschreitet ihr Schrittbudget von 5.000.000 Schritten, gezählt als Schleifendurchläufe und Zeichen zusammengesetzter Texte; vereinfachen Sie die Regel, etwa ohne ineinander geschachtelte Schleifen"},
		{"coverage: string has no validity (want positions, evidence records, network partners or offers)", "coverage: string hat keine Gültigkeit (erwartet: Stellen, Nachweise, Netzwerkpartner oder Angebote)"},
		{"validity: int has no validity (want a position, an evidence record, a network partner or an offer)", "validity: int hat keine Gültigkeit (erwartet: eine Stelle, ein Nachweis, ein Netzwerkpartner oder ein Angebot)"},
		{"validity: no record, or a network partner without a cooperation agreement", "validity: kein Datensatz oder ein Netzwerkpartner ohne Kooperationsvereinbarung"},
		{"minValue: the position lfz-1 is not held in the period 2024-01-01..2024-12-31", "minValue: die Stelle lfz-1 ist im Zeitraum 01.01.2024–31.12.2024 nicht besetzt"},
		{"staffHours: int is not a position (want a list of positions such as staffOf(centre, role, period))", "staffHours: int ist keine Stelle (erwartet: eine Liste von Stellen wie staffOf(centre, role, period))"},
		{"valueOn: no position given", "valueOn: keine Stelle angegeben"},
		{"invalid unit fortnight", "ungültige Zeiteinheit fortnight"},
		{"something else entirely", "something else entirely"},
	} {
		if diff := cmp.Diff(tt.want, germanReason(tt.in)); diff != "" {
			t.Errorf("germanReason(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// TestGermanReasonsMatchTheirSources checks that the reasons the table
// translates are the ones the engine's own errors give.
func TestGermanReasonsMatchTheirSources(t *testing.T) {
	for _, err := range []error{errDivZero, errOverflow} {
		if got := germanReason(err.Error()); got == err.Error() {
			t.Errorf("%q has no German text in reasonWords", err)
		}
	}
}

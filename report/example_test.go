package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// musterstadt is a small programme: one rule on the release time of the
// head of each centre, and one requirement that no data can show.
const musterstadt = `programme: musterstadt
name: Familienzentren Musterstadt
version: "1"
requirements:
  - {id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}
  - {id: MS-02, text: Der Sozialraum wird beobachtet.}
params:
  releaseHours:
    type: decimal
    history: [{from: 2023-01-01, value: 2}]
rules:
  - id: freistellung
    title: Leitungsfreistellung
    requirements: [MS-01]
    source: {doc: Konzept, section: "§ 1"}
    each: centre.staff
    when: item.role == "leitung-familienzentrum"
    assert: item.releaseHoursPerWeek >= params.releaseHours
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche, gefordert {{ params.releaseHours }} h/Woche"
manual:
  - {requirement: MS-02, reason: Beobachtung ist keine Datenangabe., evidence: Protokolle der Begehungen}
`

// Two centres: the head of Nord has 1.5 hours of release time, the head
// of Süd 2.
const centres = `programmes:
  - {id: musterstadt, name: Familienzentren Musterstadt, authority: Jugendamt Musterstadt, land: DE-HE}
centres:
  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: im Beispiel ohne Träger
    staff:
      - {id: leitung-1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 1.5}
  - id: fz-sued
    name: Familienzentrum Süd
    programme: musterstadt
    kind: family-centre
    providerNote: im Beispiel ohne Träger
    staff:
      - {id: leitung-2, role: leitung-familienzentrum, hoursPerWeek: 30, releaseHoursPerWeek: 2}
`

// Build the compliance report of a year and write it as Markdown; the
// published edition names the head by role, not by her pseudonymous id.
func ExampleCompliance() {
	// Load the rules and the data, and evaluate 2024.
	prog, diags := rules.Load("musterstadt.yaml", []byte(musterstadt))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	ds, diags := kiez.Decode("musterstadt-daten.yaml", []byte(centres))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	// Evaluate validates the data before any rule runs.
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}

	// Build the report and render it.
	r, err := report.Compliance(ev, report.WithPublished())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := report.WriteMarkdown(os.Stdout, r); err != nil {
		fmt.Println(err)
	}
	// Output:
	// # Prüfbericht 2024
	//
	// Familienzentren Musterstadt
	//
	// - **Zeitraum:** 01.01.2024 – 31.12.2024
	// - **Regelwerk:** Familienzentren Musterstadt 1
	// - **Fassung:** zur Veröffentlichung (Zahlen unter 3 unterdrückt)
	//
	// > „<3“: weniger als 3 Personen; der Wert ist zum Schutz der Familien unterdrückt.
	// >
	// > „x“: Wert unterdrückt, damit kein unterdrückter Wert aus Summen oder aus anderen Tabellen des Berichts zurückgerechnet werden kann.
	// >
	// > Die Meldungen sind in der veröffentlichten Fassung aus Regel und Ergebnis gebildet; Belege und Freitexte der Daten sind nicht enthalten.
	//
	// ## Zusammenfassung
	//
	// Regeln: 1. Anforderungen im Katalog: 2, davon manuell zu prüfen: 1.
	//
	// Je Anforderung zählt das schwerste Ergebnis der Regeln, die sie prüfen (Prüffehler vor nicht erfüllt vor keine Angaben vor Ausnahme vor erfüllt vor nicht anwendbar). „manuell“ zählt die Anforderungen, die keine Daten zeigen können und eine Prüferin anhand der genannten Unterlagen prüft.
	//
	// ### Anforderungen nach Ergebnis
	//
	// | Gegenstand | erfüllt | nicht erfüllt | Ausnahme genehmigt | keine Angaben | Prüffehler | nicht anwendbar | manuell | Anforderungen |
	// | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
	// | Familienzentrum Nord | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 2 |
	// | Familienzentrum Süd | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 2 |
	//
	// ## Familienzentrum Nord
	//
	// | Anforderungen | Regel | Einzelfall | Ergebnis | Gewicht | Meldung | Ausnahme | Quelle |
	// | --- | --- | --- | --- | --- | --- | --- | --- |
	// | MS-01 | Leitungsfreistellung | Leitung Familienzentrum | nicht erfüllt | Fehler | Die Regel „Leitungsfreistellung“ ist nicht erfüllt. | – | Konzept § 1 |
	//
	// ## Familienzentrum Süd
	//
	// | Anforderungen | Regel | Einzelfall | Ergebnis | Gewicht | Meldung | Ausnahme | Quelle |
	// | --- | --- | --- | --- | --- | --- | --- | --- |
	// | MS-01 | Leitungsfreistellung | Leitung Familienzentrum | erfüllt | Fehler | Die Regel „Leitungsfreistellung“ ist erfüllt. | – | Konzept § 1 |
	//
	// ## Manuell zu prüfende Anforderungen
	//
	// Diese Anforderungen lassen sich nicht aus Daten prüfen; die Spalte „Prüfgrundlage“ nennt, was stattdessen eingesehen wird.
	//
	// | Anforderung | Inhalt | Warum nicht aus Daten | Prüfgrundlage |
	// | --- | --- | --- | --- |
	// | MS-02 | Der Sozialraum wird beobachtet. | Beobachtung ist keine Datenangabe. | Protokolle der Begehungen |
}

// Render a report in English, as CSV for a spreadsheet: semicolons,
// English number format.
func ExampleWriteCSV() {
	ds, diags := kiez.Decode("musterstadt-daten.yaml", []byte(centres))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	// A staffing report needs no rules: an engine without rule sets
	// validates the data and gives an evaluation without verdicts.
	eng, err := rules.NewEngine(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Staffing(ev, "musterstadt", report.WithLanguage(report.English),
		report.WithFullTimeHours(decimal.NewFromInt(39)))
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteCSV(&buf, r); err != nil {
		fmt.Println(err)
		return
	}
	// The file starts with a byte order mark and ends its lines with
	// CRLF; shown here with LF.
	first, rest, _ := strings.Cut(buf.String(), "\r\n")
	fmt.Printf("%q\n", first)
	fmt.Print(strings.ReplaceAll(rest, "\r\n", "\n"))
	// Output:
	// "\ufeffStaffing overview on 2024-12-31"
	// Familienzentren Musterstadt
	// Programme;Familienzentren Musterstadt
	// Reference date;2024-12-31
	// Full-time week;39 h/week
	// Edition;internal (not for publication)
	//
	// Positions
	// Centre;Role;Id;Hours (h/week);Full-time equivalents;Release time (h/week);Funding;external;since
	// Familienzentrum Nord;Head of family centre;leitung-1;39;1.00;1.5;;no;
	// Familienzentrum Süd;Head of family centre;leitung-2;30;0.77;2;;no;
	//
	// Staff by centre
	// Centre;Positions;Hours (h/week);Full-time equivalents;Release time (h/week)
	// Familienzentrum Nord;1;39;1.00;1.5
	// Familienzentrum Süd;1;30;0.77;2
	// Total;2;69;1.77;3.5
	//
	// Staff by role – By role
	// Role;Positions;Hours (h/week);Full-time equivalents;Release time (h/week)
	// Head of family centre;2;69;1.77;3.5
	// Total;2;69;1.77;3.5
}

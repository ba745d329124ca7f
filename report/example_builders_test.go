package report_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// The annual report of one Wiesbaden KiEZ: a section per topic, each
// with its tables. Sections without data are left out.
func ExampleCentreAnnual() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/wiesbaden")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.CentreAnnual(ev, "kiez-biebrich")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	for _, s := range r.Sections {
		fmt.Printf("%s: %s, %d Tabelle(n)\n", s.ID, s.Title, len(s.Tables))
	}
	// Output:
	// Jahresbericht 2024: KiEZ Biebrich
	// offer-kinds: Angebote nach Art, 1 Tabelle(n)
	// months: Termine und Teilnahmen nach Monat, 1 Tabelle(n)
	// offers: Termine und Teilnahmen nach Angebot, 1 Tabelle(n)
	// meetings: Besprechungen, 1 Tabelle(n)
	// staff: Personal, 2 Tabelle(n)
	// budget: Haushalt 2024, 1 Tabelle(n)
	// targets: Zielvereinbarung 2024, 1 Tabelle(n)
	// evidence: Berichte und Nachweise, 1 Tabelle(n)
	// verdicts: Prüfergebnisse, 2 Tabelle(n)
}

// Bad Kreuznach's Jahresbericht Sozialraumbudget is the programme's
// annual report, published into the Sozialraum under its own title:
// counts of people below 3 are withheld.
func ExampleWithTitle() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.ProgrammeAnnual(ev, "bad-kreuznach-familienzentren",
		report.WithTitle("Jahresbericht Sozialraumbudget 2024"), report.WithPublished())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title, r.Published, r.Threshold)
	for _, s := range r.Sections {
		fmt.Println(s.ID, "–", s.Title)
	}
	// Output:
	// Jahresbericht Sozialraumbudget 2024 true 3
	// centres – Zentren
	// figures – Kennzahlen je Zentrum
	// months – Termine und Teilnahmen nach Monat
	// centre-months – Teilnahmen je Zentrum und Monat
	// offer-kinds – Angebote nach Art
	// catchment – Einzugsbereiche
	// reports – Berichte über 2024
	// programme-meetings – Programmweite Gremien
	// staff – Personal
	// budget – Haushalt 2024
	// verdicts – Prüfergebnisse
}

// A higher threshold withholds more counts of people; each withheld cell
// shows its mark instead of its value.
func ExampleWithThreshold() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/thueringen")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range []int{3, 10} {
		r, err := report.CentreAnnual(ev, "thekiz-regenbogen", report.WithPublished(), report.WithThreshold(n))
		if err != nil {
			fmt.Println(err)
			return
		}
		marks := map[string]int{}
		for _, s := range r.Sections {
			for _, t := range s.Tables {
				for _, row := range t.Rows {
					for _, c := range row.Cells {
						if c.Suppressed != report.NotSuppressed {
							marks[c.Text]++
						}
					}
				}
			}
		}
		fmt.Println(n, marks)
	}
	// Output:
	// 3 map[]
	// 10 map[<10:2 x:1]
}

// A report restricted to some centres, stamped with the time it was made.
func ExampleWithCentres() {
	set, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine([]*rules.RuleSet{set})
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Compliance(ev, report.WithCentres("fz-kirn", "fz-meisenheim"),
		report.WithStamp(time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range r.Meta {
		fmt.Printf("%s (%s): %s\n", f.Label, f.Key, f.Value)
	}
	for _, s := range r.Sections {
		fmt.Println(s.Title)
	}
	// Output:
	// Zeitraum (period): 01.01.2024 – 31.12.2024
	// Regelwerk (rules-version): Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach 2024.1
	// Stand (stamp): 15.01.2025 09:00 UTC
	// Fassung (edition): intern (nicht zur Veröffentlichung)
	// Zusammenfassung
	// Programmweite Anforderungen
	// Familienzentrum Kirn, Kirner Straße
	// Familienzentrum Meisenheim
	// Manuell zu prüfende Anforderungen
}

// The obligation plan of a coming year, derived from the year evaluated:
// a table, and a calendar to import into Outlook or Thunderbird.
func ExamplePlan() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/bad-kreuznach")
	eng, err := rules.NewEngine(sets)
	if err := errors.Join(diags.Err(), dataDiags.Err(), err); err != nil {
		fmt.Println(err)
		return
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, cal, err := report.Plan(ev, "bad-kreuznach-familienzentren", 2025, report.WithCentres("fz-kirn"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title, len(cal.Events), "Termine")
	for _, e := range cal.Events[:5] {
		fmt.Println(e.Date, e.Summary, e.Recurrence)
	}
	// Output:
	// Terminplan 2025: Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach 34 Termine
	// 2025-03-12 Austauschtreffen der Familienzentren mit dem Jugendamt – Programmweit <nil>
	// 2025-06-27 Jahresbericht Sozialraumbudget über 2024 (Koordinierungsstelle Sozialraumbudget) – Programmweit <nil>
	// 2025-09-17 Austauschtreffen der Familienzentren mit dem Jugendamt – Programmweit <nil>
	// 2025-01-06 Eltern-Kind-Gruppe für Familien mit Kindern unter drei Jahren – Familienzentrum Kirn, Kirner Straße FREQ=WEEKLY;BYDAY=MO;UNTIL=20251229
	// 2025-01-08 Offene Sprechstunde der Elternberatung – Familienzentrum Kirn, Kirner Straße FREQ=WEEKLY;BYDAY=WE;UNTIL=20251231
}

// The Folgenabschätzung of a reform: the Leitungsfreistellung raised from
// 2 to 3 hours a week from 2025, on the shipped data.
func ExampleImpact() {
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	old, ruleDiags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if err := errors.Join(diags.Err(), ruleDiags.Err()); err != nil {
		fmt.Println(err)
		return
	}
	raised, err := old.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "3"})
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: rules.Year(2025)},
		whatif.Side{Label: "3 Stunden", RuleSets: []*rules.RuleSet{raised}, Period: rules.Year(2025)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Impact(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	for _, s := range r.Sections {
		fmt.Println(s.ID, "–", s.Title)
	}
	t := r.Section("hours").Tables[0]
	var labels []string
	for _, c := range t.Columns {
		labels = append(labels, c.Label)
	}
	fmt.Println(strings.Join(labels, " | "))
	for _, row := range r.Section("hours").Tables[0].Rows {
		var texts []string
		for _, c := range row.Cells {
			texts = append(texts, c.Text)
		}
		fmt.Println(strings.Join(texts, " | "))
	}
	// Output:
	// Folgenabschätzung
	// summary – Überblick
	// params – Geänderte Parameter
	// by-rule – Ergebnisse je Regel
	// by-requirement – Ergebnisse je Anforderung
	// by-centre – Ergebnisse je Zentrum
	// changes – Geänderte Ergebnisse
	// hours – Fehlende Stunden
	// Programm | Zentrum | Parameter | Einheit | Gegenstände | fehlen bisher | fehlen 3 Stunden | Mehrbedarf
	// bad-kreuznach-familienzentren | fz-bad-sobernheim | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
	// bad-kreuznach-familienzentren | fz-hargesheim | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
	// bad-kreuznach-familienzentren | fz-hueffelsheim | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
	// bad-kreuznach-familienzentren | fz-kirn | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
	// bad-kreuznach-familienzentren | fz-langenlonsheim | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
	// bad-kreuznach-familienzentren | fz-meisenheim | leitungsfreistellung | h/Woche | 1 | 0,5 | 1,5 | 1
	// bad-kreuznach-familienzentren | fz-stromberg | leitungsfreistellung | h/Woche | 1 | 0 | 1 | 1
}

// The annual report compared with the year before: the verdicts that
// changed since 2023.
func ExampleWithPreviousYear() {
	sets, diags := rules.LoadEmbeddedAll()
	ds, dataDiags := kiez.LoadFiles("../testdata/thueringen")
	if err := errors.Join(diags.Err(), dataDiags.Err()); err != nil {
		fmt.Println(err)
		return
	}
	c, err := whatif.Compare(context.Background(), ds,
		whatif.Side{Label: "2023", RuleSets: sets, Period: rules.Year(2023)},
		whatif.Side{Label: "2024", RuleSets: sets, Period: rules.Year(2024)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.CentreAnnual(c.Evaluation(), "thekiz-regenbogen", report.WithPreviousYear(c))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Sections {
		fmt.Println(s.ID, "–", s.Title)
	}
	t := r.Section("previous-year").Tables[0]
	var labels []string
	for _, c := range t.Columns {
		labels = append(labels, c.Label)
	}
	fmt.Println(strings.Join(labels, " | "))
	changed := map[string]int{}
	for _, row := range t.Rows {
		changed[row.Cells[4].Text+" → "+row.Cells[5].Text]++
	}
	fmt.Println(len(t.Rows), changed)
	// Output:
	// offer-kinds – Angebote nach Art
	// fields – Angebote nach Handlungsfeld
	// months – Termine und Teilnahmen nach Monat
	// offers – Termine und Teilnahmen nach Angebot
	// meetings – Besprechungen
	// staff – Personal
	// facilitation – Prozessbegleitung
	// budget – Haushalt 2024
	// impact – Wirkungsziele
	// evidence – Berichte und Nachweise
	// verdicts – Prüfergebnisse
	// previous-year – Vorjahresvergleich
	// Regel | Titel | Gegenstand | Änderung | 2023 | 2024 | Meldung 2024
	// 31 map[erfüllt → erfüllt:10 erfüllt → nicht anwendbar:7 keine Angaben → erfüllt:1 keine Angaben → nicht erfüllt:1 nicht anwendbar → erfüllt:9 nicht erfüllt → erfüllt:3]
}

package report

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// This file is the package's one table of labels. Domain terms (roles,
// offer kinds, meeting kinds, …) are not here: they come from the kiez
// glossary (kiez.Label and its English glosses).

// t returns the label of a key in the language; an unknown key is
// returned as it is, so that a missing label shows in golden files.
func (l Language) t(key string) string {
	de, en, ok := phrase(key)
	if !ok {
		return key
	}
	if l == English {
		return en
	}
	return de
}

// tf formats the label of a key with arguments.
func (l Language) tf(key string, args ...any) string { return fmt.Sprintf(l.t(key), args...) }

// phrase holds every label of the package in German and English.
func phrase(key string) (de, en string, ok bool) {
	ok = true
	switch key {
	// Metadata.
	case "meta.period":
		de, en = "Zeitraum", "Period"
	case "meta.programme":
		de, en = "Programm", "Programme"
	case "meta.authority":
		de, en = "Zuständige Stelle", "Authority"
	case "meta.centre":
		de, en = "Zentrum", "Centre"
	case "meta.centres":
		de, en = "Zentren", "Centres"
	case "meta.kind":
		de, en = "Art", "Kind"
	case "meta.provider":
		de, en = "Träger", "Provider"
	case "meta.location":
		de, en = "Ort", "Location"
	case "meta.phase":
		de, en = "Entwicklungsphase", "Development phase"
	case "meta.organisationForm":
		de, en = "Organisationsform", "Organisation form"
	case "meta.fullTime":
		de, en = "Vollzeit", "Full-time week"
	case "meta.rulesVersion":
		de, en = "Regelwerk", "Rule set"
	case "meta.stamp":
		de, en = "Stand", "Made"
	case "meta.edition":
		de, en = "Fassung", "Edition"
	case "meta.internal":
		de, en = "intern (nicht zur Veröffentlichung)", "internal (not for publication)"
	case "meta.published":
		de, en = "zur Veröffentlichung (Zahlen unter %d unterdrückt)", "for publication (counts below %d suppressed)"
	case "meta.referenceDate":
		de, en = "Stichtag", "Reference date"
	case "meta.planYear":
		de, en = "Planjahr", "Plan year"
	case "meta.basis":
		de, en = "Abgeleitet aus", "Derived from"

	// Notes.
	case "note.suppressed":
		de, en = "„<%d“: weniger als %[1]d Personen; der Wert ist zum Schutz der Familien unterdrückt.", "“<%d”: fewer than %[1]d people; the value is suppressed to protect families."
	case "note.secondary":
		de, en = "„x“: Wert unterdrückt, damit kein unterdrückter Wert aus Summen oder aus anderen Tabellen des Berichts zurückgerechnet werden kann.", "“x”: value withheld so that no suppressed value can be recomputed from totals or from other tables of the report."
	case "note.publishedMessages":
		de, en = "Die Meldungen sind in der veröffentlichten Fassung aus Regel und Ergebnis gebildet; Belege und Freitexte der Daten sind nicht enthalten.", "In the published edition the messages are made from rule and outcome; the evidence and free texts of the data are left out."
	case "message.pass":
		de, en = "Die Regel „%s“ ist erfüllt.", "The rule “%s” is met."
	case "message.fail":
		de, en = "Die Regel „%s“ ist nicht erfüllt.", "The rule “%s” is not met."
	case "message.waived":
		de, en = "Die Regel „%s“ ist nicht erfüllt; eine Ausnahme ist genehmigt.", "The rule “%s” is not met; a waiver is granted."
	case "message.missing-data":
		de, en = "Für die Regel „%s“ fehlen Angaben.", "The rule “%s” lacks data."
	case "message.error":
		de, en = "Die Regel „%s“ konnte nicht geprüft werden.", "The rule “%s” could not be checked."
	case "message.not-applicable":
		de, en = "Die Regel „%s“ ist hier nicht anwendbar.", "The rule “%s” does not apply here."
	case "staff.published":
		de, en = "In der veröffentlichten Fassung sind die Stellen nur nach Funktion zusammengefasst; Funktionen mit weniger als %d Stellen stehen unter „Weitere Funktionen“ und werden ausgelassen, wenn auch diese weniger als %[1]d Stellen sind. Stunden einzelner Stellen und Zentren werden nicht gezeigt.", "In the published edition positions are only summed by role; roles with fewer than %d positions are shown as “Other roles”, which are left out when they too are fewer than %[1]d positions. Hours of single positions and centres are not shown."
	case "role.other":
		de, en = "Weitere Funktionen", "Other roles"
	case "note.noData":
		de, en = "Für diesen Bericht liegen im Zeitraum keine Daten vor.", "There is no data for this report in the period."
	case "note.noResults":
		de, en = "Es liegen keine Prüfergebnisse vor: für die Programme der Daten wurden keine Regeln geladen.", "There are no verdicts: no rules were loaded for the programmes of the data."
	case "note.fieldsOverlap":
		de, en = "Ein Angebot kann mehreren Handlungsfeldern dienen; die Zeilen ergeben daher keine Summe.", "An offer may serve several fields, so the rows do not add up."

	// Titles.
	case "compliance.title":
		de, en = "Prüfbericht %s", "Compliance report %s"
	case "centre.title":
		de, en = "Jahresbericht %s: %s", "Annual report %s: %s"
	case "programme.title":
		de, en = "Programmbericht %s: %s", "Programme report %s: %s"
	case "staffing.title":
		de, en = "Personalübersicht zum %s", "Staffing overview on %s"
	case "plan.title":
		de, en = "Terminplan %d: %s", "Plan of obligations %d: %s"

	// Sections.
	case "section.summary":
		de, en = "Zusammenfassung", "Summary"
	case "section.programmeRules":
		de, en = "Programmweite Anforderungen", "Programme-wide requirements"
	case "section.manual":
		de, en = "Manuell zu prüfende Anforderungen", "Requirements checked by hand"
	case "section.offerKinds":
		de, en = "Angebote nach Art", "Offers by kind"
	case "section.fields":
		de, en = "Angebote nach Handlungsfeld", "Offers by field"
	case "section.months":
		de, en = "Termine und Teilnahmen nach Monat", "Sessions and attendance by month"
	case "section.offers":
		de, en = "Termine und Teilnahmen nach Angebot", "Sessions and attendance by offer"
	case "section.kitas":
		de, en = "Kitas im Einzugsbereich", "Kitas of the catchment"
	case "section.meetings":
		de, en = "Besprechungen", "Meetings"
	case "section.required":
		de, en = "Ist und Soll der Rhythmusprüfungen", "Counted against required (cadence checks)"
	case "section.staff":
		de, en = "Personal", "Staff"
	case "section.facilitation":
		de, en = "Prozessbegleitung", "Process facilitation"
	case "section.budget":
		de, en = "Haushalt %d", "Budget %d"
	case "section.targets":
		de, en = "Zielvereinbarung %d", "Target agreement %d"
	case "section.impact":
		de, en = "Wirkungsziele", "Impact goals"
	case "section.evidence":
		de, en = "Berichte und Nachweise", "Reports and records"
	case "section.verdicts":
		de, en = "Prüfergebnisse", "Verdicts"
	case "section.centres":
		de, en = "Zentren", "Centres"
	case "section.figures":
		de, en = "Kennzahlen je Zentrum", "Key figures by centre"
	case "section.centreMonths":
		de, en = "Teilnahmen je Zentrum und Monat", "Attendance by centre and month"
	case "section.catchment":
		de, en = "Einzugsbereiche", "Catchments"
	case "section.reports":
		de, en = "Berichte über %d", "Reports on %d"
	case "section.programmeMeetings":
		de, en = "Programmweite Gremien", "Programme-wide meetings"
	case "section.phases":
		de, en = "Entwicklungsphasen und Organisationsformen", "Development phases and organisation forms"
	case "section.positions":
		de, en = "Stellen", "Positions"
	case "section.staffByCentre":
		de, en = "Personal je Zentrum", "Staff by centre"
	case "section.staffByRole":
		de, en = "Personal je Rolle", "Staff by role"
	case "section.plan":
		de, en = "Termine und Pflichten", "Obligations"
	case "section.planMonths":
		de, en = "Termine je Monat", "Dates by month"

	// Tables.
	case "table.requirementStatus":
		de, en = "Anforderungen nach Ergebnis", "Requirements by verdict"
	case "table.byRole":
		de, en = "Nach Rolle", "By role"
	case "table.positions":
		de, en = "Stellen", "Positions"
	case "table.programmeReports":
		de, en = "Berichte des Programms", "Reports of the programme"
	case "table.meetingAttendance":
		de, en = "Teilnahme der Zentren an den Gremien", "Centres' attendance of the meetings"
	case "table.phases":
		de, en = "Zentren nach Entwicklungsphase", "Centres by development phase"
	case "table.organisationForms":
		de, en = "Zentren nach Organisationsform", "Centres by organisation form"

	// Charts.
	case "chart.verdicts":
		de, en = "Anforderungen je Zentrum nach Ergebnis", "Requirements per centre by verdict"
	case "chart.attendanceMonth":
		de, en = "Teilnahmen je Monat (Erwachsene und Kinder)", "Attendance per month (adults and children)"
	case "chart.attendanceCentre":
		de, en = "Teilnahmen je Zentrum", "Attendance per centre"
	case "chart.facilitation":
		de, en = "Stunden Prozessbegleitung je Monat", "Hours of process facilitation per month"
	case "chart.staffRoles":
		de, en = "Wochenstunden je Rolle", "Weekly hours by role"
	case "chart.planMonths":
		de, en = "Termine je Monat", "Dates per month"

	// Columns.
	case "col.subject":
		de, en = "Gegenstand", "Subject"
	case "col.manual":
		de, en = "manuell", "manual"
	case "col.requirements":
		de, en = "Anforderungen", "Requirements"
	case "col.requirement":
		de, en = "Anforderung", "Requirement"
	case "col.requirementText":
		de, en = "Inhalt", "Text"
	case "col.reason":
		de, en = "Warum nicht aus Daten", "Why not from data"
	case "col.reviewEvidence":
		de, en = "Prüfgrundlage", "Evidence to review"
	case "col.rule":
		de, en = "Regel", "Rule"
	case "col.item":
		de, en = "Einzelfall", "Item"
	case "col.outcome":
		de, en = "Ergebnis", "Verdict"
	case "col.severity":
		de, en = "Gewicht", "Severity"
	case "col.message":
		de, en = "Meldung", "Message"
	case "col.evidence":
		de, en = "Belege", "Evidence"
	case "col.waiver":
		de, en = "Ausnahme", "Waiver"
	case "col.source":
		de, en = "Quelle", "Source"
	case "col.offerKind":
		de, en = "Angebotsart", "Offer kind"
	case "col.offers":
		de, en = "Angebote", "Offers"
	case "col.offer":
		de, en = "Angebot", "Offer"
	case "col.sessions":
		de, en = "Termine", "Sessions"
	case "col.adults":
		de, en = "Erwachsene", "Adults"
	case "col.children":
		de, en = "Kinder", "Children"
	case "col.attendance":
		de, en = "Teilnahmen", "Attendance"
	case "col.families":
		de, en = "Familien", "Families"
	case "col.cancelled":
		de, en = "ausgefallen", "cancelled"
	case "col.format":
		de, en = "Format", "Format"
	case "col.field":
		de, en = "Handlungsfeld", "Field"
	case "col.month":
		de, en = "Monat", "Month"
	case "col.kita":
		de, en = "Kita", "Kita"
	case "col.municipality":
		de, en = "Ort", "Municipality"
	case "col.meetings":
		de, en = "Besprechungen", "Meetings"
	case "col.meetingKind":
		de, en = "Besprechungsart", "Kind of meeting"
	case "col.scope":
		de, en = "Ebene", "Level"
	case "col.held":
		de, en = "gehalten", "held"
	case "col.dates":
		de, en = "Daten", "Dates"
	case "col.ruleMessage":
		de, en = "Prüfung (Soll laut Regel)", "Check (required by the rule)"
	case "col.actual":
		de, en = "Ist", "Counted"
	case "col.required":
		de, en = "Soll", "Required"
	case "col.short":
		de, en = "Zeiträume mit zu wenig", "Periods short"
	case "col.role":
		de, en = "Rolle", "Role"
	case "col.positions":
		de, en = "Stellen", "Positions"
	case "col.hours":
		de, en = "Stunden", "Hours"
	case "col.fte":
		de, en = "Vollzeitäquivalente", "Full-time equivalents"
	case "col.release":
		de, en = "Freistellung", "Release time"
	case "col.staffID":
		de, en = "Kennung", "Id"
	case "col.funding":
		de, en = "Finanzierung", "Funding"
	case "col.external":
		de, en = "extern", "external"
	case "col.since":
		de, en = "seit", "since"
	case "col.facilitationHours":
		de, en = "Prozessbegleitung", "Process facilitation"
	case "col.by":
		de, en = "durch", "by"
	case "col.category":
		de, en = "Kategorie", "Category"
	case "col.planned":
		de, en = "geplant", "planned"
	case "col.spent":
		de, en = "ausgegeben", "spent"
	case "col.difference":
		de, en = "Differenz", "difference"
	case "col.share":
		de, en = "Quote", "share"
	case "col.note":
		de, en = "Anmerkung", "Note"
	case "col.target":
		de, en = "Ziel", "Target"
	case "col.metric":
		de, en = "Messgröße", "Metric"
	case "col.targetValue":
		de, en = "Zielwert", "Target value"
	case "col.delivered":
		de, en = "erbracht (gezählt)", "delivered (counted)"
	case "col.reported":
		de, en = "gemeldet", "reported"
	case "col.reached":
		de, en = "erreicht", "reached"
	case "col.goal":
		de, en = "Wirkungsziel", "Impact goal"
	case "col.indicator":
		de, en = "Indikator", "Indicator"
	case "col.unit":
		de, en = "Einheit", "Unit"
	case "col.baseline":
		de, en = "Ausgangswert", "Baseline"
	case "col.measured":
		de, en = "Messwert", "Measured"
	case "col.measuredOn":
		de, en = "gemessen am", "measured on"
	case "col.reviewed":
		de, en = "überprüft am", "reviewed on"
	case "col.evidenceKind":
		de, en = "Art", "Kind"
	case "col.date":
		de, en = "Datum", "Date"
	case "col.reportYear":
		de, en = "Berichtsjahr", "Year"
	case "col.about":
		de, en = "betrifft", "about"
	case "col.centre":
		de, en = "Zentrum", "Centre"
	case "col.centres":
		de, en = "Zentren", "Centres"
	case "col.location":
		de, en = "Ort", "Location"
	case "col.provider":
		de, en = "Träger", "Provider"
	case "col.phase":
		de, en = "Phase", "Phase"
	case "col.phaseSince":
		de, en = "Phase seit", "Phase since"
	case "col.organisationForm":
		de, en = "Organisationsform", "Organisation form"
	case "col.catchmentKitas":
		de, en = "Kitas im Einzugsbereich", "Kitas in catchment"
	case "col.kitasReached":
		de, en = "Kitas mit Terminen", "Kitas with sessions"
	case "col.kitaSessions":
		de, en = "Termine in Kitas", "Sessions in Kitas"
	case "col.published":
		de, en = "veröffentlicht", "published"
	case "col.first":
		de, en = "Beginn", "First"
	case "col.rhythm":
		de, en = "Rhythmus", "Rhythm"
	case "col.datesInYear":
		de, en = "Termine im Jahr", "Dates in the year"
	case "col.planKind":
		de, en = "Art", "Kind"
	case "col.title":
		de, en = "Titel", "Title"
	case "col.basis":
		de, en = "Grundlage", "Derived from"

	// Texts.
	case "compliance.rules":
		de, en = "Regeln: %d. Anforderungen im Katalog: %d, davon manuell zu prüfen: %d.", "Rules: %d. Requirements in the catalogue: %d, checked by hand: %d."
	case "compliance.uncovered":
		de, en = "Weder durch Regeln geprüft noch als manuell erklärt: %s.", "Neither checked by rules nor explained as manual: %s."
	case "compliance.statusRule":
		de, en = "Je Anforderung zählt das schwerste Ergebnis der Regeln, die sie prüfen (Prüffehler vor nicht erfüllt vor keine Angaben vor Ausnahme vor erfüllt vor nicht anwendbar). „manuell“ zählt die Anforderungen, die keine Daten zeigen können und eine Prüferin anhand der genannten Unterlagen prüft.", "Each requirement counts with the most serious verdict of the rules checking it (error before fail before missing data before waived before pass before not applicable). “manual” counts the requirements no data can show, which a reviewer checks from the documents named."
	case "compliance.noCentreResults":
		de, en = "Für dieses Zentrum liegen keine Prüfergebnisse vor.", "There are no verdicts for this centre."
	case "compliance.manualText":
		de, en = "Diese Anforderungen lassen sich nicht aus Daten prüfen; die Spalte „Prüfgrundlage“ nennt, was stattdessen eingesehen wird.", "These requirements cannot be checked from data; the column “Evidence to review” names what a reviewer looks at instead."
	case "meetings.text":
		de, en = "Ob genug Besprechungen stattfanden, sagen die Regeln, deren Ausdrücke die Besprechungsart nennen: ihr schwerstes Ergebnis und seine Meldung stehen in den letzten Spalten.", "Whether enough meetings took place is said by the rules whose expressions name the kind of meeting: their most serious verdict and its message are in the last columns."
	case "verdicts.notApplicable":
		de, en = "%d nicht anwendbare Prüfungen sind nicht aufgeführt; der Prüfbericht nennt sie.", "%d verdicts “not applicable” are not listed; the compliance report lists them."
	case "kitas.text":
		de, en = "%d Kitas im Einzugsbereich, davon %d mit Terminen im Zeitraum.", "%d Kitas in the catchment, %d of them with sessions in the period."
	case "required.text":
		de, en = "Aus den Belegen der Regelprüfung: wie viele Termine (oder Stunden) gezählt wurden und wie viele die Regel in den geprüften Zeiträumen verlangte; entschuldigte Zeiträume (Schließzeiten) zählen nicht mit.", "From the evidence of the rules: how many dates (or hours) were counted and how many the rule required in the periods it judged; excused periods (closures) do not count."
	case "staff.text":
		de, en = "Stellen am Stichtag %s; Vollzeitäquivalente auf zwei Nachkommastellen gerundet.", "Positions held on %s; full-time equivalents rounded to two places."
	case "staff.noFullTime":
		de, en = "Keine Vollzeit angegeben: Vollzeitäquivalente bleiben leer.", "No full-time week given: full-time equivalents stay empty."
	case "targets.text":
		de, en = "„erbracht“ ist aus den Terminen und Teilnahmen der Daten gezählt; „gemeldet“ ist der Wert, den das Zentrum gemeldet hat.", "“delivered” is counted from the sessions and attendance in the data; “reported” is the value the centre reported."
	case "figures.text":
		de, en = "Teilnahmen zählen Erwachsene und Kinder je Termin; Stellen und Vollzeitäquivalente am Stichtag %s.", "Attendance counts adults and children per session; positions and full-time equivalents on %s."
	case "centreMonths.text":
		de, en = "Teilnahmen (Erwachsene und Kinder) je Zentrum und Monat.", "Attendance (adults and children) by centre and month."
	case "catchment.text":
		de, en = "Termine, die in einer Kita des Einzugsbereichs stattfanden oder ihr dienten.", "Sessions held in or for a Kita of the catchment."
	case "reports.text":
		de, en = "Datum, an dem der Bericht über %d vorlag; „–“: liegt nicht vor.", "Date the report on %d was delivered; “–”: not on file."
	case "phases.mixed":
		de, en = "%d Zentren verbinden mehrere Organisationsformen und zählen bei jeder.", "%d centres combine several organisation forms and count with each."
	case "plan.text":
		de, en = "Abgeleitet aus den Daten des Vorjahres: Angebote mit Rhythmus (RRULE) laufen weiter, Feiertage und bekannte Schließzeiten sind ausgenommen; Besprechungen folgen dem Muster der Daten (gleicher n-ter Wochentag im Monat); Jahresberichte sind zum Datum des Vorjahres fällig.", "Derived from the previous year's data: offers with a rhythm (RRULE) continue, public holidays and known closures excepted; meetings follow the pattern of the data (same nth weekday of the month); annual reports are due on the previous year's date."
	case "plan.offer":
		de, en = "Angebot", "Offer"
	case "plan.meeting":
		de, en = "Besprechung", "Meeting"
	case "plan.report":
		de, en = "Bericht", "Report"
	case "plan.offers":
		de, en = "Angebotstermine", "Offer dates"
	case "plan.meetings":
		de, en = "Besprechungen", "Meetings"
	case "plan.reports":
		de, en = "Berichte", "Reports"
	case "plan.basisOffer":
		de, en = "Rhythmus des Angebots (%s)", "The offer's rhythm (%s)"
	case "plan.basisMeetings":
		de, en = "%d Termine %s", "%d meetings %s"
	case "plan.basisOnFile":
		de, en = "liegt vor (%s)", "on file (%s)"
	case "plan.basisReport":
		de, en = "wie der Bericht über %d (%s)", "like the report on %d (%s)"
	case "plan.reportAbout":
		de, en = "%s über %d", "%s on %d"
	case "plan.asIn":
		de, en = "wie %s", "as in %s"
	case "plan.yearly":
		de, en = "jährlich", "yearly"
	case "plan.badRecurrence":
		de, en = "Der Rhythmus des Angebots „%s“ (%s) ist nicht lesbar und fehlt im Plan: %v", "The rhythm of the offer “%s” (%s) cannot be read and is missing from the plan: %v"
	case "plan.noHolidays":
		de, en = "Für das Land %s sind keine Feiertage bekannt; sie sind nicht ausgenommen.", "No public holidays are known for %s; they are not excepted."

	// Rhythms.
	case "rhythm.daily":
		de, en = "täglich", "daily"
	case "rhythm.days":
		de, en = "alle %d Tage", "every %d days"
	case "rhythm.weekly":
		de, en = "wöchentlich", "weekly"
	case "rhythm.weeks":
		de, en = "alle %d Wochen", "every %d weeks"
	case "rhythm.monthly":
		de, en = "monatlich", "monthly"
	case "rhythm.months":
		de, en = "alle %d Monate", "every %d months"
	case "rhythm.quarterly":
		de, en = "vierteljährlich", "quarterly"
	case "rhythm.halfYearly":
		de, en = "halbjährlich", "half-yearly"
	case "rhythm.yearly":
		de, en = "jährlich", "yearly"
	case "rhythm.years":
		de, en = "alle %d Jahre", "every %d years"
	case "rhythm.nthWeekday":
		de, en = "am %d. %s", "on the %d. %s"
	case "rhythm.lastWeekday":
		de, en = "am letzten %s", "on the last %s"
	case "rhythm.monthDay":
		de, en = "am %d.", "on day %d"
	case "rhythm.count":
		de, en = "%d-mal", "%d times"

	// Words.
	case "total":
		de, en = "Summe", "Total"
	case "yes":
		de, en = "ja", "yes"
	case "no":
		de, en = "nein", "no"
	case "since":
		de, en = "seit %s", "since %s"
	case "equivalentTo":
		de, en = "anstelle: %s", "instead of: %s"
	case "provider.open":
		de, en = "offen", "open"
	case "subject.programme":
		de, en = "Programmweit", "Programme-wide"
	case "scope.centre":
		de, en = "Zentrum", "centre"
	case "scope.programme":
		de, en = "Programm", "programme"
	case "unit.hours":
		de, en = "h", "h"
	case "unit.hoursWeek":
		de, en = "h/Woche", "h/week"
	case "legend":
		de, en = "Legende", "Legend"
	case "contents":
		de, en = "Inhalt", "Contents"
	case "chart.suppressedNote":
		de, en = "Unterdrückte Werte sind im Diagramm nicht dargestellt.", "Suppressed values are not drawn."
	case "severity.error":
		de, en = "Fehler", "error"
	case "severity.warning":
		de, en = "Warnung", "warning"
	case "severity.info":
		de, en = "Hinweis", "info"
	default:
		ok = false
	}
	return de, en, ok
}

// outcome returns the label of a verdict: the rules package's German
// label, or the English one.
func (l Language) outcome(o rules.Outcome) string {
	if l != English {
		return o.Label()
	}
	switch o {
	case rules.OutcomePass:
		return "pass"
	case rules.OutcomeFail:
		return "fail"
	case rules.OutcomeNotApplicable:
		return "not applicable"
	case rules.OutcomeWaived:
		return "waived"
	case rules.OutcomeMissingData:
		return "missing data"
	case rules.OutcomeError:
		return "error"
	}
	return "invalid"
}

// severity returns the label of a verdict's severity.
func (l Language) severity(s diag.Severity) string {
	return l.t("severity." + s.String())
}

// l10nTerm returns the label of a glossary term: kiez.Label in German, the
// glossary's English gloss (capitalised) in English; the id itself when
// the glossary does not know it.
func l10nTerm(l Language, vocabulary, id string) string {
	if l != English {
		return kiez.Label(vocabulary, id)
	}
	if v, ok := kiez.LookupVocabulary(vocabulary); ok {
		for _, t := range v.Terms {
			if t.ID == id && t.English != "" {
				r, n := utf8.DecodeRuneInString(t.English)
				return string(unicode.ToUpper(r)) + t.English[n:]
			}
		}
	}
	return id
}

// l10nFunding names a source of funding: a budget category of the
// glossary, else the id.
func l10nFunding(l Language, id string) any {
	if id == "" {
		return nil
	}
	return labelled{id, l10nTerm(l, kiez.VocabBudgetCategory, id)}
}

// terms joins the labels of glossary terms.
func (l Language) terms(vocabulary string, ids []string) string {
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = l10nTerm(l, vocabulary, id)
	}
	return strings.Join(labels, ", ")
}

// orderedTerms orders ids as the glossary lists them; ids it does not
// know follow in the order given.
func (l Language) orderedTerms(vocabulary string, ids []string) []string {
	v, _ := kiez.LookupVocabulary(vocabulary)
	order := v.IDs()
	out := slices.Clone(ids)
	pos := func(id string) int {
		if i := slices.Index(order, id); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(out, func(a, b string) int { return pos(a) - pos(b) })
	return out
}

// shortDate formats a day without its year: 10.01. (German), Jan 10
// (English).
func (l Language) shortDate(d date.Date) string {
	if l == English {
		return l.monthShort(d.Month()) + " " + fmt.Sprint(d.Day())
	}
	return fmt.Sprintf("%02d.%02d.", d.Day(), int(d.Month()))
}

// weekdayAdverb says "on Tuesdays": dienstags, on Tuesday.
func (l Language) weekdayAdverb(d time.Weekday) string {
	if l == English {
		return "on " + l.weekdayName(d)
	}
	return strings.ToLower(l.weekdayName(d)) + "s"
}

// yesNo is the text of a truth value: ja or nein.
func (l Language) yesNo(b bool) string {
	if b {
		return l.t("yes")
	}
	return l.t("no")
}

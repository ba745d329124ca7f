package main

// tableMessages are the words of the tables and lines the commands write
// as their result (check, explain, validate, lint, plan, diff, test), part
// of the message table (allMessages adds them). The values in them
// (outcomes, severities, periods, days, numbers) are said by labels.go.
func tableMessages() map[string]message {
	return map[string]message{
		// Counted words (texts.count).
		"word.rule.one":         {"Regel", "rule"},
		"word.rule.many":        {"Regeln", "rules"},
		"word.requirement.one":  {"Anforderung", "requirement"},
		"word.requirement.many": {"Anforderungen", "requirements"},
		"word.param.one":        {"Parameter", "param"},
		"word.param.many":       {"Parameter", "params"},
		"word.manualCheck.one":  {"manuelle Prüfung", "manual check"},
		"word.manualCheck.many": {"manuelle Prüfungen", "manual checks"},
		"word.element.one":      {"Element", "element"},
		"word.element.many":     {"Elemente", "elements"},

		// Where rules come from (ruleSet.describe).
		"sel.embeddedFile": {"eingebettet (%s)", "embedded (%s)"},
		"sel.notChecked":   {"Hinweis: %s (Programm %s) wird nicht geprüft, weil --programme es nicht nennt.", "Note: %s (programme %s) is not checked, as --programme does not name it."},
		"sel.notCompared":  {"Hinweis: %s (Programm %s) wird nicht verglichen, weil --programme es nicht nennt.", "Note: %s (programme %s) is not compared, as --programme does not name it."},
		"sel.noRulesNote":  {"Hinweis: Für das Programm %s gibt es keine Regeln (weder eingebettet noch mit --rules); seine Zentren werden nicht geprüft.", "Note: there are no rules for programme %s (neither embedded nor with --rules); its centres are not checked."},
		"sel.version":      {", Version %s", ", version %s"},

		// kiez check, as text
		"check.periodLine":     {"Prüfzeitraum %s (%s)", "Period %s (%s)"},
		"check.programme":      {"Programm %s – %s", "Programme %s – %s"},
		"check.rulesLine":      {"Regeln: %s; %s", "Rules: %s; %s"},
		"check.programmeWide":  {"Programmweite Regeln", "Programme-wide rules"},
		"check.centre":         {"Zentrum %s", "Centre %s"},
		"check.centreNamed":    {"Zentrum %s – %s", "Centre %s – %s"},
		"check.header":         {"Ergebnis\tSchwere\tRegel\tGegenstand\tAnforderungen\tMeldung", "Outcome\tSeverity\tRule\tSubject\tRequirements\tMessage"},
		"check.noResults":      {"keine Ergebnisse", "no results"},
		"check.noProblems":     {"keine Probleme (ausgeblendet: %s)", "no problems (hidden: %s)"},
		"check.allHidden":      {"alle Ergebnisse ausgeblendet (%s)", "all results hidden (%s)"},
		"check.hidden":         {"(ausgeblendet: %s)", "(hidden: %s)"},
		"check.waiver":         {" (Ausnahme %s: %s)", " (waiver %s: %s)"},
		"check.noCentres":      {"Die Daten enthalten keine Zentren dieses Programms.", "The data holds no centres of this programme."},
		"check.summary":        {"Zusammenfassung %s", "Summary %s"},
		"check.subject":        {"Gegenstand", "Subject"},
		"check.programmeRow":   {"Programm", "programme"},
		"check.total":          {"gesamt", "total"},
		"check.explainHint":    {"Begründung eines Ergebnisses:", "To explain a verdict:"},
		"check.explainCommand": {"kiez explain --rule REGEL --subject GEGENSTAND", "kiez explain --rule RULE --subject SUBJECT"},

		// kiez check --format xlsx: sheets, headers, the note of a run cut
		// short and the workbook's language.
		"check.xlsx.results":      {"Ergebnisse", "Results"},
		"check.xlsx.counts":       {"Anzahl", "Counts"},
		"check.xlsx.programme":    {"Programm", "Programme"},
		"check.xlsx.rule":         {"Regel", "Rule"},
		"check.xlsx.subject":      {"Gegenstand", "Subject"},
		"check.xlsx.outcome":      {"Ergebnis", "Outcome"},
		"check.xlsx.severity":     {"Schwere", "Severity"},
		"check.xlsx.requirements": {"Anforderungen", "Requirements"},
		"check.xlsx.message":      {"Meldung", "Message"},
		"check.xlsx.stopped":      {"Die Prüfung wurde nach --timeout abgebrochen: es fehlen Ergebnisse.", "The check was stopped by --timeout: results are missing."},
		"check.xlsx.language":     {"de-DE", "en-GB"},

		// kiez explain, as text
		"explain.ruleLine":          {"Regel %s – %s", "Rule %s – %s"},
		"explain.programmeLine":     {"Programm %s – %s; Regeln: %s, Zeile %d", "Programme %s – %s; rules: %s, line %d"},
		"explain.subject":           {"Gegenstand", "Subject"},
		"explain.period":            {"Zeitraum", "Period"},
		"explain.outcome":           {"Ergebnis", "Outcome"},
		"explain.severity":          {"Schwere", "Severity"},
		"explain.requirements":      {"Anforderungen", "Requirements"},
		"explain.source":            {"Quelle", "Source"},
		"explain.message":           {"Meldung", "Message"},
		"explain.waiver":            {"Ausnahme", "Waiver"},
		"explain.error":             {"Prüffehler", "Error"},
		"explain.ruleText":          {"Regeltext", "Rule text"},
		"explain.evaluation":        {"Auswertung (lets und assert, jeder Teilausdruck mit seinem Wert)", "Evaluation (lets and assert, each subexpression with its value)"},
		"explain.evidence":          {"Nachweise (evidence)", "Evidence"},
		"explain.none":              {"keine", "none"},
		"explain.notEvaluatedNA":    {"nicht ausgewertet: die Regel ist nicht anwendbar (siehe Meldung)", "not evaluated: the rule does not apply (see the message)"},
		"explain.notEvaluatedError": {"nicht ausgewertet: die Regel konnte nicht geprüft werden", "not evaluated: the rule could not be checked"},
		"explain.noParts":           {"die Bedingung hat keine Teile, die sich einzeln zeigen lassen", "the assertion has no parts that can be shown one by one"},
		"explain.waiverText":        {"%s: %s; genehmigt von %s am %s, gültig ab %s", "%s: %s; granted by %s on %s, valid from %s"},
		"explain.waiverUntil":       {" bis %s", " until %s"},
		"explain.params":            {"Parameter am %s", "Params on %s"},
		"explain.noValue":           {"kein Wert in Kraft", "no value in force"},
		"explain.since":             {" (gilt ab %s", " (in force from %s"},
		"explain.earlierValue":      {"%s ab %s", "%s from %s"},
		"explain.earlier":           {"; vorher %s", "; before: %s"},

		// kiez lint, as text
		"lint.notCompiled":    {"kompiliert nicht", "does not compile"},
		"lint.notRead":        {"nicht gelesen", "not read"},
		"lint.heading":        {"%s: Programm %s – %s%s", "%s: programme %s – %s%s"},
		"lint.validOpen":      {"Gilt ohne Anfangsdatum (kein validFrom, keine Parameter)", "Applies without a first day (no validFrom, no params)"},
		"lint.validDerived":   {"Gilt ab %s (ohne validFrom: der erste Tag, an dem jeder Parameter einen Wert hat)", "Applies from %s (no validFrom: the first day on which every param has a value)"},
		"lint.validFrom":      {"Gilt ab %s (validFrom)", "Applies from %s (validFrom)"},
		"lint.validUntil":     {", bis %s (validUntil)", ", until %s (validUntil)"},
		"lint.coverage":       {"Abdeckung des Anforderungskatalogs", "Coverage of the requirement catalogue"},
		"lint.coverageHeader": {"Anforderung\tPrüfung\tRegeln oder Nachweis", "Requirement\tCheck\tRules or evidence"},
		"lint.missing":        {"FEHLT", "MISSING"},
		"lint.byRule":         {"Regel", "rule"},
		"lint.byHand":         {"manuell", "manual"},
		"lint.notCatalogued":  {"%s (nicht im Katalog)", "%s (not in the catalogue)"},
		"lint.coverageSum":    {"%d von %d abgedeckt: %d durch Regeln, %d manuell, %d fehlen", "%d of %d covered: %d by rules, %d by hand, %d missing"},
		"lint.costs":          {"Aufwand der Regeln (geschätzte Schritte einer Regel für ein Zentrum; Obergrenze %s)", "Cost of the rules (estimated steps of a rule for one centre; ceiling %s)"},

		// kiez validate, as text: the header of the summary, its cells
		// separated by tabs.
		"validate.header": {"Programm\tZentren\tKitas\tPersonal (VZÄ am %s)\tAngebote\tTermine\t", "Programme\tCentres\tKitas\tStaff (FTE on %s)\tOffers\tSessions\t"},

		// The note that ends a text output cut short by --timeout.
		"timeout.stopped": {"Abgebrochen: Das Zeitlimit (--timeout %v) ist abgelaufen; die Ausgabe ist unvollständig.", "Stopped: the time limit (--timeout %v) ran out; the output is incomplete."},

		// kiez diff, as text
		"diff.title":            {"Folgenabschätzung: %s → %s", "Impact assessment: %s → %s"},
		"diff.side":             {"%s: %s; Zeitraum %s", "%s: %s; period %s"},
		"diff.yearShift":        {"Jahre in Gegenständen und Meldungen von %s um %d verschoben verglichen (%s ↔ %s).", "Years in the subjects and messages of %s compared shifted by %d (%s ↔ %s)."},
		"diff.changed":          {"%d von %d Ergebnissen geändert (%d neu mit Problem, %d ohne Problem mehr), %d unverändert; %s geändert.", "%d of %d verdicts changed (%d with a new problem, %d no longer with a problem), %d unchanged; %s changed."},
		"diff.overrides":        {"; geändert: %s", "; changed: %s"},
		"diff.params":           {"Geänderte Parameter", "Changed params"},
		"diff.rules":            {"Regeln", "Rules"},
		"diff.ruleAdded":        {"neu", "added"},
		"diff.ruleRemoved":      {"entfällt", "removed"},
		"diff.ruleRenamed":      {"umbenannt, bisher %s", "renamed, formerly %s"},
		"diff.noChanges":        {"Keine geänderten Ergebnisse", "No changed verdicts"},
		"diff.allEqual":         {"Jedes Ergebnis ist auf beiden Seiten gleich (Ergebnis und Meldung).", "Every verdict is the same on both sides (outcome and message)."},
		"diff.changes":          {"Geänderte Ergebnisse", "Changed verdicts"},
		"diff.programme":        {"Programm %s", "Programme %s"},
		"diff.before":           {" (bisher %s)", " (before: %s)"},
		"diff.perRule":          {"Änderungen je Regel", "Changes per rule"},
		"diff.perRequirement":   {"Änderungen je Anforderung", "Changes per requirement"},
		"diff.perCentre":        {"Änderungen je Zentrum", "Changes per centre"},
		"diff.hours":            {"Fehlende Stunden (Summe der Fehlbeträge je Gegenstand)", "Missing hours (the shortfalls of the subjects added up)"},
		"diff.sum":              {"Summe", "total"},
		"diff.programmeWide":    {"(programmweit)", "(programme-wide)"},
		"diff.col.programme":    {"Programm", "Programme"},
		"diff.col.param":        {"Parameter", "Param"},
		"diff.col.unit":         {"Einheit", "Unit"},
		"diff.col.history":      {"Verlauf %s", "History %s"},
		"diff.col.rules":        {"Regeln", "Rules"},
		"diff.col.rule":         {"Regel", "Rule"},
		"diff.col.change":       {"Änderung", "Change"},
		"diff.col.title":        {"Titel", "Title"},
		"diff.col.requirement":  {"Anforderung", "Requirement"},
		"diff.col.centre":       {"Zentrum", "Centre"},
		"diff.col.subject":      {"Gegenstand", "Subject"},
		"diff.col.subjects":     {"Gegenstände", "Subjects"},
		"diff.col.missing":      {"fehlen %s", "missing %s"},
		"diff.col.extra":        {"Mehrbedarf", "Extra need"},
		"diff.col.missingHours": {"fehlende Stunden", "missing hours"},
		"diff.col.message":      {"Meldung %s", "Message %s"},
		"diff.col.changed":      {"geändert", "changed"},
		"diff.col.worse":        {"neu mit Problem", "new problem"},
		"diff.col.better":       {"ohne Problem mehr", "problem gone"},

		// kiez gen: the header of the summary, its cells separated by tabs.
		"gen.header": {"Programm\tZentren\tVorlagen\tmit Mängeln\t", "Programme\tCentres\tTemplates\twith shortfalls\t"},
	}
}

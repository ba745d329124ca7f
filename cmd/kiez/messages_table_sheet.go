package main

// sheetMessages are the texts of kiez import and kiez export, part of
// the message table (messageTable adds them): their synopses, usage
// texts, flag help, usage errors and the lines they print.
func sheetMessages() map[string]message {
	return map[string]message{
		// Counted words: "<key>.one" for 1, "<key>.many" for any other
		// number (texts.count).
		"word.session.one":  {"Termin", "session"},
		"word.session.many": {"Termine", "sessions"},
		"word.centre.one":   {"Zentrum", "centre"},
		"word.centre.many":  {"Zentren", "centres"},
		"word.row.one":      {"Zeile", "row"},
		"word.row.many":     {"Zeilen", "rows"},
		"word.error.one":    {"Fehler", "error"},
		"word.error.many":   {"Fehler", "errors"},
		"word.warning.one":  {"Warnung", "warning"},
		"word.warning.many": {"Warnungen", "warnings"},

		// kiez import
		"import.synopsis": {
			"kiez import [Schalter] --into DATEN.yaml|VERZEICHNIS -o AUS.yaml DATEI.xlsx|DATEI.csv\n       kiez import --template DATEI.xlsx|DATEI.csv [--into DATEN --centre ID]",
			"kiez import [flags] --into DATA.yaml|DIR -o OUT.yaml FILE.xlsx|FILE.csv\n       kiez import --template FILE.xlsx|FILE.csv [--into DATA --centre ID]"},
		"import.about": {`
Übernimmt eine Liste von Terminen, die in einer Tabelle geführt wird:
eine Zeile je Termin mit Datum, Angebot, Kita und der Zahl der
Erwachsenen, Kinder und Familien, die kamen; keine Namen und keine
Notizen (eine unbekannte Spalte ist ein Fehler). Die Tabelle ist eine
XLSX-Arbeitsmappe (das Blatt "Termine" oder ihr einziges Blatt) oder
eine CSV-Datei (UTF-8 mit oder ohne Byte-Order-Mark, oder Windows-1252;
getrennt durch ";", "," oder Tabulatoren, wie die Kopfzeile zeigt; Daten
TT.MM.JJJJ oder JJJJ-MM-TT; Dezimalkomma oder -punkt). Die Spalten, nach
deutscher Überschrift oder Schlüssel: Zentrum (zentrum), Datum (datum),
Angebot (angebot), Kita (kita), Stunden (stunden), Erwachsene
(erwachsene), Kinder (kinder), Familien (familien), Themenschwerpunkt
(themenschwerpunkt), Thema (thema), Abgesagt (abgesagt); Datum und
Angebot sind Pflicht.

Die Zeilen werden in die Termine ihrer Zentren in den Daten von --into
(eine Datei oder ein Verzeichnis, wie kiez validate sie liest)
eingefügt: eine Zeile ersetzt den Termin mit demselben Datum, Angebot
und derselben Kita und wird in der Reihenfolge der Daten ergänzt, wenn
es keinen gibt; mit --replace ist die Tabelle die ganze Liste, und
Termine, die nicht darin stehen, werden entfernt. Die Daten-Datei, die
die Zentren enthält, wird mit den zusammengeführten Terminen und sonst
unverändert nach --out geschrieben: eine neue Datei (oder "-", die
Standardausgabe), nie eine Eingabe; sie prüfen und dann an die Stelle
der Daten-Datei setzen. Das Ergebnis wird geprüft, bevor es geschrieben
wird. Jedes Problem wird mit seiner Zelle ausgegeben (Datei:Zeile:Spalte
und Termine!B7; bei CSV Datei:Zeile:Spalte mit der Zeile), und nichts
wird geschrieben, wenn es einen Fehler gibt.

--template DATEI schreibt stattdessen eine leere Tabelle mit den
Überschriften; eine XLSX-Vorlage hat ein Blatt mit Erläuterungen und, mit
--into, Listen der Angebote und Kitas der Zentren zur Auswahl in den
Zellen.

Exit-Status: 0, wenn die Datei geschrieben ist; 1 bei Problemen in der
Tabelle oder den Daten (nichts wird geschrieben); 2 bei falschem Aufruf.`, `
Imports a list of sessions (Termine) kept in a spreadsheet: one row per
session with its date, offer, Kita and the numbers of adults, children
and families who came; no names and no notes (an unknown column is an
error). The sheet is an XLSX workbook (the sheet "Termine", or its only
sheet) or a CSV file (UTF-8 with or without byte order mark, or
Windows-1252; separated by ";", "," or tabs, as the header line shows;
dates DD.MM.YYYY or YYYY-MM-DD; a decimal comma or point). The columns,
by German header or key, are: Zentrum (zentrum), Datum (datum), Angebot
(angebot), Kita (kita), Stunden (stunden), Erwachsene (erwachsene),
Kinder (kinder), Familien (familien), Themenschwerpunkt
(themenschwerpunkt), Thema (thema), Abgesagt (abgesagt); Datum and
Angebot are required.

The rows are merged into the sessions of their centres in the data of
--into (a file or directory, as kiez validate reads it): a row replaces
the session with the same date, offer and Kita, and is added in date
order when there is none; with --replace the sheet is the whole list and
sessions not in it are removed. The data file that holds the centres is
written, with the merged sessions and otherwise as it was, to --out: a
new file (or "-", standard output), never an input; review it, then put
it in place of the data file. The result is validated before it is
written. Every problem is printed with its cell (file:row:column and
Termine!B7; for CSV file:line:column with the line), and nothing is
written when there is an error.

--template FILE writes an empty sheet with the headers instead; an XLSX
template has a sheet of explanations and, with --into, lists of the
centres' offers and Kitas to pick from in the cells.

Exit code: 0 when the file is written, 1 on problems in the sheet or the
data (nothing is written), 2 on wrong usage.`},
		"import.flag.into":     {"`Datei oder Verzeichnis` der Daten, in die übernommen wird (wiederholbar)", "the data `file or directory` to merge into (repeatable)"},
		"import.flag.out":      {"die zusammengeführte Daten-Datei in diese `Datei` schreiben (.yaml, oder .json für eine JSON-Daten-Datei; - ist die Standardausgabe)", "write the merged data file to this `file` (.yaml, or .json for a JSON data file; - is standard output)"},
		"import.flag.centre":   {"nur die Zeilen des Zentrums mit dieser `Kennung` übernehmen (Zeilen ohne Zentrum gehören ihm); nötig, wenn die Tabelle keine Spalte Zentrum hat und die Daten mehr als ein Zentrum", "import only the rows of this centre `id` (rows without a Zentrum are its); needed when the sheet has no Zentrum column and the data more than one centre"},
		"import.flag.replace":  {"die Tabelle ist die ganze Liste der Termine der Zentren: Termine entfernen, die nicht darin stehen", "the sheet is the whole list of the centres' sessions: remove the sessions not in it"},
		"import.flag.template": {"eine leere Tabelle mit den Überschriften in diese `Datei` (.xlsx oder .csv) schreiben, statt zu übernehmen", "write an empty sheet with the headers to this `file` (.xlsx or .csv) instead of importing"},
		"import.templateOnly":  {"--template schreibt nur eine Vorlage: keine Tabelle, kein --out und kein --replace angeben", "--template writes a template only: give no sheet, no --out and no --replace"},
		"import.oneSheet":      {"genau eine Tabelle (.xlsx oder .csv) zum Übernehmen angeben", "name one sheet file (.xlsx or .csv) to import"},
		"import.notSheet":      {"%s: eine .xlsx-Arbeitsmappe oder eine .csv-Datei angeben", "%s: name an .xlsx workbook or a .csv file"},
		"import.needInto":      {"--into: die Daten-Datei oder das Verzeichnis angeben, das das Zentrum enthält", "--into: name the data file or directory that holds the centre"},
		"import.needOut":       {"--out: die Datei angeben, in die die zusammengeführten Daten geschrieben werden (die Eingabe wird nie überschrieben)", "--out: name the file to write the merged data to (the input is never overwritten)"},
		"import.intoStdin":     {"--into: Dateien oder Verzeichnisse angeben; die zusammengeführte Datei ist eine Kopie einer von ihnen", "--into: name files or directories; the merged file is a copy of one of them"},
		"import.outNotData":    {"--out %s: die zusammengeführte Daten-Datei ist YAML oder JSON wie die Daten-Datei, die sie kopiert; eine .yaml- oder .json-Datei angeben", "--out %s: the merged data file is YAML or JSON, as the data file it copies; name a .yaml or .json file"},
		"import.dataErrors":    {"kiez import: die Daten haben Fehler (%s); erst sie berichtigen. Nichts wurde geschrieben.", "kiez import: the data has errors (%s); correct them first. Nothing was written."},
		"import.failed":        {"kiez import: %s; nichts wurde geschrieben.", "kiez import: %s; nothing was written."},
		"import.outKind":       {"kiez import: --out %s: die Zentren stehen in %s, einer %s-Datei; eine %s-Datei angeben. Nichts wurde geschrieben.", "kiez import: --out %s: the centres are in %s, a %s file; name a %s file. Nothing was written."},
		"import.counts":        {"%s: %s hinzugefügt, %d geändert, %d unverändert, %d entfernt", "%s: %s added, %d changed, %d unchanged, %d removed"},
		"import.skipped":       {"%s anderer Zentren als %s übersprungen", "%s of other centres than %s skipped"},
		"import.written":       {"%s geschrieben: %s mit den zusammengeführten Terminen (%s); an die Stelle von %s setzen, wenn sie stimmt.", "%s written: %s with the sessions merged (%s); put it in place of %s when it is right."},
		"import.cannotRead":    {"%s ist nicht lesbar: %v", "cannot read %s: %v"},
		"import.notRegular":    {"%s ist %s, keine reguläre Datei", "%s is %s, not a regular file"},
		"import.tooLarge":      {"%s hat mehr als %d Bytes; die Tabelle in eine je Jahr oder Zentrum aufteilen", "%s has more than %d bytes; split the sheet into one per year or centre"},
		"import.templateName":  {"--template %s: eine .xlsx- oder .csv-Datei angeben", "--template %s: name an .xlsx or .csv file"},
		"import.centreNoInto":  {"--centre braucht --into, die Daten, die das Zentrum enthalten", "--centre needs --into, the data that holds the centre"},
		"import.noCentre":      {"--centre: die Daten haben kein Zentrum %q (sie haben %s)", "--centre: the data has no centre %q (it has %s)"},
		"import.templateDone":  {"Vorlage nach %s geschrieben", "template written to %s"},

		// kiez export
		"export.synopsis": {"kiez export [Schalter] -o DATEI.xlsx|DATEI.csv DATEN...", "kiez export [flags] -o FILE.xlsx|FILE.csv DATA..."},
		"export.about": {`
Schreibt die Termine der Zentren der Daten als Tabelle, die kiez import
wieder liest: eine Zeile je Termin mit den Spalten Zentrum, Datum,
Angebot, Kita, Stunden, Erwachsene, Kinder, Familien, Themenschwerpunkt,
Thema und Abgesagt. Eine XLSX-Arbeitsmappe hat typisierte Zellen (Daten,
Zahlen), eine fixierte Kopfzeile, Listen der Angebote und Kitas der
Zentren zur Auswahl und ein Blatt mit Erläuterungen; CSV ist für
deutsche Tabellenkalkulationen (UTF-8 mit Byte-Order-Mark, ";",
Dezimalkomma, Daten TT.MM.JJJJ).

--out nennt die Datei; ihre Endung wählt das Format, wenn --format
nichts anderes sagt (nötig für "-", die Standardausgabe). Exit-Status: 0,
wenn geschrieben; 1 bei Fehlern in den Daten; 2 bei falschem Aufruf.`, `
Writes the sessions (Termine) of the data's centres as a sheet that kiez
import reads back: one row per session with the columns Zentrum, Datum,
Angebot, Kita, Stunden, Erwachsene, Kinder, Familien, Themenschwerpunkt,
Thema and Abgesagt. An XLSX workbook has typed cells (dates, numbers), a
frozen header row, lists of the centres' offers and Kitas to pick from,
and a sheet of explanations; CSV is for German spreadsheets (UTF-8 with
byte order mark, ";", decimal comma, dates DD.MM.YYYY).

--out names the file; its extension chooses the format unless --format
says (needed for "-", standard output). Exit code: 0 when written, 1 on
errors in the data, 2 on wrong usage.`},
		"export.flag.out":       {"die Tabelle in diese `Datei` schreiben (.xlsx oder .csv; - ist die Standardausgabe)", "write the sheet to this `file` (.xlsx or .csv; - is standard output)"},
		"export.flag.format":    {"das `Format` der Tabelle: xlsx oder csv (Standard: die Endung von --out)", "the sheet's `format`: xlsx or csv (default: the extension of --out)"},
		"export.flag.centre":    {"nur die Termine des Zentrums mit dieser `Kennung` schreiben", "export only the sessions of this centre `id`"},
		"export.needOut":        {"--out: die .xlsx- oder .csv-Datei angeben, die geschrieben wird", "--out: name the .xlsx or .csv file to write"},
		"export.outUnknown":     {"--out %s: eine .xlsx- oder .csv-Datei angeben, oder --format", "--out %s: name an .xlsx or .csv file, or give --format"},
		"export.formatMismatch": {"--format %s passt nicht zu --out %s; das eine oder das andere angeben", "--format %s does not match --out %s; give one or the other"},
		"export.written":        {"%s von %s nach %s geschrieben", "%s of %s written to %s"},
		"export.writtenStdout":  {"%s von %s auf die Standardausgabe geschrieben", "%s of %s written to standard output"},
	}
}

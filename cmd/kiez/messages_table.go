package main

// messageTable is every text of the tool that is said in German and in
// English, by key: "usage.…" and "flag.…" for the flag machinery,
// "main.…" for the list of commands, "<command>.…" for a command's
// synopsis, usage text, flag help ("<command>.flag.<name>") and errors,
// "err.…" for errors several commands share. TestMessages checks that
// both languages have the same verbs and that every key is used.
func messageTable() map[string]message {
	return map[string]message{
		// The flag machinery.
		"usage.usage":        {"Aufruf:", "Usage:"},
		"usage.flags":        {"Schalter:", "Flags:"},
		"usage.runHelp":      {"\"kiez %s -h\" zeigt, wie der Befehl aufgerufen wird.", "Run \"kiez %s -h\" for its usage."},
		"flag.lang":          {"die `Sprache` der Hilfe und der Meldungen des Werkzeugs: de oder en (Standard: KIEZ_LANG, sonst de)", "the `language` of the tool's help and messages: de or en (default: KIEZ_LANG, else de)"},
		"flag.default":       {" (Standard: %v)", " (default %v)"},
		"flag.defaultQuoted": {" (Standard: %q)", " (default %q)"},
		"flag.undefined":     {"unbekannter Schalter: %s", "flag provided but not defined: %s"},
		"flag.needsArg":      {"der Schalter %s braucht einen Wert", "flag needs an argument: %s"},
		"flag.badValue":      {"ungültiger Wert %s für %s: %v", "invalid value %s for flag %s: %v"},
		"flag.badSyntax":     {"Schalter falsch geschrieben: %s", "bad flag syntax: %s"},
		"flag.timeout":       {"den Befehl nach dieser `Dauer` abbrechen (z. B. 90s, 5m); 0 heißt ohne Grenze", "stop the command after this `duration` (e.g. 90s, 5m); 0 means no limit"},
		"word.or":            {" oder ", " or "},

		// Errors several commands share.
		"err.lang":       {"%s: als Sprache de oder en angeben", "%s: give the language as de or en"},
		"err.value":      {"%s: %v", "%s: %v"},
		"err.format":     {"--format: unbekanntes Format %q (%s angeben)", "--format: unknown format %q (use %s)"},
		"err.needData":   {"mindestens eine Datendatei oder ein Verzeichnis angeben", "name at least one data file or directory"},
		"err.needPeriod": {"--period fehlt, z. B. --period %s", "--period is required, e.g. --period %s"},
		"err.now":        {"die Umgebungsvariable %s=%q ist keine Zeit nach RFC 3339 wie 2024-12-31T12:00:00Z; ohne sie gilt die Uhr", "the environment variable %s=%q is not a time in RFC 3339 such as 2024-12-31T12:00:00Z; unset it to use the clock"},
		"err.timeout":    {"--timeout: %v ist negativ; eine Dauer wie 90s angeben, oder 0 für keine Grenze", "--timeout: %v is negative; give a duration such as 90s, or 0 for no limit"},

		// The list of commands.
		"main.usage":          {"Aufruf: kiez <Befehl> [Schalter] [Argumente]", "Usage: kiez <command> [flags] [arguments]"},
		"main.commands":       {"Befehle:", "Commands:"},
		"main.validate":       {"Daten-Dateien oder Verzeichnisse laden, je Programm eine Übersicht und jedes Problem ausgeben", "load data files or directories, print a summary per programme and every problem"},
		"main.lint":           {"Regeldateien laden und kompilieren, jedes Problem und die Abdeckung des Anforderungskatalogs ausgeben", "load and compile rule files, print every problem and the coverage of the requirement catalogue"},
		"main.fmt":            {"Regel- und Regeltestdateien in die kanonische Form bringen; -l listet, -d zeigt, -w schreibt die Änderungen", "format rule files and rule test files in the canonical layout; -l lists, -d shows, -w writes the changes"},
		"main.check":          {"die Regeln der Programme für einen Zeitraum auf Daten anwenden und die Ergebnisse ausgeben", "evaluate the programmes' rules on data for a period and print the verdicts"},
		"main.diff":           {"zwei Fassungen der Regeln, geänderte Parameter oder zwei Zeiträume auf denselben Daten vergleichen: was sich ändert, wo, wie viele Stunden", "compare two rule-set versions, changed params or two periods on the same data: what changes, where, how many hours"},
		"main.test":           {"Regeltestdateien (*_test.yaml) ausführen und jeden Fall berichten", "run rule test files (*_test.yaml) and report each case"},
		"main.explain":        {"ein Ergebnis erklären: die Regel, der Wert jedes Teils ihrer Prüfung, die Nachweise", "explain one verdict: the rule, the value of each part of its assertion, the evidence"},
		"main.report":         {"einen Bericht über Einhaltung, ein Zentrum, ein Programm oder das Personal erstellen, als json, csv, md oder html", "build a compliance, centre, programme or staffing report in json, csv, md or html"},
		"main.import":         {"Termine aus einer Tabelle (XLSX oder CSV) geprüft in die Daten-Datei eines Zentrums übernehmen; --template schreibt eine leere Tabelle", "merge sessions kept in a spreadsheet (XLSX or CSV) into a centre's data file, validated; --template writes an empty sheet"},
		"main.export":         {"die Termine der Zentren als Tabelle (XLSX oder CSV) schreiben, die import wieder liest", "write the centres' sessions as a spreadsheet (XLSX or CSV) that import reads back"},
		"main.plan":           {"die Pflichten eines Programms für ein kommendes Jahr ableiten, als Tabelle und als iCalendar-Datei", "derive a programme's obligations for a coming year, as a table and an iCalendar file"},
		"main.lsp":            {"den Language Server für Regeldateien starten: Probleme, Vervollständigung, Hilfe und Sprung zur Definition im Editor", "run the Language Server for rule files: problems, completion, hover and go-to-definition in the editor"},
		"main.gen":            {"aus Vorlagedaten einen synthetischen Datenbestand von N Zentren erzeugen, für Last- und Laufzeittests", "generate a synthetic dataset of N centres from template data, for load tests and benchmarks"},
		"main.serve":          {"den Dienst für das Intranet starten: HTTP-API, Dashboard und Datenbank der Daten, Regeln und Prüfungen; kiez serve account add legt Konten an", "run the intranet service: HTTP API, dashboard and database of data, rules and checks; kiez serve account add creates accounts"},
		"main.version":        {"die Version des Moduls, die Go-Version und die Versionen der eingebetteten Regelwerke ausgeben", "print the module version, the Go version and the versions of the embedded rule sets"},
		"main.help":           {"die Befehle auflisten oder zeigen, wie ein Befehl aufgerufen wird: kiez help <Befehl>", "list the commands, or show a command's usage: kiez help <command>"},
		"main.footer":         {"\"kiez <Befehl> -h\" zeigt die Schalter eines Befehls.\nExit-Status: 0 erledigt, 1 Probleme gefunden, 2 falscher Aufruf. Bei check sind Probleme Fehler in\nden Daten oder Regeln; nicht erfüllte Ergebnisse zählen nur mit --strict.\n\nDaten-Argumente dürfen \"-\" für die Standardeingabe sein; --out DATEI (oder -o DATEI) schreibt\nin eine Datei, \"-\" auf die Standardausgabe, im Format ihrer Endung, wenn --format nichts anderes sagt.\nSprache der Hilfe und der Meldungen: --lang de|en oder KIEZ_LANG (Standard: de).", "Run \"kiez <command> -h\" for a command's flags.\nExit codes: 0 done, 1 problems found, 2 wrong usage. For check, problems are errors in\nthe data or the rules; failed verdicts count only with --strict.\n\nData arguments may be \"-\" for the standard input; --out FILE (or -o FILE) writes\nto a file, \"-\" to standard output, in the format its extension names unless --format says.\nLanguage of the help and the messages: --lang de|en or KIEZ_LANG (default: de)."},
		"main.unknown":        {"kiez: unbekannter Befehl %q", "kiez: unknown command %q"},
		"main.helpUnknown":    {"kiez help: unbekannter Befehl %q", "kiez help: unknown command %q"},
		"main.langUnknownEnv": {"kiez: %s: als Sprache de oder en angeben", "kiez: %s: give the language as de or en"},

		// kiez validate
		"validate.synopsis": {"kiez validate [Schalter] DATEI|VERZEICHNIS...", "kiez validate [flags] FILE|DIR..."},
		"validate.about": {`
Lädt Daten-Dateien (.yaml, .yml, .json) und Verzeichnisse ("-" liest die
Standardeingabe, als YAML oder JSON) und gibt je Programm eine Übersicht
aus und jedes Problem mit seiner Stelle (Datei:Zeile:Spalte und die Zeile
mit einer Markierung). --format json gibt dasselbe als ein JSON-Objekt
aus (JSON Schema: cmd/kiez/validate.schema.json): die Version des Moduls,
die gelesenen Dateien mit ihrem SHA-256 und einer Prüfsumme darüber, die
Zeit des Laufs (KIEZ_NOW setzt sie, für Tests), den Tag, an dem das
Personal gezählt wird, je Programm seine Zahlen, Wochenstunden des
Personals, Vollzeitwoche und VZÄ als Dezimalzahlen mit Punkt, dann jedes
Problem und ihre Anzahl. Exit-Status: 0, wenn die Daten gültig sind
(Warnungen erlaubt), 1 bei jedem Fehler, 2 bei falschem Aufruf.`, `
Loads data files (.yaml, .yml, .json) and directories ("-" reads the
standard input, as YAML or JSON), prints a summary
per programme and every problem with its position (file:line:col and the
line with a caret). --format json prints the same as one JSON object
(JSON Schema: cmd/kiez/validate.schema.json): the module version, the
files read with their SHA-256 and a digest over them, the time of the
run (KIEZ_NOW sets it, for tests), the day staff are counted on, per
programme its counts, weekly staff hours, full-time week and FTE as
decimals with a point, then every problem and their counts. Exit code: 0
when the data is valid (warnings allowed), 1 on any error, 2 on wrong
usage.`},
		"validate.flag.on":       {"das Personal zählen, das an diesem `Tag` (JJJJ-MM-TT) eine Stelle hat (Standard: der letzte Tag der Aktivität in den Daten – ihr letzter Termin, ihr letztes Treffen oder ihr letzter Nachweis –, oder heute, wenn der später liegt oder es keinen gibt)", "count staff positions held on this `date` (YYYY-MM-DD; default: the last day of the data's activity — its latest session, meeting or evidence record — or today when that is later or there is none)"},
		"validate.flag.fullTime": {"Vollzeitwoche in `Stunden` für die VZÄ (Standard: die fullTimeHours jedes Programms)", "full-time week in `hours` for FTE figures (default: each programme's fullTimeHours)"},
		"validate.flag.format":   {"`Format` der Ausgabe: text oder json", "output `format`: text or json"},
		"validate.badFullTime":   {"-full-time: eine positive Zahl von Stunden angeben, z. B. 39", "-full-time: give a positive number of hours, e.g. 39"},

		// kiez lint
		"lint.synopsis": {"kiez lint [Schalter] DATEI|VERZEICHNIS|TEST|ID...", "kiez lint [flags] FILE|DIR|TEST|ID..."},
		"lint.about": {`
Lädt und kompiliert Regeldateien, jede mit ihrem Pfad benannt oder, wenn
es keine solche Datei gibt, mit der Kennung eines eingebetteten
Programms; ein Verzeichnis benennt seine Regeldateien (*.yaml ohne die
*_test.yaml), eine Testdatei (*_test.yaml) die Regeldatei, die sie
prüft. Gibt jedes Problem mit seiner Stelle aus (Datei:Zeile:Spalte und
die Zeile mit einer Markierung). Außer den Fehlern beim Laden warnt es
vor dem, was kompiliert, aber stillschweigend falsch ist: ein Ausdruck,
den ein YAML-Kommentar abschneidet (" #" in einem Wert ohne
Anführungszeichen), ein when oder assert, das keine Daten liest, ein
Vergleich eines Vokabular-Felds mit einem Text, der kein Begriff seines
Vokabulars ist, Parameter und lets, die nichts liest, und, wenn die
Testdatei der Regeldatei bekannt ist (ein Verzeichnis, eine Testdatei,
ein eingebettetes Programm), Regeln, die kein Testfall nennt. Dann je
Programm die Abdeckung seines Anforderungskatalogs: die Regeln, die jede
Anforderung prüfen, die von Hand geprüften Anforderungen (manual:) und
die, die keines prüft, und der geschätzte Aufwand seiner teuersten
Regeln (die Schritte einer Regel für ein Zentrum, aus den angegebenen
Größen der Listen des Modells; eine Regel über der Obergrenze lädt
nicht).

--format json gibt dasselbe als ein JSON-Objekt aus (JSON Schema:
cmd/kiez/lint.schema.json): die Version des Moduls, die gelesenen
Regeldateien mit ihrem SHA-256 und einer Prüfsumme darüber, die Zeit des
Laufs (KIEZ_NOW setzt sie, für Tests), je Regeldatei ihr Programm, ihre
Version, Zahlen, Abdeckung und teuersten Regeln, dann jedes Problem und
ihre Anzahl.

Exit-Status: 0, wenn jede Datei kompiliert (Warnungen erlaubt), 1 bei
jedem Fehler (mit --strict auch bei jeder Warnung), 2 bei falschem
Aufruf.`, `
Loads and compiles rule files, each named by its path or, when no such
file exists, by the id of an embedded programme; a directory names its
rule files (*.yaml without the *_test.yaml), a test file (*_test.yaml)
the rule file it tests. Prints every problem with its position
(file:line:col and the line with a caret). Besides the errors of loading
it warns about what compiles but is silently wrong: an expression cut
short by a YAML comment (" #" in an unquoted value), a when or assert
that reads no data, a comparison of a vocabulary field with a text that
is not a term of its vocabulary, params and lets that nothing reads, and,
when the rule file's test file is known (a directory, a test file, an
embedded programme), rules that no test case names. Then, per
programme, the coverage of its requirement catalogue: the rules that check
each requirement, the requirements checked by hand (manual:), and the
ones neither checks, and the estimated cost of its costliest rules (the
steps one rule takes for one centre, from the declared sizes of the
model's lists; a rule above the ceiling does not load).

--format json prints the same as one JSON object (JSON Schema:
cmd/kiez/lint.schema.json): the module version, the rule files read
with their SHA-256 and a digest over them, the time of the run (KIEZ_NOW
sets it, for tests), per rule file its programme, version, counts,
coverage and costliest rules, then every problem and their counts.

Exit code: 0 when every file compiles (warnings allowed), 1 on any error
(with --strict also on any warning), 2 on wrong usage.`},
		"lint.flag.coverage": {"die Abdeckung des Anforderungskatalogs jedes Programms ausgeben", "print the coverage of each programme's requirement catalogue"},
		"lint.flag.costs":    {"den geschätzten Aufwand so vieler der teuersten Regeln jedes Programms ausgeben (0: keinen)", "print the estimated cost of this many of each programme's costliest rules (0: none)"},
		"lint.flag.strict":   {"Warnungen als Fehler behandeln (Exit-Status 1), für CI", "treat warnings as errors (exit code 1), for CI"},
		"lint.flag.format":   {"`Format` der Ausgabe: text oder json", "output `format`: text or json"},
		"lint.needRules":     {"mindestens eine Regeldatei oder die Kennung eines eingebetteten Programms angeben", "name at least one rule file or embedded programme id"},

		// kiez test
		"test.synopsis": {"kiez test [Schalter] PFAD...", "kiez test [flags] PATH..."},
		"test.about": {`
Führt Regeltestdateien aus. Eine Datei wird so ausgeführt, wie sie
genannt ist; in einem Verzeichnis werden rekursiv die Dateien gesucht,
deren Name auf _test.yaml endet. Gibt je Fall eine Zeile aus,
"Datei: Fall: BESTANDEN|FEHLGESCHLAGEN|FEHLER (Dauer)", unter einem fehlgeschlagenen
Fall die erwarteten und die erhaltenen Ergebnisse, unter einem Fall mit
Fehler, warum er nicht laufen konnte, dann die Probleme der Testdateien
selbst (jedes einmal, die Ursache vor ihren Folgen), dann je Programm die
Regeln, für die kein Fall ein erfülltes oder kein Fall ein nicht
erfülltes Ergebnis erwartet, und am Ende "N bestanden, N
fehlgeschlagen, N mit Fehler" (mit --lang en: PASS, FAIL, ERROR und "N
passed, N failed, N errored").

--format json gibt dasselbe als ein JSON-Objekt aus (JSON Schema:
cmd/kiez/test.schema.json): die Version des Moduls, die Testdateien mit
ihrem SHA-256 und einer Prüfsumme darüber, die Zeit des Laufs (KIEZ_NOW
setzt sie, für Tests), dann je Datei ihre Fälle mit ihren Abweichungen
und Fehlern, ihre Probleme und die Ergebnisse, die ihre Fälle erwarten;
dann die ungetesteten Regeln je Programm und die Zahlen.
--format junit gibt JUnit-XML für CI-Systeme aus: eine testsuite je
Datei, ein testcase je Fall mit einem failure (die abweichenden
Ergebnisse) oder einem error (warum er nicht laufen konnte), eine Datei,
die nicht laufen konnte, als testcase mit einem error; die ungetesteten
Regeln gehen auf die Standardfehlerausgabe.

Eine Testdatei liest ihre Fixtures und ihre Regeldatei nur aus ihrem
eigenen Verzeichnis und darunter; ein Pfad, der hinausführt (mit "..",
als absoluter Pfad oder über einen symbolischen Link), ist ein Fehler,
der den Pfad nennt und nie den Inhalt der Datei zeigt. --root erweitert
den Baum auf ein Verzeichnis darüber, z. B. --root . für Tests, deren
Fixtures in testdata/ daneben liegen.

Exit-Status: 0, wenn jeder Fall bestanden hat, 1, wenn einer
fehlschlug oder einen Fehler hatte (und, mit --fail-untested, wenn einer
Regel ein Fall mit erfülltem oder einer mit nicht erfülltem Ergebnis
fehlt), 2 bei falschem Aufruf.`, `
Runs rule test files. A file is run as given; a directory is searched
recursively for files ending in _test.yaml. Prints one line per case,
"file: case: PASS|FAIL|ERROR (duration)", under a failing case the
outcomes it expected and got, under an erroring case why it could not run,
then the problems of the test files themselves (each once, the cause
before what follows from it), then per programme the rules that no case
expects to pass or no case expects to fail, and at the end "N passed, N
failed, N errored" (in German, the default: BESTANDEN, FEHLGESCHLAGEN,
FEHLER and "N bestanden, N fehlgeschlagen, N mit Fehler").

--format json prints the same as one JSON object (JSON Schema:
cmd/kiez/test.schema.json): the module version, the test files with
their SHA-256 and a digest over them, the time of the run (KIEZ_NOW sets
it, for tests), then per file its cases with their mismatches and
errors, its problems, and the outcomes its cases expect; then the
untested rules per programme and the counts.
--format junit prints JUnit XML for CI systems: a testsuite per file, a
testcase per case with a failure (the outcomes that differ) or an error
(why it could not run), a file that could not run as a testcase with an
error; the untested rules go to stderr.

A test file reads its fixtures and its rule file only from its own
directory and below; a path that leads out of it (with "..", as an
absolute path or through a symbolic link) is an error that names the path
and never shows the file's content. --root widens the tree to a directory
above, e.g. --root . for tests whose fixtures lie in testdata/ beside
them.

Exit code: 0 when every case passed, 1 when any failed or errored (and,
with --fail-untested, when a rule lacks a passing or a failing case), 2 on
wrong usage.`},
		"test.flag.failUntested": {"Exit-Status 1, wenn für eine Regel kein Fall ein erfülltes oder keiner ein nicht erfülltes Ergebnis erwartet", "exit 1 when a rule has no case expecting pass or none expecting fail"},
		"test.flag.root":         {"Fixtures und Regeldateien von überall unterhalb dieses `Verzeichnisses` lesen (Standard: das Verzeichnis jeder Testdatei)", "read fixtures and rule files from anywhere below this `directory` (default: each test file's own directory)"},
		"test.flag.format":       {"`Format` der Ausgabe: text, json (ein Dokument) oder junit (JUnit-XML für CI-Systeme)", "output `format`: text, json (one document) or junit (JUnit XML for CI systems)"},
		"test.needTests":         {"mindestens eine Regeltestdatei oder ein Verzeichnis angeben", "name at least one rule test file or directory"},
		"test.badRoot":           {"--root: %s ist kein Verzeichnis", "--root: %s is not a directory"},
		"test.pass":              {"BESTANDEN", "PASS"},
		"test.fail":              {"FEHLGESCHLAGEN", "FAIL"},
		"test.error":             {"FEHLER", "ERROR"},
		"test.fileHasErrors":     {"die Testdatei hat Fehler, siehe unten", "the test file has errors, see below"},
		"test.want":              {"- erwartet: %s", "- want: %s"},
		"test.got":               {"+ erhalten: %s", "+ got:  %s"},
		"test.noResult":          {"kein Ergebnis", "no result"},
		"test.untestedOf":        {"Ungetestete Regeln von %s:", "Untested rules of %s:"},
		"test.noCaseExpects":     {"%s: kein Fall erwartet %s", "%s: no case expects %s"},
		"test.summary":           {"%d bestanden, %d fehlgeschlagen, %d mit Fehler", "%d passed, %d failed, %d errored"},
		"test.cannotRead":        {"%s ist nicht lesbar: %v", "cannot read %s: %v"},
		"test.noTestFiles":       {"%s enthält keine Regeltestdateien (*_test.yaml)", "%s holds no rule test files (*_test.yaml)"},
		"sel.embedded":           {"(eingebettet: %s)", "(embedded: %s)"},
		"sel.embeddedNone":       {"keine", "none"},

		// kiez plan
		"plan.synopsis": {"kiez plan [Schalter] --programme ID --year JAHR DATEN...", "kiez plan [flags] --programme ID --year Y DATA..."},
		"plan.about": {`
Leitet die Pflichten eines Programms für ein kommendes Jahr aus den Daten
des Vorjahrs ab (Angebote mit einem Rhythmus, der Rhythmus jeder Art von
Treffen, die vorliegenden Jahresberichte) und gibt sie als Tabelle in
--format json, csv, md, html oder xlsx aus (ohne --format, wie die Endung von
--out sagt; JSON in einer Hülle wie bei "kiez report", mit dem geplanten
Jahr, JSON Schema cmd/kiez/plan.schema.json); --ics schreibt sie auch als
iCalendar-Datei. Dateien werden wie bei "kiez report" geschrieben: nur in
reguläre Dateien (oder mit "-" auf die Standardausgabe, für eine der
beiden), atomar, unter Beibehaltung der Rechte einer vorhandenen Datei,
nie über eine Eingabedatei; --out und --ics müssen verschiedene Dateien
sein.

Der Kalender aktualisiert die Termine, die ein Kalenderprogramm schon
importiert hat, statt sie ein zweites Mal anzulegen: jeder Termin hat
eine UID aus Planjahr, Zentrum (oder Programm) und Pflicht, bei jedem
Lauf dieselbe; DTSTAMP ist die Zeit des Laufs (KIEZ_NOW setzt sie, für
Tests). --previous nennt den zuletzt exportierten Kalender (es darf die
--ics-Datei selbst sein): ein Termin mit derselben UID und demselben
Inhalt behält seine SEQUENCE, ein geänderter bekommt eine um eins höhere,
ein neuer SEQUENCE 0, und ein Termin des Planjahrs, den es nicht mehr
gibt, wird mit STATUS:CANCELLED und einer um eins höheren SEQUENCE noch
einmal geschrieben, damit Kalender ihn entfernen. Der frühere Kalender
muss der dieses Plans sein (derselbe NAME); sonst wird nichts
geschrieben. Ohne --previous hat jeder Termin SEQUENCE 0.`, `
Derives a programme's obligations for a coming year from the data of the
year before (offers with a recurrence, the rhythm of each kind of meeting,
the annual reports on file) and prints them as a table in --format json,
csv, md, html or xlsx (without --format, as the extension of --out says; JSON
in an envelope as by "kiez report", with the year planned, JSON Schema
cmd/kiez/plan.schema.json); --ics also writes them as an iCalendar file. Files are
written as by "kiez report": only to regular files (or to standard output
with "-", for one of the two), atomically, keeping an existing file's
mode, never over an input file; --out and --ics must be different files.

The calendar updates the events a calendar program imported before
instead of adding them twice: every event has a UID made of the plan
year, the centre (or programme) and the obligation, the same on every
run; DTSTAMP is the time of the run (KIEZ_NOW sets it, for tests).
--previous names the calendar exported last time (it may be the --ics
file itself): an event with the same UID and the same content keeps its
SEQUENCE, a changed one gets SEQUENCE one higher, a new one SEQUENCE 0,
and an event of the plan year that is gone is written again with
STATUS:CANCELLED and SEQUENCE one higher, so that calendars remove it.
The previous calendar must be this plan's (the same NAME); else nothing
is written. Without --previous every event has SEQUENCE 0.`},
		"plan.flag.programme": {"die `Kennung` des Programms (Pflicht)", "the programme `id` (required)"},
		"plan.flag.year":      {"das zu planende `Jahr` (Pflicht); gelesen werden die Daten des Vorjahrs", "the `year` to plan (required); the data of the year before is read"},
		"plan.flag.format":    {"`Format` der Tabelle: json, csv, md, html oder xlsx", "table `format`: json, csv, md, html or xlsx"},
		"plan.flag.ics":       {"den Plan auch als iCalendar-`Datei` schreiben (- ist die Standardausgabe)", "also write the plan as an iCalendar `file` (- is standard output)"},
		"plan.flag.previous":  {"mit --ics: die zuletzt exportierte iCalendar-`Datei`, deren Termine der neue Kalender aktualisiert (SEQUENCE, STATUS:CANCELLED)", "with --ics: the iCalendar `file` exported last time, whose events the new one updates (SEQUENCE, STATUS:CANCELLED)"},
		"plan.flag.out":       {"die Tabelle in diese `Datei` statt auf die Standardausgabe schreiben (- ist die Standardausgabe)", "write the table to this `file` instead of standard output (- is standard output)"},
		"plan.oneProgramme":   {"genau ein --programme ID angeben", "name exactly one --programme ID"},
		"plan.needYear":       {"--year: das zu planende Jahr angeben, z. B. --year 2025", "--year: give the year to plan, e.g. --year 2025"},
		"plan.previousNoICS":  {"--previous gehört zu --ics DATEI: es ist der Kalender, den der neue aktualisiert", "--previous goes with --ics FILE: it is the calendar the new one updates"},
		"plan.previousBad":    {"kiez plan: --previous %v", "kiez plan: --previous %v"},
		"plan.previousOther":  {"kiez plan: --previous %s ist der Kalender %q, nicht %q; den zuletzt exportierten Kalender dieses Plans nennen. Nichts wurde geschrieben.", "kiez plan: --previous %s is the calendar %q, not %q; name the calendar this plan exported last time. Nothing was written."},
		"plan.revised":        {"kiez plan: der Kalender gegenüber %s: %d neu, %d geändert, %d unverändert, %d abgesagt, %d schon vorher abgesagt", "kiez plan: the calendar against %s: %d new, %d changed, %d unchanged, %d cancelled, %d cancelled before"},

		// kiez diff
		"diff.synopsis": {"kiez diff [Schalter] --period ZEITRAUM DATEN...", "kiez diff [flags] --period P DATA..."},
		"diff.about": {`
Vergleicht zwei Auswertungen der Regeln der Programme auf denselben
Daten, um die Folgen einer Änderung zu zeigen, bevor sie beschlossen ist
(eine Folgenabschätzung): zwei Fassungen einer Regeldatei (--rules und
--rules-new), eine Regeldatei und geänderte Parameter (--set) oder ein
Regelwerk über zwei Zeiträume (--period-old und --period, im
Jahresvergleich). Gibt je Programm und Zentrum jedes Ergebnis aus, dessen
Urteil sich änderte (erfüllt → nicht erfüllt, …), das neu ist oder
wegfällt oder dessen Meldung sich änderte; die Parameter, die sich
unterscheiden, mit ihrem Verlauf; die Zahlen je Regel, Anforderung und
Zentrum; und, wo ein geändertes Urteil auf Stunden beruht, die fehlenden
Stunden je Zentrum und insgesamt.

Die alte Seite nimmt die Regeln wie "kiez check" (eingebettet, oder
--rules-Dateien an ihrer Stelle); die neue Seite nimmt stattdessen die
--rules-new-Dateien, wo sie angegeben sind, und wendet dann jedes --set
an. Ein --set nennt einen Parameter des Programms, das ihn hat
("leitungsfreistellung=3@2025-01-01"), oder
"programm:parameter=wert@datum", wenn mehrere Programme ihn haben. Eine
in der neuen Datei umbenannte Regel wird mit --rename alt=neu
zugeordnet.

Liegen die Zeiträume ganze Jahre auseinander, werden die Jahre in
Gegenständen und Meldungen des alten Zeitraums vor dem Vergleich
verschoben, sodass "fz-a/2024-H2" zu "fz-a/2025-H2" passt.

Ausgabe: deutsche Tabellen (text); der Vergleich als Daten (json: ein
Objekt, die Version des Moduls, die Regelwerke beider Seiten, der
Zeitraum der neuen Seite, die Eingabedateien mit ihrem SHA-256 und einer
Prüfsumme darüber und die Zeit des Laufs wie bei "kiez check", dann die
Felder des Vergleichs; JSON Schema cmd/kiez/diff.schema.json); oder der
Bericht Folgenabschätzung des report-Pakets als md, html, csv oder xlsx
(eine Arbeitsmappe mit einem Blatt je Tabelle, auf die umgeleitete
Standardausgabe: > folgen.xlsx), mit --published zur Veröffentlichung,
mit --lang en englisch beschriftet.

Exit-Status: 0, wenn der Vergleich lief, was auch immer sich änderte; 1,
wenn die Daten oder eine Regeldatei Fehler haben, oder, mit --strict,
wenn sich etwas änderte; 2 bei falschem Aufruf.`, `
Compares two evaluations of the programmes' rules on the same data, to
show the impact of a change before it is decided (a Folgenabschätzung):
two versions of a rule file (--rules and --rules-new), a rule file and
changed params (--set), or one rule set over two periods (--period-old
and --period, year over year). Prints, per programme and centre, every
result whose verdict changed (erfüllt → nicht erfüllt, …), that is new
or gone, or whose message changed; the params that differ with their
histories; the counts per rule, requirement and centre; and, where a
changed verdict rests on hours, the hours missing per centre and in
total.

The old side uses the rules chosen as by "kiez check" (embedded, or
--rules files replacing them); the new side uses --rules-new files
instead where given, then applies every --set. A --set names a param
of the programme that has it ("leitungsfreistellung=3@2025-01-01"), or
"programme:param=value@date" when several programmes have it. A rule
renamed in the new file is matched with --rename old=new.

When the periods are whole years apart, the years in subjects and
messages of the old period are shifted before comparing, so that
"fz-a/2024-H2" is matched with "fz-a/2025-H2".

Output: tables in English (text); the comparison as data (json: one object,
the module version, the rule sets of both sides, the new side's period,
the input files with their SHA-256 and a digest over them and the time
of the run as in "kiez check", then the comparison's fields; JSON Schema
cmd/kiez/diff.schema.json); or the Folgenabschätzung report of the
report package as md, html, csv or xlsx (a workbook with a sheet per
table, to redirected standard output: > folgen.xlsx), with --published
for publication, with English labels under --lang en.

Exit code: 0 when the comparison ran, whatever changed; 1 when the data
or a rule file has errors, or, with --strict, when anything changed; 2
on wrong usage.`},
		"diff.flag.programme": {"nur das Programm mit dieser `Kennung` vergleichen (wiederholbar, oder durch Kommas getrennt)", "compare only the programme with this `id` (repeatable, or comma-separated)"},
		"diff.flag.rules":     {"die alte Seite: die `Datei` mit Regeln laden statt des eingebetteten Programms mit ihrer Kennung (wiederholbar)", "the old side: load the rule `file` instead of the embedded programme with its id (repeatable)"},
		"diff.flag.rulesNew":  {"die neue Seite: die `Datei` mit Regeln laden statt des Programms der alten Seite mit ihrer Kennung (wiederholbar)", "the new side: load the rule `file` instead of the old side's programme with its id (repeatable)"},
		"diff.flag.set":       {"die neue Seite: einem Parameter ab einem Tag einen anderen Wert geben, `name=wert@JJJJ-MM-TT` (wiederholbar)", "the new side: give a param another value from a day on, `name=value@YYYY-MM-DD` (repeatable)"},
		"diff.flag.rename":    {"die Regel `alt=neu` der alten Seite der Regel der neuen Seite mit anderer Kennung zuordnen (wiederholbar)", "match the old side's rule `old=new` with the new side's rule of another id (repeatable)"},
		"diff.flag.period":    {"der ausgewertete `Zeitraum` der neuen Seite (und der alten ohne --period-old): 2025, 2025-H1, 2025-Q3, 2025-03 oder 2025-01-01..2025-06-30", "the evaluated `period` of the new side (and of the old one without --period-old): 2025, 2025-H1, 2025-Q3, 2025-03 or 2025-01-01..2025-06-30"},
		"diff.flag.periodOld": {"der ausgewertete `Zeitraum` der alten Seite, für einen Vergleich zweier Zeiträume", "the evaluated `period` of the old side, for a comparison of two periods"},
		"diff.flag.format":    {"`Format` der Ausgabe: text (deutsche Tabellen), json (der Vergleich als Daten) oder der Bericht Folgenabschätzung als md, html, csv oder xlsx", "output `format`: text (tables in English), json (the comparison as data), or the Folgenabschätzung report as md, html, csv or xlsx"},
		"diff.flag.published": {"mit md, html, csv oder xlsx: den Bericht zur Veröffentlichung erstellen (keine Personalkennungen, keine Meldungen aus den Daten, keine Stunden einzelner Zentren)", "with md, html, csv or xlsx: build the report for publication (no staff ids, no messages of the data, no hours of single centres)"},
		"diff.flag.strict":    {"Exit-Status 1, wenn sich ein Ergebnis oder ein Parameter änderte", "exit 1 when any result or param changed"},
		"diff.publishedText":  {"--published braucht --format md, html, csv oder xlsx", "--published needs --format md, html, csv or xlsx"},
		"diff.xlsxTerminal":   {"--format xlsx schreibt eine Arbeitsmappe, keinen Text für ein Terminal; die Standardausgabe in eine Datei umleiten (> folgen.xlsx)", "--format xlsx writes a workbook, not text for a terminal; redirect standard output to a file (> folgen.xlsx)"},
		"diff.badRename":      {"--rename %q: alt=neu schreiben, die Kennungen der alten und der neuen Regel", "--rename %q: write old=new, the rule ids of the old and the new rules"},
		"diff.renameProblem":  {"--rename %s=%s: %s", "--rename %s=%s: %s"},
		"diff.setProblem":     {"--set %v", "--set %v"},

		// Shared by check, explain, report and plan (prepare).
		"prep.dataErrors":   {"kiez %s: die Daten haben Fehler; nichts wurde ausgewertet", "kiez %s: the data has errors; nothing was evaluated"},
		"prep.ruleErrors":   {"kiez %s: die Regeln haben Fehler; nichts wurde ausgewertet", "kiez %s: the rules have errors; nothing was evaluated"},
		"prep.noProgramme":  {"kiez %s: kein Programm auszuwerten: die Daten nennen kein Programm mit Regeln; eine Regeldatei mit --rules angeben", "kiez %s: no programme to evaluate: the data names no programme with rules; give a rule file with --rules"},
		"prep.waiverErrors": {"kiez %s: die Ausnahmen nennen unbekannte Programme oder Regeln; nichts wurde ausgewertet", "kiez %s: the waivers name unknown programmes or rules; nothing was evaluated"},
		"flag.period":       {"der ausgewertete `Zeitraum`: 2024, 2024-H1, 2024-Q3, 2024-03 oder 2024-01-01..2024-06-30", "the evaluated `period`: 2024, 2024-H1, 2024-Q3, 2024-03 or 2024-01-01..2024-06-30"},
		"flag.rules":        {"die `Datei` mit Regeln von der Platte laden statt des eingebetteten Programms mit ihrer Kennung (wiederholbar)", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)"},
		"flag.o":            {"kurz für --out `Datei`", "short for --out `file`"},

		// kiez diff, its messages beside the usage
		"diff.dataErrors":   {"kiez diff: die Daten haben Fehler; nichts wurde verglichen", "kiez diff: the data has errors; nothing was compared"},
		"diff.ruleErrors":   {"kiez diff: die Regeln haben Fehler; nichts wurde verglichen", "kiez diff: the rules have errors; nothing was compared"},
		"diff.noProgramme":  {"kiez diff: kein Programm zu vergleichen: die Daten nennen kein Programm mit Regeln; eine Regeldatei mit --rules angeben", "kiez diff: no programme to compare: the data names no programme with rules; give a rule file with --rules"},
		"diff.waiverErrors": {"kiez diff: die Ausnahmen nennen unbekannte Programme oder Regeln; nichts wurde verglichen", "kiez diff: the waivers name unknown programmes or rules; nothing was compared"},
		"diff.strictFailed": {"kiez diff: --strict: %d Ergebnisse und %d Parameter haben sich geändert", "kiez diff: --strict: %d results and %d params changed"},

		// kiez check
		"check.synopsis": {"kiez check [Schalter] --period ZEITRAUM DATEN...", "kiez check [flags] --period P DATA..."},
		"check.about": {`
Lädt und prüft die Daten-Dateien und Verzeichnisse (Probleme werden wie
bei "kiez validate" ausgegeben), wendet dann die Regeln der Programme für
den Zeitraum an und gibt je Regel und Gegenstand ein Ergebnis aus: je
Programm die programmweiten Regeln, dann jedes Zentrum, dann eine
Übersicht der Ergebnisse.

Programme: ohne Angabe jedes eingebettete Programm, das die Daten
nennen. Eine mit --rules angegebene Regeldatei ersetzt das eingebettete
Programm mit derselben Kennung (um eine neue Fassung zu erproben) oder
fügt ein Programm hinzu; --programme beschränkt die Prüfung auf die
angegebenen Kennungen.

Daten-Argumente dürfen "-" für die Standardeingabe sein (YAML oder
JSON). Die Ausgabe geht auf die Standardausgabe oder mit --out DATEI
(-o DATEI) in eine Datei, geschrieben wie bei "kiez report"; ohne
--format bekommt eine .json-Datei json, eine .txt-Datei text und eine
.xlsx-Datei xlsx. --format json schreibt ein JSON-Objekt: die Versionen
des Moduls und der Regelwerke, den Zeitraum, die Eingabedateien mit ihrem
SHA-256 und einer Prüfsumme darüber, die Zeit des Laufs (die
Umgebungsvariable KIEZ_NOW setzt sie, für Tests), die Ergebnisse und ihre
Zahlen; sein JSON Schema ist cmd/kiez/check.schema.json. --format xlsx
schreibt eine Arbeitsmappe: ein Blatt mit jedem Ergebnis (Programm,
Regel, Gegenstand, Ergebnis, Schwere, Anforderungen, Meldung) und ein
Blatt mit ihren Zahlen je Programm und Gegenstand; auf die
Standardausgabe nur, wenn sie kein Terminal ist.

Exit-Status: 0, wenn die Auswertung lief, wie auch immer die Ergebnisse
sind: check ist ein Bericht, und ein Lauf mit nicht erfüllten Regeln hat
seine Arbeit trotzdem getan; 1, wenn die Daten oder eine Regeldatei
Fehler haben oder der Lauf abgebrochen wurde, oder, mit --strict, wenn
ein Ergebnis der Schwere error "fail", "missing-data" oder "error" ist
(was ein CI-Job verwenden sollte); 2 bei falschem Aufruf.`, `
Loads and validates the data files and directories (problems are printed
as by "kiez validate"), then evaluates the programmes' rules for the
period and prints one verdict per rule and subject: per programme, the
programme-wide rules, then each centre, then a summary of the outcomes.

Programmes: by default every embedded programme that the data names. A
rule file given with --rules replaces the embedded programme with the same
id (to try a new version of it) or adds a programme; --programme restricts
the check to the given ids.

Data arguments may be "-" for the standard input (YAML or JSON). The
output goes to standard output, or with --out FILE (-o FILE) to a file,
written as by "kiez report"; without --format, a .json file gets json,
a .txt file text and a .xlsx file xlsx. --format json writes one JSON
object: the module and rule-set versions, the period, the input files
with their SHA-256 and a digest over them, the time of the run (the
environment variable KIEZ_NOW sets it, for tests), the results and their
counts; its JSON Schema is cmd/kiez/check.schema.json. --format xlsx
writes a workbook: a sheet of every result (programme, rule, subject,
outcome, severity, requirements, message) and a sheet of their counts
per programme and subject; it goes to standard output only when that is
not a terminal.

Exit code: 0 when the evaluation ran, whatever the verdicts: check is a
report, and a run with failed rules has still done its job; 1 when the
data or a rule file has errors or the run was cut short, or, with
--strict, when any result of severity error is "fail", "missing-data" or
"error" (what a CI job should use); 2 on wrong usage.`},
		"check.flag.programme": {"nur das Programm mit dieser `Kennung` prüfen (wiederholbar, oder durch Kommas getrennt)", "check only the programme with this `id` (repeatable, or comma-separated)"},
		"check.flag.format":    {"`Format` der Ausgabe: text (eine Tabelle je Programm und Zentrum), json (die Ergebnisse) oder xlsx (eine Arbeitsmappe der Ergebnisse und ihrer Zahlen)", "output `format`: text (a table per programme and centre), json (the results) or xlsx (a workbook of the results and their counts)"},
		"check.flag.only":      {"in den Tabellen nur diese `Ergebnisse` zeigen: problems (alle außer pass und not-applicable) oder eine Liste mit Kommas wie fail,missing-data; ohne pass und not-applicable werden deren Meldungen und Belege gar nicht erst berechnet, was die Prüfung schneller macht (json und xlsx enthalten immer jedes Ergebnis mit allen Angaben)", "show only these `outcomes` in the text tables: problems (all but pass and not-applicable), or a comma-separated list such as fail,missing-data; without pass and not-applicable, their messages and evidence are not even computed, which makes the check faster (json and xlsx always hold every result with every detail)"},
		"check.flag.strict":    {"Exit-Status 1, wenn ein Ergebnis der Schwere error fail, missing-data oder error ist", "exit 1 when any result of severity error is fail, missing-data or error"},
		"check.flag.out":       {"die Ergebnisse in diese `Datei` statt auf die Standardausgabe schreiben (- ist die Standardausgabe)", "write the verdicts to this `file` instead of standard output (- is standard output)"},
		"check.strictFailed":   {"kiez check: --strict: %d Ergebnisse der Schwere error sind nicht erfüllt, ohne Daten oder nicht auswertbar", "kiez check: --strict: %d results of severity error failed, lack data or could not be evaluated"},

		// kiez explain
		"explain.synopsis": {"kiez explain [Schalter] --rule ID --subject GEGENSTAND --period ZEITRAUM DATEN...", "kiez explain [flags] --rule ID --subject SUBJECT --period P DATA..."},
		"explain.about": {`
Erklärt ein Ergebnis: wendet eine Regel auf einen Gegenstand an und gibt
das Ergebnis aus, die Ausdrücke der Regel, wie sie geschrieben sind
(each, when, needs, assert), die Auswertung als eingerückten Baum (jedes
let mit seinem Wert; die Prüfung und jeder Teilausdruck, der sie
entschied: die Operanden von and/or, beide Seiten eines Vergleichs, die
Argumente einer Funktion, bei any/all/none/filter die Liste und die
Elemente, die entschieden), die Werte der Nachweise und die Parameter,
die die Regel verwendet, mit dem geltenden Wert. Mit --format json wird
die Erklärung als ein JSON-Objekt kiez-explain/1 geschrieben: die
Versionen des Moduls und der Regelwerke, der Zeitraum, die
Eingabedateien mit ihrem SHA-256 und einer Prüfsumme, die Zeit des Laufs
(KIEZ_NOW setzt sie, für Tests), dann "explanation" (rules.Explanation,
ihr Baum in "tree"); JSON Schema: cmd/kiez/explain.schema.json. Probleme
der Daten gehen dann auf die Standardfehlerausgabe.

Der Gegenstand wird geschrieben wie in der Spalte "Gegenstand" von "kiez
check": die Kennung des Programms bei programmweiten Regeln, die Kennung
eines Zentrums oder Zentrum/Element bei Regeln, die je Element prüfen.

Daten und Programme werden wie bei "kiez check" gewählt.

Exit-Status: 0, wenn das Ergebnis erklärt wurde, wie auch immer es ist;
1, wenn die Daten oder eine Regeldatei Fehler haben; 2 bei falschem
Aufruf (auch bei einer unbekannten Regel oder einem unbekannten
Gegenstand).`, `
Explains one verdict: evaluates one rule for one subject and prints the
result, the rule's expressions as written (each, when, needs, assert), the
evaluation as an indented tree (each let with its value; the assertion
and every sub-expression that decided it: the operands of and/or, both
sides of a comparison, the arguments of a function, for any/all/none/
filter the list and the elements that decided it), the evidence values
and the params the rule uses with the value in force. With --format json
the explanation is written as one JSON object kiez-explain/1: the module
and rule-set versions, the period, the input files with their SHA-256
and a digest, the time of the run (KIEZ_NOW sets it, for tests), then
"explanation" (rules.Explanation, its tree in "tree"); JSON Schema:
cmd/kiez/explain.schema.json. Problems of the data go to stderr then.

The subject is written as in the "Gegenstand" column of "kiez check": the
programme id for programme-wide rules, a centre id, or centre/item for
rules checked per item.

Data and programmes are chosen as for "kiez check".

Exit code: 0 when the verdict was explained, whatever it is; 1 when the
data or a rule file has errors; 2 on wrong usage (also for an unknown rule
or subject).`},
		"explain.flag.rule":      {"die `Kennung` der Regel", "the rule's `id`"},
		"explain.flag.subject":   {"der `Gegenstand`: eine Programmkennung, eine Zentrumskennung oder Zentrum/Element", "the `subject`: a programme id, a centre id or centre/item"},
		"explain.flag.programme": {"die `Kennung` des Programms, wenn mehrere Programme eine Regel mit dieser Kennung haben", "the programme `id`, when several programmes have a rule with this id"},
		"explain.flag.format":    {"`Format` der Ausgabe: text oder json (die Erklärung mit ihrem Baum, für Werkzeuge)", "the output `format`: text, or json (the explanation with its tree, for tools)"},
		"explain.needRule":       {"--rule und --subject sind Pflicht", "--rule and --subject are required"},

		// kiez report
		"report.synopsis": {"kiez report [Schalter] --kind ART --period ZEITRAUM DATEN...", "kiez report [flags] --kind K --period P DATA..."},
		"report.about": {`
Lädt und prüft die Daten, wendet die Regeln der Programme für den
Zeitraum an und erstellt einen Bericht: compliance (jedes Ergebnis je
Programm und Zentrum), centre (der Jahresbericht eines Zentrums,
--centre), programme (alle Zentren eines Programms nebeneinander,
--programme) oder staffing (Personal).

Daten-Argumente dürfen "-" für die Standardeingabe sein (YAML oder
JSON). Der Bericht wird nach --out geschrieben (ohne Angabe oder mit
"-": auf die Standardausgabe), in --format json, csv, md, html oder xlsx
(eine Excel-Arbeitsmappe: ein erstes Blatt mit Titel, Angaben und Text,
dann ein Blatt je Tabelle mit typisierten Zellen; nicht auf ein
Terminal); ohne --format wählt die Endung einer Datei (.json, .csv, .md,
.html, .xlsx) das Format, und ein --format, das der Endung widerspricht,
ist ein Fehler. --csv-tables VERZEICHNIS schreibt stattdessen jede
Tabelle als eigene CSV-Datei, VERZEICHNIS/<Tabellenkennung>.csv
(Kopfzeile und Zeilen, ohne Summen; deutsche Tabellenkonventionen wie
der CSV-Bericht), und sonst nichts: das Verzeichnis wird angelegt, wenn
es fehlt, und jede Datei wird ganz ersetzt, nie halb geschrieben.
JSON ist ein Objekt: die Versionen des Moduls und der Regelwerke, der
Zeitraum, die Eingabedateien mit ihrem SHA-256 und einer Prüfsumme
darüber, die Zeit des Laufs (KIEZ_NOW setzt sie, für Tests), dann der
Bericht (JSON Schema: cmd/kiez/report.schema.json). --out nennt eine
reguläre Datei, neu oder vorhanden; ein Verzeichnis, ein Gerät oder eine
benannte Pipe wird abgelehnt. Das Schreiben ist atomar: eine temporäre
Datei neben dem Ziel wird geschrieben, auf die Platte gebracht und über
das Ziel umbenannt; eine vorhandene Datei behält ihre Rechte, eine neue
bekommt die, die die umask erlaubt. Eine Datei, die eine der Eingaben ist
(dieselbe Datei, unter welchem Namen oder Link auch immer), wird nie
überschrieben. --published lässt Personalkennungen und Notizen weg und
zeigt Personenzahlen unter --threshold als "<3". --previous-period fügt
einem Zentrums- oder Programmbericht die Ergebnisse hinzu, die sich seit
einem früheren Zeitraum geändert haben. --lang en schreibt auch den
Bericht mit englischen Beschriftungen.`, `
Loads and validates the data, evaluates the programmes' rules for the
period and builds a report: compliance (every verdict per programme and
centre), centre (one centre's annual report, --centre), programme (all
centres of a programme side by side, --programme), or staffing.

Data arguments may be "-" for the standard input (YAML or JSON). The
report is written to --out (default, or "-": standard output) in
--format json, csv, md, html or xlsx (an Excel workbook: a first sheet
with title, metadata and text, then a sheet per table with typed cells;
not to a terminal); without --format, a file's extension (.json, .csv,
.md, .html, .xlsx) chooses the format, and a --format that disagrees with
the extension is an error. --csv-tables DIR writes instead each table as
a CSV file of its own, DIR/<table id>.csv (header line and rows, no
totals; German spreadsheet conventions as the CSV report), and nothing
else: DIR is created when missing, and each file is replaced whole, never
left half written. JSON is one object: the module
and rule-set versions, the period, the input files with their SHA-256 and
a digest over them, the time of the run (KIEZ_NOW sets it, for tests),
then the report (JSON Schema: cmd/kiez/report.schema.json). --out names a regular file, new or
existing; a directory, device or named pipe is refused. Writing is
atomic: a temporary file next to the target is written, flushed to disk
and renamed over it; an existing file keeps its mode, a new one gets the
mode the umask allows. A file that is one of the inputs (the same file,
under any name or link) is never overwritten. --published leaves out staff ids and notes and shows counts
of people below --threshold as "<3". --previous-period adds to a centre or
programme report the verdicts that changed since an earlier period.
--lang en also writes the report with English labels.`},
		"report.flag.programme": {"die `Kennung` des Programms (Pflicht bei programme und staffing; beschränkt die anderen)", "the programme `id` (required for programme and staffing; restricts the others)"},
		"report.flag.kind":      {"die `Art` des Berichts: compliance, centre, programme oder staffing", "the `kind` of report: compliance, centre, programme or staffing"},
		"report.flag.centre":    {"die `Kennung` des Zentrums eines Zentrumsberichts", "the centre `id` of a centre report"},
		"report.flag.format":    {"`Format` der Ausgabe: json, csv, md, html oder xlsx", "output `format`: json, csv, md, html or xlsx"},
		"report.flag.csvTables": {"jede Tabelle als eigene CSV-Datei in dieses `Verzeichnis` schreiben, und nichts sonst", "write each table as a CSV file of its own into this `directory`, and nothing else"},

		// kiez report --csv-tables, its usage problems.
		"report.csvTablesAlone":  {"--csv-tables schreibt die Tabellen statt des Berichts; %s weglassen", "--csv-tables writes the tables instead of the report; leave out %s"},
		"report.csvTablesBad":    {"--csv-tables %s: %v", "--csv-tables %s: %v"},
		"report.csvTablesNotDir": {"--csv-tables %s ist kein Verzeichnis; ein Verzeichnis nennen (es wird angelegt, wenn es fehlt)", "--csv-tables %s is not a directory; name a directory (it is created when missing)"},

		"err.xlsxTerminal":      {"--format xlsx schreibt eine Arbeitsmappe, keinen Text für ein Terminal; eine Datei mit -o DATEI.xlsx nennen oder die Standardausgabe umleiten", "--format xlsx writes a workbook, not text for a terminal; name a file with -o FILE.xlsx, or redirect standard output"},
		"report.flag.out":       {"den Bericht in diese `Datei` statt auf die Standardausgabe schreiben (- ist die Standardausgabe)", "write the report to this `file` instead of standard output (- is standard output)"},
		"report.flag.published": {"den Bericht zur Veröffentlichung erstellen: keine Personalkennungen, keine Notizen, kleine Zahlen unterdrückt", "build the report for publication: no staff ids, no notes, small counts suppressed"},
		"report.flag.threshold": {"in veröffentlichten Berichten werden Personenzahlen unter dieser `Zahl` als \"<N\" gezeigt", "in published reports, counts of people below this `number` are shown as \"<N\""},
		"report.flag.english":   {"englische Beschriftungen statt deutscher (wie --lang en)", "English labels instead of German (as --lang en)"},
		"report.flag.previous":  {"mit --kind centre oder programme: den Vorjahresvergleich hinzufügen, die Ergebnisse, die sich seit diesem früheren `Zeitraum` geändert haben, mit denselben Regelwerken ausgewertet", "with --kind centre or programme: add the year-over-year section (Vorjahresvergleich), the verdicts changed since this earlier `period`, evaluated with the same rule sets"},
		"report.needCentre":     {"--kind centre braucht --centre ID", "--kind centre needs --centre ID"},
		"report.previousKind":   {"--previous-period gehört zu --kind centre oder programme", "--previous-period goes with --kind centre or programme"},
		"report.oneProgramme":   {"--kind %s braucht genau ein --programme ID", "--kind %s needs exactly one --programme ID"},
		"report.badKind":        {"--kind: unbekannte Art %q (%s angeben)", "--kind: unknown kind %q (use %s)"},

		// kiez fmt
		"fmt.synopsis": {"kiez fmt [Schalter] [PFAD...]", "kiez fmt [flags] [PATH...]"},
		"fmt.about": {`
Bringt Regeldateien und Regeltestdateien in die kanonische Form, wie
gofmt es für Go tut: die Schlüssel in der Reihenfolge der Referenz, zwei
Leerzeichen je Ebene, Anführungszeichen nur, wo YAML sie braucht, lange
Ausdrücke und Meldungen als Textblöcke (>-), Kommentare und die
Leerzeilen zwischen Gruppen bleiben, eine Leerzeile zwischen Regeln und
zwischen Testfällen (docs/programmgestaltung.md, "Regeldateien
formatieren"). Das Formatieren ändert nie, was eine Datei sagt.

Eine Datei wird so formatiert, wie sie genannt ist; in einem Verzeichnis
werden rekursiv die .yaml- und .yml-Dateien gesucht, die Regeldateien
(mit rules, requirements, params oder manual) oder Regeltestdateien (mit
cases) sind; Daten-Dateien bleiben unberührt. Ohne Pfad wird die
Standardeingabe auf die Standardausgabe formatiert. Ohne -l, -d oder -w
werden die formatierten Dateien ausgegeben.

Exit-Status: 0, wenn jede Datei formatiert werden konnte (auch wenn -l
Dateien auflistet), 1, wenn eine Datei nicht gelesen, formatiert oder
geschrieben werden konnte (sie bleibt, wie sie ist), 2 bei falschem
Aufruf.`, `
Formats rule files and rule test files in the canonical layout, as gofmt
does for Go: the keys in the order of the reference, two spaces per level,
quotes only where YAML needs them, long expressions and messages as block
texts (>-), comments and the blank lines between groups kept, a blank line
between rules and between test cases (docs/programmgestaltung.md,
"Regeldateien formatieren"). Formatting never changes what a file says.

A file is formatted as given; a directory is searched recursively for
.yaml and .yml files that are rule files (with rules, requirements,
params or manual) or rule test files (with cases); data files are left
alone. Without a path, the standard input is formatted to the standard
output. Without -l, -d or -w, the formatted files are printed.

Exit code: 0 when every file could be formatted (also when -l lists
files), 1 when a file could not be read, formatted or written (it is left
as it is), 2 on wrong usage.`},
		"fmt.flag.l":      {"die Dateien auflisten, deren Form von der kanonischen abweicht", "list the files whose layout differs from the canonical one"},
		"fmt.flag.d":      {"die Änderungen, die das Formatieren machen würde, als unified diff ausgeben", "print the changes formatting would make, as a unified diff"},
		"fmt.flag.w":      {"den formatierten Text in jede Datei zurückschreiben, deren Form abweicht", "write the formatted text back to each file whose layout differs"},
		"fmt.writeNoPath": {"-w braucht eine Datei oder ein Verzeichnis, in das geschrieben wird", "-w needs a file or directory to write to"},

		// kiez gen
		"gen.synopsis": {"kiez gen [Schalter] --out VERZEICHNIS", "kiez gen [flags] --out DIR"},
		"gen.about": {`
Erzeugt einen synthetischen Datenbestand für Last- und Laufzeittests:
Kopien der Vorlage-Zentren (--from, ohne Angabe die mitgelieferten
Testdaten) mit neuen Kennungen, veränderter Teilnahme und verschobenen
Terminen, in Regionen gruppiert, mit einem oder zwei Mängeln in einem
Anteil der Zentren. Derselbe Startwert und dieselbe Größe ergeben
dieselben Dateien. Wie die Daten entstehen, steht in internal/synth.

Schreibt in VERZEICHNIS je Programm einen Ordner mit programme.yaml und
einer Datei je Zentrum, und shortfalls.txt, die Liste der eingebauten
Mängel (Zentrum, die Regel, die nicht erfüllt ist, was geändert wurde).
Überschreibt nie eine Datei: gibt es eine schon, wird nichts geschrieben.
Synthetische Daten sind nicht echt: nie ausliefern.

Exit-Status: 0, wenn die Dateien geschrieben sind, 1, wenn die Vorlagen
nicht fehlerfrei laden oder eine Datei schon da ist, 2 bei falschem
Aufruf.`, `
Generates a synthetic dataset for load tests and benchmarks: clones of the
template centres (--from, by default the shipped testdata) with new ids,
varied attendance and shifted sessions, grouped in regions, with one or two
shortfalls in a share of the centres. The same seed and size give the same
files. See internal/synth for how the data is built.

Writes into DIR, per programme, a folder with programme.yaml and one file
per centre, and shortfalls.txt, the list of injected shortfalls (centre,
the rule that fails, what was changed). Never overwrites a file: when one
exists, nothing is written. Synthetic data is not real: never ship it.

Exit code: 0 when the files are written, 1 when the templates do not load
cleanly or a file exists, 2 on wrong usage.`},
		"gen.flag.from":       {"Vorlagedaten, `Datei oder Verzeichnis` (wiederholbar; ohne Angabe: testdata/wiesbaden, testdata/bad-kreuznach, testdata/thueringen)", "template data `file or directory` (repeatable; default: testdata/wiesbaden, testdata/bad-kreuznach, testdata/thueringen)"},
		"gen.flag.out":        {"das `Verzeichnis`, in das geschrieben wird (wird bei Bedarf angelegt)", "the `directory` to write into (created if need be)"},
		"gen.flag.seed":       {"der `Startwert` des Zufalls", "the random `seed`"},
		"gen.flag.centres":    {"die `Anzahl` der Zentren, gleichmäßig auf die Programme verteilt", "the `number` of centres, shared out evenly between the programmes"},
		"gen.flag.shortfalls": {"der `Anteil` der Zentren (0 bis 1) mit einem oder zwei Mängeln", "the `share` of centres (0 to 1) with one or two shortfalls"},
		"gen.flag.year":       {"das `Jahr` der Aktivität der Vorlagen (ohne Angabe: das Jahr, in das die meisten ihrer Termine fallen)", "the `year` of activity of the templates (default: the year most of their sessions fall in)"},
		"gen.flag.format":     {"`Format` der Dateien: yaml oder json", "file `format`: yaml or json"},
		"gen.unexpectedArg":   {"unerwartetes Argument %q; die Vorlagen mit --from nennen", "unexpected argument %q; name the templates with --from"},

		// kiez gen, the lines after its table.
		"gen.summary":         {"Startwert %d, Jahr %d, %s mit Mängeln (%s).", "Seed %d, year %d, %s with shortfalls (%s)."},
		"gen.written":         {"%s nach %s geschrieben; die Mängel stehen in %s.", "%s written to %s; the shortfalls are listed in %s."},
		"gen.excluded":        {"Nicht geklonte Vorlagen (sie verletzen eine Regel, die keine Reparatur behebt): %v", "Templates not cloned (they fail a rule no repair fixes): %v"},
		"word.file.one":       {"Datei", "file"},
		"word.file.many":      {"Dateien", "files"},
		"word.shortfall.one":  {"Mangel", "shortfall"},
		"word.shortfall.many": {"Mängel", "shortfalls"},
		"gen.needOut":         {"--out: das Verzeichnis nennen, in das geschrieben wird", "--out: name the directory to write into"},
		"gen.badCentres":      {"--centres: eine Zahl von 0 bis %d angeben", "--centres: give a number from 0 to %d"},
		"gen.badShortfalls":   {"--shortfalls: einen Anteil von 0 bis 1 angeben, z. B. 0.15", "--shortfalls: give a share from 0 to 1, e.g. 0.15"},

		// kiez lsp
		"lsp.synopsis": {"kiez lsp", "kiez lsp"},
		"lsp.about": {`
Startet den Language Server für Regeldateien und Regeltestdateien
(*_test.yaml) über Standardein- und -ausgabe, für VS Code, Neovim oder
jeden Editor, der das Language Server Protocol spricht; der Editor
startet ihn. Er zeigt die Probleme, die kiez lint findet, während die
Datei bearbeitet wird, vervollständigt Felder nach "centre." (und nach
jedem Ausdruck, dessen Typ bekannt ist), Parameter nach "params.",
let-Namen und Funktionen, zeigt beim Überfahren den Werteverlauf eines
Parameters und den Referenztext einer Funktion und springt zur
Deklaration von Parametern, lets und Anforderungskennungen. Die
Einrichtung von VS Code und Neovim steht in docs/programmgestaltung.md,
"Im Editor: kiez lsp".

Exit-Status: 0 nach shutdown und exit des Editors, 1, wenn die Eingabe
vorher endet oder abbricht oder exit ohne shutdown kommt, 2 bei falschem
Aufruf.`, `
Runs the Language Server for rule files and rule test files (*_test.yaml)
over standard input and output, for VS Code, Neovim or any editor that
speaks the Language Server Protocol; the editor starts it. It shows the
problems kiez lint finds while the file is being edited, completes fields
after "centre." (and after any expression whose type is known), params
after "params.", let names and functions, shows the value history of a
param and the reference text of a function on hover, and goes to the
declaration of params, lets and requirement ids. The setup of VS Code and
Neovim is in docs/programmgestaltung.md, "Im Editor: kiez lsp".

Exit code: 0 after the editor's shutdown and exit, 1 when the input ends
or breaks first or exit comes without shutdown, 2 on wrong usage.`},
		"lsp.noArgs": {"er nimmt keine Argumente: der Editor startet ihn und spricht mit ihm über Standardein- und -ausgabe", "it takes no arguments: the editor starts it and speaks to it over standard input and output"},

		// kiez serve
		"serve.synopsis": {"kiez serve [Schalter]", "kiez serve [flags]"},
		"serve.about": {`
Startet den Dienst für das Intranet eines Jugendamts: die HTTP-API unter
/api/v1/ (das OpenAPI-Dokument unter /api/v1/openapi.json), das Dashboard
unter / und /healthz. Datensätze, Regeldateien, Prüfungen, Konten und das
Protokoll liegen in einer SQLite-Datei (--db). Ohne Anmeldung sind nur die
veröffentlichten Prüfungen zu sehen (mit --published), die Rolle read liest
alles, die Rolle write lädt hoch, prüft und veröffentlicht. Konten legt
"kiez serve account add NAME --role write" an (das Passwort von der
Standardeingabe).

Jeder Schalter kann auch aus der Umgebung kommen (KIEZ_ADDR, KIEZ_DB,
KIEZ_PUBLISHED, …: KIEZ_ und der Name des Schalters in Großbuchstaben mit _);
ein Schalter auf der Kommandozeile gilt vor der Umgebung. SIGINT oder SIGTERM
beenden den Dienst: laufende Anfragen und Prüfungen werden zu Ende geführt.

Sicherung: die Datenbankdatei bei gestopptem Dienst kopieren, oder im
laufenden Betrieb mit sqlite3 kiez.db "VACUUM INTO 'sicherung.db'".

Exit-Status: 0 nach dem Beenden, 1, wenn der Dienst nicht starten kann, 2 bei
falschem Aufruf.`, `
Runs the service for a youth welfare office's intranet: the HTTP API under
/api/v1/ (the OpenAPI document at /api/v1/openapi.json), the dashboard at /
and /healthz. Datasets, rule files, evaluations, accounts and the audit log
are kept in one SQLite file (--db). Without signing in only the published
evaluations can be seen (with --published); the role read reads everything,
the role write uploads, checks and publishes. "kiez serve account add NAME
--role write" creates accounts (the password from the standard input).

Every flag may come from the environment too (KIEZ_ADDR, KIEZ_DB,
KIEZ_PUBLISHED, …: KIEZ_ and the flag's name in capitals with _); a flag on
the command line wins over the environment. SIGINT or SIGTERM stop the
service: running requests and checks are finished.

Backup: copy the database file while the service is stopped, or while it
runs with sqlite3 kiez.db "VACUUM INTO 'backup.db'".

Exit code: 0 after stopping, 1 when the service cannot start, 2 for wrong
usage.`},
		"serve.flag.addr":            {"die `Adresse`, auf der der Dienst hört (KIEZ_ADDR)", "the `address` to listen on (KIEZ_ADDR)"},
		"serve.flag.db":              {"die SQLite-`Datei` der Daten, Regeln, Prüfungen und Konten (KIEZ_DB)", "the SQLite `file` of data, rules, evaluations and accounts (KIEZ_DB)"},
		"serve.flag.proxyUser":       {"der `Kopf`, in dem ein vorgeschalteter Proxy den angemeldeten Namen sendet (KIEZ_PROXY_USER_HEADER); zählt nur von --trusted-proxies", "the `header` in which a reverse proxy sends the authenticated name (KIEZ_PROXY_USER_HEADER); counts only from --trusted-proxies"},
		"serve.flag.proxyRole":       {"der `Kopf` mit der Rolle (read oder write) vom Proxy; ohne ihn gilt die Rolle des Kontos (KIEZ_PROXY_ROLE_HEADER)", "the `header` with the role (read or write) from the proxy; without it the account's role (KIEZ_PROXY_ROLE_HEADER)"},
		"serve.flag.trusted":         {"die `Adressen` der Proxys, deren Köpfe zählen, durch Kommas getrennt, z. B. 10.0.0.5,10.1.0.0/16 (KIEZ_TRUSTED_PROXIES)", "the proxies' `addresses` whose headers count, comma-separated, e.g. 10.0.0.5,10.1.0.0/16 (KIEZ_TRUSTED_PROXIES)"},
		"serve.flag.published":       {"veröffentlichte Prüfungen ohne Anmeldung zeigen, mit der veröffentlichten Form der Berichte (KIEZ_PUBLISHED)", "show published evaluations without signing in, with the published form of the reports (KIEZ_PUBLISHED)"},
		"serve.flag.insecure":        {"Cookies ohne Secure, für einfaches HTTP auf localhost (KIEZ_INSECURE_COOKIES)", "cookies without Secure, for plain HTTP on localhost (KIEZ_INSECURE_COOKIES)"},
		"serve.flag.maxUpload":       {"die größte `Größe` einer Anfrage, in Bytes oder mit K, M, G (KIEZ_MAX_UPLOAD)", "the largest request `size`, in bytes or with K, M, G (KIEZ_MAX_UPLOAD)"},
		"serve.flag.checkTimeout":    {"die längste `Dauer` einer Prüfung (KIEZ_CHECK_TIMEOUT)", "the longest `duration` of a check (KIEZ_CHECK_TIMEOUT)"},
		"serve.flag.shutdownTimeout": {"wie lange das Beenden auf laufende Prüfungen wartet (`Dauer`, KIEZ_SHUTDOWN_TIMEOUT)", "how long stopping waits for running checks (`duration`, KIEZ_SHUTDOWN_TIMEOUT)"},
		"serve.flag.maxChecks":       {"die meisten Prüfungen, die gleichzeitig laufen (`Anzahl`); 0 heißt eine je Prozessor (KIEZ_MAX_CHECKS)", "the most checks that run at once (`number`); 0 means one per processor (KIEZ_MAX_CHECKS)"},
		"serve.flag.logFormat":       {"`Format` des Protokolls auf stderr: text oder json (KIEZ_LOG_FORMAT)", "`format` of the log on stderr: text or json (KIEZ_LOG_FORMAT)"},
		"serve.badEnv":               {"die Umgebungsvariable %s=%q ist ungültig: %v", "the environment variable %s=%q is invalid: %v"},
		"serve.noArgs":               {"nimmt keine Argumente; Daten werden über die API oder das Dashboard hochgeladen", "takes no arguments; data is uploaded through the API or the dashboard"},
		"serve.badDuration":          {"--check-timeout und --shutdown-timeout müssen größer als 0 sein", "--check-timeout and --shutdown-timeout must be greater than 0"},
		"serve.failed":               {"kiez serve: %v", "kiez serve: %v"},
		"serve.account.synopsis":     {"kiez serve account add NAME [--role read|write] [--db DATEI] < passwort.txt", "kiez serve account add NAME [--role read|write] [--db FILE] < password.txt"},
		"serve.account.about": {`
Legt ein Konto des Dienstes an oder gibt einem vorhandenen ein neues
Passwort und eine neue Rolle. Das Passwort ist die erste Zeile der
Standardeingabe (mindestens 12 Zeichen); gespeichert wird nur sein
argon2id-Hash. Der Name ist eine Kennung in Kleinbuchstaben (anna-schmidt).

Exit-Status: 0, wenn das Konto gespeichert ist, 1 bei einem Fehler der
Datenbank, 2 bei falschem Aufruf.`, `
Creates an account of the service, or gives an existing one a new password
and role. The password is the first line of the standard input (at least
12 characters); only its argon2id hash is stored. The name is a lower-case
id (anna-schmidt).

Exit code: 0 when the account is stored, 1 for a database error, 2 for
wrong usage.`},
		"serve.account.flag.role":     {"die `Rolle` des Kontos: read (lesen) oder write (hochladen, prüfen, veröffentlichen)", "the account's `role`: read, or write (upload, check, publish)"},
		"serve.account.usage":         {"Aufruf: kiez serve account add NAME --role read|write", "usage: kiez serve account add NAME --role read|write"},
		"serve.account.badRole":       {"--role: unbekannte Rolle %q (read oder write angeben)", "--role: unknown role %q (use read or write)"},
		"serve.account.shortPassword": {"das Passwort (erste Zeile der Standardeingabe) braucht mindestens %d Zeichen", "the password (first line of the standard input) needs at least %d characters"},
		"serve.account.added":         {"Konto %s mit der Rolle %s in %s gespeichert", "account %s with the role %s stored in %s"},

		// kiez version
		"version.synopsis": {"kiez version [Schalter]", "kiez version [flags]"},
		"version.about": {`
Gibt die Version des kiez-Moduls aus, aus dem das Programm gebaut wurde,
die Revision, wenn der Build eine festhielt, die Go-Version, die es
baute, und Kennung und Version jedes eingebetteten Regelwerks
(Programms). Exit-Status: 0, oder 2 bei falschem Aufruf.`, `
Prints the version of the kiez module the program was built from, the
revision when the build recorded one, the Go version that built it, and
the id and version of each embedded rule set (programme). Exit code: 0,
or 2 on wrong usage.`},
		"version.flag.format": {"`Format` der Ausgabe: text oder json", "output `format`: text or json"},
		"version.noArgs":      {"nimmt keine Argumente", "takes no arguments"},

		// Where outputs go (check, report, plan).
		"word.and":           {" und ", " and "},
		"out.bothStdout":     {"%s schreiben beide auf die Standardausgabe; für eine von ihnen eine Datei nennen (--out ist die Standardausgabe, wenn es keine Datei nennt)", "%s both write to standard output; name a file for one of them (--out is standard output unless it names a file)"},
		"out.same":           {"%s %s und %s %s sind dieselbe Datei; jeder Ausgabe eine eigene Datei geben", "%s %s and %s %s are the same file; give each output its own file"},
		"out.isInput":        {"%s %s ist die Eingabedatei %s; Eingaben werden nie überschrieben", "%s %s is the input file %s; inputs are never overwritten"},
		"out.inInputDir":     {"%s %s liegt im Eingabeverzeichnis %s, wo sie beim nächsten Mal als Daten gelesen würde", "%s %s lies in the input directory %s, where it would be read as data next time"},
		"out.danglingLink":   {"%s %s ist ein symbolischer Link, der ins Leere führt (%v); die Datei selbst nennen", "%s %s is a symbolic link that leads nowhere (%v); name the file itself"},
		"out.isDir":          {"%s %s ist ein Verzeichnis; eine Datei nennen (gern darin)", "%s %s is a directory; name a file (in it, if you like)"},
		"out.notRegular":     {"%s %s ist %s, keine reguläre Datei; Ausgaben werden nur in reguläre Dateien geschrieben, oder mit %s - auf die Standardausgabe", "%s %s is %s, not a regular file; outputs are written only to regular files, or to standard output with %s -"},
		"out.nowNotRegular":  {"%s %s ist jetzt %s, keine reguläre Datei; nichts wurde geschrieben", "%s %s is now %s, not a regular file; nothing was written"},
		"out.noDir":          {"%s %s: das Verzeichnis %s gibt es nicht", "%s %s: the directory %s does not exist"},
		"out.formatMismatch": {"--format %s passt nicht zu --out %s, dessen Endung %s für %s steht; --format %s angeben, eine %s-Datei nennen oder --format weglassen", "--format %s does not match --out %s, whose extension %s stands for %s; give --format %s, name a %s file, or leave out --format"},
		"out.cannotWrite":    {"--out %s: kiez %s schreibt kein %s; eine %s-Datei nennen oder --format angeben", "--out %s: kiez %s does not write %s; name a %s file, or give --format"},
		"kind.fifo":          {"eine benannte Pipe (FIFO)", "a named pipe (FIFO)"},
		"kind.socket":        {"ein Socket", "a socket"},
		"kind.charDevice":    {"ein zeichenorientiertes Gerät", "a character device"},
		"kind.device":        {"ein Gerät", "a device"},
		"kind.dir":           {"ein Verzeichnis", "a directory"},
		"kind.symlink":       {"ein symbolischer Link", "a symbolic link"},
		"kind.special":       {"eine besondere Datei", "a special file"},

		// Messages of single commands beside their usage.
		"sel.noRules":            {"keine Regeln für das Programm %q: seine Regeldatei mit --rules nennen, oder ein eingebettetes Programm %s", "no rules for programme %q: name its rule file with --rules, or an embedded programme %s"},
		"explain.noRule":         {"keine Regel %q im Programm oder in den Programmen %s", "no rule %q in programme(s) %s"},
		"explain.ruleAmbiguous":  {"die Regel %q gibt es in mehreren Programmen (%s); eines mit --programme wählen", "rule %q is in several programmes (%s); choose one with --programme"},
		"explain.noSubjects":     {"die Regel %q hat kein Ergebnis für den Gegenstand %q und auch für keinen anderen Gegenstand in diesen Daten", "rule %q has no result for subject %q, nor for any other subject in this data"},
		"explain.otherSubjects":  {"die Regel %q hat kein Ergebnis für den Gegenstand %q; ihre Gegenstände: %s", "rule %q has no result for subject %q; its subjects: %s"},
		"report.yoyFailed":       {"kiez report: der Vorjahresvergleich: %v", "kiez report: the year-over-year comparison: %v"},
		"fmt.stdinUnreadable":    {"kiez fmt: die Standardeingabe ist nicht lesbar: %v", "kiez fmt: cannot read the standard input: %v"},
		"fmt.stdinTooLarge":      {"kiez fmt: die Standardeingabe hat mehr als %d Bytes, die Höchstgröße einer Regeldatei", "kiez fmt: the standard input is more than %d bytes, the most a rule file may have"},
		"gen.templatesBad":       {"kiez gen: die Vorlagen laden nicht fehlerfrei (%s)", "kiez gen: the templates do not load cleanly (%s)"},
		"version.embeddedErrors": {"kiez version: die eingebetteten Regelwerke haben Fehler: %v", "kiez version: the embedded rule sets have errors: %v"},

		// When --timeout runs out.
		"timeout.ranOut":           {"kiez %s: das Zeitlimit ist abgelaufen (--timeout %v), während %s; der Befehl wurde abgebrochen.", "kiez %s: the time limit ran out (--timeout %v) while %s; the command was stopped."},
		"timeout.advice":           {"Mehr Zeit mit --timeout geben (z. B. --timeout 5m; 0 heißt ohne Grenze), oder nach einer Regel suchen, die zu lange läuft: \"kiez explain\" zeigt eine Regel für einen Gegenstand.", "Allow more time with --timeout (e.g. --timeout 5m; 0 means no limit), or look for a rule that runs too long: \"kiez explain\" shows one rule for one subject."},
		"timeout.whileData":        {"die Daten geladen wurden", "the data was loaded"},
		"timeout.whileRules":       {"die Regeln ausgewertet wurden", "the rules were evaluated"},
		"timeout.whileRule":        {"die Regel ausgewertet wurde", "the rule was evaluated"},
		"timeout.whileSubjects":    {"die Gegenstände der Regel gesucht wurden", "the subjects of the rule were looked for"},
		"timeout.whileTests":       {"die Regeltests liefen", "the rule tests ran"},
		"timeout.nothingEvaluated": {"Nichts wurde ausgewertet.", "Nothing was evaluated."},
		"timeout.nothingCompared":  {"Nichts wurde verglichen.", "Nothing was compared."},
		"timeout.nothingExplained": {"Nichts wurde erklärt.", "Nothing was explained."},
		"timeout.nothingWritten":   {"Nichts wurde geschrieben.", "Nothing was written."},
		"timeout.checkShown":       {"Die gezeigten Ergebnisse sind die, die rechtzeitig fertig wurden; ein Ergebnis, das \"context deadline exceeded\" nennt, wurde abgebrochen.", "The results shown are those finished in time; a result naming \"context deadline exceeded\" was cut short."},
		"timeout.testShown":        {"Die gezeigten Fälle liefen vorher; ein Fall, der \"context deadline exceeded\" nennt, wurde abgebrochen, und spätere Dateien liefen nicht.", "The cases shown ran before; a case naming \"context deadline exceeded\" was cut short, and later files were not run."},
	}
}

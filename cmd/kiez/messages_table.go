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
		"main.plan":           {"die Pflichten eines Programms für ein kommendes Jahr ableiten, als Tabelle und als iCalendar-Datei", "derive a programme's obligations for a coming year, as a table and an iCalendar file"},
		"main.lsp":            {"den Language Server für Regeldateien starten: Probleme, Vervollständigung, Hilfe und Sprung zur Definition im Editor", "run the Language Server for rule files: problems, completion, hover and go-to-definition in the editor"},
		"main.gen":            {"aus Vorlagedaten einen synthetischen Datenbestand von N Zentren erzeugen, für Last- und Laufzeittests", "generate a synthetic dataset of N centres from template data, for load tests and benchmarks"},
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
"Datei: Fall: PASS|FAIL|ERROR (Dauer)", unter einem fehlgeschlagenen
Fall die erwarteten und die erhaltenen Ergebnisse, unter einem Fall mit
Fehler, warum er nicht laufen konnte, dann die Probleme der Testdateien
selbst (jedes einmal, die Ursache vor ihren Folgen), dann je Programm die
Regeln, für die kein Fall ein erfülltes oder kein Fall ein nicht
erfülltes Ergebnis erwartet, und am Ende "N passed, N failed, N errored".

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
failed, N errored".

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

		// kiez plan
		"plan.synopsis": {"kiez plan [Schalter] --programme ID --year JAHR DATEN...", "kiez plan [flags] --programme ID --year Y DATA..."},
		"plan.about": {`
Leitet die Pflichten eines Programms für ein kommendes Jahr aus den Daten
des Vorjahrs ab (Angebote mit einem Rhythmus, der Rhythmus jeder Art von
Treffen, die vorliegenden Jahresberichte) und gibt sie als Tabelle in
--format json, csv, md oder html aus (ohne --format, wie die Endung von
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
einmal geschrieben, damit Kalender ihn entfernen. Ohne --previous hat
jeder Termin SEQUENCE 0.`, `
Derives a programme's obligations for a coming year from the data of the
year before (offers with a recurrence, the rhythm of each kind of meeting,
the annual reports on file) and prints them as a table in --format json,
csv, md or html (without --format, as the extension of --out says; JSON
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
Without --previous every event has SEQUENCE 0.`},
		"plan.flag.programme": {"die `Kennung` des Programms (Pflicht)", "the programme `id` (required)"},
		"plan.flag.rules":     {"die Regel`datei` von der Platte laden statt des eingebetteten Programms mit ihrer Kennung (wiederholbar)", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)"},
		"plan.flag.year":      {"das zu planende `Jahr` (Pflicht); gelesen werden die Daten des Vorjahrs", "the `year` to plan (required); the data of the year before is read"},
		"plan.flag.format":    {"`Format` der Tabelle: json, csv, md oder html", "table `format`: json, csv, md or html"},
		"plan.flag.ics":       {"den Plan auch als iCalendar-`Datei` schreiben (- ist die Standardausgabe)", "also write the plan as an iCalendar `file` (- is standard output)"},
		"plan.flag.previous":  {"mit --ics: die zuletzt exportierte iCalendar-`Datei`, deren Termine der neue Kalender aktualisiert (SEQUENCE, STATUS:CANCELLED)", "with --ics: the iCalendar `file` exported last time, whose events the new one updates (SEQUENCE, STATUS:CANCELLED)"},
		"plan.flag.out":       {"die Tabelle in diese `Datei` statt auf die Standardausgabe schreiben (- ist die Standardausgabe)", "write the table to this `file` instead of standard output (- is standard output)"},
		"plan.flag.o":         {"kurz für --out `Datei`", "short for --out `file`"},
		"plan.oneProgramme":   {"genau ein --programme ID angeben", "name exactly one --programme ID"},
		"plan.needYear":       {"--year: das zu planende Jahr angeben, z. B. --year 2025", "--year: give the year to plan, e.g. --year 2025"},
		"plan.previousNoICS":  {"--previous gehört zu --ics DATEI: es ist der Kalender, den der neue aktualisiert", "--previous goes with --ics FILE: it is the calendar the new one updates"},
		"plan.previousBad":    {"kiez plan: --previous %v", "kiez plan: --previous %v"},
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
Bericht Folgenabschätzung des report-Pakets als md, html oder csv, mit
--published zur Veröffentlichung.

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

Output: German tables (text); the comparison as data (json: one object,
the module version, the rule sets of both sides, the new side's period,
the input files with their SHA-256 and a digest over them and the time
of the run as in "kiez check", then the comparison's fields; JSON Schema
cmd/kiez/diff.schema.json); or the Folgenabschätzung report of the
report package as md, html or csv, with --published for publication.

Exit code: 0 when the comparison ran, whatever changed; 1 when the data
or a rule file has errors, or, with --strict, when anything changed; 2
on wrong usage.`},
		"diff.flag.programme": {"nur das Programm mit dieser `Kennung` vergleichen (wiederholbar, oder durch Kommas getrennt)", "compare only the programme with this `id` (repeatable, or comma-separated)"},
		"diff.flag.rules":     {"die alte Seite: die Regel`datei` laden statt des eingebetteten Programms mit ihrer Kennung (wiederholbar)", "the old side: load the rule `file` instead of the embedded programme with its id (repeatable)"},
		"diff.flag.rulesNew":  {"die neue Seite: die Regel`datei` laden statt des Programms der alten Seite mit ihrer Kennung (wiederholbar)", "the new side: load the rule `file` instead of the old side's programme with its id (repeatable)"},
		"diff.flag.set":       {"die neue Seite: einem Parameter ab einem Tag einen anderen Wert geben, `name=wert@JJJJ-MM-TT` (wiederholbar)", "the new side: give a param another value from a day on, `name=value@YYYY-MM-DD` (repeatable)"},
		"diff.flag.rename":    {"die Regel `alt=neu` der alten Seite der Regel der neuen Seite mit anderer Kennung zuordnen (wiederholbar)", "match the old side's rule `old=new` with the new side's rule of another id (repeatable)"},
		"diff.flag.period":    {"der ausgewertete `Zeitraum` der neuen Seite (und der alten ohne --period-old): 2025, 2025-H1, 2025-Q3, 2025-03 oder 2025-01-01..2025-06-30", "the evaluated `period` of the new side (and of the old one without --period-old): 2025, 2025-H1, 2025-Q3, 2025-03 or 2025-01-01..2025-06-30"},
		"diff.flag.periodOld": {"der ausgewertete `Zeitraum` der alten Seite, für einen Vergleich zweier Zeiträume", "the evaluated `period` of the old side, for a comparison of two periods"},
		"diff.flag.format":    {"`Format` der Ausgabe: text (deutsche Tabellen), json (der Vergleich als Daten) oder der Bericht Folgenabschätzung als md, html oder csv", "output `format`: text (German tables), json (the comparison as data), or the Folgenabschätzung report as md, html or csv"},
		"diff.flag.published": {"mit md, html oder csv: den Bericht zur Veröffentlichung erstellen (keine Personalkennungen, keine Meldungen aus den Daten, keine Stunden einzelner Zentren)", "with md, html or csv: build the report for publication (no staff ids, no messages of the data, no hours of single centres)"},
		"diff.flag.strict":    {"Exit-Status 1, wenn sich ein Ergebnis oder ein Parameter änderte", "exit 1 when any result or param changed"},
		"diff.publishedText":  {"--published braucht --format md, html oder csv", "--published needs --format md, html or csv"},
		"diff.badRename":      {"--rename %q: alt=neu schreiben, die Kennungen der alten und der neuen Regel", "--rename %q: write old=new, the rule ids of the old and the new rules"},
		"diff.renameProblem":  {"--rename %s=%s: %s", "--rename %s=%s: %s"},
		"diff.setProblem":     {"--set %v", "--set %v"},
	}
}

// Package report builds the reports of family-centre funding programmes
// from the data and the rules' verdicts, and renders them as JSON, CSV,
// Markdown, self-contained HTML and Excel workbooks.
//
// Every programme ends in reports. Wiesbaden's KiEZ deliver an annual
// evaluation of their offers and a business report, and the Sachgebiet
// compares attendance across all ten (WI-06 of the requirement catalogue, docs/anforderungen.md); in Bad
// Kreuznach the Koordinierungsstelle merges the reports of Kita-Sozialarbeit
// and Elternberatung into the Jahresbericht Sozialraumbudget, published
// into the Sozialraum (BK-20); a ThEKiZ documents and evaluates its offers
// in an annual Sachbericht (TH-19). Published reports must not expose
// families.
//
// Builders and renderers are safe for concurrent use: they only read
// their input, which must not change meanwhile, and the package has no
// global mutable state. A built Report is plain data.
//
// # Builders
//
// A builder reads a *rules.Evaluation — what rules.Engine.Evaluate
// returns: the validated kiez.Dataset, the rule sets, the period and the
// verdicts, held together — and returns a *Report, the content
// independent of any format:
//
//   - Compliance: per programme and centre, the verdict of every rule with
//     its requirement ids, message, evidence, waiver and source section; a
//     summary of the requirements met, failed, waived, without data, in
//     error and checked by hand (the programme's manual list).
//   - CentreAnnual: one centre's year — offers by kind and field, sessions
//     and attendance per month and offer, meetings held (with the verdicts
//     of the rules that require them), staffing in hours and full-time
//     equivalents by role, release time, process facilitation per month,
//     budget by category, target agreements against delivery, impact goals
//     against their indicators, the reports on file, the verdicts.
//   - ProgrammeAnnual: all centres of a programme side by side, with the
//     reports each delivered, the programme-wide meetings, phases and
//     organisation forms, and Bad Kreuznach's merged Jahresbericht
//     Sozialraumbudget.
//   - Staffing: every position by centre and role on the period's last day.
//   - Plan: a programme's obligations for a coming year, as a table and as
//     a schedule.Calendar (iCalendar); its documentation says how the plan
//     is derived.
//   - Impact: the Folgenabschätzung of a rule change, from a
//     whatif.Comparison (which holds the new side's evaluation) — the centres and requirements affected, verdicts
//     before and after, with a chart of problems per rule, and the hours
//     missing under the new rule set.
//
// Sections without data are left out. Options (WithLanguage,
// WithPublished, WithThreshold, WithFullTimeHours, WithStamp, WithTitle,
// WithCentres) set a plain Config; DefaultConfig holds the defaults.
//
// # The document model
//
// A Report has a title, metadata (Field) and ordered Sections, each with
// paragraphs, Tables and Charts. A Column has a type — text, count,
// decimal, date, outcome or bool — a unit, and marks counts of people
// (Persons) and sums of other columns (SumOf); a Row may be a total. A
// Cell holds the machine value and the text people read. A Chart draws
// columns of a table of its section (bar or line series) and holds no
// numbers of its own, so that suppression applies to charts too.
//
// # Renderers
//
// WriteJSON, WriteCSV, WriteMarkdown, WriteHTML and WriteXLSX (or Write
// with a Format) render any Report to an io.Writer:
//
//   - JSON: the document model, indented, one table row per line; decimals
//     as exact strings, dates as YYYY-MM-DD, outcomes as their ids, truth
//     values as true and false, and metadata with its value for machines
//     beside the text (see WriteJSON for the shape).
//   - CSV for German spreadsheet software: UTF-8 with byte order mark,
//     semicolons, CRLF, decimal comma in German reports, no thousands
//     separators; one block per table. WriteCSVTable and WriteCSVTables
//     write each table on its own, header and rows only, for imports and
//     pivot tables.
//   - XLSX: an Excel workbook with a first sheet of title, metadata and
//     text and a sheet per table, with typed cells (numbers, dates,
//     percentages, booleans) in German-looking number formats, a frozen
//     header row, columns as wide as their content, and the charts as
//     Excel charts beside their tables.
//   - Markdown: headings, lists and GitHub tables; charts left out.
//   - HTML: one page without external assets, print style for A4, inline
//     SVG charts (attendance per month, verdicts per centre, staffing by
//     role, process facilitation), verdicts as labelled coloured badges.
//
// German labels and German number and date formats are the default
// (1.234,5; 15.03.2024); WithLanguage(English) gives English labels and
// formats (1,234.5; 2024-03-15). Domain terms take their labels from the
// kiez glossary; rule messages stay as the rule authors wrote them (in
// the rule file's language). The evidence of verdicts follows the
// report's language: a German report shows the engine's Evidence.Text, an
// English one writes Evidence.Value anew (dates 2024-03-15, decimal
// points, yes/no, "dated" for records, the check summaries in English);
// texts inside a value, such as the bucket labels a cadence check lists,
// stay as they are.
//
// # Published mode
//
// WithPublished builds a report for publication. It shows no
// pseudonymous staff ids (positions appear by role), no free-text notes
// (of centres, Kitas, evidence, budget lines, providers, changes; no
// waiver reasons and no rule evidence), and no count of people below the
// threshold (3 by default, WithThreshold). Counts of sessions, meetings,
// offers, positions and requirements are not counts of families and are
// shown as they are. Notes and StaffIDs list what a published report
// never shows.
//
// Messages. A rule may build its message from any value of the data —
// a note in capitals, the first 20 characters of a note, a position's
// hours — so a published report never shows the rules' messages and
// scrubs no substrings: it rebuilds each message from structured values,
// the rule's title and the outcome ("Die Regel „…“ ist nicht erfüllt.").
// The internal report keeps the rules' own messages and evidence.
//
// Staffing. The hours, release time and start of a position identify
// who holds it, above all a centre's only Leitung. A published report
// lists no positions and no hours per centre (no full-time equivalents
// in the programme's key figures); it sums positions, hours and release
// time by role over the centres it covers, and a role with fewer
// positions than the threshold goes into "Weitere Funktionen", which is
// left out, together with the total, when it too has fewer. Per-position
// figures of the rules (hours checks of one position) are left out of
// the centre report's table of required figures.
//
// # Disclosure control
//
// Counts of people are protected by cell suppression as statistical
// disclosure control describes it (Hundepool et al., Statistical
// Disclosure Control, Wiley 2012, ch. 4 and 5 on frequency tables; the
// τ-ARGUS manual, Statistics Netherlands, on primary and secondary
// suppression and the audit of a suppression pattern):
//
//   - Primary suppression: a count in 1..threshold-1 (a decimal count
//     between 0 and the threshold) is shown as "<3". Zeros stay visible:
//     they describe nobody.
//   - Secondary (complementary) suppression: further cells are shown as
//     "x" so that no "<3" cell can be recomputed. It covers all tables of
//     a report together, not each table alone: cells of different tables
//     that hold the same count — a centre's attendance in a month in the
//     centre × month table, the month's attendance in the monthly table
//     and in the centre × month table's total row, a centre's attendance
//     in the key figures and in the row total of the centre × month table
//     — are one quantity, and withheld in every table or in none. The
//     builders declare what a cell counts with Column.Measure and the
//     Facet of table, row and column (not part of the JSON); cells
//     without a measure are quantities of their own. The additive
//     relations are those of each table: every column of people against
//     its total rows, every row against a column that is the sum of
//     others (SumOf). As all formats render the same Report, they show
//     the same cells; charts draw table columns and hold no numbers of
//     their own.
//   - The choice: first, line by line as before, the smallest shown
//     part above the threshold (else the total) of every line with a
//     single withheld cell or only "<3" cells besides a shown total; a
//     total of two or more withheld parts is marked "x" (marked "<3" it
//     would say it is at least 2). Then the audit below runs, and for
//     every exposed count one more cell is withheld — the smallest shown
//     count of at least the threshold in its relations, nearest first —
//     or, when its whole reach is withheld, a "<3" cell in it is marked
//     "x" instead; until the audit passes.
//
// The audit (Audit, run by every builder on every published report,
// which refuses to return a report that fails it) solves, for each
// withheld count, two linear programs over all the relations of the
// report at once: the smallest and the largest value the count can take
// when every shown cell is fixed, every count is non-negative and every
// mark is read as what it says ("<3": 1..2; "x": at least 1, as zeros
// are shown). Protection criterion: a withheld count the report proves
// to be below the threshold must keep an interval at least as wide as
// the range "<n" states (n-2 for counts, so for n = 3 both 1 and 2 stay
// possible; n for decimal counts); a count the report cannot prove to be
// below the threshold is not sensitive. The solver, a simplex of the
// package's own (a report's sums are redundant by nature, which general
// solvers refuse), is exact for these problems up to a tolerance of 1e-7.
//
// Limits. The audit bounds the linear relaxation: it does not use that
// counts are whole numbers, so an interval of whole numbers may in rare
// cases be narrower than the one it proves (the literature calls the
// exact check integer auditing, and it is NP-hard in general). Only the
// relations a report states are modelled: counts the builders cannot
// tie together (attendance by offer kind against attendance by month
// when some sessions belong to offers outside the period; families of
// Kita sessions) are separate quantities, so a reader who assumes more
// than the report states is not covered. Reports are protected one by
// one: publishing several reports on the same data (a centre's report
// and the programme's) lets a reader combine them, so publish the
// programme report, or audit the reports as one. Decimal counts (impact
// indicators, targets) have no totals and are only primary-suppressed.
// The hours of process facilitation by month are not counts of people
// and are shown.
package report

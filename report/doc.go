// Package report builds the reports of family-centre funding programmes
// from the data and the rules' verdicts, and renders them as JSON, CSV,
// Markdown and self-contained HTML.
//
// Every programme ends in reports. Wiesbaden's KiEZ deliver an annual
// evaluation of their offers and a business report, and the Sachgebiet
// compares attendance across all ten (REQUIREMENTS.md WI-06); in Bad
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
// A builder reads an Input — the validated kiez.Dataset, the loaded
// rules.Programmes, the rules.Results of an evaluation and the period —
// and returns a *Report, the content independent of any format:
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
//
// Sections without data are left out. Options (WithLanguage,
// WithPublished, WithThreshold, WithFullTimeHours, WithStamp, WithTitle,
// WithCentres) set a plain Config; DefaultConfig holds the defaults.
//
// # The document model
//
// A Report has a title, metadata (Field) and ordered Sections, each with
// paragraphs, Tables and Charts. A Column has a type — text, count,
// decimal, date or outcome — a unit, and marks counts of people
// (Persons) and sums of other columns (SumOf); a Row may be a total. A
// Cell holds the machine value and the text people read. A Chart draws
// columns of a table of its section (bar or line series) and holds no
// numbers of its own, so that suppression applies to charts too.
//
// # Renderers
//
// WriteJSON, WriteCSV, WriteMarkdown and WriteHTML (or Write with a
// Format) render any Report to an io.Writer:
//
//   - JSON: the document model, indented, one table row per line; decimals
//     as exact strings, dates as YYYY-MM-DD, outcomes as their ids (see
//     WriteJSON for the shape).
//   - CSV for German spreadsheet software: UTF-8 with byte order mark,
//     semicolons, CRLF, decimal comma in German reports, no thousands
//     separators; one block per table.
//   - Markdown: headings, lists and GitHub tables; charts left out.
//   - HTML: one page without external assets, print style for A4, inline
//     SVG charts (attendance per month, verdicts per centre, staffing by
//     role, process facilitation), verdicts as labelled coloured badges.
//
// German labels and German number and date formats are the default
// (1.234,5; 15.03.2024); WithLanguage(English) gives English labels and
// formats (1,234.5; 2024-03-15). Domain terms take their labels from the
// kiez glossary; rule messages stay as the rule authors wrote them.
//
// # Published mode
//
// WithPublished builds a report for publication. It shows no
// pseudonymous staff ids (positions appear by role), no free-text notes
// (of centres, Kitas, evidence, budget lines, providers, changes; no
// waiver reasons and no rule evidence), and no count of people below the
// threshold (3 by default, WithThreshold): such a cell shows "<3"
// (primary suppression). In every line of a table that has a total — a
// column against its total row, a row against the column that sums it —
// a single suppressed cell, or only primary ones, draw one more
// suppressed cell, shown as "x": the smallest part above the threshold,
// else the total (secondary suppression), so that no suppressed value can
// be recomputed from a total by subtraction. Zero counts stay visible.
// Counts of sessions, meetings, offers, positions and requirements are
// not counts of families and are shown as they are. Notes and StaffIDs
// list what a published report never shows.
package report

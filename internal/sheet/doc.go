// Package sheet reads and writes the session lists (Termine) that family
// centres keep in spreadsheets: one row per session with its date, offer,
// aggregated attendance and, where the programme has them, the Kita; as
// XLSX workbooks or as CSV files in the German spreadsheet dialect.
//
// A sheet holds no free text about people: its columns are the fields of
// kiez.Session (and the centre the row belongs to), each with a German
// header and a stable kebab-case key ([Columns]). An unknown column, a
// notes column among them, is an error, so that nothing is imported that
// the data model does not hold.
//
// Read turns a file into rows and reports every problem as a
// diag.Diagnostic at its cell: the Subject is the file with the row as
// line (for CSV: the line and character column of the field), the Path is
// the cell as a spreadsheet names it, "Termine!B7". Import merges the
// rows into the sessions of their centres and writes them into the text
// of the data file that holds the centres, keeping everything else of the
// file as it was (comments included); it validates the result and places
// the diagnostics about imported sessions at their cells. Export and
// Template write sheets the importer reads.
//
// Why the result is the centre's data file and not a file of sessions
// alone: a centre is one record in one file, and the loader does not
// merge two records of one centre.
//
// The package is internal: it serves kiez import and kiez export. Its
// functions hold no state and are safe for concurrent use.
package sheet

package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kiez-go/kiez/internal/atomicfile"
)

// CSVTableName returns the name of the file WriteCSVTables writes a table
// to: the table's id with ".csv". It returns an error when the id is not
// a plain file name (letters, digits, '.', '_' and '-', starting with a
// letter or digit), as every builder's ids are.
func CSVTableName(t *Table) (string, error) {
	if !tableFileName.MatchString(t.ID) {
		return "", fmt.Errorf("report: table id %q is not a file name: use letters, digits, '.', '_' and '-'", t.ID)
	}
	return t.ID + ".csv", nil
}

var tableFileName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$`)

// WriteCSVTable writes one table of a report as CSV on its own, so that
// it can be imported or feed a pivot table: the header line (labels with
// their units in parentheses), then one line per row, and nothing else
// (no title, metadata or notes). Rows of totals are left out, so that
// an import does not count them twice; the report's CSV (WriteCSV) has
// them. The conventions are those of WriteCSV: UTF-8 with a byte order
// mark, fields separated by semicolons, CRLF, numbers without thousands
// separators and with the report language's decimal mark, dates
// 15.03.2024 (English reports: 2024-03-15), suppressed cells holding
// their mark, and no text that a spreadsheet would run as a formula.
func WriteCSVTable(w io.Writer, r *Report, t *Table) error {
	if r == nil || t == nil {
		return errors.New("report: nil report or table")
	}
	return writeCSV(w, func(write func(...string)) { r.Language.csvTable(write, t, false) })
}

// WriteCSVTables writes every table of the report into the directory dir,
// each as its own file (see WriteCSVTable and CSVTableName), and nothing
// else. The directory is created when missing (with its parents, mode
// rwxrwxrwx less the umask). Each file is written to a temporary file in
// dir, flushed to disk and renamed over the file: an existing file is
// replaced whole or not at all, never left half written, and keeps its
// mode. A file name that is a directory, a symbolic link or anything but
// a regular file is refused before anything is written. Files of dir
// that the report has no table for are left alone.
func WriteCSVTables(dir string, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	type job struct {
		name string
		t    *Table
	}
	var jobs []job
	seen := map[string]string{}
	for i := range r.Sections {
		for j := range r.Sections[i].Tables {
			t := &r.Sections[i].Tables[j]
			name, err := CSVTableName(t)
			if err != nil {
				return err
			}
			if other, ok := seen[strings.ToLower(name)]; ok {
				return fmt.Errorf("report: the tables %s and %s would be written to the same file", other, t.ID)
			}
			seen[strings.ToLower(name)] = t.ID
			jobs = append(jobs, job{name, t})
		}
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, j := range jobs {
		if st, err := os.Lstat(filepath.Join(dir, j.name)); err == nil && !st.Mode().IsRegular() {
			return fmt.Errorf("report: %s is not a regular file; nothing was written", filepath.Join(dir, j.name))
		}
	}
	for _, j := range jobs {
		if err := atomicfile.WriteFile(filepath.Join(dir, j.name), func(w io.Writer) error { return WriteCSVTable(w, r, j.t) }); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

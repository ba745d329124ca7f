package main

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// checkCSVTables checks kiez report --csv-tables DIR before anything is
// read: it goes alone (not with --out or --format, since it replaces the
// report's output), and DIR is a directory or does not exist yet. It
// returns the usage problem in the language of the run, or "".
func checkCSVTables(fl *flags, dir string) string {
	if dir == "" {
		return ""
	}
	for _, name := range []string{"--out", "-o", "--format"} {
		if flagGiven(fl, name[strings.LastIndex(name, "-")+1:]) {
			return fl.tx.t("report.csvTablesAlone", name)
		}
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return fl.tx.t("report.csvTablesBad", dir, unwrapPathError(err))
	case !st.IsDir():
		return fl.tx.t("report.csvTablesNotDir", dir)
	}
	return ""
}

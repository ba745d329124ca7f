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
// returns the usage problem, or "".
func checkCSVTables(fl *flags, dir string) string {
	if dir == "" {
		return ""
	}
	for _, name := range []string{"--out", "-o", "--format"} {
		if flagGiven(fl, name[strings.LastIndex(name, "-")+1:]) {
			return "--csv-tables writes the tables instead of the report; leave out " + name
		}
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ""
	case err != nil:
		return "--csv-tables " + dir + ": " + unwrapPathError(err).Error()
	case !st.IsDir():
		return "--csv-tables " + dir + " is not a directory; name a directory (it is created when missing)"
	}
	return ""
}

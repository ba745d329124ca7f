package main

import (
	"flag"
	"path/filepath"
	"slices"
	"strings"
)

// extensionFormats maps the extensions of output files to the format
// they stand for. ".txt" stands for text only in commands that write
// text (check).
var extensionFormats = map[string]string{
	".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv", ".txt": "text",
	".xlsx": "xlsx",
}

// flagGiven reports whether the flag was set on the command line.
func flagGiven(fs *flags, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// outputFormat decides a command's output format: --format when given,
// else the format the extension of the --out file stands for, else the
// default of --format. It returns a usage problem, or "", when --format
// and the extension disagree or the extension stands for a format that
// the command does not write (one of formats). Standard output and
// extensions that stand for no format leave --format as it is.
func outputFormat(fs *flags, format, out string, formats []string) (string, string) {
	if out == "" || out == "-" {
		return format, ""
	}
	ext := strings.ToLower(filepath.Ext(out))
	extFormat, ok := extensionFormats[ext]
	if !ok || (extFormat == "text" && !slices.Contains(formats, "text")) {
		return format, ""
	}
	if flagGiven(fs, "format") {
		if format != extFormat {
			return format, fs.tx.t("out.formatMismatch", format, out, ext, extFormat, extFormat, extensionOf(format))
		}
		return format, ""
	}
	if !slices.Contains(formats, extFormat) {
		exts := make([]string, len(formats))
		for i, f := range formats {
			exts[i] = extensionOf(f)
		}
		return format, fs.tx.t("out.cannotWrite", out, fs.Name(), extFormat, fs.tx.or(exts...))
	}
	return extFormat, ""
}

// extensionOf is the usual extension of files in format.
func extensionOf(format string) string {
	if format == "text" {
		return ".txt"
	}
	return "." + format
}
